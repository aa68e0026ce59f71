"""Checking what is valid while other parts are not, so that every problem shows in one run.

When the schema rejects part of a file, the rest is still worth cross-checking:
a chair who mistyped a date should learn in the same run that the membership
figures do not add up. `salvage` builds the document from its valid parts;
each part that failed validation stands as `INVALID`, and a check that touches
it stops with `Unchecked`, so only the checks that need a broken value are
skipped (`run_checks`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, TypeVar, get_args, get_origin

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic.fields import FieldInfo

from baocao.caches import remember
from baocao.errors import PathKey
from baocao.schema.walk import is_model, unwrap_optional

T = TypeVar("T")


class Unchecked(Exception):
    """A check read a value that failed validation; that check is skipped."""


class _Invalid:
    """Stands for a value that failed validation: any use of it skips the check using it."""

    __slots__ = ()

    def _skip(self, *_args: Any, **_kwargs: Any) -> Any:
        raise Unchecked

    __getattr__ = __getitem__ = __iter__ = __len__ = __bool__ = __contains__ = _skip
    __lt__ = __le__ = __gt__ = __ge__ = __eq__ = __ne__ = __hash__ = _skip
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __truediv__ = _skip
    __neg__ = __int__ = __index__ = __float__ = __str__ = __format__ = __call__ = _skip

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


def salvage(model: type[BaseModel], data: Any, bad: Iterable[PathKey]) -> Any:
    """`data` as `model` where it is valid, `INVALID` in each part below a path in `bad`."""
    return _Salvage(frozenset(bad)).value(model, data, ())


class _Salvage:
    def __init__(self, bad: frozenset[PathKey]) -> None:
        self.bad = bad

    def broken(self, path: PathKey) -> bool:
        return any(b[: len(path)] == path for b in self.bad)

    def value(self, annotation: Any, data: Any, path: PathKey) -> Any:
        if path in self.bad:
            return INVALID
        kind = unwrap_optional(annotation)
        if is_model(kind) and isinstance(data, dict):
            return self.model(kind, data, path)
        origin, args = get_origin(kind), get_args(kind)
        if origin is list and isinstance(data, list):
            return [self.field(args[0], item, (*path, i)) for i, item in enumerate(data)]
        if origin is dict and isinstance(data, dict):
            return {k: self.field(args[1], v, (*path, k)) for k, v in data.items()}
        return INVALID

    def model(self, kind: type[BaseModel], data: dict[str, Any], path: PathKey) -> Any:
        values = {
            name: self.field(info, data[name], (*path, name))
            for name, info in kind.model_fields.items()
            if name in data
        }
        missing = {name: INVALID for name in kind.model_fields if (*path, name) in self.bad}
        return kind.model_construct(**{**values, **missing})

    def field(self, annotation: Any, data: Any, path: PathKey) -> Any:
        """A valid part validated as the schema would; a broken one salvaged further down."""
        if self.broken(path):
            kind = annotation.annotation if isinstance(annotation, FieldInfo) else annotation
            return self.value(_plain(kind), data, path)
        try:
            return _adapter(annotation).validate_python(data)
        except ValidationError:  # valid only in its context (never expected): left unused
            return INVALID


def _plain(annotation: Any) -> Any:
    """`Annotated[X, …]` → `X`, so that containers and models can be looked into."""
    return get_args(annotation)[0] if get_origin(annotation) is Annotated else annotation


@remember(maxsize=512)
def _adapter(annotation: Any) -> TypeAdapter[Any]:
    """A validator for one field, with its constraints (a `FieldInfo` keeps them)."""
    if isinstance(annotation, FieldInfo):
        return TypeAdapter(Annotated[annotation.annotation, annotation])
    return TypeAdapter(annotation)


def run_checks(checks: Iterable[Callable[[Any], Iterable[T]]], document: Any) -> list[T]:
    """Every finding of every check; one that touches an invalid value stops there, alone."""
    found: list[T] = []
    for check in checks:
        try:
            for finding in check(document):
                found.append(finding)
        except Unchecked:
            continue
    return found
