"""Reading checked reports into rows, one per unit, and matching them against the roster."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path

import yaml

from baocao.checks.pipeline import PLAN, Checked, check_readable
from baocao.compute.derived import TinhToan, tinh_toan
from baocao.errors import UsageError
from baocao.load.sources import DATA_SUFFIXES
from baocao.province.tong_hop.names import sort_key, unit_key
from baocao.schema import BaoCao

NO_DATE = datetime(2000, 1, 1)
"""The workbook's timestamp when no report is valid (else the latest report's date)."""


@dataclass(frozen=True)
class DonVi:
    """One valid report, as a row of the consolidated table."""

    tep: Path
    bao_cao: BaoCao
    tinh_toan: TinhToan
    ghi_chu: tuple[str, ...] = ()

    @property
    def ten(self) -> str:
        """The reporting union, as it signs: `van_ban.co_quan_ban_hanh`."""
        return self.bao_cao.van_ban.co_quan_ban_hanh


@dataclass(frozen=True)
class TongHop:
    """The consolidation: valid units sorted by name, failed files, units yet to report."""

    don_vi: list[DonVi]
    loi: list[Checked[BaoCao]]
    chua_nop: list[str] | None = None
    """Names from the roster with no report; None when no roster was given."""

    @property
    def ngay(self) -> datetime:
        """The latest report's date: the output's timestamp, so equal input gives equal bytes."""
        days = [d.bao_cao.van_ban.ngay for d in self.don_vi]
        return datetime.combine(max(days), time()) if days else NO_DATE

    def tom_tat(self) -> str:
        """`120 đơn vị, 3 tệp có lỗi, 2 đơn vị chưa nộp`."""
        parts = [f"{len(self.don_vi)} đơn vị"]
        if self.loi:
            parts.append(f"{len(self.loi)} tệp có lỗi chưa được tổng hợp")
        if self.chua_nop:
            parts.append(f"{len(self.chua_nop)} đơn vị chưa nộp")
        return ", ".join(parts)


# --- Reading -------------------------------------------------------------------------------


def read_roster(path: Path) -> list[str]:
    """The expected unit names: a YAML list, or plain text with one name per line (`#` comments)."""
    if not path.is_file():
        raise UsageError(f"{path}: không tìm thấy tệp danh sách đơn vị")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"{path}: không đọc được danh sách đơn vị (cần tệp chữ UTF-8)") from None
    if path.suffix.lower() not in DATA_SUFFIXES:
        lines = (line.strip() for line in text.splitlines())
        return [line for line in lines if line and not line.startswith("#")]
    try:
        names = yaml.safe_load(text)
    except yaml.YAMLError:
        names = None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise UsageError(f"{path}: danh sách đơn vị phải là các dòng «- Tên đơn vị»")
    return [name.strip() for name in names if name.strip()]


def tong_hop(files: Sequence[Path], roster: Sequence[str] | None = None) -> TongHop:
    """Check every file and consolidate the valid ones; against `roster`, find who is missing."""
    checked = [c for c in map(check_readable, files) if c.kind is not PLAN]
    valid = [c for c in checked if c.ok]
    failed = [c for c in checked if not c.ok]
    units = _units(valid, roster)
    missing = None if roster is None else _missing(roster, units)
    return TongHop(units, failed, missing)


def _units(valid: list[Checked[BaoCao]], roster: Sequence[str] | None) -> list[DonVi]:
    reports = [(c, c.require()) for c in valid]
    counts = Counter(unit_key(b.van_ban.co_quan_ban_hanh) for _, b in reports)
    expected = None if roster is None else {unit_key(name) for name in roster}
    units = [
        DonVi(c.source, b, tinh_toan(b, c.plan), _notes(b, counts, expected)) for c, b in reports
    ]
    return sorted(units, key=lambda d: (sort_key(d.ten), str(d.tep)))


def _notes(bao_cao: BaoCao, counts: Counter[str], expected: set[str] | None) -> tuple[str, ...]:
    """What the province should look at before trusting the row."""
    vb = bao_cao.van_ban
    key = unit_key(vb.co_quan_ban_hanh)
    notes = []
    if counts[key] > 1:
        notes.append(f"Trùng đơn vị ({counts[key]} tệp)")
    if vb.han_nop is not None and vb.ngay > vb.han_nop:
        notes.append(f"Nộp muộn ({(vb.ngay - vb.han_nop).days} ngày)")
    if expected is not None and key not in expected:
        notes.append("Không có trong danh sách")
    return tuple(notes)


def _missing(roster: Sequence[str], units: list[DonVi]) -> list[str]:
    reported = {unit_key(d.ten) for d in units}
    return [name for name in roster if unit_key(name) not in reported]
