"""Vietnamese formatting of dates, numbers, money and percentages.

Pure functions, used by `compute` and registered as Jinja filters by `render`,
so that the built-in template and a user's template format alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any


def ngay(value: date) -> str:
    """`ngày 08 tháng 12 năm 2023`: days below 10 and months 1–2 take a leading zero.

    Decree 30/2020 writes months 1 and 2 as 01, 02 so that they cannot be
    extended by hand into 11 or 12; other months go without.
    """
    month = f"{value.month:02d}" if value.month < 3 else str(value.month)
    return f"ngày {value.day:02d} tháng {month} năm {value.year}"


def ngay_so(value: date) -> str:
    """`20/12/2023`, the short form used inside sentences."""
    return f"{value.day:02d}/{value.month:02d}/{value.year}"


def so(value: int | Decimal | float, decimals: int = 0) -> str:
    """`42.500.000`, `98,8`: a dot between thousands, a comma before decimals."""
    quantum = Decimal(1).scaleb(-decimals)
    rounded = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    text = f"{rounded:,.{decimals}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def tien(value: int) -> str:
    """`42.500.000 đồng`."""
    return f"{so(value)} đồng"


def tien_chu(value: int) -> str:
    """`Bốn mươi hai triệu năm trăm nghìn đồng`: an amount in words, as under a total."""
    from num2words import num2words  # loaded on first use: it is slow to import

    words = num2words(value, lang="vi")
    return f"{words[:1].upper()}{words[1:]} đồng"


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
    "phan_tram": phan_tram,
    "doan": doan,
}
"""The filters available in every template, by the name used in `{{ x | name }}`."""
