"""The columns of the consolidated table (`Cot`) and the tables of the output (`Bang`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from baocao.checks.pipeline import Checked
from baocao.compute.targets import TRANG_THAI
from baocao.province.tong_hop.names import unit_key
from baocao.province.tong_hop.rows import DonVi, TongHop
from baocao.schema import BaoCao

Value = int | str | date | None

FONT = "Times New Roman"
DAT = TRANG_THAI["dat"]


@dataclass(frozen=True)
class Cot:
    """A column of the consolidated table: header, width in characters, a unit's value."""

    tieu_de: str
    rong: int
    gia_tri: Callable[[DonVi], Value]
    cong: bool = False
    """Summed in the totals row (counts of people, amounts of money)."""


def _so(tieu_de: str, attribute: str, rong: int = 10) -> Cot:
    return Cot(tieu_de, rong, attrgetter(attribute), cong=True)


def _targets(status: str | None) -> Callable[[DonVi], Value]:
    """How many of a unit's targets have `status` (all of them for None); blank without a plan."""

    def count(unit: DonVi) -> Value:
        rows = unit.tinh_toan.chi_tieu
        if not rows:
            return None
        return sum(status is None or row.danh_gia == status for row in rows)

    return count


COT_CHI_TIEU = (
    Cot("Chỉ tiêu đạt", 10, _targets(DAT), cong=True),
    Cot("Tổng số chỉ tiêu", 10, _targets(None), cong=True),
)
"""Targets reached out of the plan's targets, as baocao judges them; summable like counts."""


GHI_CHU = Cot("Ghi chú", 32, lambda d: "; ".join(d.ghi_chu))

COT: tuple[Cot, ...] = (
    Cot("Đơn vị", 40, attrgetter("ten")),
    _so("Tổng số CBNGNLĐ", "bao_cao.tinh_hinh.so_lieu.tong_so"),
    _so("Nữ", "bao_cao.tinh_hinh.so_lieu.nu", 8),
    _so("Đoàn viên", "bao_cao.tinh_hinh.so_lieu.doan_vien"),
    _so("Đoàn viên đầu kỳ", "bao_cao.tinh_hinh.bien_dong.dau_ky"),
    _so("Kết nạp mới", "bao_cao.tinh_hinh.bien_dong.ket_nap_moi"),
    _so("Chuyển đến", "bao_cao.tinh_hinh.bien_dong.chuyen_den"),
    _so("Nghỉ chế độ", "bao_cao.tinh_hinh.bien_dong.nghi_che_do"),
    _so("Chuyển đi", "bao_cao.tinh_hinh.bien_dong.chuyen_di"),
    _so("Thăm hỏi, hỗ trợ (đồng)", "tinh_toan.tham_hoi.tong", 14),
    _so("Dự trù chăm lo Tết (đồng)", "tinh_toan.ke_hoach_tet.tong", 14),
    *COT_CHI_TIEU,
    Cot("Ngày báo cáo", 12, attrgetter("bao_cao.van_ban.ngay")),
    Cot("Tệp", 30, lambda d: str(d.tep)),
    GHI_CHU,
)
"""The columns of sheet «Tổng hợp», after «STT»."""


@dataclass(frozen=True)
class Bang:
    """One table of the output: a sheet of the workbook, a table of the .docx."""

    ten: str
    cot: tuple[tuple[str, int], ...]
    """Each column's header and width in characters."""
    dong: list[list[Value]]
    tong: list[Value] | None = None
    """The totals row, printed bold below the others."""


def bang(result: TongHop) -> list[Bang]:
    """The tables of the output: «Tổng hợp», «Lỗi» and, with a roster, «Chưa nộp»."""
    tables = [_bang_tong_hop(result.don_vi), _bang_loi(result.loi)]
    if result.chua_nop is not None:
        tables.append(Bang("Chưa nộp", (("STT", 6), ("Đơn vị", 50)), _numbered(result.chua_nop)))
    return tables


def _numbered(names: list[str]) -> list[list[Value]]:
    return [[i, name] for i, name in enumerate(names, start=1)]


def _bang_tong_hop(units: list[DonVi]) -> Bang:
    rows: list[list[Value]] = [
        [i, *(cot.gia_tri(unit) for cot in COT)] for i, unit in enumerate(units, start=1)
    ]
    totals: list[Value] = [None, f"Tổng cộng ({len(units)} đơn vị)"]
    totals += [_sum(units, c) for c in COT[1:]]
    if len({unit_key(unit.ten) for unit in units}) < len(units):
        totals[1 + COT.index(GHI_CHU)] = "Tổng đã cộng cả các tệp trùng đơn vị"
    return Bang("Tổng hợp", (("STT", 6), *((c.tieu_de, c.rong) for c in COT)), rows, totals)


def _sum(units: list[DonVi], cot: Cot) -> int | None:
    """A column's total; computed here, not a formula, so every reader sees the same figure."""
    if not cot.cong:
        return None
    return sum(value for unit in units if isinstance(value := cot.gia_tri(unit), int))


def _bang_loi(failed: list[Checked[BaoCao]]) -> Bang:
    columns = (("Tệp", 40), ("Dòng", 7), ("Cột", 6), ("Mục", 36), ("Lỗi", 70))
    rows: list[list[Value]] = [
        [str(p.file), p.line, p.column, p.path, p.message] for c in failed for p in c.errors
    ]
    return Bang("Lỗi", columns, rows)
