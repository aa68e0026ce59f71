"""Writing output files: deterministic bytes, atomically, never clobbering by accident."""

from __future__ import annotations

import io
import os
import struct
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from baocao.errors import OutputError, UsageError, os_error_text
from baocao.load.attachments import MAX_NAME_BYTES


def deterministic_zip(data: bytes, when: datetime) -> bytes:
    """An OOXML zip whose headers no longer depend on when and where it was written.

    python-docx stamps each entry with the clock and the writing system; the
    entries' date and time become `when` (the report's own date) and the other
    host-dependent fields are fixed, in place: the compressed data is already
    the same for the same content, so nothing is compressed twice.
    """
    patched = bytearray(data)
    stamp = _dos_stamp(when)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        central = archive.start_dir
        for entry in archive.infolist():
            struct.pack_into("<HH", patched, entry.header_offset + 10, *stamp)
            central = _patch_central(patched, central, stamp)
    return bytes(patched)


def _dos_stamp(when: datetime) -> tuple[int, int]:
    """The (time, date) fields of a zip header for midnight of `when`'s day."""
    return 0, (max(when.year, 1980) - 1980) << 9 | when.month << 5 | when.day


def _patch_central(patched: bytearray, offset: int, stamp: tuple[int, int]) -> int:
    """Fix one central-directory record at `offset`; return where the next one starts."""
    (made_by,) = struct.unpack_from("<H", patched, offset + 4)
    struct.pack_into("<H", patched, offset + 4, made_by & 0xFF)  # made on "MS-DOS", as on Windows
    struct.pack_into("<HH", patched, offset + 12, *stamp)
    struct.pack_into("<I", patched, offset + 38, 0o644 << 16)
    lengths: tuple[int, int, int] = struct.unpack_from("<HHH", patched, offset + 28)
    return offset + 46 + sum(lengths)  # the fixed part, then name, extra field and comment


def zip_entries(entries: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip of `(name, bytes)` entries in their order, every header fixed: equal in, equal out."""
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name, content in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0o644 << 16
            dst.writestr(info, content, compresslevel=6)
    return out.getvalue()


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
