"""What a block type is: the value the chair fills at a point, and what is checked of it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from baocao.errors import PathKey
from baocao.packs.model import ThamSo

if TYPE_CHECKING:
    from baocao.checks.cross import Finding

Check = Callable[[Any, PathKey, ThamSo], Iterable["Finding"]]
"""A block's own cross-check: its valid value, where it stands, the pack's parameters."""


@dataclass(frozen=True)
class Block:
    """One block type (`khoi`). Its types are the schema's own classes, never copies.

    Its blank-form lines and its JSON Schema follow from `value` (the walkers of
    `schema.skeleton` and pydantic read the classes' Vietnamese titles); a pack
    adds the point's heading and prompt around them.
    """

    name: str
    title: str
    """What the chair fills, in Vietnamese (`baocao huong-dan show`, the README)."""
    value: Any
    """The type of the value, or of each item when `many`."""
    many: bool = False
    empty: Callable[[], Any] | None = None
    """The value of an optional point left out; without it, nothing (None)."""
    params: frozenset[str] = frozenset()
    """The `tham_so` this block accepts (fields of `ThamSo`)."""
    checks: tuple[Check, ...] = ()
