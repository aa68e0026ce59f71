"""The columns of the consolidated table (`Cot`) and the tables of the output (`Bang`).

Both writers print these tables as they are; every cell's text is cleaned here,
once, of the characters a workbook or a document cannot hold (`names.printable`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter

from baocao.province.tong_hop.names import printable
from baocao.province.tong_hop.rows import DonVi, Loi, NgoaiPhamVi, ThayThe, TongHop, TrangThai

Value = int | str | date | None

FONT = "Times New Roman"


@dataclass(frozen=True)
class Cot:
    """A column of the consolidated table: header, width in characters, a unit's value."""

    tieu_de: str
    rong: int
    gia_tri: Callable[[DonVi], Value]
    cong: bool = False
    """Summed in the totals row (counts of people, amounts of money)."""


def _so(tieu_de: str, field: str, rong: int = 10) -> Cot:
    return Cot(tieu_de, rong, attrgetter(f"so_lieu.{field}"), cong=True)


GHI_CHU = Cot("Ghi chú", 32, lambda d: "; ".join(d.ghi_chu))

COT: tuple[Cot, ...] = (
    Cot("Đơn vị", 40, attrgetter("ten")),
    _so("Tổng số CBNGNLĐ", "tong_so"),
    _so("Nữ", "nu", 8),
    _so("Đoàn viên", "doan_vien"),
    _so("Đoàn viên đầu kỳ", "dau_ky"),
    _so("Kết nạp mới", "ket_nap_moi"),
    _so("Chuyển đến", "chuyen_den"),
    _so("Nghỉ chế độ", "nghi_che_do"),
    _so("Chuyển đi", "chuyen_di"),
    _so("Thăm hỏi, hỗ trợ (đồng)", "tham_hoi", 14),
    _so("Dự trù chăm lo Tết (đồng)", "ke_hoach_tet", 14),
    # Targets reached out of the plan's targets, as baocao judges them; summable like counts.
    _so("Chỉ tiêu đạt", "chi_tieu_dat"),
    _so("Tổng số chỉ tiêu", "chi_tieu"),
    Cot("Ngày báo cáo", 12, attrgetter("ngay")),
    Cot("Tệp", 30, lambda d: str(d.tep)),
    GHI_CHU,
)
"""The columns of sheet «Tổng hợp», after «STT»."""


Columns = tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Bang:
    """One table of the output: a sheet of the workbook, a table of the .docx."""

    ten: str
    cot: Columns
    """Each column's header and width in characters."""
    dong: list[list[Value]]
    tong: list[Value] | None = None
    """The totals row, printed bold below the others."""


def tieu_de(result: TongHop) -> str:
    """«Tổng hợp báo cáo sơ kết hoạt động công đoàn học kỳ I, năm học 2023-2024»."""
    year = f", năm học {result.pham_vi.nam_hoc}" if result.pham_vi.nam_hoc else ""
    return f"Tổng hợp báo cáo sơ kết hoạt động công đoàn học kỳ I{year}"


def bang(result: TongHop) -> list[Bang]:
    """The tables of the output: «Tổng hợp», with a roster «Danh sách», «Lỗi», and the
    reports left out: «Đã thay thế», «Ngoài phạm vi»."""
    tables = [_bang_tong_hop(result.don_vi)]
    if result.danh_sach is not None:
        tables.append(_bang_danh_sach(result.danh_sach))
    tables += [_bang_loi(result.loi), _bang_thay_the(result.thay_the), _bang_ngoai(result.ngoai)]
    return [_cleaned(table) for table in tables]


def _clean(value: Value) -> Value:
    return printable(value) if isinstance(value, str) else value


def _cleaned(table: Bang) -> Bang:
    tong = None if table.tong is None else [_clean(v) for v in table.tong]
    rows = [[_clean(v) for v in row] for row in table.dong]
    cot = tuple((printable(header), width) for header, width in table.cot)
    return Bang(table.ten, cot, rows, tong)


def _numbered(rows: list[list[Value]]) -> list[list[Value]]:
    return [[i, *row] for i, row in enumerate(rows, start=1)]


STT = ("STT", 6)


def _bang_tong_hop(units: list[DonVi]) -> Bang:
    rows = _numbered([[cot.gia_tri(unit) for cot in COT] for unit in units])
    totals: list[Value] = [None, f"Tổng cộng ({len(units)} đơn vị)"]
    totals += [_sum(units, c) for c in COT[1:]]
    return Bang("Tổng hợp", (STT, *((c.tieu_de, c.rong) for c in COT)), rows, totals)


def _sum(units: list[DonVi], cot: Cot) -> int | None:
    """A column's total; computed here, not a formula, so every reader sees the same figure."""
    if not cot.cong:
        return None
    return sum(value for unit in units if isinstance(value := cot.gia_tri(unit), int))


def _bang_danh_sach(statuses: list[TrangThai]) -> Bang:
    columns: Columns = (STT, ("Đơn vị", 44), ("Trạng thái", 12), ("Tệp", 36), ("Ghi chú", 50))
    rows: list[list[Value]] = [
        [s.ten, s.trang_thai, str(s.tep) if s.tep else None, s.ghi_chu] for s in statuses
    ]
    return Bang("Danh sách", columns, _numbered(rows))


def _bang_loi(failed: list[Loi]) -> Bang:
    columns = (("Tệp", 40), ("Đơn vị", 36), ("Dòng", 7), ("Cột", 6), ("Mục", 36), ("Lỗi", 70))
    rows: list[list[Value]] = [
        [str(p.file), loi.ten, p.line, p.column, p.path, p.message]
        for loi in failed
        for p in loi.errors
    ]
    return Bang("Lỗi", columns, rows)


def _bang_thay_the(superseded: list[ThayThe]) -> Bang:
    columns: Columns = (STT, ("Đơn vị", 40), ("Ngày báo cáo", 12), ("Tệp", 36))
    columns += (("Thay bằng tệp", 36), ("Ngày báo cáo thay thế", 12))
    rows: list[list[Value]] = [
        [t.don_vi.ten, t.don_vi.ngay, str(t.don_vi.tep), str(t.boi.tep), t.boi.ngay]
        for t in superseded
    ]
    return Bang("Đã thay thế", columns, _numbered(rows))


def _bang_ngoai(outside: list[NgoaiPhamVi]) -> Bang:
    columns: Columns = (STT, ("Đơn vị", 40), ("Năm học", 11), ("Ngày báo cáo", 12))
    columns += (("Cơ quan chủ quản", 36), ("Tệp", 36), ("Lý do", 60))
    rows: list[list[Value]] = [
        [*_unit(o.don_vi), o.don_vi.chu_quan, str(o.don_vi.tep), "; ".join(o.ly_do)]
        for o in outside
    ]
    return Bang("Ngoài phạm vi", columns, _numbered(rows))


def _unit(unit: DonVi) -> list[Value]:
    return [unit.ten, unit.nam_hoc, unit.ngay]
