"""Prose and lists: what most points of a guideline ask for."""

from __future__ import annotations

from baocao.packs.blocks.base import Block
from baocao.schema.types import Dong, VanBan

VAN_XUOI = Block("van_xuoi", "văn xuôi: mỗi dòng không trống là một đoạn văn", VanBan)
DANH_SACH = Block(
    "danh_sach",
    "danh sách các ý, mỗi ý một dòng «- …»",
    Dong,
    many=True,
    params=frozenset({"it_nhat"}),
)
