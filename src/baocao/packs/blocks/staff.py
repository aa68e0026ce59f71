"""Staff figures and membership changes (part I of a semester report)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from baocao.compute import filters
from baocao.compute.blocks import tinh_bien_dong, ty_le_doi_ngu
from baocao.errors import PathKey
from baocao.packs.blocks.base import Block, Slot
from baocao.packs.model import ThamSo
from baocao.schema.tinh_hinh import BienDong, SoLieu

if TYPE_CHECKING:
    from baocao.checks.cross import Finding


def _staff_figures(so_lieu: SoLieu, at: PathKey, _params: ThamSo) -> Iterator[Finding]:
    from baocao.checks.cross import staff_figures

    return staff_figures(so_lieu, at)


def _as_of(so_lieu: SoLieu, at: PathKey, params: ThamSo) -> Iterator[Finding]:
    """The guideline fixes the day the figures are counted to («đến thời điểm 20/12»)."""
    from baocao.checks.cross import Finding

    if params.ngay_chot is None:
        return
    day, month = (int(part) for part in params.ngay_chot.split("/"))
    if (so_lieu.thoi_diem.day, so_lieu.thoi_diem.month) != (day, month):
        yield Finding(
            (*at, "thoi_diem"),
            f"số liệu tính đến ngày {filters.ngay_so(so_lieu.thoi_diem)}; hướng dẫn yêu cầu "
            f"tính đến ngày {day:02d}/{month:02d}",
            "canh_bao",
        )


def _figures(doc: Any, slot: Slot) -> None:
    """The two sentences of the staff figures, and their table."""
    from baocao.render.layout import paragraphs as p

    v, d = slot.value, slot.derived
    as_of = f"{{{{ {v}.thoi_diem|ngay_so }}}}"
    p.para(
        doc,
        "- Tổng số cán bộ, người lao động đến thời điểm ",
        as_of,
        ": ",
        f"{{{{ {v}.tong_so|so }}}}",
        " người, trong đó nữ ",
        f"{{{{ {v}.nu|so }}}}",
        " người (chiếm ",
        f"{{{{ {d}.ty_le_nu }}}}",
        ").",
    )
    p.para(
        doc,
        "- Tổng số đoàn viên công đoàn: ",
        f"{{{{ {v}.doan_vien|so }}}}",
        " đoàn viên (đạt ",
        f"{{{{ {d}.ty_le_doan_vien }}}}",
        " tổng số).",
    )
    p.figures_table(
        doc,
        [
            (["Tổng số cán bộ, người lao động"], f"{{{{ {v}.tong_so|so }}}}", ""),
            (["Trong đó: nữ"], f"{{{{ {v}.nu|so }}}}", f"{{{{ {d}.ty_le_nu }}}}"),
            (
                ["Đoàn viên công đoàn (đến ", as_of, ")"],
                f"{{{{ {v}.doan_vien|so }}}}",
                f"{{{{ {d}.ty_le_doan_vien }}}}",
            ),
        ],
    )


def _changes(doc: Any, slot: Slot) -> None:
    """Start and end of the period, the changes by kind, the quality of membership."""
    from baocao.render.layout import paragraphs as p

    v, d = slot.value, slot.derived
    p.para(
        doc,
        "- Biến động đoàn viên: ",
        f"{{%r if {v}.dau_ky is not none %}}",
        "đầu kỳ có ",
        f"{{{{ {v}.dau_ky|so }}}}",
        " đoàn viên, cuối kỳ có ",
        f"{{{{ {d}.cuoi_ky|so }}}}",
        " đoàn viên, ",
        f"{{{{ {d}.thay_doi }}}}",
        "; ",
        "{%r endif %}",
        "kết nạp mới ",
        f"{{{{ {v}.ket_nap_moi|so }}}}",
        ", chuyển đến ",
        f"{{{{ {v}.chuyen_den|so }}}}",
        ", nghỉ chế độ ",
        f"{{{{ {v}.nghi_che_do|so }}}}",
        ", chuyển đi ",
        f"{{{{ {v}.chuyen_di|so }}}}",
        ".",
    )
    p.if_(doc, f"{v}.chat_luong")
    p.labelled(doc, "- Chất lượng đoàn viên:", f"{v}.chat_luong")
    p.endif(doc)


SO_LIEU_DOI_NGU = Block(
    "so_lieu_doi_ngu",
    "số liệu đội ngũ đến một ngày: tổng số CBNGNLĐ, nữ, đoàn viên (không vượt tổng số)",
    SoLieu,
    params=frozenset({"ngay_chot"}),
    checks=(_staff_figures, _as_of),
    render=_figures,
    derive=ty_le_doi_ngu,
)
BIEN_DONG_DOAN_VIEN = Block(
    "bien_dong_doan_vien",
    "biến động đoàn viên: đầu kỳ, nghỉ chế độ, chuyển đi, chuyển đến, kết nạp mới, chất lượng",
    BienDong,
    empty=BienDong,
    render=_changes,
    derive=tinh_bien_dong,
)
