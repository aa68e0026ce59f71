"""What a report attaches: the annual plan's targets, and photos."""

from __future__ import annotations

from typing import Any

from baocao.packs.blocks.base import Block, Slot
from baocao.schema.anh import Anh
from baocao.schema.chi_tieu import ChiTieuBaoCao


def _targets(doc: Any, slot: Slot) -> None:
    """The targets' appendix, titled by the point's heading."""
    from baocao.render.layout import frame
    from baocao.render.layout.paragraphs import literal

    frame.targets_appendix(doc, (literal(slot.node.tieu_de.upper()),), None)


def _photo_list(doc: Any, slot: Slot) -> None:
    """In the body, what is sent with the report: how many photos, and their captions."""
    from baocao.render.layout import paragraphs as p

    v = slot.value
    p.if_(doc, v)
    p.para(
        doc, "Kèm theo báo cáo ", f"{{{{ {v}|length }}}}", " ảnh hoạt động:", keep_with_next=True
    )
    p.tag(doc, f"{{%p for a in {v} %}}")
    p.para(
        doc,
        "- Ảnh ",
        "{{ loop.index }}",
        "{%r if a.chu_thich %}",
        ": ",
        f"{{{{ {p.bare('a.chu_thich')} }}}}",
        "{%r endif %}",
        p.END,
    )
    p.tag(doc, "{%p endfor %}")
    p.endif(doc)


def _photos(doc: Any, slot: Slot) -> None:
    """The photos' appendix (with --phu-luc-anh), titled by the point's heading."""
    from baocao.render.layout import frame
    from baocao.render.layout.paragraphs import literal

    frame.photos_appendix(doc, (literal(slot.node.tieu_de.upper()),))


KET_QUA_CHI_TIEU = Block(
    "ket_qua_chi_tieu",
    "kết quả các chỉ tiêu của kế hoạch năm học (tệp kế hoạch và kết quả từng chỉ tiêu)",
    ChiTieuBaoCao,
    appendix=_targets,
)
ANH = Block(
    "anh",
    "ảnh hoạt động: tệp ảnh và chú thích",
    Anh,
    many=True,
    params=frozenset({"it_nhat"}),
    render=_photo_list,
    appendix=_photos,
)
