"""Markers of an outline's points («I.», «1.», «a)», «Phần thứ nhất»…) and their order.

A marker is read as a kind of numbering and a rank in it; siblings share one
kind and count up from one. «I.» may be a Roman one or a letter, so a marker
has every reading it allows, and its siblings choose among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_ORDINALS = ("nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}

KINDS = {
    "phan": "«Phần thứ nhất», «Phần thứ hai»…",
    "phan_la_ma": "«Phần I», «Phần II»…",
    "chu_hoa": "«A.», «B.»…",
    "la_ma": "«I.», «II.»…",
    "so": "«1.», «2.»…",
    "so_cap": "«1.1.», «1.2.»…",
    "chu_thuong": "«a)», «b)»…",
}


def _roman(text: str) -> int | None:
    """The value of a well-formed Roman numeral, or None."""
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN[here]
        total += -value if after and _ROMAN[after] > value else value
    return total if to_roman(total) == text else None


def to_roman(value: int) -> str:
    table = [(100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX")]
    table += [(5, "V"), (4, "IV"), (1, "I")]
    text = ""
    for amount, letters in table:
        while value >= amount:
            text, value = text + letters, value - amount
    return text


def readings(marker: str) -> list[tuple[str, int, str]]:
    """Every (kind, rank, parent) `marker` may be read as; «1.2.» has parent «1»."""
    text = marker.strip()
    found: list[tuple[str, int, str]] = []
    if (m := re.fullmatch(r"Phần thứ (\S+)", text)) and m.group(1) in _ORDINALS:
        found.append(("phan", _ORDINALS.index(m.group(1)) + 1, ""))
    if (m := re.fullmatch(r"Phần ([IVXLC]+)\.?", text)) and (n := _roman(m.group(1))):
        found.append(("phan_la_ma", n, ""))
    if (m := re.fullmatch(r"([IVXLC]+)[.\-]", text)) and (n := _roman(m.group(1))):
        found.append(("la_ma", n, ""))
    if m := re.fullmatch(r"([A-Z])\.", text):
        found.append(("chu_hoa", ord(m.group(1)) - ord("A") + 1, ""))
    if m := re.fullmatch(r"(\d+)\.", text):
        found.append(("so", int(m.group(1)), ""))
    if m := re.fullmatch(r"((?:\d+\.)+)(\d+)\.?", text):
        found.append(("so_cap", int(m.group(2)), m.group(1)))
    if m := re.fullmatch(r"([a-z])\)", text):
        found.append(("chu_thuong", ord(m.group(1)) - ord("a") + 1, ""))
    return found


def same_kind(marker: str | None, heading: str) -> bool:
    """Whether `marker` may count in the same numbering as `heading` («II.» as «I.»)."""
    kinds = {(kind, parent) for kind, _, parent in readings(heading)}
    return any((kind, parent) in kinds for kind, _, parent in readings(marker or ""))


def marker_for(kind: str, parent: str, rank: int) -> str:
    """The marker of rank `rank` in numbering `kind`, as a guideline prints it."""
    if kind == "phan":
        return f"Phần thứ {_ORDINALS[rank - 1]}" if rank <= len(_ORDINALS) else f"Phần {rank}"
    written = {
        "phan_la_ma": lambda: f"Phần {to_roman(rank)}",
        "la_ma": lambda: f"{to_roman(rank)}.",
        "chu_hoa": lambda: f"{chr(ord('A') + rank - 1)}.",
        "so": lambda: f"{rank}.",
        "so_cap": lambda: f"{parent}{rank}.",
        "chu_thuong": lambda: f"{chr(ord('a') + rank - 1)})",
    }
    return written[kind]()


def numbering_problems(markers: list[str | None]) -> Iterator[tuple[int, str]]:
    """(index, message) for each sibling marker out of kind or out of order."""
    numbered = [(i, marker) for i, marker in enumerate(markers) if marker is not None]
    if not numbered:
        return
    kind: tuple[str, str] | None = None
    expected = 1
    for i, marker in numbered:
        options = readings(marker)
        if not options:
            kinds = "; ".join(KINDS.values())
            yield i, f"không nhận ra cách đánh số «{marker}»; dùng một trong: {kinds}"
            return
        if kind is None:
            # The first point decides the kind: the reading that starts a count, if any.
            first = next((o for o in options if o[1] == 1), options[0])
            kind = (first[0], first[2])
        match = next((o for o in options if (o[0], o[2]) == kind), None)
        if match is None:
            yield i, f"«{marker}» không cùng kiểu đánh số với mục đầu ({KINDS[kind[0]]})"
            return
        if match[1] != expected:
            yield i, f"«{marker}» sai thứ tự; mục này phải là «{marker_for(*kind, expected)}»"
            return
        expected += 1
