"""Looking inside the schema's type annotations: which model or list a field holds."""

from __future__ import annotations

import types
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from baocao.errors import PathKey


def unwrap_optional(annotation: Any) -> Any:
    """`X | None` → `X`; any other annotation unchanged."""
    if get_origin(annotation) in (Union, types.UnionType):
        return next(a for a in get_args(annotation) if a is not type(None))
    return annotation


def is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def item_type(annotation: Any) -> Any:
    """The element type of `list[X]`, unwrapped; `annotation` itself if it is no list."""
    args = get_args(annotation)
    return unwrap_optional(args[0]) if get_origin(annotation) is list and args else annotation


def value_type(annotation: Any) -> Any:
    """The value type of `dict[K, V]`, without its `Annotated` extras; None for any other type."""
    args = get_args(annotation)
    if get_origin(annotation) is not dict or len(args) != 2:
        return None
    value = args[1]
    return get_args(value)[0] if get_origin(value) is Annotated else value


def type_at(model: type[BaseModel], path: PathKey) -> Any:
    """The type expected at `path` below `model` (list items by index), or None if unknown."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            current = item_type(current)
        elif value_type(current) is not None:
            current = value_type(current)  # a mapping's keys are data (target ids), not fields
        elif is_model(current) and part in current.model_fields:
            current = unwrap_optional(current.model_fields[part].annotation)
        else:
            return None
    return current
