"""Targets of the annual plan: what a report's actual measures, and the status it earns.

Pure, like `compute`: `rows` gives the table the report prints, `shape_problem`
says what is wrong with an actual for its target's kind (`checks` places it).
A status follows from the numbers, never typed, except for free-text targets:

- reached → «Đạt»;
- a zero-tolerance target with a violation → «Chưa đạt» (it cannot be undone later);
- not reached and due by now → «Chưa đạt»;
- not reached, or not yet measured, but due at the end of the year while the
  report is mid-year (semester I) → «Đang thực hiện»;
- no actual at all → «Chưa báo cáo» (and a warning), so that the table still
  lists every target of the plan and the gap is visible to the reader.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

from baocao.compute import filters
from baocao.errors import did_you_mean
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import ChiTieu, DanhGia, KeHoach, LoaiChiTieu, ThucHien

Ky = Literal["hoc_ky_1", "ca_nam"]
"""The period a report covers: semester I (mid-year) or the whole school year."""

KY_BAO_CAO: Ky = "hoc_ky_1"
"""baocao writes the semester-I review: year-long targets are measured mid-year."""

TRANG_THAI: dict[DanhGia, str] = {
    "dat": "Đạt",
    "chua_dat": "Chưa đạt",
    "dang_thuc_hien": "Đang thực hiện",
}
CHUA_BAO_CAO = "Chưa báo cáo"

LOAI: dict[LoaiChiTieu, str] = {
    "ty_le": "chỉ tiêu tỷ lệ",
    "so_luong": "chỉ tiêu số lượng",
    "khong_vi_pham": "chỉ tiêu không để xảy ra vi phạm",
    "co_khong": "chỉ tiêu có/không",
    "mo_ta": "chỉ tiêu đánh giá bằng lời",
}

_FIELDS: dict[LoaiChiTieu, tuple[str, ...]] = {
    "ty_le": ("dat", "tren", "tu_so_lieu", "ghi_chu"),
    "so_luong": ("so", "phan", "tu_so_lieu", "ghi_chu"),
    "khong_vi_pham": ("so", "ghi_chu"),
    "co_khong": ("co", "ghi_chu"),
    "mo_ta": ("danh_gia", "ghi_chu"),
}
"""The fields an actual may carry, by its target's kind."""


def fields_of(loai: LoaiChiTieu) -> tuple[str, ...]:
    """The fields an actual of a target of kind `loai` may carry (the form shows only these)."""
    return _FIELDS[loai]


_HOW: dict[LoaiChiTieu, str] = {
    "ty_le": "ghi «dat» (số người đạt; «tren» mặc định là tổng số CBNGNLĐ) "
    "hoặc «tu_so_lieu: doan_vien»",
    "so_luong": "ghi số đạt được, ví dụ «2», hoặc «tu_so_lieu: …»",
    "khong_vi_pham": "ghi số vụ việc vi phạm, ví dụ «0»",
    "co_khong": "ghi «có» hoặc «không»",
    "mo_ta": "ghi «danh_gia» (dat, chua_dat hoặc dang_thuc_hien) và «ghi_chu»",
}
"""How to write an actual for each kind, quoted in messages."""

SHARES: dict[str, Callable[[BaoCao], tuple[int, int]]] = {
    "doan_vien": lambda b: (b.tinh_hinh.so_lieu.doan_vien, b.tinh_hinh.so_lieu.tong_so),
}
"""Shares the report already states (part, whole), usable as a `ty_le` actual."""

COUNTS: dict[str, Callable[[BaoCao], int]] = {
    "ket_nap_moi": lambda b: b.tinh_hinh.bien_dong.ket_nap_moi,
    "gioi_thieu_dang": lambda b: b.ket_qua.to_chuc.phat_trien.gioi_thieu_dang,
    "ket_nap_dang": lambda b: b.ket_qua.to_chuc.phat_trien.ket_nap_dang,
}
"""Counts the report already states, usable as a `so_luong` actual."""


@dataclass(frozen=True)
class DongChiTieu:
    """One row of the targets table."""

    stt: int = field(metadata={"doc": "Số thứ tự của chỉ tiêu trong kế hoạch."})
    ma: str = field(metadata={"doc": "Mã chỉ tiêu."})
    noi_dung: str = field(metadata={"doc": "Chỉ tiêu, nguyên văn kế hoạch."})
    ket_qua: str = field(
        metadata={"doc": "Kết quả đo được, ví dụ «41/42 (97,6%)», hoặc kết quả bằng lời."}
    )
    ghi_chu: str = field(metadata={"doc": "Ghi chú kèm kết quả đo được (có thể trống)."})
    danh_gia: str = field(
        metadata={"doc": "Đạt, Chưa đạt, Đang thực hiện hoặc Chưa báo cáo (baocao tự đánh giá)."}
    )


@dataclass(frozen=True)
class Measure:
    """What an actual amounts to: the text printed as the result, and whether it reaches."""

    text: str
    reached: bool


def rows(bao_cao: BaoCao, ke_hoach: KeHoach, ky: Ky = KY_BAO_CAO) -> list[DongChiTieu]:
    """Every target of the plan in its order, with the report's result and its status."""
    actuals = bao_cao.chi_tieu.ket_qua if bao_cao.chi_tieu else {}
    return [
        _row(stt, target, actuals.get(target.ma), bao_cao, ky)
        for stt, target in enumerate(ke_hoach.chi_tieu, start=1)
    ]


def reached(bao_cao: BaoCao, ke_hoach: KeHoach, ky: Ky = KY_BAO_CAO) -> int:
    """How many targets of the plan the report's actuals reach (`dat`): the count of `rows`
    rated «Đạt», without writing any row."""
    actuals = bao_cao.chi_tieu.ket_qua if bao_cao.chi_tieu else {}
    return sum(
        status(target, actual, bao_cao, ky) == "dat"
        for target in ke_hoach.chi_tieu
        if (actual := actuals.get(target.ma)) is not None
    )


def _row(
    stt: int, target: ChiTieu, actual: ThucHien | None, bao_cao: BaoCao, ky: Ky
) -> DongChiTieu:
    if actual is None:
        return DongChiTieu(stt, target.ma, target.noi_dung, "—", "", CHUA_BAO_CAO)
    measured = measure(target, actual, bao_cao)
    note = actual.ghi_chu or ""
    # Without a measure (free text, or not measurable yet) the note is the result itself.
    result, note = (measured.text, note) if measured else (note or "—", "")
    danh_gia = TRANG_THAI[status(target, actual, bao_cao, ky)]
    return DongChiTieu(stt, target.ma, target.noi_dung, result, note, danh_gia)


def status(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao, ky: Ky) -> DanhGia:
    """The status an actual earns (see the module's docstring for the rules)."""
    if target.loai == "mo_ta":
        return actual.danh_gia or "dang_thuc_hien"
    measured = measure(target, actual, bao_cao)
    if measured is not None and measured.reached:
        return "dat"
    if target.loai == "khong_vi_pham" or is_due(target, ky):
        return "chua_dat"
    return "dang_thuc_hien"


def is_due(target: ChiTieu, ky: Ky) -> bool:
    """Whether a target must be reached by the end of the period the report covers."""
    return target.han == "hoc_ky_1" or ky == "ca_nam"


def measure(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> Measure | None:
    """The measured result, or None when the actual gives no measure (a note only, free text)."""
    return _MEASURES[target.loai](target, actual, bao_cao)


def share(actual: ThucHien, bao_cao: BaoCao) -> tuple[int, int] | None:
    """(part, whole) of a `ty_le` actual: a figure of the report, or `dat` of `tren`."""
    if actual.tu_so_lieu in SHARES:
        return SHARES[actual.tu_so_lieu](bao_cao)
    if actual.dat is None:
        return None
    whole = actual.tren if actual.tren is not None else bao_cao.tinh_hinh.so_lieu.tong_so
    return actual.dat, whole


def _share_measure(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> Measure | None:
    found = share(actual, bao_cao)
    if found is None or found[1] == 0:
        return None
    part, whole = found
    # Exact integer comparison, not the rounded share printed: 89,96% is not «trên 90%».
    reached = _reaches(target, part * 100, whole)
    return Measure(f"{part}/{whole} ({filters.phan_tram(part, whole)})", reached)


def _reaches(target: ChiTieu, value: int, scale: int = 1) -> bool:
    """`value` reaches the target's threshold times `scale` (at least, or more than)."""
    if target.lon_hon is not None:
        return value > target.lon_hon * scale
    return value >= (target.it_nhat or 0) * scale


def count(actual: ThucHien, bao_cao: BaoCao) -> int | None:
    """The count of a `so_luong` actual: typed, or a figure of the report."""
    if actual.tu_so_lieu in COUNTS:
        return COUNTS[actual.tu_so_lieu](bao_cao)
    return actual.so


def _count_measure(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> Measure | None:
    if target.phan:
        return _parts_measure(target, actual)
    value = count(actual, bao_cao)
    if value is None:
        return None
    return Measure(_with_unit(value, target.don_vi), _reaches(target, value))


def _parts_measure(target: ChiTieu, actual: ThucHien) -> Measure | None:
    if not actual.phan:
        return None
    values = [(part, actual.phan.get(part.ma, 0)) for part in target.phan]
    text = "; ".join(f"{part.ten}: {_with_unit(value, target.don_vi)}" for part, value in values)
    return Measure(text, all(value >= part.it_nhat for part, value in values))


def _with_unit(value: int, unit: str | None) -> str:
    return f"{filters.so(value)} {unit}" if unit else filters.so(value)


def _violations_measure(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> Measure | None:
    if actual.so is None:
        return None
    text = "Không có vi phạm" if actual.so == 0 else f"Có {filters.so(actual.so)} vụ việc vi phạm"
    return Measure(text, actual.so == 0)


def _done_measure(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> Measure | None:
    if actual.co is None:
        return None
    return Measure("Đã thực hiện" if actual.co else "Chưa thực hiện", actual.co)


_MEASURES: dict[LoaiChiTieu, Callable[[ChiTieu, ThucHien, BaoCao], Measure | None]] = {
    "ty_le": _share_measure,
    "so_luong": _count_measure,
    "khong_vi_pham": _violations_measure,
    "co_khong": _done_measure,
    "mo_ta": lambda *_: None,
}


# ---------------------------------------------------------------------------
# The shape of an actual, for `checks`
# ---------------------------------------------------------------------------

Where = tuple[str, ...]
"""A path below the actual (`("dat",)`), or `()` for the actual itself."""


def shape_problem(
    target: ChiTieu, actual: ThucHien, bao_cao: BaoCao, ky: Ky = KY_BAO_CAO
) -> tuple[Where, str] | None:
    """What is wrong with `actual` for its target, and where; None when it is right."""
    label = f"«{target.ma}» là {LOAI[target.loai]}"
    given = [name for name in ThucHien.model_fields if getattr(actual, name) not in (None, {})]
    stray = [name for name in given if name not in _FIELDS[target.loai]]
    if stray:
        return (stray[0],), f"{label}, không dùng «{stray[0]}»; {_HOW[target.loai]}"
    problem = _KIND_CHECKS[target.loai](target, actual, bao_cao)
    if problem is not None:
        return problem
    if target.loai != "mo_ta" and measure(target, actual, bao_cao) is None:
        return _unmeasured(target, actual, ky, label)
    return None


def _unmeasured(target: ChiTieu, actual: ThucHien, ky: Ky, label: str) -> tuple[Where, str] | None:
    """A note without a measure is fine for a year-long target mid-year, and only then."""
    if actual.ghi_chu is None:
        return (), f"chưa ghi kết quả: {label}, {_HOW[target.loai]}"
    if is_due(target, ky) or target.loai == "khong_vi_pham":
        return (), f"{label} và đã đến hạn đánh giá: cần {_HOW[target.loai]}"
    return None


def _share_shape(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> tuple[Where, str] | None:
    if actual.tu_so_lieu is not None:
        if actual.dat is not None or actual.tren is not None:
            return ("tu_so_lieu",), "ghi «tu_so_lieu» hoặc «dat», không ghi cả hai"
        if actual.tu_so_lieu not in SHARES:
            return ("tu_so_lieu",), _wrong_figure(actual.tu_so_lieu, SHARES, "tỷ lệ")
        return None
    if actual.tren is not None and actual.dat is None:
        return ("tren",), "đã ghi «tren» thì cần ghi cả «dat» (số người đạt)"
    found = share(actual, bao_cao)
    if found is not None and found[1] == 0:
        return ("tren",), "tổng số bằng 0, không tính được tỷ lệ"
    if found is not None and found[0] > found[1]:
        return ("dat",), f"số đạt ({found[0]}) lớn hơn tổng số ({found[1]})"
    return None


def _count_shape(target: ChiTieu, actual: ThucHien, bao_cao: BaoCao) -> tuple[Where, str] | None:
    if actual.so is not None and actual.tu_so_lieu is not None:
        return ("tu_so_lieu",), "ghi «tu_so_lieu» hoặc «so», không ghi cả hai"
    if actual.tu_so_lieu is not None and actual.tu_so_lieu not in COUNTS:
        return ("tu_so_lieu",), _wrong_figure(actual.tu_so_lieu, COUNTS, "số lượng")
    if target.phan:
        return _parts_shape(target, actual)
    if actual.phan:
        return ("phan",), f"«{target.ma}» chỉ có một mức; {_HOW['so_luong']}"
    return None


def _parts_shape(target: ChiTieu, actual: ThucHien) -> tuple[Where, str] | None:
    names = [part.ma for part in target.phan]
    example = ", ".join(f"{name}: …" for name in names)
    if actual.so is not None or actual.tu_so_lieu is not None:
        where = "so" if actual.so is not None else "tu_so_lieu"
        return (where,), f"«{target.ma}» có nhiều phần: ghi «phan: {{{example}}}»"
    for name in actual.phan:
        if name not in names:
            return ("phan", name), f"kế hoạch không có phần «{name}»{did_you_mean(name, names)}"
    missing = [name for name in names if name not in actual.phan]
    if actual.phan and missing:
        return ("phan",), f"thiếu số của phần «{missing[0]}»"
    return None


def _wrong_figure(name: str, allowed: Iterable[str], kind: str) -> str:
    return f"«{name}» không phải số liệu {kind}; dùng được: {', '.join(allowed)}"


def _free_text_shape(
    target: ChiTieu, actual: ThucHien, bao_cao: BaoCao
) -> tuple[Where, str] | None:
    if actual.danh_gia is None or actual.ghi_chu is None:
        return (), f"«{target.ma}» là {LOAI['mo_ta']}: {_HOW['mo_ta']}"
    return None


_KIND_CHECKS: dict[LoaiChiTieu, Callable[[ChiTieu, ThucHien, BaoCao], tuple[Where, str] | None]] = {
    "ty_le": _share_shape,
    "so_luong": _count_shape,
    "khong_vi_pham": lambda *_: None,
    "co_khong": lambda *_: None,
    "mo_ta": _free_text_shape,
}
