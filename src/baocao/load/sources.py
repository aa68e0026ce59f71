"""Finding the data files a command is given: files as named, folders searched for YAML.

A folder of reports may hold their plan of targets too; which file is which is
told once each is read (`checks.pipeline.kind_of`), not here.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Sequence
from pathlib import Path

from baocao.errors import UsageError, os_error_text

DATA_SUFFIXES = (".yaml", ".yml")

PACK_FOLDER = "huong-dan"
"""The folder beside a report where baocao looks for its guideline packs: what it holds are
packs (`packs.find`), not data, and a folder's search leaves it out."""


def data_files(path: Path) -> list[Path]:
    """`path` itself if it is a file; else every .yaml/.yml file below it, in sorted order.

    Hidden files and folders (`.git`, an editor's `.#hk1.yaml`) are not data, nor the packs
    of a `huong-dan` folder below `path`.
    """
    try:
        return _data_files(path)
    except OSError as error:  # `is_dir` raises on a name too long for the file system
        raise UsageError(f"{path}: không đọc được ({os_error_text(error)})") from None


def _data_files(path: Path) -> list[Path]:
    if path.is_dir():
        found = sorted(p for p in path.rglob("*") if _is_data(p, path))
        if not found:
            raise UsageError(f"{path}: thư mục không có tệp .yaml nào")
        return found
    if not path.exists():
        if path.is_symlink():
            raise UsageError(f"{path}: {broken_link(path)}")
        raise UsageError(f"{path}: không tìm thấy tệp hoặc thư mục")
    return [path]


def broken_link(link: Path) -> str:
    """Why a symbolic link leads nowhere: round to itself, or to a file that is not there."""
    try:
        link.stat()
    except OSError as error:
        if error.errno != errno.ENOENT:
            return f"không đọc được ({os_error_text(error)})"
    return f"liên kết tắt trỏ tới {os.readlink(link)}, tệp này không có"


def _is_data(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    hidden = any(part.startswith(".") for part in parts)
    packs = PACK_FOLDER in parts[:-1]
    return path.suffix.lower() in DATA_SUFFIXES and not hidden and not packs and path.is_file()


def collect(paths: Sequence[Path], *, exclude: Sequence[Path] = ()) -> list[Path]:
    """The data files of every path, each once even when named twice or found in two folders."""
    skip = {p.resolve() for p in exclude}
    found: dict[Path, Path] = {}
    for path in paths:
        for file in data_files(path):
            if file.resolve() not in skip:
                found.setdefault(file.resolve(), file)
    return list(found.values())
