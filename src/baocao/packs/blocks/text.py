"""Prose and lists: what most points of a guideline ask for."""

from __future__ import annotations

from typing import Any

from baocao.packs.blocks.base import Block, Slot
from baocao.schema.types import Dong, VanBan


def _paragraphs(doc: Any, slot: Slot) -> None:
    """One body paragraph per non-blank line."""
    from baocao.render.layout import paragraphs as p

    p.prose(doc, slot.value)


def _items(doc: Any, slot: Slot) -> None:
    """`- item;` one per paragraph, the last ending with `.`."""
    from baocao.render.layout import paragraphs as p

    p.items(doc, slot.value, "-")


VAN_XUOI = Block(
    "van_xuoi", "văn xuôi: mỗi dòng không trống là một đoạn văn", VanBan, render=_paragraphs
)
DANH_SACH = Block(
    "danh_sach",
    "danh sách các ý, mỗi ý một dòng «- …»",
    Dong,
    many=True,
    params=frozenset({"it_nhat"}),
    render=_items,
)
