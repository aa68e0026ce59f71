"""Unit names as a person means them: one key per unit, and the Vietnamese dictionary order.

Reports and rosters are typed by hundreds of people: «CĐCS Trường THCS Gia Hưng»,
«Trường THCS Gia Hưng» and «trường thcs  gia hưng» are one unit, and so are
«Hoà» and «Hòa» — the old and the new place of the tone mark.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from baocao.caches import remember

_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
"""Control characters (but tab and line breaks) and non-characters: XML has no room for
them, and they reach file names and rosters pasted from Word or Zalo."""
_SURROGATES = re.compile("[\ud800-\udfff]")
"""What Python makes of the bytes of a file name that is not UTF-8."""


def printable(text: str) -> str:
    """`text` without what no .xlsx or .docx can hold (openpyxl refuses it outright)."""
    return _SURROGATES.sub("\ufffd", _UNWRITABLE.sub("", text))


_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
"""Huyền, hỏi, ngã, sắc, nặng: the dictionary order of tones, after the unmarked one."""

_NUCLEI = {("o", "a"), ("o", "e"), ("u", "y")}
"""The nuclei whose tone mark the old convention puts on the second vowel (hoà, khoẻ, thuỷ)
and the new one on the first (hòa, khỏe, thủy). A syllable has one tone, so moving it to
one place in both spellings joins only what is the same word."""

_PREFIXES = ("cđcs", "công đoàn cơ sở", "trường")
"""Words a unit's name may or may not start with: «CĐCS Trường THCS X» is «Trường THCS X»."""


def _letters(text: str) -> list[tuple[str, str]]:
    """Each character of `text` as its letter (ă, ơ… kept whole) and its tone mark, if any."""
    return [_letter(char) for char in unicodedata.normalize("NFC", text)]


@remember(maxsize=4096)  # a few hundred letters, met in every name of every report
def _letter(char: str) -> tuple[str, str]:
    parts = unicodedata.normalize("NFD", char)
    tone = "".join(c for c in parts if c in _TONES)
    return unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES)), tone


def sort_key(text: str) -> tuple[Any, ...]:
    """Vietnamese dictionary order: Đ after D, Ă and Â after A; tones only break ties.

    `locale` collation is missing or wrong on many machines; decomposing each
    letter into its base (with ă, â, ê, ô, ơ, ư, đ as letters) and its tone is not.
    """
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for base, tone in _letters(text.casefold()):
        rank = _ALPHABET.find(base) if len(base) == 1 else -1
        letters.append((1, rank) if rank >= 0 else (0, base))
        tones.append(sum(_TONES[c] for c in tone))
    return (letters, tones, text)


@remember(maxsize=16_384)  # a unit's name is keyed many times, its parent body's once a unit
def text_key(text: str) -> str:
    """The identity of a name: Unicode form, case, spacing and the tone mark's place do not
    matter (the tone is kept on the second vowel of «oa», «oe», «uy»)."""
    letters = _letters(printable(text).casefold())
    for i in range(len(letters) - 1):
        (first, tone), (second, other) = letters[i], letters[i + 1]
        if (first, second) in _NUCLEI and tone and not other:
            letters[i], letters[i + 1] = (first, ""), (second, tone)
    joined = "".join(unicodedata.normalize("NFC", base + tone) for base, tone in letters)
    return " ".join(joined.split())


_PREFIX_KEYS = tuple(text_key(prefix) + " " for prefix in _PREFIXES)


def unit_key(name: str) -> str:
    """The identity of a unit: `text_key` without the leading «CĐCS», «Công đoàn cơ sở»,
    «Trường» (any of them, in any order)."""
    key = text_key(name)
    while prefix := next((p for p in _PREFIX_KEYS if key.startswith(p)), None):
        key = key[len(prefix) :]
    return key
