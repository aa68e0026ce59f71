"""The year's progress on the plan's targets: each report's status, and what is left.

Pure, like `compute`: the plan and the reports that measure it (semester I now;
semester II or year end later) become one table, a row per target and a column
per report in date order, with the same statuses as each report's appendix
(`targets.rows`). The last column says what is left before the year ends for
every target the latest report does not find reached.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from baocao.compute import filters
from baocao.compute.targets import (
    CHUA_BAO_CAO,
    KY_BAO_CAO,
    TRANG_THAI,
    Ky,
    _with_unit,
    count,
    measure,
    rows,
    share,
    status,
)
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import ChiTieu, KeHoach, ThucHien

TEN_KY: dict[Ky, str] = {"hoc_ky_1": "HK I", "ca_nam": "Cả năm"}
"""A period as a column header names it."""

DAT = TRANG_THAI["dat"]


def ky_of(bao_cao: BaoCao) -> Ky:
    """The period a report covers: baocao writes semester-I reviews only, for now."""
    return KY_BAO_CAO


@dataclass(frozen=True)
class KetQuaKy:
    """One target as one report finds it: its status and the measured result («—» if none)."""

    danh_gia: str
    ket_qua: str

    @property
    def text(self) -> str:
        """The cell: the status, then the result on a line of its own when there is one."""
        return self.danh_gia if self.ket_qua == "—" else f"{self.danh_gia}\n{self.ket_qua}"


@dataclass(frozen=True)
class DongTienDo:
    """One target of the plan across the year."""

    stt: int
    noi_dung: str
    theo_ky: tuple[KetQuaKy, ...]
    """One per report, in the columns' order."""
    con_phai_lam: str
    """What is left by the end of the year; empty once the latest report finds it reached."""


@dataclass(frozen=True)
class BangTienDo:
    """The table: the plan's targets against every report that measures them."""

    nam_hoc: str
    cot: tuple[str, ...]
    """Each report's column header, e.g. «HK I (20/12/2023)», in date order."""
    dong: tuple[DongTienDo, ...]

    @property
    def tieu_de(self) -> tuple[str, ...]:
        return ("STT", "Chỉ tiêu", *self.cot, "Còn phải làm")

    def o(self) -> list[list[int | str]]:
        """Every row's cells, in the headers' order."""
        return [
            [row.stt, row.noi_dung, *(each.text for each in row.theo_ky), row.con_phai_lam]
            for row in self.dong
        ]


def tien_do(ke_hoach: KeHoach, reports: Sequence[BaoCao]) -> BangTienDo:
    """The progress table of `ke_hoach` as `reports` (valid, naming this plan) measure it."""
    ordered = sorted(reports, key=lambda b: b.van_ban.ngay)
    columns = [_column(ke_hoach, b) for b in ordered]
    headers = tuple(f"{TEN_KY[ky_of(b)]} ({filters.ngay_so(b.van_ban.ngay)})" for b in ordered)
    latest = ordered[-1] if ordered else None
    table = [
        DongTienDo(
            stt, target.noi_dung, tuple(c[stt - 1] for c in columns), con_phai_lam(target, latest)
        )
        for stt, target in enumerate(ke_hoach.chi_tieu, start=1)
    ]
    return BangTienDo(ke_hoach.nam_hoc, headers, tuple(table))


NUMBERS = ("ty_le", "so_luong", "khong_vi_pham")
"""Kinds whose measured result is shown under the status: the figures that move over the year.
The others' results («Đã thực hiện», a chair's note) say no more than the status."""


def _column(ke_hoach: KeHoach, bao_cao: BaoCao) -> list[KetQuaKy]:
    """One report's column: the status of each target as its appendix gives it."""
    actuals = bao_cao.chi_tieu.ket_qua if bao_cao.chi_tieu else {}
    column = []
    for target, row in zip(ke_hoach.chi_tieu, rows(bao_cao, ke_hoach, ky_of(bao_cao)), strict=True):
        actual = actuals.get(target.ma)
        measured = (
            measure(target, actual, bao_cao)
            if actual is not None and target.loai in NUMBERS
            else None
        )
        column.append(KetQuaKy(row.danh_gia, measured.text if measured else "—"))
    return column


def con_phai_lam(target: ChiTieu, latest: BaoCao | None) -> str:
    """What is left of `target` by the year's end after the `latest` report; empty when reached."""
    actual = latest.chi_tieu.ket_qua.get(target.ma) if latest and latest.chi_tieu else None
    if latest is None or actual is None:
        return f"{CHUA_BAO_CAO}: cần ghi kết quả"
    if status(target, actual, latest, ky_of(latest)) == "dat":
        return ""
    if target.loai == "khong_vi_pham":
        return "Đã có vi phạm: không còn đạt được trong năm học"
    if target.loai == "co_khong":
        return "Thực hiện trước cuối năm học"
    if target.loai == "mo_ta":
        return "Hoàn thành trước cuối năm học"
    if measure(target, actual, latest) is None:
        return "Chưa có kết quả đo được: cần ghi số liệu"
    return _gap(target, actual, latest)


def _gap(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> str:
    """How far a measured share or count is from its threshold, in people or units."""
    if target.loai == "ty_le":
        part, whole = share(actual, bao_cao) or (0, 0)
        need = _least_share(target, whole)
        level = f"trên {target.lon_hon}%" if target.lon_hon is not None else f"{target.it_nhat}%"
        return f"Còn {need - part} người để đạt {level} (cần {need}/{whole})"
    if target.phan:
        left = [
            (part.ten, part.it_nhat - actual.phan.get(part.ma, 0))
            for part in target.phan
            if actual.phan.get(part.ma, 0) < part.it_nhat
        ]
        return "; ".join(f"{name}: còn {_with_unit(n, target.don_vi)}" for name, n in left)
    value = count(actual, bao_cao) or 0
    need = target.lon_hon + 1 if target.lon_hon is not None else target.it_nhat or 0
    return f"Còn {_with_unit(need - value, target.don_vi)}"


def _least_share(target: ChiTieu, whole: int) -> int:
    """The fewest people of `whole` that reach the target's share (exact, as `targets` compares)."""
    if target.lon_hon is not None:
        return target.lon_hon * whole // 100 + 1
    return -(-(target.it_nhat or 0) * whole // 100)
