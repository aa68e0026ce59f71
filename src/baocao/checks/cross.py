"""Checks across fields that the schema's types alone cannot express.

Pure: each check takes a validated report and returns findings with the path
of the value at fault; `validate` places them in the YAML file.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

from baocao.checks.partial import run_checks
from baocao.compute import filters
from baocao.compute.derived import doan_vien_cuoi_ky
from baocao.compute.targets import LOAI, shape_problem
from baocao.errors import PathKey, Severity, did_you_mean
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import ChiTieu, KeHoach, ThucHien
from baocao.schema.ket_qua import HoatDongChi, KhoanChi
from baocao.schema.tinh_hinh import SoLieu

_SO_LIEU = ("tinh_hinh", "so_lieu")
_CHAM_LO = ("ket_qua", "cham_lo")


@dataclass(frozen=True)
class Finding:
    """Something wrong (an error stops rendering) or doubtful (a warning) at `path`."""

    path: PathKey
    message: str
    severity: Severity = "loi"
    at_key: bool = False
    """Placed on the key rather than its value: a key that should not be there."""


def check(bao_cao: BaoCao) -> list[Finding]:
    """Every cross-field finding about the report, errors and warnings alike.

    `bao_cao` may be salvaged from a file with invalid parts: a check that needs
    one of them is skipped, the others still run.
    """
    return run_checks(_REPORT_CHECKS, bao_cao)


def _staff_figures(bao_cao: BaoCao) -> Iterator[Finding]:
    return staff_figures(bao_cao.tinh_hinh.so_lieu, _SO_LIEU)


def staff_figures(so_lieu: SoLieu, at: PathKey) -> Iterator[Finding]:
    """Women and members are among the staff: neither outnumbers them."""
    for key, label in (("nu", "số nữ"), ("doan_vien", "số đoàn viên")):
        value = getattr(so_lieu, key)
        if value > so_lieu.tong_so:
            yield Finding(
                (*at, key),
                f"{label} ({value}) lớn hơn tổng số CBNGNLĐ ({so_lieu.tong_so})",
            )


def _membership(bao_cao: BaoCao) -> Iterator[Finding]:
    bien_dong = bao_cao.tinh_hinh.bien_dong
    expected = doan_vien_cuoi_ky(bien_dong)
    actual = bao_cao.tinh_hinh.so_lieu.doan_vien
    if expected is None or expected == actual:
        return
    yield Finding(
        (*_SO_LIEU, "doan_vien"),
        f"số đoàn viên cuối kỳ ({actual}) không khớp với biến động trong kỳ: "
        f"{bien_dong.dau_ky} đầu kỳ + {bien_dong.ket_nap_moi} kết nạp mới "
        f"+ {bien_dong.chuyen_den} chuyển đến − {bien_dong.nghi_che_do} nghỉ chế độ "
        f"− {bien_dong.chuyen_di} chuyển đi = {expected}",
    )


def school_year(nam_hoc: str) -> tuple[date, date]:
    """The school year's span for date checks: 1 August to 31 July."""
    start = int(nam_hoc.split("-")[0])
    return date(start, 8, 1), date(start + 1, 7, 31)


def semester_one(nam_hoc: str) -> tuple[date, date]:
    """Semester I's span, generously: August to the end of January."""
    start = int(nam_hoc.split("-")[0])
    return date(start, 8, 1), date(start + 1, 1, 31)


def _date_span(bao_cao: BaoCao) -> Iterator[Finding]:
    vb = bao_cao.van_ban
    first, last = school_year(vb.nam_hoc)
    span = f"{filters.ngay_so(first)} – {filters.ngay_so(last)}"
    dated = {
        ("van_ban", "ngay"): vb.ngay,
        ("van_ban", "han_nop"): vb.han_nop,
        (*_SO_LIEU, "thoi_diem"): bao_cao.tinh_hinh.so_lieu.thoi_diem,
    }
    for path, value in dated.items():
        if value is not None and not first <= value <= last:
            yield Finding(
                path, f"ngày {filters.ngay_so(value)} nằm ngoài năm học {vb.nam_hoc} ({span})"
            )


def _date_warnings(bao_cao: BaoCao) -> Iterator[Finding]:
    vb = bao_cao.van_ban
    as_of = bao_cao.tinh_hinh.so_lieu.thoi_diem
    if vb.han_nop is not None and vb.ngay > vb.han_nop:
        yield Finding(
            ("van_ban", "ngay"),
            f"báo cáo ký ngày {filters.ngay_so(vb.ngay)}, sau hạn nộp "
            f"{filters.ngay_so(vb.han_nop)}",
            "canh_bao",
        )
    if as_of > vb.ngay:
        yield Finding(
            (*_SO_LIEU, "thoi_diem"),
            f"số liệu tính đến ngày {filters.ngay_so(as_of)}, sau ngày ký báo cáo "
            f"{filters.ngay_so(vb.ngay)}",
            "canh_bao",
        )
    first, last = semester_one(vb.nam_hoc)
    if not first <= as_of <= last:
        yield Finding(
            (*_SO_LIEU, "thoi_diem"),
            f"thời điểm số liệu {filters.ngay_so(as_of)} nằm ngoài học kỳ I "
            f"({filters.ngay_so(first)} – {filters.ngay_so(last)})",
            "canh_bao",
        )


def _spending(activity: str) -> Callable[[BaoCao], Iterator[Finding]]:
    def check(bao_cao: BaoCao) -> Iterator[Finding]:
        return spending(getattr(bao_cao.ket_qua.cham_lo, activity), (*_CHAM_LO, activity))

    return check


def spending(hoat_dong: HoatDongChi, at: PathKey) -> Iterator[Finding]:
    """Each spending line of an activity states its amount one way, and consistently."""
    for i, khoan in enumerate(hoat_dong.khoan_chi):
        path = (*at, "khoan_chi", i)
        yield from run_checks([functools.partial(_spending_line, path=path)], khoan)


def _spending_line(khoan: KhoanChi, path: PathKey) -> Iterator[Finding]:
    per_head = khoan.so_nguoi is not None and khoan.muc_chi is not None
    if khoan.muc_chi is not None and khoan.so_nguoi is None:
        yield Finding((*path, "muc_chi"), "đã ghi mức chi mỗi người thì cần ghi cả số người")
    elif not per_head and khoan.so_tien is None:
        yield Finding(path, "cần ghi số tiền: số người và mức chi mỗi người, hoặc tổng số tiền")
    elif per_head and khoan.so_tien is not None:
        product = khoan.so_nguoi * khoan.muc_chi  # type: ignore[operator]
        if product != khoan.so_tien:
            yield Finding(
                (*path, "so_tien"),
                f"tổng số tiền ({filters.tien(khoan.so_tien)}) khác số người × mức chi "
                f"({filters.tien(product)})",
            )


_REPORT_CHECKS = (
    _staff_figures,
    _membership,
    _date_span,
    _date_warnings,
    _spending("tham_hoi"),
    _spending("ke_hoach_tet"),
)


# ---------------------------------------------------------------------------
# Targets: the plan on its own, then the report's actuals against it
# ---------------------------------------------------------------------------

_KET_QUA = ("chi_tieu", "ket_qua")


def check_plan(ke_hoach: KeHoach) -> list[Finding]:
    """Findings about a plan file: duplicate ids, thresholds that do not fit a target's kind."""
    return run_checks([_duplicate_ids, _plan_thresholds], ke_hoach)


def _duplicate_ids(ke_hoach: KeHoach) -> Iterator[Finding]:
    seen: set[str] = set()
    for i, target in enumerate(ke_hoach.chi_tieu):
        ma = run_checks([_id], target)
        if ma and ma[0] in seen:
            yield Finding(("chi_tieu", i, "ma"), f"mã «{ma[0]}» đã dùng cho chỉ tiêu khác")
        seen.update(ma)


def _id(target: ChiTieu) -> list[str]:
    return [str(target.ma)]


def _plan_thresholds(ke_hoach: KeHoach) -> Iterator[Finding]:
    for i, target in enumerate(ke_hoach.chi_tieu):
        found = run_checks([_thresholds], target)
        yield from (Finding(("chi_tieu", i, *where), message) for where, message in found)


def _thresholds(target: ChiTieu) -> Iterator[tuple[PathKey, str]]:
    """A share or a count needs one threshold (or, for a count, parts); other kinds none."""
    levels = [name for name in ("it_nhat", "lon_hon") if getattr(target, name) is not None]
    measured = target.loai in ("ty_le", "so_luong")
    if len(levels) > 1:
        yield ("lon_hon",), "ghi «it_nhat» hoặc «lon_hon», không ghi cả hai"
    elif measured and not levels and not target.phan:
        yield ("loai",), f"{LOAI[target.loai]} cần mức phải đạt: «it_nhat» hoặc «lon_hon»"
    elif not measured and levels:
        yield (levels[0],), f"{LOAI[target.loai]} không có mức «{levels[0]}»"
    if target.phan and (target.loai != "so_luong" or levels):
        yield ("phan",), "chỉ chỉ tiêu số lượng mới chia phần, và khi đó không ghi mức chung"
    if target.loai == "ty_le" and levels:
        level = getattr(target, levels[0])
        if level > 100 or (levels[0] == "lon_hon" and level == 100):
            yield (levels[0],), f"tỷ lệ phải đạt {level}% là không thể"


def check_targets(bao_cao: BaoCao, ke_hoach: KeHoach) -> list[Finding]:
    """The report's actuals against the plan: its year, unknown ids, shapes, gaps."""
    if bao_cao.chi_tieu is None:
        return []
    checks = (_plan_year, _actuals, _gaps)
    return run_checks([functools.partial(c, ke_hoach=ke_hoach) for c in checks], bao_cao)


def _actuals(bao_cao: BaoCao, ke_hoach: KeHoach) -> Iterator[Finding]:
    assert bao_cao.chi_tieu is not None
    targets = {target.ma: target for target in ke_hoach.chi_tieu}
    for ma, actual in bao_cao.chi_tieu.ket_qua.items():
        yield from run_checks([functools.partial(_actual, ma, targets, bao_cao)], actual)


def _actual(
    ma: str, targets: dict[str, ChiTieu], bao_cao: BaoCao, actual: ThucHien
) -> Iterator[Finding]:
    target = targets.get(ma)
    if target is None:
        message = f"kế hoạch không có chỉ tiêu mã «{ma}»{did_you_mean(ma, targets)}"
        yield Finding((*_KET_QUA, ma), message, at_key=True)
    elif problem := shape_problem(target, actual, bao_cao):
        where, message = problem
        yield Finding((*_KET_QUA, ma, *where), message)


def _gaps(bao_cao: BaoCao, ke_hoach: KeHoach) -> Iterator[Finding]:
    return (_no_actual(stt, target) for stt, target in _unreported(bao_cao, ke_hoach))


def _plan_year(bao_cao: BaoCao, ke_hoach: KeHoach) -> Iterator[Finding]:
    if ke_hoach.nam_hoc != bao_cao.van_ban.nam_hoc:
        yield Finding(
            ("chi_tieu", "ke_hoach"),
            f"kế hoạch này của năm học {ke_hoach.nam_hoc}, báo cáo của năm học "
            f"{bao_cao.van_ban.nam_hoc}",
        )


def _unreported(bao_cao: BaoCao, ke_hoach: KeHoach) -> Iterator[tuple[int, ChiTieu]]:
    actuals = bao_cao.chi_tieu.ket_qua if bao_cao.chi_tieu else {}
    for stt, target in enumerate(ke_hoach.chi_tieu, start=1):
        if target.ma not in actuals:
            yield stt, target


def _no_actual(stt: int, target: ChiTieu) -> Finding:
    return Finding(
        _KET_QUA,
        f"chưa có kết quả của chỉ tiêu {stt} «{target.ma}»; bảng chỉ tiêu sẽ ghi «Chưa báo cáo»",
        "canh_bao",
        at_key=True,
    )
