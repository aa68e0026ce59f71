"""Jinja's sandbox with limits, so that no template can hang a render or take all memory.

Jinja's own sandbox keeps a template away from Python internals, but not from
`range(10**9)`, `'a' * 10**9`, a macro calling itself twice per call, or a
loop inside a loop inside a loop. docxtpl renders in-process, and a render may
run on a worker thread or in a batch worker, so neither signals
(`setitimer` works on the main thread only) nor a trace function (slow, and
global) are used. Instead every place where a template can make work grow is
guarded:

- each operation that builds a string, list or number (`*`, `**`, `+`, `~`,
  `%`, the padding methods and filters, `range`, `lipsum`) is checked *before*
  it runs, against a size limit;
- every loop iteration, macro or call-block body and every call takes a step
  from a per-document budget, and every 64 steps a look at a deadline: the
  compiled template is rewritten so that each of those bodies starts with the
  `_limit_tick` guard, which also charges the static text of the body to an
  output budget, and every `{{ … }}` printed is charged through Jinja's
  `finalize` hook (`limited_finalize`, which the compiled code calls with the
  escaping in one call: `printed`).

Together these bound a render's time and the size of what it emits, whatever
the template does; each breach is a `LimitError` with a Vietnamese message
naming the construct.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import re
import string
import time
import types
from collections.abc import Iterator, Sized
from typing import Any

from jinja2 import nodes, pass_context, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.exceptions import SecurityError
from jinja2.filters import do_center, do_format, do_indent, do_join, do_replace
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, markup_join
from jinja2.sandbox import SandboxedEnvironment
from jinja2.utils import generate_lorem_ipsum
from jinja2.visitor import NodeTransformer
from markupsafe import escape, soft_str

MAX_RANGE = 10_000
"""Items of one `range()`: a report lists tens of things, never thousands."""

MAX_LENGTH = 1_000_000
"""Characters (or items) of any one string or list a template builds: a whole
report is about 50,000 characters of text."""

MAX_INT_BITS = 4_096
"""Bits of an integer built by `*` or `**`: money and counts need under 64."""

MAX_LIPSUM_PARAGRAPHS = 50
MAX_LIPSUM_WORDS = 200
"""`lipsum()` placeholder text: enough to try a layout, not to fill memory."""

MAX_STEPS = 1_000_000
"""Loop iterations, macro bodies and calls in one document: the built-in template
takes a few hundred; a million still renders in seconds."""

MAX_OUTPUT = 50_000_000
"""Characters of XML a document's template may produce: a long report with a
hundred tables is a few MB."""

MAX_SECONDS = 30.0
"""Rendering time for one document: the built-in template takes 0.05 s."""

LIMITS_VERSION = "4"
"""Part of the bytecode cache key: code compiled before these guards must not be reused."""


class LimitError(SecurityError):
    """A template went past one of the limits; the message says which, in Vietnamese."""


def _n(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


# --- the per-document budget ----------------------------------------------------


CLOCK_EVERY = 64
"""Steps between two looks at the clock: a step is a loop body or a call, far under a
millisecond, and reading the clock on every one was a tenth of a render."""


@dataclasses.dataclass
class _Budget:
    deadline: float
    steps: int = 0
    output: int = 0
    clock_at: int = CLOCK_EVERY


_BUDGET: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar(
    "baocao_budget", default=None
)


@contextlib.contextmanager
def limits() -> Iterator[None]:
    """A fresh budget of steps, output and time for rendering one document."""
    token = _BUDGET.set(_Budget(time.monotonic() + MAX_SECONDS))
    try:
        yield
    finally:
        _BUDGET.reset(token)


def _charge(steps: int, output: int) -> None:
    budget = _BUDGET.get()
    if budget is None:  # outside a render (constant folding at compile time): nothing to count
        return
    budget.steps += steps
    budget.output += output
    if budget.steps > MAX_STEPS:
        raise LimitError(
            f"mẫu lặp hoặc gọi macro quá nhiều lần (tối đa {_n(MAX_STEPS)} lần mỗi báo cáo)"
        )
    if budget.output > MAX_OUTPUT:
        raise _too_much_output()
    if budget.steps < budget.clock_at:
        return
    budget.clock_at = budget.steps + CLOCK_EVERY
    if time.monotonic() > budget.deadline:
        raise LimitError(
            f"mẫu điền dữ liệu quá {_n(MAX_SECONDS)} giây (vòng lặp hoặc macro quá lớn?)"
        )


def _too_much_output() -> LimitError:
    return LimitError(f"mẫu tạo ra quá nhiều nội dung (tối đa {_n(MAX_OUTPUT)} ký tự)")


# --- sizes checked before an operation runs --------------------------------------


def _too_long(what: str) -> LimitError:
    return LimitError(f"mẫu {what} quá lớn (tối đa {_n(MAX_LENGTH)} ký tự hoặc phần tử)")


def _check_length(size: int, what: str) -> None:
    if size > MAX_LENGTH:
        raise _too_long(what)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


_SEQUENCES = (str, list, tuple)


def _check_binop(operator: str, left: Any, right: Any) -> None:
    if operator == "*":
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, _SEQUENCES) and _is_int(count):
                _check_length(len(sequence) * max(count, 0), "nhân chuỗi hoặc danh sách «*»")
        if _is_int(left) and _is_int(right):
            _check_bits(left.bit_length() + right.bit_length(), "«*»")
    elif operator == "**" and _is_int(left) and _is_int(right) and abs(left) > 1:
        _check_bits(left.bit_length() * max(right, 0), "lũy thừa «**»")
    elif operator == "+" and isinstance(left, _SEQUENCES) and isinstance(right, Sized):
        _check_length(len(left) + len(right), "nối chuỗi hoặc danh sách «+»")
    elif operator == "%" and isinstance(left, str):
        _check_percent_format(left)


def _check_bits(bits: int, what: str) -> None:
    if bits > MAX_INT_BITS:
        raise LimitError(f"mẫu tính số quá lớn bằng {what} (tối đa {_n(MAX_INT_BITS)} bit)")


_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_percent_format(text: str) -> None:
    """`'%1000000000s' % x` pads to a gigabyte: widths and precisions are bounded."""
    for match in _PERCENT_SPEC.finditer(text):
        for number in match.groups():
            if number is not None and (number == "*" or int(number) > MAX_LENGTH):
                raise _too_long("định dạng chuỗi «%» với độ rộng")


def _check_format_spec(text: str) -> None:
    """`'{:>1000000000}'.format(x)`: the same, for str.format."""
    try:
        fields = list(string.Formatter().parse(text))
    except ValueError:
        return  # str.format itself reports the malformed format
    for _, _, spec, _ in fields:
        if spec and ("{" in spec or any(int(n) > MAX_LENGTH for n in re.findall(r"\d+", spec))):
            raise _too_long("định dạng chuỗi «format» với độ rộng")


_WIDTH_METHODS = frozenset({"ljust", "rjust", "center", "zfill"})


def _check_str_method(text: str, name: str, args: tuple[Any, ...]) -> None:
    """The str methods whose result can be far longer than the string they are called on."""
    first = args[0] if args else None
    if name in _WIDTH_METHODS and isinstance(first, int):
        _check_length(first, f"dùng «{name}()» với độ rộng")
    elif name == "expandtabs" and isinstance(first, int):
        _check_length(len(text) * max(first, 1), "dùng «expandtabs()»")
    elif name == "replace" and len(args) >= 2:
        _check_replace(text, soft_str(args[0]), soft_str(args[1]))
    elif name == "join" and isinstance(first, list | tuple):
        size = sum(len(item) if isinstance(item, str) else 0 for item in first)
        _check_length(size + len(text) * len(first), "nối chuỗi bằng «join()»")
    elif name in ("format", "format_map"):
        _check_format_spec(text)


def _check_replace(text: str, old: str, new: str) -> None:
    hits = len(text) + 1 if not old else text.count(old)
    _check_length(len(text) + hits * max(len(new) - len(old), 0), "thay chuỗi «replace»")


# --- guarded globals and filters ------------------------------------------------


def limited_range(*args: int) -> range:
    """Jinja's `range`, refused beyond MAX_RANGE items before any item is made."""
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise LimitError(f"mẫu dùng range() quá lớn (tối đa {_n(MAX_RANGE)} phần tử)")
    return numbers


def limited_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's `lipsum`, refused beyond MAX_LIPSUM_PARAGRAPHS of MAX_LIPSUM_WORDS words."""
    if n > MAX_LIPSUM_PARAGRAPHS or max > MAX_LIPSUM_WORDS or min > MAX_LIPSUM_WORDS:
        raise LimitError(
            f"mẫu dùng lipsum() quá lớn (tối đa {MAX_LIPSUM_PARAGRAPHS} đoạn, "
            f"{MAX_LIPSUM_WORDS} từ mỗi đoạn)"
        )
    return str(generate_lorem_ipsum(n=n, html=html, min=min, max=max))


def _center(value: str, width: int = 80) -> str:
    if _is_int(width):
        _check_length(width, "dùng bộ lọc «center» với độ rộng")
    return do_center(value, width)


def _indent(s: str, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    lines = soft_str(s).count("\n") + 1
    pad = width if _is_int(width) else len(soft_str(width))
    _check_length(len(soft_str(s)) + lines * int(pad), "dùng bộ lọc «indent» với độ rộng")
    return do_indent(s, width, first, blank)


def _format(value: str, *args: Any, **kwargs: Any) -> str:
    _check_percent_format(soft_str(value))
    return do_format(value, *args, **kwargs)


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str, count: int | None = None) -> str:
    _check_replace(soft_str(s), soft_str(old), soft_str(new))
    return do_replace(eval_ctx, s, old, new, count)


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Any, d: str = "", attribute: Any = None) -> str:
    if attribute is None and isinstance(value, list | tuple):  # `[s] * 1000` of a long `s`
        size = sum(len(item) if isinstance(item, str) else 0 for item in value)
        _check_length(size + len(d) * len(value), "nối chuỗi bằng bộ lọc «join»")
    joined: str = do_join(eval_ctx, value, d, attribute)
    return joined


LIMITED_FILTERS = {
    "center": _center,
    "indent": _indent,
    "format": _format,
    "replace": _replace,
    "join": _join,
}
"""Jinja's filters whose result can be far longer than their input, guarded."""


_PRINTED_SIZED = (*_SEQUENCES, dict)
"""What a printed value's length is charged for; a tuple, not `str | list | …`, which Python
would build again on every value printed."""


def limited_finalize(value: Any) -> Any:
    """Every `{{ … }}` printed is charged to the document's output budget (no step, so no
    look at the clock either: the steps around it look)."""
    if isinstance(value, _PRINTED_SIZED) and (budget := _BUDGET.get()) is not None:
        budget.output += len(value)
        if budget.output > MAX_OUTPUT:
            raise _too_much_output()
    return value


def printed(value: Any) -> str:
    """What `{{ value }}` prints: `escape(limited_finalize(value))`, as Jinja's code would call
    them, in one call, and a text with nothing to escape as it is (the same characters as
    its `Markup`): two calls and a `Markup` for each of the hundreds of values of a
    report were a third of its render."""
    value = limited_finalize(value)
    if type(value) is not str:
        return escape(value)
    # What `escape` replaces: five scans at C speed, cheaper than any loop over the characters.
    if "&" in value or "<" in value or ">" in value or '"' in value or "'" in value:
        return escape(value)
    return value


class _CodeGenerator(CodeGenerator):
    """Jinja's code, each `{{ … }}` printed through `printed` where it would call `escape`
    of `finalize` (with autoescaping on, as baocao's environment has it)."""

    def _output_child_pre(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if _printed_in_one_call(frame, finalize):
            self.write("environment.printed(")
        else:
            super()._output_child_pre(node, frame, finalize)

    def _output_child_post(self, node: nodes.Expr, frame: Frame, finalize: Any) -> None:
        if _printed_in_one_call(frame, finalize):
            self.write(")")
        else:
            super()._output_child_post(node, frame, finalize)


def _printed_in_one_call(frame: Frame, finalize: Any) -> bool:
    context = frame.eval_ctx
    return bool(context.autoescape) and not context.volatile and finalize.src == _FINALIZE_SRC


_FINALIZE_SRC = "environment.finalize("
"""How Jinja's code calls a finalize hook that takes the value alone (`limited_finalize`)."""


# --- the environment ---------------------------------------------------------------


_DICT_ATTRIBUTES = frozenset(dir(dict))
_STR_METHODS = frozenset(name for name in dir(str) if not name.startswith("_")) - {
    "format",
    "format_map",
}


class LimitedEnvironment(SandboxedEnvironment):
    """Jinja's sandbox, with every operation that can grow guarded (see the module)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _CodeGenerator
    printed = staticmethod(printed)

    def __init__(self, **options: Any) -> None:
        options.setdefault("finalize", limited_finalize)
        super().__init__(**options)
        self.globals.update(range=limited_range, lipsum=limited_lipsum)
        self.filters.update(LIMITED_FILTERS)
        self.filters.update({_TICK: _limit_tick, _CONCAT: _limit_concat})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        _check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def getattr(self, obj: Any, attribute: str) -> Any:
        # The data is dicts: an item is what Jinja's sandbox returns for a name that is no
        # attribute of a dict (it tries the attribute first, and returns the item unchecked),
        # here without raising and catching an AttributeError for every `a.b` of a template.
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES and attribute in obj:
            return obj[attribute]
        # A str's public methods but `format`, which Jinja wraps, and a loop's public names
        # are all the sandbox allows of them, unchecked: `x.rstrip`, `loop.last`.
        if type(obj) is str and attribute in _STR_METHODS:
            return getattr(obj, attribute)
        if type(obj) is LoopContext and not attribute.startswith("_"):
            with contextlib.suppress(AttributeError):  # a name it lacks: the sandbox's undefined
                return getattr(obj, attribute)
        # A field of a dataclass instance (`tinh_toan` and its parts) is data, which the
        # sandbox would return after its checks of functions, types and frames.
        if not attribute.startswith("_") and attribute in _data_fields(type(obj)):
            return getattr(obj, attribute)
        return super().getattr(obj, attribute)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        _charge(1, 0)
        if type(__obj) is types.BuiltinMethodType and type(__obj.__self__) is str:
            # `x.rstrip('.;')`: what Jinja's sandbox would do for it, without its generic
            # checks: a method of `str` is never unsafe, takes no context and raises no
            # StopIteration. The compiled call passes its scope as keywords only
            # `Context.call` knows.
            kwargs.pop("_loop_vars", None)
            kwargs.pop("_block_vars", None)
            _check_str_method(__obj.__self__, __obj.__name__, args)
            result = __obj(*args, **kwargs)
        else:
            result = __self._call(__context, __obj, *args, **kwargs)
        if isinstance(result, _SEQUENCES):  # anything unforeseen, at least not kept
            _check_length(len(result), "tạo chuỗi hoặc danh sách")
        return result

    def _call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        method = getattr(__obj, "__wrapped__", __obj)  # Jinja wraps str.format in its sandbox
        owner = getattr(method, "__self__", None)
        if isinstance(owner, str):
            _check_str_method(owner, getattr(method, "__name__", ""), args)
        return super().call(__context, __obj, *args, **kwargs)

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        guarded = _Guard().visit(source)
        guarded.set_environment(self)
        code: str = super()._generate(guarded, *args, **kwargs)
        return code


def _data_fields(cls: type) -> frozenset[str]:
    """The fields of a dataclass, none of any other type (of `type`: a dataclass itself)."""
    if (known := _FIELDS.get(cls)) is None:
        named = dataclasses.fields(cls) if dataclasses.is_dataclass(cls) else ()
        known = _FIELDS[cls] = frozenset(field.name for field in named)
    return known


_FIELDS: dict[type, frozenset[str]] = {}


_UNSUPPORTED: dict[type[nodes.Node], str] = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
}


class _Guard(NodeTransformer):
    """Rewrites a template's tree so that loops and macros pay for what they repeat."""

    def generic_visit(self, node: nodes.Node, *args: Any, **kwargs: Any) -> nodes.Node:
        if type(node) in _UNSUPPORTED:
            raise LimitError(
                f"mẫu dùng thẻ «{_UNSUPPORTED[type(node)]}», không được hỗ trợ: "
                "mẫu phải nằm trọn trong một tệp .docx"
            )
        return super().generic_visit(node, *args, **kwargs)

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return _guard_filter(_CONCAT, nodes.List(node.nodes, lineno=node.lineno))

    def visit_For(self, node: nodes.For | nodes.Macro | nodes.CallBlock) -> nodes.Node:
        self.generic_visit(node)
        static = sum(len(data.data) for item in node.body for data in _template_data(item))
        tick = _guard_filter(_TICK, nodes.Const(static, lineno=node.lineno))
        node.body.insert(0, nodes.ExprStmt(tick, lineno=node.lineno))  # run, nothing printed
        return node

    visit_Macro = visit_CallBlock = visit_For


@pass_context  # which also keeps Jinja from running it once at compile time
def _limit_tick(_context: Context, static: int) -> str:
    """Called first in every loop iteration and macro body (see `_Guard`)."""
    _charge(1, static)
    return ""


@pass_context
def _limit_concat(_context: Context, items: list[Any]) -> str:
    """`a ~ b`, refused before joining beyond MAX_LENGTH."""
    texts = [soft_str(item) for item in items]
    _check_length(sum(len(text) for text in texts), "nối chuỗi «~»")
    joined: str = markup_join(texts)  # a Markup must stay Markup, not be escaped twice
    return joined


_TICK = "baocao_limit_tick"
_CONCAT = "baocao_limit_concat"
"""The guards, as filters: Jinja calls a filter directly, where a call of a method of the
environment would go through the sandbox's `call`, itself charged a step."""


def _guard_filter(name: str, argument: nodes.Expr) -> nodes.Filter:
    return nodes.Filter(argument, name, [], [], None, None, lineno=argument.lineno)


def _template_data(node: nodes.Node) -> Iterator[nodes.TemplateData]:
    if isinstance(node, nodes.TemplateData):
        yield node
    yield from node.find_all(nodes.TemplateData)
