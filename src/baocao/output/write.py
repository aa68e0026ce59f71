"""Writing output files atomically, never clobbering by accident (their bytes: `ooxml`)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from baocao.errors import OutputError, UsageError, os_error_text
from baocao.load.attachments import MAX_NAME_BYTES


def refuse_overwrite(path: Path, *, force: bool = False) -> None:
    """An existing file is replaced only when the user asked for it."""
    if path.exists() and not force:
        raise _exists(path)


def ensure_writable(path: Path, *, force: bool = False) -> None:
    """Refuse early, before any work, to write where we may not."""
    ensure_names_fit(path)  # first: asking whether a name too long exists raises
    refuse_overwrite(path, force=force)
    if not path.parent.is_dir():
        raise UsageError(f"{path}: thư mục chứa tệp không tồn tại")
    ensure_can_create(path)


def ensure_names_fit(path: Path) -> None:
    """Refuse a path with a file or folder name longer than file systems accept."""
    for part in path.parts:
        if len(part.encode()) > MAX_NAME_BYTES:
            raise UsageError(f"{path}: tên «{part[:40]}…» dài quá {MAX_NAME_BYTES} byte")


def ensure_can_create(path: Path) -> None:
    """Refuse, before any work, an output that cannot be created: a name too long, or a
    folder (or the nearest one that exists) that is not writable."""
    ensure_names_fit(path)
    folder = next((p for p in path.parents if p.exists()), Path("."))
    if not folder.is_dir():
        raise UsageError(f"{path}: {folder} không phải thư mục")
    if not os.access(folder, os.W_OK | os.X_OK):
        if _read_only(folder):  # said apart: changing permissions would not help
            raise UsageError(f"{path}: thư mục {folder} nằm trên ổ đĩa chỉ cho đọc")
        raise UsageError(f"{path}: không có quyền ghi vào thư mục {folder}")


def _read_only(folder: Path) -> bool:
    """Whether `folder` is on a file system mounted read-only (never known on Windows)."""
    statvfs = getattr(os, "statvfs", None)
    return statvfs is not None and bool(statvfs(folder).f_flag & os.ST_RDONLY)


def _exists(path: Path) -> UsageError:
    return UsageError(f"{path}: tệp đã tồn tại; thêm --force nếu muốn ghi đè")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    A failure at any point leaves no partial file; an existing file is replaced
    only when `force` is given.
    """
    ensure_writable(path, force=force)
    tmp_name = ""
    try:
        fd, tmp_name = tempfile.mkstemp(
            prefix=_temporary_prefix(path), suffix=".tmp", dir=path.parent
        )
        with os.fdopen(fd, "wb") as tmp:
            tmp.write(data)
        os.chmod(tmp_name, 0o644)
        # link() refuses to replace, closing the window between exists() and rename.
        if force:
            os.replace(tmp_name, path)
        else:
            os.link(tmp_name, path)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as error:
        raise OutputError(path, f"không ghi được tệp ({os_error_text(error)})") from error
    finally:
        if tmp_name and os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path


def _temporary_prefix(path: Path) -> str:
    """`.hk1.docx.`: the temporary file named after its target, short enough that the random
    part and `.tmp` still fit in a name when the target's own name is as long as allowed."""
    return f".{path.name.encode()[:200].decode(errors='ignore')}."
