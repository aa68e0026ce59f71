"""Reading checked reports into rows, one per unit, and matching them against the roster.

Each file goes through the one check pipeline (in worker processes for many)
and comes back as a small frozen row — its table values, never the validated
report — so memory stays flat however many reports there are. Then, in this
process: which reports belong to this consolidation (school year, semester,
parent body), which report of a unit counts (the one signed last), and what
became of each unit of the roster.
"""

from __future__ import annotations

import functools
import os
import stat
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from baocao.checks.cross import semester_one
from baocao.checks.pipeline import Checked, check_readable
from baocao.compute import filters
from baocao.compute.derived import tong_tien
from baocao.compute.targets import reached
from baocao.errors import Problem, UsageError
from baocao.load.sources import DATA_SUFFIXES
from baocao.province.tong_hop.names import printable, sort_key, text_key, unit_key

NO_DATE = datetime(2000, 1, 1)
"""The workbook's timestamp when no report is valid (else the latest report's date)."""

DA_NOP, CO_LOI, CHUA_NOP = "Đã nộp", "Có lỗi", "Chưa nộp"
"""A roster unit's status: a valid report counted; only files with errors; no file at all."""


@dataclass(frozen=True)
class SoLieu:
    """A unit's figures as the consolidated table shows them."""

    tong_so: int
    nu: int
    doan_vien: int
    dau_ky: int | None
    ket_nap_moi: int
    chuyen_den: int
    nghi_che_do: int
    chuyen_di: int
    tham_hoi: int
    """Đồng spent on support and visits."""
    ke_hoach_tet: int
    """Đồng planned for Tết."""
    chi_tieu_dat: int | None
    """Targets reached, as baocao judges them; None without a plan."""
    chi_tieu: int | None
    """Targets in the plan; None without a plan."""


@dataclass(frozen=True)
class DonVi:
    """One valid report: who sent it, when, for which year and body, and its figures."""

    tep: Path
    ten: str
    """The reporting union, as it signs: `van_ban.co_quan_ban_hanh`."""
    chu_quan: str
    nam_hoc: str
    ngay: date
    han_nop: date | None
    sua_luc: int
    """The file's modification time (ns): which of two reports signed the same day is later."""
    so_lieu: SoLieu
    ghi_chu: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        return unit_key(self.ten)

    @property
    def order(self) -> tuple[Any, ...]:
        """Sorted by name as a person reads it (without «CĐCS Trường»), then by file."""
        return (sort_key(self.key), sort_key(self.ten), str(self.tep))


@dataclass(frozen=True)
class Loi:
    """A file that could not be consolidated: its errors and, when readable, its unit."""

    tep: Path
    errors: tuple[Problem, ...]
    ten: str | None = None


@dataclass(frozen=True)
class ThayThe:
    """A report left out because its unit sent a later one."""

    don_vi: DonVi
    boi: DonVi
    """The report that counts instead."""


@dataclass(frozen=True)
class NgoaiPhamVi:
    """A valid report of another school year, semester or parent body than the table's."""

    don_vi: DonVi
    ly_do: tuple[str, ...]


@dataclass(frozen=True)
class TrangThai:
    """A unit of the roster: its status, the file that decided it, what to look at."""

    ten: str
    trang_thai: str
    tep: Path | None = None
    ghi_chu: str = ""


@dataclass(frozen=True)
class PhamVi:
    """What the table consolidates: one school year's semester I, for one parent body."""

    nam_hoc: str | None = None
    co_quan: str | None = None


@dataclass(frozen=True)
class TongHop:
    """The consolidation: one row per unit, and every report or file that was left out, why."""

    don_vi: list[DonVi]
    loi: list[Loi]
    thay_the: list[ThayThe]
    ngoai: list[NgoaiPhamVi]
    pham_vi: PhamVi
    danh_sach: list[TrangThai] | None = None
    """Every unit of the roster with its status; None when no roster was given."""

    @property
    def ngay(self) -> datetime:
        """The latest report's date: the output's timestamp, so equal input gives equal bytes."""
        days = [d.ngay for d in self.don_vi]
        return datetime.combine(max(days), time()) if days else NO_DATE

    @property
    def chua_nop(self) -> list[TrangThai]:
        return [t for t in self.danh_sach or [] if t.trang_thai == CHUA_NOP]

    def tom_tat(self) -> str:
        """`120 đơn vị, 3 tệp có lỗi chưa được tổng hợp, 2 đơn vị chưa nộp`."""
        parts = [f"{len(self.don_vi)} đơn vị"]
        if self.loi:
            parts.append(f"{len(self.loi)} tệp có lỗi chưa được tổng hợp")
        if self.thay_the:
            parts.append(f"{len(self.thay_the)} báo cáo đã được thay bằng báo cáo ký sau")
        if self.ngoai:
            parts.append(f"{len(self.ngoai)} báo cáo khác kỳ hoặc khác cơ quan chủ quản")
        if self.chua_nop:
            parts.append(f"{len(self.chua_nop)} đơn vị chưa nộp")
        return ", ".join(parts)


# --- Reading, one file at a time (in a worker) ------------------------------------------------


def read_unit(path: Path, outside: bool = False) -> DonVi | Loi | None:
    """One file as a row, a failed file, or None for a plan of targets; never raises.

    Runs in worker processes, so whatever goes wrong must come back as a result:
    one bad file is one row of «Lỗi», never the end of the run. With `outside`, a
    report may name files (its plan) outside its own folder.
    """
    try:
        return _read_unit(path, outside)
    except Exception as error:  # a bug must not cost the province the other files
        message = f"lỗi không mong đợi khi đọc tệp ({type(error).__name__})"
        return Loi(path, (Problem(path, 1, 1, "", message),))


def _read_unit(path: Path, outside: bool) -> DonVi | Loi | None:
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = stat.S_IFREG  # the pipeline says why it cannot be read
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # A FIFO or a device would block reading, or never end.
        return Loi(path, (Problem(path, 1, 1, "", "không phải một tệp dữ liệu thông thường"),))
    checked = check_readable(path, outside=outside, doubts=False)  # the table shows errors alone
    if checked.kind.is_plan:
        return None
    if not checked.ok:
        return Loi(path, tuple(checked.errors), _signed_by(checked))
    if checked.kind.pack is not None:  # the table's columns are the bundled pack's figures
        message = (
            f"báo cáo theo gói hướng dẫn «{checked.kind.pack.ma}»: bảng tổng hợp hiện chỉ "
            "nhận báo cáo theo gói có sẵn; hãy tổng hợp riêng các báo cáo của gói này"
        )
        return Loi(path, (Problem(path, 1, 1, "huong_dan", message),), _signed_by(checked))
    return _row(checked, os.stat(path).st_mtime_ns)


def _signed_by(checked: Checked[Any]) -> str | None:
    """The unit of a file that failed, when its data names it: «Có lỗi», not «Chưa nộp»."""
    data = checked.loaded.data if checked.loaded is not None else None
    van_ban = data.get("van_ban") if isinstance(data, dict) else None
    name = van_ban.get("co_quan_ban_hanh") if isinstance(van_ban, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def _row(checked: Checked[Any], modified: int) -> DonVi:
    report = checked.require()
    vb, tinh_hinh = report.van_ban, report.tinh_hinh
    so_lieu, bien_dong = tinh_hinh.so_lieu, tinh_hinh.bien_dong
    cham_lo = report.ket_qua.cham_lo
    ke_hoach = checked.ke_hoach
    figures = SoLieu(
        so_lieu.tong_so,
        so_lieu.nu,
        so_lieu.doan_vien,
        bien_dong.dau_ky,
        bien_dong.ket_nap_moi,
        bien_dong.chuyen_den,
        bien_dong.nghi_che_do,
        bien_dong.chuyen_di,
        tong_tien(cham_lo.tham_hoi),
        tong_tien(cham_lo.ke_hoach_tet),
        reached(report, ke_hoach) if ke_hoach and ke_hoach.chi_tieu else None,
        (len(ke_hoach.chi_tieu) if ke_hoach else 0) or None,
    )
    return DonVi(
        checked.source,
        vb.co_quan_ban_hanh,
        vb.co_quan_chu_quan,
        vb.nam_hoc,
        vb.ngay,
        vb.han_nop,
        modified,
        figures,
    )


def read_all(
    files: Sequence[Path], workers: int | None = None, *, outside: bool = False
) -> list[DonVi | Loi]:
    """Every file read (in parallel processes), in the order given; plans left out."""
    from baocao.province.batch import parallel

    position = {path: i for i, path in enumerate(files)}
    read = functools.partial(read_unit, outside=outside)
    found = [r for r in parallel(read, files, workers=workers) if r is not None]
    return sorted(found, key=lambda r: position[r.tep])


def read_roster(path: Path) -> list[str]:
    """The expected unit names: a YAML list, or plain text with one name per line (`#` comments)."""
    if not path.is_file():
        raise UsageError(f"{path}: không tìm thấy tệp danh sách đơn vị")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"{path}: không đọc được danh sách đơn vị (cần tệp chữ UTF-8)") from None
    text = printable(text)  # pasted from Word or Zalo; the names go into every output
    if path.suffix.lower() not in DATA_SUFFIXES:
        lines = (line.strip() for line in text.splitlines())
        return [line for line in lines if line and not line.startswith("#")]
    import yaml  # a roster file is rare; a consolidation without one never needs PyYAML

    try:
        names = yaml.safe_load(text)
    except yaml.YAMLError:
        names = None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise UsageError(f"{path}: danh sách đơn vị phải là các dòng «- Tên đơn vị»")
    return [name.strip() for name in names if name.strip()]


# --- Consolidating ---------------------------------------------------------------------------


def tong_hop(
    found: Iterable[DonVi | Loi],
    roster: Sequence[str] | None = None,
    pham_vi: PhamVi = PhamVi(),
) -> TongHop:
    """One row per unit of this consolidation's year, semester and parent body."""
    found = list(found)
    valid = [r for r in found if isinstance(r, DonVi)]
    failed = [r for r in found if isinstance(r, Loi)]
    pham_vi = _resolve(pham_vi, valid)
    inside, outside = _in_scope(valid, pham_vi)
    counted, superseded = _latest(inside)
    expected = None if roster is None else {unit_key(name) for name in roster}
    units = sorted((_noted(u, superseded, expected) for u in counted), key=lambda u: u.order)
    statuses = None if roster is None else _statuses(roster, units, failed, outside)
    return TongHop(units, failed, superseded, outside, pham_vi, statuses)


def _resolve(given: PhamVi, valid: list[DonVi]) -> PhamVi:
    """The school year and parent body given, else those of most units."""
    nam_hoc = given.nam_hoc or _majority(valid, lambda u: u.nam_hoc)
    co_quan = given.co_quan or _majority(valid, lambda u: u.chu_quan)
    return PhamVi(nam_hoc, co_quan)


def _majority(valid: list[DonVi], value: Any) -> str | None:
    """The value most units wrote (each unit counted once per value, however many files
    it sent); a tie goes to the greater key (for years, the later), so a run is repeatable."""
    written: dict[str, str] = {}
    units: set[tuple[str, str]] = set()
    for unit in valid:
        key = text_key(value(unit))
        written.setdefault(key, value(unit))
        units.add((unit.key, key))
    counts = Counter(key for _, key in units)
    return written[max(counts, key=lambda k: (counts[k], k))] if counts else None


def _in_scope(valid: list[DonVi], pham_vi: PhamVi) -> tuple[list[DonVi], list[NgoaiPhamVi]]:
    inside, outside = [], []
    for unit in valid:
        reasons = _outside(unit, pham_vi)
        if reasons:
            outside.append(NgoaiPhamVi(unit, reasons))
        else:
            inside.append(unit)
    return inside, sorted(outside, key=lambda o: o.don_vi.order)


def _outside(unit: DonVi, pham_vi: PhamVi) -> tuple[str, ...]:
    """Why `unit`'s report does not belong in this table, if it does not."""
    reasons = []
    if pham_vi.nam_hoc is not None and unit.nam_hoc != pham_vi.nam_hoc:
        reasons.append(f"Năm học {unit.nam_hoc}, không phải năm học {pham_vi.nam_hoc}")
    # baocao only writes semester I reports, so a report signed outside semester I
    # (August to January of its own school year) is another semester's.
    first, last = semester_one(unit.nam_hoc)
    if not first <= unit.ngay <= last:
        span = f"{filters.ngay_so(first)} – {filters.ngay_so(last)}"
        reasons.append(f"Ký ngày {filters.ngay_so(unit.ngay)}, ngoài học kỳ I ({span})")
    if pham_vi.co_quan is not None and text_key(unit.chu_quan) != text_key(pham_vi.co_quan):
        reasons.append(f"Cơ quan chủ quản «{unit.chu_quan}», không phải «{pham_vi.co_quan}»")
    return tuple(reasons)


def _latest(inside: list[DonVi]) -> tuple[list[DonVi], list[ThayThe]]:
    """Of a unit's reports, the one signed last counts (ties: the file modified last, then
    the later path); the others are set aside, never summed."""
    by_unit: dict[str, list[DonVi]] = defaultdict(list)
    for unit in inside:
        by_unit[unit.key].append(unit)
    counted, superseded = [], []
    for reports in by_unit.values():
        latest = max(reports, key=lambda u: (u.ngay, u.sua_luc, str(u.tep)))
        counted.append(latest)
        superseded += [ThayThe(u, latest) for u in reports if u is not latest]
    return counted, sorted(superseded, key=lambda t: t.don_vi.order)


def _noted(unit: DonVi, superseded: list[ThayThe], expected: set[str] | None) -> DonVi:
    """What the province should look at before trusting the row."""
    notes = []
    replaced = sum(t.boi.tep == unit.tep for t in superseded)
    if replaced:
        notes.append(f"Thay cho {replaced} báo cáo khác của đơn vị (trang «Đã thay thế»)")
    if unit.han_nop is not None and unit.ngay > unit.han_nop:
        notes.append(f"Nộp muộn ({(unit.ngay - unit.han_nop).days} ngày)")
    if expected is not None and unit.key not in expected:
        notes.append("Không có trong danh sách")
    return replace(unit, ghi_chu=tuple(notes))


def _statuses(
    roster: Sequence[str], units: list[DonVi], failed: list[Loi], outside: list[NgoaiPhamVi]
) -> list[TrangThai]:
    """Each unit of the roster once, in the roster's order, with what became of it."""
    counted = {u.key: u for u in units}
    broken: dict[str, list[Loi]] = defaultdict(list)
    for loi in failed:
        if loi.ten is not None:
            broken[unit_key(loi.ten)].append(loi)
    elsewhere = {o.don_vi.key: o for o in reversed(outside)}
    statuses: dict[str, TrangThai] = {}
    for name in roster:
        key = unit_key(name)
        if key in statuses:
            continue
        if key in counted:
            note = f"Có thêm {len(broken[key])} tệp lỗi (trang «Lỗi»)" if broken[key] else ""
            statuses[key] = TrangThai(name, DA_NOP, counted[key].tep, note)
        elif broken[key]:
            loi = broken[key][0]
            statuses[key] = TrangThai(name, CO_LOI, loi.tep, f"{len(loi.errors)} lỗi (trang «Lỗi»)")
        elif key in elsewhere:
            other = elsewhere[key]
            note = f"Chỉ có báo cáo không được tổng hợp: {'; '.join(other.ly_do)}"
            statuses[key] = TrangThai(name, CHUA_NOP, other.don_vi.tep, note)
        else:
            statuses[key] = TrangThai(name, CHUA_NOP)
    return list(statuses.values())
