"""What an annual plan (kế hoạch) is made of beyond prose and lists: a heading over points
that stand on their own, its numbered targets, its groups of tasks."""

from __future__ import annotations

from typing import Any

from baocao.packs.blocks.base import Block, Slot
from baocao.schema.chi_tieu import ChiTieu
from baocao.schema.ke_hoach import NhomNhiemVu


def _targets(doc: Any, slot: Slot) -> None:
    """`1. …` to `19. …`: each target in the plan's words, numbered in order."""
    from baocao.render.layout import paragraphs as p

    p.tag(doc, f"{{%p for c in {slot.value} %}}")
    p.para(doc, "{{ loop.index }}. ", "{{ c.noi_dung }}")
    p.tag(doc, "{%p endfor %}")


def _task_groups(doc: Any, slot: Slot) -> None:
    """Each group: `1. Its name` bold, then its paragraphs."""
    from baocao.render.layout import paragraphs as p

    p.tag(doc, f"{{%p for g in {slot.value} %}}")
    p.heading2(doc, "{{ loop.index }}. ", "{{ g.ten }}")
    p.prose(doc, "g.noi_dung")
    p.tag(doc, "{%p endfor %}")


DE_MUC = Block(
    "de_muc",
    "không điền gì: chỉ in đề mục, các mục sau nó đứng riêng trong tệp",
    type(None),
    heading_only=True,
)
CHI_TIEU = Block(
    "chi_tieu",
    "các chỉ tiêu của kế hoạch: ma, noi_dung, loai (như tệp kế hoạch)",
    ChiTieu,
    many=True,
    params=frozenset({"it_nhat"}),
    render=_targets,
)
NHOM_NHIEM_VU = Block(
    "nhom_nhiem_vu",
    "từng nhóm nhiệm vụ: ten (đề mục của nhóm), noi_dung (văn xuôi)",
    NhomNhiemVu,
    many=True,
    params=frozenset({"it_nhat"}),
    render=_task_groups,
)
