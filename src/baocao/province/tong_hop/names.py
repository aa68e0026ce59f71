"""Unit names as a person means them: one key per unit, and the Vietnamese dictionary order."""

from __future__ import annotations

import unicodedata
from typing import Any

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
"""Huyền, hỏi, ngã, sắc, nặng: the dictionary order of tones, after the unmarked one."""


def sort_key(text: str) -> tuple[Any, ...]:
    """Vietnamese dictionary order: Đ after D, Ă and Â after A; tones only break ties.

    `locale` collation is missing or wrong on many machines; decomposing each
    letter into its base (with ă, â, ê, ô, ơ, ư, đ as letters) and its tone is not.
    """
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        rank = _ALPHABET.find(base) if len(base) == 1 else -1
        letters.append((1, rank) if rank >= 0 else (0, base))
        tones.append(sum(_TONES.get(c, 0) for c in parts))
    return (letters, tones, text)


def unit_key(name: str) -> str:
    """The identity of a unit's name: case, spacing and Unicode form do not matter."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())
