"""The caches that live as long as a process, registered in one place so all can be cleared.

A batch or the form's server renders hundreds of reports with one template, one plan and the
same photos: what is worked out once is kept (`remember`). Each cache is listed here under its
function's name, so that tests start clean (`clear`) and a reader can see them all (`names`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar, cast

P = ParamSpec("P")
R = TypeVar("R")

_CLEARERS: dict[str, Callable[[], None]] = {}


def remember(maxsize: int | None = 128) -> Callable[[Callable[P, R]], Callable[P, R]]:
    """`functools.lru_cache`, registered: the function's results kept, at most `maxsize`."""

    def wrap(function: Callable[P, R]) -> Callable[P, R]:
        cached = functools.lru_cache(maxsize=maxsize)(function)
        register(f"{function.__module__}.{function.__qualname__}", cached.cache_clear)
        return cast(Callable[P, R], cached)

    return wrap


def register(name: str, clear_it: Callable[[], None]) -> None:
    """Add a cache kept some other way (an object's own table), by the name it is known by."""
    _CLEARERS[name] = clear_it


def names() -> list[str]:
    return sorted(_CLEARERS)


def clear() -> None:
    """Forget every cached result, as a fresh process would."""
    for clear_it in _CLEARERS.values():
        clear_it()
