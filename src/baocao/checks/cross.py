"""Checks across fields that the schema's types alone cannot express.

Pure: each check takes a validated report and returns findings with the path
of the value at fault; `validate` places them in the YAML file.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import BaseModel

from baocao.checks.partial import run_checks
from baocao.compute import filters
from baocao.compute.derived import can_chi, doan_vien_cuoi_ky
from baocao.compute.targets import LOAI, shape_problem
from baocao.errors import PathKey, Severity, did_you_mean
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import ChiTieu, KeHoach, ThucHien
from baocao.schema.ket_qua import HoatDongChi, KhoanChi
from baocao.schema.tinh_hinh import BienDong, SoLieu
from baocao.schema.van_ban import VanBan

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
    """The cross-field findings about the report that may be errors (some are warnings).

    `bao_cao` may be salvaged from a file with invalid parts: a check that needs
    one of them is skipped, the others still run.
    """
    return run_checks(_REPORT_CHECKS, bao_cao)


def doubts(bao_cao: BaoCao) -> list[Finding]:
    """The findings that are only ever warnings: dates after the signing or out of the
    semester, figures that are more likely slips, years of another school year in the text.

    Apart from `check`, so that whoever reports errors alone (`tong-hop`) can skip them.
    """
    return run_checks(_DOUBTS, bao_cao)


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
    th = bao_cao.tinh_hinh
    return membership(th.so_lieu, th.bien_dong, (*_SO_LIEU, "doan_vien"))


def membership(so_lieu: SoLieu, bien_dong: BienDong, at: PathKey) -> Iterator[Finding]:
    """The members at the end are those at the start and the period's changes."""
    expected = doan_vien_cuoi_ky(bien_dong)
    actual = so_lieu.doan_vien
    if expected is None or expected == actual:
        return
    yield Finding(
        at,
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
    return date_span(
        bao_cao.van_ban, {(*_SO_LIEU, "thoi_diem"): bao_cao.tinh_hinh.so_lieu.thoi_diem}
    )


def date_span(vb: VanBan, figures: dict[PathKey, date]) -> Iterator[Finding]:
    """The document's dates, and the days its `figures` are counted to, fall in its year."""
    first, last = school_year(vb.nam_hoc)
    span = f"{filters.ngay_so(first)} – {filters.ngay_so(last)}"
    dated = {("van_ban", "ngay"): vb.ngay, ("van_ban", "han_nop"): vb.han_nop, **figures}
    for path, value in dated.items():
        if value is not None and not first <= value <= last:
            yield Finding(
                path, f"ngày {filters.ngay_so(value)} nằm ngoài năm học {vb.nam_hoc} ({span})"
            )


def _date_warnings(bao_cao: BaoCao) -> Iterator[Finding]:
    vb = bao_cao.van_ban
    as_of = bao_cao.tinh_hinh.so_lieu.thoi_diem
    yield from date_warnings(vb, {(*_SO_LIEU, "thoi_diem"): as_of})
    first, last = semester_one(vb.nam_hoc)
    if not first <= as_of <= last:
        yield Finding(
            (*_SO_LIEU, "thoi_diem"),
            f"thời điểm số liệu {filters.ngay_so(as_of)} nằm ngoài học kỳ I "
            f"({filters.ngay_so(first)} – {filters.ngay_so(last)})",
            "canh_bao",
        )


def date_warnings(vb: VanBan, figures: dict[PathKey, date]) -> Iterator[Finding]:
    """Signed after the deadline; figures counted to a day after the signing."""
    if vb.han_nop is not None and vb.ngay > vb.han_nop:
        yield Finding(
            ("van_ban", "ngay"),
            f"báo cáo ký ngày {filters.ngay_so(vb.ngay)}, sau hạn nộp "
            f"{filters.ngay_so(vb.han_nop)}",
            "canh_bao",
        )
    for path, as_of in figures.items():
        if as_of > vb.ngay:
            yield Finding(
                path,
                f"số liệu tính đến ngày {filters.ngay_so(as_of)}, sau ngày ký báo cáo "
                f"{filters.ngay_so(vb.ngay)}",
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


# ---------------------------------------------------------------------------
# Plausibility: figures that can be true but are more likely typing slips (warnings)
# ---------------------------------------------------------------------------

_PHAT_TRIEN = ("ket_qua", "to_chuc", "phat_trien")


def _plausibility(bao_cao: BaoCao) -> Iterator[Finding]:
    so_lieu = bao_cao.tinh_hinh.so_lieu
    phat_trien = bao_cao.ket_qua.to_chuc.phat_trien
    if phat_trien.gioi_thieu_dang > so_lieu.doan_vien:
        yield Finding(
            (*_PHAT_TRIEN, "gioi_thieu_dang"),
            f"số đoàn viên giới thiệu cho Đảng ({phat_trien.gioi_thieu_dang}) nhiều hơn số "
            f"đoàn viên công đoàn ({so_lieu.doan_vien})",
            "canh_bao",
        )
    if phat_trien.ket_nap_dang > phat_trien.gioi_thieu_dang:
        yield Finding(
            (*_PHAT_TRIEN, "ket_nap_dang"),
            f"số đoàn viên được kết nạp Đảng ({phat_trien.ket_nap_dang}) nhiều hơn số được "
            f"giới thiệu cho Đảng ({phat_trien.gioi_thieu_dang})",
            "canh_bao",
        )
    for i, khoan in enumerate(bao_cao.ket_qua.cham_lo.ke_hoach_tet.khoan_chi):
        if khoan.so_nguoi is not None and khoan.so_nguoi > so_lieu.tong_so:
            yield Finding(
                (*_CHAM_LO, "ke_hoach_tet", "khoan_chi", i, "so_nguoi"),
                f"khoản chi Tết cho {khoan.so_nguoi} người, nhiều hơn tổng số CBNGNLĐ "
                f"({so_lieu.tong_so})",
                "canh_bao",
            )


def _membership_swing(bao_cao: BaoCao) -> Iterator[Finding]:
    """More than half the members gone or new in one semester: usually a slip of a digit."""
    dau_ky = bao_cao.tinh_hinh.bien_dong.dau_ky
    cuoi_ky = bao_cao.tinh_hinh.so_lieu.doan_vien
    if dau_ky is not None and abs(cuoi_ky - dau_ky) * 2 > dau_ky:
        yield Finding(
            ("tinh_hinh", "bien_dong", "dau_ky"),
            f"số đoàn viên đổi hơn một nửa trong học kỳ (đầu kỳ {dau_ky}, cuối kỳ {cuoi_ky}); "
            "hãy xem lại số liệu",
            "canh_bao",
        )


# A year is only checked where it is plainly the date of something in the report: a full
# date (20/12/2021, not the «30/2020/NĐ-CP» of a decree), a month (tháng 4/2021), a school
# year (năm học 2021-2022) or a Tết. Laws and programmes («Luật Giáo dục năm 2019»,
# «Chương trình GDPT 2018») name other years on purpose and are left alone. Each scan jumps
# from one literal («/», «năm học», «tết») to the next, for speed: a date's day and month are
# read backwards from the «/» before its year.
_SLASH_YEAR = re.compile(r"/((?:19|20)\d\d)(?![\d/])")
_DAY_MONTH = re.compile(r"(?<![\d/])(?:[0-3]?\d/[01]?\d|(?<=tháng )[01]?\d)\Z", re.IGNORECASE)
_SCHOOL_YEAR = re.compile(r"năm học ((?:19|20)\d\d) ?[-–] ?((?:19|20)\d\d)", re.IGNORECASE)
_TET = re.compile(
    r"\bTết( Nguyên [Đđ]án)?(?: ([^\W\d_]+ [^\W\d_]+))?(?: ((?:19|20)\d\d))?(?!\d)", re.IGNORECASE
)
"""A Tết and what follows; only the lunar new year (Nguyên đán, or a can-chi name) is judged,
not «Tết Trung thu 2023» or «Tết Dương lịch»."""
_CAN_CHI = {can_chi(year).rsplit(" ", 1)[0] for year in range(2000, 2060)}
_SKIPPED = {"tep", "ke_hoach", "nam_hoc"}
"""Fields that hold file names or the school year itself, not prose."""


def _years_in_prose(bao_cao: BaoCao) -> Iterator[Finding]:
    """A year in the text that belongs to another school year: often copied from an old report.

    Each text is told its first stray date, else its first stray Tết. The texts are scanned as
    one, a line apart: no pattern reaches over a line break, so each match lies in one text.
    """
    nam_hoc = bao_cao.van_ban.nam_hoc
    start, end = (int(year) for year in nam_hoc.split("-"))
    found: list[tuple[PathKey, str]] = []
    _texts(bao_cao, (), found)
    joined = "\n".join(text for _, text in found)
    starts = list(itertools.accumulate((len(text) + 1 for _, text in found), initial=0))
    lowered = joined.lower()  # once: lower-casing Vietnamese costs more than all the scans
    if len(lowered) != len(joined):  # a letter that lower-cases to two: positions would drift
        lowered = ""
    near = range(start - 1, end + 2)
    messages: dict[int, str] = {}
    for at, quoted in sorted(_stray_dates(joined, lowered, near)):
        messages.setdefault(bisect.bisect_right(starts, at) - 1, _stray_year(quoted, nam_hoc))
    for at, quoted in _stray_tets(joined, lowered, end):
        messages.setdefault(bisect.bisect_right(starts, at) - 1, _stray_tet(quoted, end))
    for index in sorted(messages):
        yield Finding(found[index][0], messages[index], "canh_bao")


_HOLDERS = (dict, BaseModel)
"""What holds texts by name; a tuple, not `dict | BaseModel`, which Python would build again
for every part of the report walked."""


def _texts(value: Any, path: PathKey, found: list[tuple[PathKey, str]]) -> None:
    """Every text below `value`, added to `found`; a part that failed validation holds none."""
    if isinstance(value, str):
        found.append((path, value))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _texts(item, (*path, i), found)
    elif isinstance(value, _HOLDERS):
        # A model's fields as it keeps them, not a dump: a salvaged model cannot dump.
        for key, item in (value if isinstance(value, dict) else vars(value)).items():
            if key not in _SKIPPED:
                _texts(item, (*path, key), found)


def _stray_dates(text: str, lowered: str, near: range) -> Iterator[tuple[int, str]]:
    """Where each date, month or school year with a year not `near` starts, as written."""
    for year in _SLASH_YEAR.finditer(text):
        if int(year[1]) in near:  # most dates: no need to read their day and month
            continue
        if day := _DAY_MONTH.search(text, max(0, year.start() - 5), year.start()):
            yield day.start(), text[day.start() : year.end()]
    for match in _matches(_SCHOOL_YEAR, text, lowered, "năm học"):
        if int(match[1]) not in near or int(match[2]) not in near:
            yield match.start(), match.group()


def _matches(
    pattern: re.Pattern[str], text: str, lowered: str, word: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)` for a pattern that starts with `word` in any case: the scan
    jumps from one `word` of `text` lower-cased to the next, which a regex ignoring case
    cannot do; without `lowered` (""), the regex scans."""
    if not lowered:
        yield from pattern.finditer(text)
        return
    at, free = lowered.find(word), 0
    while at >= 0:
        if at >= free and (match := pattern.match(text, at)):
            yield match
            free = match.end()  # as finditer: no match inside the one before
        at = lowered.find(word, at + 1)


def _stray_year(quoted: str, nam_hoc: str) -> str:
    return (
        f"«{quoted}» không thuộc năm học {nam_hoc}; hãy xem lại, có thể chép từ báo cáo năm trước"
    )


def _stray_tets(text: str, lowered: str, end: int) -> Iterator[tuple[int, str]]:
    """Where each lunar new year of another year is written, and how."""
    expected = can_chi(end)
    for match in _matches(_TET, text, lowered, "tết"):
        nguyen_dan, name, year = match.groups()
        named = name is not None and name.title() in _CAN_CHI
        if not (nguyen_dan or named):
            continue
        wrong_name = named and f"{name.title()} {end}" != expected
        if wrong_name or (year is not None and int(year) != end):
            yield match.start(), match.group()


def _stray_tet(quoted: str, end: int) -> str:
    return f"«{quoted}» không phải Tết của năm học này (Tết Nguyên đán {can_chi(end)}); hãy xem lại"


_REPORT_CHECKS = (
    _staff_figures,
    _membership,
    _date_span,
    _spending("tham_hoi"),
    _spending("ke_hoach_tet"),
)
_DOUBTS = (_date_warnings, _plausibility, _membership_swing, _years_in_prose)


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
    return plan_year(bao_cao.van_ban.nam_hoc, ke_hoach, ("chi_tieu", "ke_hoach"))


def plan_year(nam_hoc: str, ke_hoach: KeHoach, at: PathKey) -> Iterator[Finding]:
    """The plan a report names is of the report's school year."""
    if ke_hoach.nam_hoc != nam_hoc:
        yield Finding(
            at, f"kế hoạch này của năm học {ke_hoach.nam_hoc}, báo cáo của năm học {nam_hoc}"
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
