"""Reading a YAML data file into plain Python data, remembering where every key and value stands.

Safety first: only YAML's plain types are constructed (no `!!python/…` tags),
aliases are refused (they are how a "billion laughs" file explodes), the file
size is capped, and duplicate keys are errors rather than last-one-wins.

Most files are block-style YAML, which `block` (compiled when baocao is installed) reads
on its own; anything else goes to `full`, PyYAML with libyaml, imported only then.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baocao.errors import (
    FORBIDDEN as _FORBIDDEN,
)
from baocao.errors import (
    DataError,
    PathKey,
    Problem,
    Severity,
    UsageError,
    byte_size,
    format_path,
    megabytes,
    os_error_text,
)
from baocao.load.plain import Read, Spot
from baocao.load.sources import broken_link


def _block_reader() -> Callable[[str], Read | None]:
    """The compiled block reader; where baocao was installed without a C compiler, one that
    declines every text, and the full loader reads every file, alike if more slowly."""
    try:
        from baocao.load.block import read
    except ImportError:
        return lambda _text: None
    return read


_read_block = _block_reader()

MAX_BYTES = 2 * 1024 * 1024
"""Larger than any real report by two orders of magnitude."""


@dataclass(frozen=True)
class Mark:
    """A 1-based position in the source file."""

    line: int
    column: int


@dataclass
class Loaded:
    """A parsed file: its data and the positions of its keys and values."""

    file: Path
    data: Any
    keys: dict[PathKey, Spot] = field(default_factory=dict)
    values: dict[PathKey, Spot] = field(default_factory=dict)
    """Where each key and value starts (0-based, as YAML parsers count): made a `Mark` only
    for a problem, so that a file with hundreds of values costs no object per value."""
    problems: list[Problem] = field(default_factory=list)
    """What reading found (duplicate keys, refused tags, stripped characters)."""
    comma_splits: dict[PathKey, str] = field(default_factory=dict)
    """Keys without a value inside `{ … }` that were likely cut off the previous value by a
    comma (`{ghi_chu: Thăm hỏi kịp thời, chu đáo}`), each with the line written in quotes."""

    def problem(
        self, path: PathKey, message: str, *, at_key: bool = False, severity: Severity = "loi"
    ) -> Problem:
        """A problem at `path`, placed on its value (or key), else on its nearest ancestor."""
        mark = self._mark(path, at_key)
        return Problem(self.file, mark.line, mark.column, format_path(path), message, severity)

    def _mark(self, path: PathKey, at_key: bool) -> Mark:
        table = (self.keys, self.values) if at_key else (self.values, self.keys)
        for probe in (path[:i] for i in range(len(path), 0, -1)):
            for marks in table:
                if probe in marks:
                    line, column = marks[probe]
                    return Mark(line + 1, column + 1)
        return Mark(1, 1)


def load(file: Path) -> Loaded:
    """Read and parse `file`; raise DataError (located) or UsageError (unreadable)."""
    return parse(file, _read(file))


def parse(file: Path, raw: bytes) -> Loaded:
    """Parse `raw` as the contents of `file` (not read); raise DataError (located).

    For text not yet on disk: the form of `baocao soan` checks what it is about to save.
    """
    if len(raw) > MAX_BYTES:
        message = f"tệp quá lớn ({byte_size(len(raw))}; tối đa {megabytes(MAX_BYTES)})"
        raise DataError([Problem(file, 1, 1, "", message)])
    if kind := _other_format(file, raw):
        message = f"đây là {kind}, không phải tệp dữ liệu YAML; hãy chọn tệp .yaml"
        raise DataError([Problem(file, 1, 1, "", message)])
    text = _utf8(file, raw)
    # The block reader declines a text with any character `FORBIDDEN` matches: what it reads
    # has none to remove, and most files need no other scan for them.
    if (read := _read_block(unicodedata.normalize("NFC", text))) is not None:
        return Loaded(file, *read)
    text, warnings, as_is = _cleaned(raw, text, file)
    if warnings and (read := _read_block(text)) is not None:
        return Loaded(file, *read, problems=warnings)
    from baocao.load import full  # PyYAML: a tenth of a cold render, for files few write

    # libyaml reads UTF-8: the file's own bytes when they hold the text as it is.
    loaded = full.read(file, text, raw.removeprefix(codecs.BOM_UTF8) if as_is else text, warnings)
    if not isinstance(loaded.data, dict):
        raise DataError(
            [loaded.problem((), "tệp phải gồm các mục, mỗi mục một dòng «tên: nội dung»")]
        )
    return loaded


_FORMATS = (
    (b"%PDF-", "tệp PDF (.pdf)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word hoặc Excel kiểu cũ (.doc, .xls)"),
    (b"{\\rtf", "tệp văn bản RTF (.rtf)"),
    (b"\xff\xd8\xff", "tệp ảnh JPEG"),
    (b"\x89PNG", "tệp ảnh PNG"),
)
_ZIPPED = {".docx": "tệp Word (.docx)", ".xlsx": "tệp Excel (.xlsx)", ".odt": "tệp Writer (.odt)"}


def _other_format(file: Path, raw: bytes) -> str | None:
    """What a file is when its first bytes say it is no text: a Word file, a PDF, a photo.

    The common slip is to give `validate` the report itself instead of its data.
    """
    if raw.startswith(b"PK\x03\x04"):  # .docx, .xlsx and .odt are zip files inside
        return _ZIPPED.get(file.suffix.lower(), "tệp nén (.zip, .docx)")
    return next((kind for magic, kind in _FORMATS if raw.startswith(magic)), None)


def _read(file: Path) -> bytes:
    """The file's bytes, refused when it is no regular file or larger than MAX_BYTES.

    Opened without blocking and checked with fstat before reading, so that a
    FIFO or a device (`/dev/zero`) is refused at once instead of blocking or
    reading forever; the read itself stops at MAX_BYTES + 1 whatever size the
    file system reports.
    """
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UsageError(_unreadable(file, error)) from None
    try:
        status = os.fstat(fd)
        _refuse_special(file, status.st_mode)
        raw = _read_at_most(fd, MAX_BYTES + 1)
    except OSError as error:
        raise UsageError(_unreadable(file, error)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        size = max(len(raw), status.st_size)
        message = f"tệp quá lớn ({byte_size(size)}; tối đa {megabytes(MAX_BYTES)})"
        raise DataError([Problem(file, 1, 1, "", message)])
    return raw


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0 and (chunk := os.read(fd, min(left, 1 << 16))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _unreadable(file: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return f"{file}: {broken_link(file) if file.is_symlink() else 'không tìm thấy tệp'}"
    if error.errno == errno.EISDIR:
        return f"{file}: đây là thư mục, không phải tệp YAML"
    return f"{file}: không đọc được tệp ({os_error_text(error)})"


def _refuse_special(file: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UsageError(f"{file}: đây là thư mục, không phải tệp YAML")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{file}: {_special_kind(mode)}, không phải tệp YAML; hãy chọn tệp .yaml")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "đây là một ống dẫn (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "đây là một thiết bị"
    if stat.S_ISSOCK(mode):
        return "đây là một ổ cắm mạng (socket)"
    return "đây là một tệp đặc biệt"


def _utf8(file: Path, raw: bytes) -> str:
    """`raw` as UTF-8 text, a BOM allowed; DataError where it is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = position(raw[: error.start].decode("utf-8", "replace"))
        message = "tệp không được lưu bằng mã UTF-8; hãy lưu lại tệp với bảng mã UTF-8"
        raise DataError([Problem(file, line, column, "", message)]) from None


def _cleaned(raw: bytes, text: str, file: Path) -> tuple[str, list[Problem], bool]:
    """`text` (the UTF-8 of `raw`) in NFC, with XML-forbidden control characters removed,
    each told; and whether that is what `raw` holds as it is (most files), its BOM aside."""
    if not _may_hold_forbidden(raw):  # most files: the scan of the text is not needed
        normal = unicodedata.normalize("NFC", text)
        return normal, [], normal is text  # the very same object when nothing changed
    warnings = [
        Problem(file, *position(text[: m.start()]), "", control_message(m.group()), "canh_bao")
        for m in _FORBIDDEN.finditer(text)
    ]
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", text)), warnings, False


_NOT_C0 = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
_C1 = re.compile(b"\xc2[\x80-\x84\x86-\x9f]")


def _may_hold_forbidden(raw: bytes) -> bool:
    """Whether valid UTF-8 `raw` holds a character `FORBIDDEN` matches, by its bytes: a C0 or
    DEL byte, «\\xc2» then a C1 byte, or U+FFFE, U+FFFF. Several times faster than the regex
    over the decoded text, which tests each character against its set."""
    return (
        bool(raw.translate(None, _NOT_C0))
        or _C1.search(raw) is not None
        or b"\xef\xbf\xbe" in raw
        or b"\xef\xbf\xbf" in raw
    )


def control_message(char: str) -> str:
    return f"đã bỏ ký tự điều khiển U+{ord(char):04X} (thường do sao chép từ Word, Zalo)"


def position(before: str) -> tuple[int, int]:
    """1-based line and column just after `before`."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
