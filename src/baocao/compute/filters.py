"""Vietnamese formatting of dates, numbers, money and percentages.

Pure functions, used by `compute` and registered as Jinja filters by `render`,
so that the built-in template and a user's template format alike. Each prints
nothing for None, so that a template may format an optional field
(`{{ van_ban.han_nop|ngay }}`) without failing on reports that leave it out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def ngay(value: date | None) -> str:
    """`ngày 08 tháng 12 năm 2023`: days below 10 and months 1–2 take a leading zero.

    Decree 30/2020 writes months 1 and 2 as 01, 02 so that they cannot be
    extended by hand into 11 or 12; other months go without.
    """
    if value is None:
        return ""
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def ngay_so(value: date | None) -> str:
    """`20/12/2023`, the short form used inside sentences."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def so(value: int | Decimal | float | None, decimals: int = 0) -> str:
    """`42.500.000`, `98,8`: a dot between thousands, a comma before decimals."""
    if value is None:
        return ""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def tien(value: int | None) -> str:
    """`42.500.000 đồng`."""
    if value is None:
        return ""
    return f"{so(value)} đồng"


def tien_chu(value: int | None) -> str:
    """`Bốn mươi hai triệu năm trăm nghìn đồng`: an amount in words, as under a total."""
    if value is None:
        return ""
    words = so_chu(value)
    return f"{words[:1].upper()}{words[1:]} đồng"


_DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_GROUPS = ("", "nghìn", "triệu")


def so_chu(value: int | None) -> str:
    """`một nghìn không trăm hai mươi mốt`: a whole number in words, as accountants write it.

    Groups of three digits from the right are named nghìn, triệu, tỷ (then nghìn tỷ, …);
    an all-zero group is skipped, and every group after the first is read in full
    («không trăm», «lẻ»), so that no digit can be misread when amounts are written out.
    """
    if value is None:
        return ""
    if value == 0:
        return _DIGITS[0]
    groups: list[int] = []
    while value:
        value, group = divmod(value, 1000)
        groups.append(group)
    words = [
        f"{_group_words(group, full=index < len(groups) - 1)} {_group_name(index)}".strip()
        for index, group in reversed(list(enumerate(groups)))
        if group
    ]
    return " ".join(words)


def _group_name(index: int) -> str:
    """nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ, …: after tỷ the names start again."""
    name = _GROUPS[index % 3]
    return " ".join([name] * bool(name) + ["tỷ"] * (index // 3)).strip()


def _group_words(group: int, *, full: bool) -> str:
    """Three digits in words; `full` reads a zero hundreds digit («không trăm»)."""
    hundreds, rest = divmod(group, 100)
    tens, units = divmod(rest, 10)
    words = [f"{_DIGITS[hundreds]} trăm"] if hundreds or full else []
    if tens == 0 and units:
        words += ["lẻ"] * bool(words) + [_DIGITS[units]]
    elif tens == 1:
        words += ["mười", {0: "", 5: "lăm"}.get(units, _DIGITS[units])]
    elif tens:
        words += [f"{_DIGITS[tens]} mươi", {0: "", 1: "mốt", 5: "lăm"}.get(units, _DIGITS[units])]
    return " ".join(w for w in words if w)


def phan_tram(part: int, whole: int) -> str:
    """`98,8%`: one decimal, rounded half up, a trailing `,0` dropped; `—` when whole is 0.

    Half-up (not Python's banker's rounding) because that is how a person
    rounds by hand, so the province can recompute every share and agree.
    """
    if whole == 0:
        return "—"
    share = Decimal(part) * 100 / Decimal(whole)
    text = so(share, 1)
    return (text.removesuffix(",0")) + "%"


def doan(value: str | None) -> list[str]:
    """The paragraphs of a prose value: its non-blank lines, stripped."""
    if not value:
        return []
    return [line.strip() for line in value.splitlines() if line.strip()]


FILTERS: dict[str, Callable[..., Any]] = {
    "ngay": ngay,
    "ngay_so": ngay_so,
    "so": so,
    "tien": tien,
    "tien_chu": tien_chu,
    "so_chu": so_chu,
    "phan_tram": phan_tram,
    "doan": doan,
}
"""The filters available in every template, by the name used in `{{ x | name }}`."""
