"""Writing output files: deterministic bytes, atomically, never clobbering by accident."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from .errors import OutputError, UsageError


def deterministic_zip(data: bytes, when: datetime) -> bytes:
    """Re-pack an OOXML zip so that equal content gives equal bytes.

    python-docx stamps each zip entry with the current time; we stamp them all
    with `when` (the report's own date) and fix every other header field.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        return zip_entries([(e.filename, src.read(e.filename)) for e in src.infolist()], when)


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
    refuse_overwrite(path, force=force)
    if not path.parent.is_dir():
        raise UsageError(f"{path}: thư mục chứa tệp không tồn tại")


def _exists(path: Path) -> UsageError:
    return UsageError(f"{path}: tệp đã tồn tại; thêm --force nếu muốn ghi đè")


def write_atomic(path: Path, data: bytes, *, force: bool = False) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    A failure at any point leaves no partial file; an existing file is replaced
    only when `force` is given.
    """
    ensure_writable(path, force=force)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
        raise OutputError(path, f"không ghi được tệp ({error.strerror})") from error
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    return path
