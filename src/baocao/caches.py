"""The caches: those that live as long as a process, and the folder of those that outlive it.

A batch or the form's server renders hundreds of reports with one template, one plan and the
same photos: what is worked out once is kept (`remember`). Each cache is listed here under its
function's name, so that tests start clean (`clear`) and a reader can see them all (`names`).

A chair renders the same report again after each change: what depends only on bytes that
seldom change (a template's compiled code, a photo found sound) is kept on disk too, in a
folder only the user can open (`private_folder`), under a name that is a hash of all it
depends on (`recall`, `keep`).
"""

from __future__ import annotations

import contextlib
import functools
import os
import stat
from collections.abc import Callable
from pathlib import Path
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


@remember(maxsize=None)
def private_folder() -> Path | None:
    """The user's own folder for what outlives a process, made if need be; None where none
    can be had (no writable temporary folder, or one that another user could open), which
    costs only speed.

    Beside the system's temporary files, as Jinja keeps its bytecode: a folder named for the
    user, refused unless it is a real folder (not a link), the user's, closed to others.
    """
    import tempfile  # not at start-up: `--help` needs no folder

    uid = os.getuid() if hasattr(os, "getuid") else None
    folder = Path(tempfile.gettempdir()) / ("baocao-cache" + (f"-{uid}" if uid is not None else ""))
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode):
        return None
    if uid is not None and (status.st_uid != uid or stat.S_IMODE(status.st_mode) & 0o077):
        return None
    return folder


def recall(name: str) -> bytes | None:
    """What `keep` stored under `name` in this run or an earlier one, or None."""
    folder = private_folder()
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def kept(name: str) -> bool:
    """Whether something is stored under `name`: for a record whose name says it all."""
    folder = private_folder()
    return folder is not None and (folder / name).is_file()


def keep(name: str, content: bytes) -> None:
    """Store `content` under `name`, whole or not at all, readable by the user alone.

    A full or read-only disk only costs speed: nothing is raised.
    """
    folder = private_folder()
    if folder is None:
        return
    import tempfile

    with contextlib.suppress(OSError):
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=".baocao-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(temporary, folder / name)
        except OSError:
            os.unlink(temporary)
            raise
