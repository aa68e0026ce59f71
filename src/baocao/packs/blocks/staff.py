"""Staff figures and membership changes (part I of a semester report)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from baocao.compute import filters
from baocao.errors import PathKey
from baocao.packs.blocks.base import Block
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


SO_LIEU_DOI_NGU = Block(
    "so_lieu_doi_ngu",
    "số liệu đội ngũ đến một ngày: tổng số CBNGNLĐ, nữ, đoàn viên (không vượt tổng số)",
    SoLieu,
    params=frozenset({"ngay_chot"}),
    checks=(_staff_figures, _as_of),
)
BIEN_DONG_DOAN_VIEN = Block(
    "bien_dong_doan_vien",
    "biến động đoàn viên: đầu kỳ, nghỉ chế độ, chuyển đi, chuyển đến, kết nạp mới, chất lượng",
    BienDong,
    empty=BienDong,
)
