"""What a block type is: the value the chair fills at a point, what is checked of it, what
is derived from it, and how it is printed."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from baocao.errors import PathKey
from baocao.packs.model import Muc, ThamSo

if TYPE_CHECKING:
    from baocao.checks.cross import Finding

Check = Callable[[Any, PathKey, ThamSo], Iterable["Finding"]]
"""A block's own cross-check: its valid value, where it stands, the pack's parameters."""


@dataclass(frozen=True)
class Slot:
    """Where a block is printed: its point, and the template's names for its values."""

    node: Muc
    value: str
    """The Jinja expression of the value the chair filled, e.g. `ket_qua.doi_ngu`."""
    derived: str
    """The Jinja expression of what baocao derives from it (`Block.derive`)."""


Recipe = Callable[[Any, Slot], None]
"""How a block is printed: the paragraphs, tags and tables it adds to a template's body
(a python-docx document or cell), written with `render.layout.paragraphs`."""


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
    render: Recipe | None = None
    """Its paragraphs at its place in the body; None prints nothing there."""
    appendix: Recipe | None = None
    """Its appendix after the signature (the targets' table, the photos), if it has one."""
    heading_only: bool = False
    """A heading and nothing to fill (`de_muc`): printed whether or not the file has the key."""
    derive: Callable[[Any], Any] | None = None
    """What baocao computes from a valid value for the template: a pure function of
    `compute.blocks` whose return type (a dataclass: totals, shares) the template checker
    and guide read. None when the block prints only what was typed."""
