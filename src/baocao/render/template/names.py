"""Following the data's types through a template's Jinja syntax tree.

Every variable, attribute, filter and test a template uses is checked against
what `render.context()` will hold (see `template_data`), through `{% for %}`
loop variables, `{% set %}`, `{% with %}` and macro arguments. A typo is thus
reported for every place it occurs, before rendering, instead of as the first
StrictUndefined error of the first report that reaches it.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, get_type_hints

from jinja2 import Environment, nodes

from baocao.caches import remember
from baocao.compute import filters
from baocao.errors import did_you_mean
from baocao.render.template.data import Member, has_members, kind_name, list_item, members, plain
from baocao.schema.walk import is_model


@dataclasses.dataclass(frozen=True)
class Finding:
    """A problem at a line of a template's source, and the word to show it by."""

    lineno: int
    needle: str
    message: str


@dataclasses.dataclass(frozen=True)
class _Value:
    """What an expression is known to hold, and how the template wrote it (for messages)."""

    annotation: Any
    path: str


_UNKNOWN = _Value(Any, "")
"""A value whose type cannot be followed (a call's result, arithmetic): nothing is checked."""


@dataclasses.dataclass(frozen=True)
class _Loop:
    """Jinja's `loop` inside `{% for %}`: only its fields are real attributes."""

    index: int
    index0: int
    revindex: int
    revindex0: int
    first: bool
    last: bool
    length: int
    depth: int
    depth0: int
    previtem: Any
    nextitem: Any
    cycle: Any
    changed: Any


_DICT_METHODS = frozenset({"items", "keys", "values", "get"})
"""Templates see the data as `model_dump()` dicts, so these work on every model."""

_UNCHECKED_TESTS = frozenset({"defined", "undefined"})
"""Tests whose very point is a name that may be missing."""


def check_names(
    template: nodes.Template, env: Environment, context: Mapping[str, Member]
) -> list[Finding]:
    """Every unknown variable, attribute, filter and test `template` uses."""
    checker = _Checker(env, context)
    checker.visit(template)
    return checker.findings


class _Checker:
    """Walks statements in order, keeping a scope of what each visible name holds."""

    def __init__(self, env: Environment, context: Mapping[str, Member]) -> None:
        self.env = env
        self.findings: list[Finding] = []
        top = {name: _Value(member.annotation, name) for name, member in context.items()}
        self.scopes: list[dict[str, _Value]] = [{n: _UNKNOWN for n in env.globals}, top]

    # --- statements -------------------------------------------------------

    def visit(self, node: nodes.Node) -> None:
        """Check `node`; statements that bind names get their own method."""
        method = getattr(self, f"visit_{type(node).__name__}", None)
        if method is not None:
            method(node)
        elif isinstance(node, nodes.Expr):
            self.value(node)
        else:
            self.visit_all(node.iter_child_nodes())

    def visit_all(self, children: Iterable[nodes.Node]) -> None:
        for child in children:
            self.visit(child)

    def visit_For(self, node: nodes.For) -> None:
        items = self.value(node.iter)
        item = list_item(items.annotation)
        with self.scope():
            self.bind(node.target, _Value(Any if item is None else item, ""))
            if node.test is not None:
                self.value(node.test)
            self.define("loop", _Value(_Loop, "loop"))
            self.visit_all(node.body)
        self.visit_all(node.else_)

    def visit_Assign(self, node: nodes.Assign) -> None:
        self.bind(node.target, self.value(node.node))

    def visit_AssignBlock(self, node: nodes.AssignBlock) -> None:
        self.visit_all(node.body)
        if node.filter is not None:
            self.value(node.filter)
        self.bind(node.target, _Value(str, ""))

    def visit_With(self, node: nodes.With) -> None:
        values = [self.value(value) for value in node.values]
        with self.scope():
            for target, value in zip(node.targets, values, strict=True):
                self.bind(target, value)
            self.visit_all(node.body)

    def visit_Macro(self, node: nodes.Macro) -> None:
        self.define(node.name, _UNKNOWN)
        self.callable_body(node)

    def visit_CallBlock(self, node: nodes.CallBlock) -> None:
        self.value(node.call)
        self.callable_body(node)

    def callable_body(self, node: nodes.Macro | nodes.CallBlock) -> None:
        """A macro's or call block's body, where its arguments and `caller` are defined."""
        self.visit_all(node.defaults)
        with self.scope():
            for name in ("caller", "varargs", "kwargs", *(arg.name for arg in node.args)):
                self.define(name, _UNKNOWN)
            self.visit_all(node.body)

    # --- names and scopes -------------------------------------------------

    @contextlib.contextmanager
    def scope(self) -> Iterator[None]:
        self.scopes.append({})
        try:
            yield
        finally:
            self.scopes.pop()

    def define(self, name: str, value: _Value) -> None:
        self.scopes[-1][name] = value

    def bind(self, target: nodes.Node, value: _Value) -> None:
        """Give the names of an assignment target (`x`, `a, b`, `ns.x`) their values."""
        if isinstance(target, nodes.Name):
            self.define(target.name, _Value(value.annotation, target.name))
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, _UNKNOWN)
        elif isinstance(target, nodes.NSRef):
            self.lookup(target.name, target)

    def lookup(self, name: str, node: nodes.Node) -> _Value:
        for scope in reversed(self.scopes):
            if name in scope:
                return scope[name]
        visible = {n for scope in self.scopes[1:] for n in scope}
        self.report(node, name, f"không có «{name}» trong dữ liệu của báo cáo", visible)
        return _UNKNOWN

    def report(self, node: nodes.Node, name: str, message: str, known: Iterable[str]) -> None:
        self.findings.append(Finding(node.lineno, name, message + did_you_mean(name, known)))

    # --- expressions --------------------------------------------------------

    def value(self, node: nodes.Node) -> _Value:
        """Check expression `node` and return what it holds, as far as it can be followed."""
        method = getattr(self, f"value_{type(node).__name__}", None)
        if method is not None:
            return method(node)  # type: ignore[no-any-return]
        self.visit_all(node.iter_child_nodes())
        return _UNKNOWN

    def value_Name(self, node: nodes.Name) -> _Value:
        return self.lookup(node.name, node)

    def value_Const(self, node: nodes.Const) -> _Value:
        return _Value(type(node.value), repr(node.value))

    def value_Getattr(self, node: nodes.Getattr) -> _Value:
        return self.attribute(self.value(node.node), node.attr, node)

    def value_Getitem(self, node: nodes.Getitem) -> _Value:
        base = self.value(node.node)
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return self.attribute(base, node.arg.value, node)
        self.value(node.arg)
        item = list_item(base.annotation)
        if isinstance(node.arg, nodes.Slice) or item is None:
            return _Value(base.annotation if item is not None else Any, base.path)
        return _Value(item, f"{base.path}[…]")

    def value_Call(self, node: nodes.Call) -> _Value:
        self.value(node.node)
        self.arguments(node)
        return _UNKNOWN

    def value_Filter(self, node: nodes.Filter) -> _Value:
        if node.node is not None:
            self.value(node.node)
        known = self.named(node, self.env.filters, "bộ lọc")
        return _Value(_filter_result(node.name) if known else Any, "")

    def value_Test(self, node: nodes.Test) -> _Value:
        if node.name not in _UNCHECKED_TESTS:
            self.value(node.node)
        self.named(node, self.env.tests, "phép thử")
        return _Value(bool, "")

    def named(self, node: nodes.Filter | nodes.Test, known: Mapping[str, Any], noun: str) -> bool:
        """Check a filter's or test's arguments and name; whether the name exists."""
        self.arguments(node)
        if node.name in known:
            return True
        self.report(node, node.name, f"không có {noun} «{node.name}»", known)
        return False

    def arguments(self, node: nodes.Call | nodes.Filter | nodes.Test) -> None:
        self.visit_all(node.args)
        self.visit_all(keyword.value for keyword in node.kwargs)
        self.visit_all(extra for extra in (node.dyn_args, node.dyn_kwargs) if extra is not None)

    def attribute(self, base: _Value, name: str, node: nodes.Node) -> _Value:
        """`base.name`, reported when the data can never have it."""
        kind = plain(base.annotation)
        if kind is Any:
            return _UNKNOWN
        path = f"{base.path}.{name}"
        fields = members(kind)
        if name in fields:
            return _Value(fields[name].annotation, path)
        if has_members(kind):
            if not (is_model(kind) and name in _DICT_METHODS):
                self.report(node, name, f"không có «{name}» trong {base.path}", fields)
        elif name.startswith("_"):
            self.report(node, name, f"«{name}» không dùng được trong mẫu", ())
        elif not hasattr(kind, name):
            self.report(node, name, *_no_attribute(base, name, kind))
        return _UNKNOWN


def _no_attribute(base: _Value, name: str, kind: Any) -> tuple[str, list[str]]:
    """The message for a text, number, date or list without `name`, and names it does have."""
    message = f"{base.path} là {kind_name(kind)}, không có «{name}»"
    if list_item(kind) is not None:  # surely meant for the items, not for list methods
        return f"{message}; dùng «{{% for x in {base.path} %}}» để lấy từng mục", []
    return message, [attribute for attribute in dir(kind) if not attribute.startswith("_")]


@remember(maxsize=None)
def _filter_result(name: str) -> Any:
    """What one of baocao's filters returns (`doan` → list[str]); Any for Jinja's own."""
    function = filters.FILTERS.get(name)
    return get_type_hints(function).get("return", Any) if function else Any
