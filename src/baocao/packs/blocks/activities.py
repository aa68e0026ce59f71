"""What a union did: spending, emulation movements, growth, shortcomings, tasks."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from baocao.compute.derived import tong_chi
from baocao.errors import PathKey
from baocao.packs.blocks.base import Block, Slot
from baocao.packs.model import ThamSo
from baocao.schema.ket_qua import HoatDongChi, PhatTrien, PhongTrao
from baocao.schema.phuong_huong import NhiemVu, TonTai

if TYPE_CHECKING:
    from baocao.checks.cross import Finding


def _spending(hoat_dong: HoatDongChi, at: PathKey, _params: ThamSo) -> Iterator[Finding]:
    from baocao.checks.cross import spending

    return spending(hoat_dong, at)


_LIST = frozenset({"it_nhat"})

SPENDING_WIDTHS_CM = (1.1, 6.4, 5.5, 3.5)  # 16.5 cm, the text width


def _spending_table(doc: Any, slot: Slot) -> None:
    """The prose, then a table of the spending lines with their total, and the total in words."""
    from docx.shared import Cm, Pt

    from baocao.render.layout import paragraphs as p

    v, d = slot.value, slot.derived
    p.prose(doc, f"{v}.mo_ta")
    p.if_(doc, f"{d}.dong")
    widths = [Cm(w) for w in SPENDING_WIDTHS_CM]
    table = p.grid_table(doc, widths, ["STT", "Nội dung", "Cách tính", "Số tiền (đồng)"])
    p.grid_row(table, f"{{%tr for c in {d}.dong %}}", "", "", "")
    p.grid_row(
        table, "{{ loop.index }}", ["{{ c.noi_dung }}"], ["{{ c.chi_tiet }}"], "{{ c.so_tien|so }}"
    )
    p.grid_row(table, "{%tr endfor %}", "", "", "")
    p.grid_row(
        table, "", [p.R("Tổng cộng", bold=True)], "", p.R(f"{{{{ {d}.tong|so }}}}", bold=True)
    )
    p.para(
        doc,
        p.R("Bằng chữ: ", italic=True),
        p.R(f"{{{{ {d}.bang_chu }}}}", italic=True),
        p.R(".", italic=True),
        before=Pt(6),
    )
    p.endif(doc)


def _movements(doc: Any, slot: Slot) -> None:
    """Each movement: its name as a `-` point, its aspects as `+` points, in the order of
    the guideline's sentence about them."""
    from baocao.render.layout import paragraphs as p

    p.tag(doc, f"{{%p for p in {slot.value} %}}")
    p.para(
        doc,
        "- ",
        p.R("{{ p.ten.rstrip('.:;') }}", bold=True, italic=True),
        ":",
        keep_with_next=True,
    )
    p.para(doc, "+ Nơi phát động: ", f"{{{{ {p.bare('p.noi_phat_dong')} }}}}", ";")
    p.labelled(doc, "+ Giải pháp triển khai:", "p.giai_phap")
    p.labelled(doc, "+ Mức độ phù hợp với đặc điểm đơn vị, địa phương, cơ sở:", "p.muc_do_phu_hop")
    p.labelled(doc, "+ Kết quả đạt được:", "p.ket_qua")
    p.if_(doc, "p.mo_hinh_hay")
    p.para(doc, "+ Mô hình hay, cách làm sáng tạo: ", *p.inline_items("p.mo_hinh_hay", "m"))
    p.endif(doc)
    p.if_(doc, "p.khen_thuong")
    p.para(doc, "+ Tôn vinh, khen thưởng: ", *p.inline_items("p.khen_thuong", "k"))
    p.endif(doc)
    p.tag(doc, "{%p endfor %}")


def _growth(doc: Any, slot: Slot) -> None:
    """The prose, then the Party figures."""
    from baocao.render.layout import paragraphs as p

    v = slot.value
    p.prose(doc, f"{v}.mo_ta")
    p.para(
        doc,
        "- Giới thiệu ",
        f"{{{{ {v}.gioi_thieu_dang|so }}}}",
        " đoàn viên ưu tú cho Đảng xem xét; số đoàn viên được kết nạp vào Đảng: ",
        f"{{{{ {v}.ket_nap_dang|so }}}}",
        ".",
    )


def _shortcomings(doc: Any, slot: Slot) -> None:
    """`+ Shortcoming. Nguyên nhân: … . Giải pháp: … .`, one paragraph each."""
    from baocao.render.layout import paragraphs as p

    p.tag(doc, f"{{%p for t in {slot.value} %}}")
    p.para(
        doc,
        "+ ",
        f"{{{{ {p.bare('t.han_che')} }}}}",
        ". Nguyên nhân: ",
        f"{{{{ {p.bare('t.nguyen_nhan')} }}}}",
        ". Giải pháp: ",
        f"{{{{ {p.bare('t.giai_phap')} }}}}",
        ".",
    )
    p.tag(doc, "{%p endfor %}")


def _tasks(doc: Any, slot: Slot) -> None:
    """`+ Task. Giải pháp: A; B.`, one paragraph each."""
    from baocao.render.layout import paragraphs as p

    p.tag(doc, f"{{%p for n in {slot.value} %}}")
    p.para(
        doc,
        "+ ",
        f"{{{{ {p.bare('n.noi_dung')} }}}}",
        "{%r if n.giai_phap %}",
        ". Giải pháp: ",
        *p.inline_items("n.giai_phap", "g"),
        "{%r else %}",
        ".",
        "{%r endif %}",
    )
    p.tag(doc, "{%p endfor %}")


KHOAN_CHI = Block(
    "khoan_chi",
    "văn xuôi kèm các khoản chi (số người × mức chi, hoặc tổng tiền; tổng cộng, bằng chữ)",
    HoatDongChi,
    checks=(_spending,),
    render=_spending_table,
    derive=tong_chi,
)
PHONG_TRAO = Block(
    "phong_trao",
    "các phong trào thi đua: tên, nơi phát động, giải pháp, mức độ phù hợp, kết quả, mô hình "
    "hay, khen thưởng",
    PhongTrao,
    many=True,
    params=_LIST,
    render=_movements,
)
PHAT_TRIEN_DANG = Block(
    "phat_trien_dang",
    "phát triển đoàn viên, đảng viên: văn xuôi, số giới thiệu cho Đảng, số được kết nạp",
    PhatTrien,
    render=_growth,
)
TON_TAI = Block(
    "ton_tai",
    "các tồn tại, hạn chế, mỗi mục kèm nguyên nhân và giải pháp khắc phục",
    TonTai,
    many=True,
    params=_LIST,
    render=_shortcomings,
)
NHIEM_VU = Block(
    "nhiem_vu",
    "các nhiệm vụ, mỗi nhiệm vụ kèm giải pháp",
    NhiemVu,
    many=True,
    params=_LIST,
    render=_tasks,
)
