"""One tree of errors, each carrying a Vietnamese message a person can act on.

The core raises these and never prints; the CLI turns them into messages and
exit codes in one place.
"""

from __future__ import annotations

import errno
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["loi", "canh_bao"]

PathKey = tuple[str | int, ...]
"""Where a value stands in a document: keys and list indexes from the top."""


def format_path(path: PathKey) -> str:
    """`tinh_hinh.so_lieu.nu`, list items numbered from 1 as a person counts: `phong_trao[1]`."""
    text = ""
    for part in path:
        text += f"[{part + 1}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text


FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
"""Control characters (C0 but tab and newlines, DEL, C1 but NEL) and non-characters: XML and
YAML forbid them, terminals obey some (ESC), and they arrive invisibly with text pasted from
Word or Zalo."""

_UNPRINTABLE = re.compile(f"{FORBIDDEN.pattern}|[\ud800-\udfff]")


def printable(text: str) -> str:
    """`text` without what no terminal, .docx or .xlsx cell may be given: control characters
    and the lone halves of UTF-16 pairs (which no encoder accepts)."""
    return _UNPRINTABLE.sub("", text)


@dataclass(frozen=True)
class Problem:
    """One finding about an input file, located at a line and column (1-based).

    Its field path and message may quote the input (a key, a value): they are kept
    printable, wherever they are printed.
    """

    file: Path
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "loi"

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", printable(self.path))
        object.__setattr__(self, "message", printable(self.message))

    @property
    def is_error(self) -> bool:
        """An error stops the report from being written; a warning only tells."""
        return self.severity == "loi"

    def __str__(self) -> str:
        prefix = "" if self.is_error else "cảnh báo: "
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{prefix}{self.message}"


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; có phải «x»?` when a known name is close to `name` (a typo), else nothing."""
    import difflib  # only when a name is wrong: every command imports this module

    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; có phải «{close[0]}»?" if close else ""


_OS_ERRORS = {
    errno.ENOENT: "không có tệp hoặc thư mục này",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không được phép thực hiện",
    errno.EISDIR: "đây là thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENAMETOOLONG: "tên tệp hoặc đường dẫn quá dài",
    errno.ELOOP: "đường dẫn có liên kết tắt vòng quanh chính nó",
    errno.ENOSPC: "ổ đĩa đã đầy",
    errno.EDQUOT: "đã hết dung lượng được cấp trên ổ đĩa",
    errno.EROFS: "ổ đĩa chỉ cho đọc, không ghi được",
    errno.EEXIST: "tệp đã có",
    errno.EBUSY: "tệp đang được chương trình khác dùng",
    errno.ETXTBSY: "tệp đang được chương trình khác dùng",
    errno.EMFILE: "mở quá nhiều tệp cùng lúc",
    errno.ENFILE: "mở quá nhiều tệp cùng lúc",
    errno.EIO: "lỗi đọc ghi của ổ đĩa",
    errno.ENXIO: "thiết bị không có hoặc chưa sẵn sàng",
    errno.ENODEV: "thiết bị không có hoặc chưa sẵn sàng",
    errno.EFBIG: "tệp quá lớn",
    errno.EXDEV: "không chuyển được tệp sang ổ đĩa khác",
    errno.EINVAL: "tên tệp hoặc đường dẫn không hợp lệ",
    errno.EAGAIN: "tệp tạm thời chưa đọc được",
    errno.ENOMEM: "không đủ bộ nhớ",
}


def os_error_text(error: OSError) -> str:
    """Why a file operation failed, in Vietnamese; never the system's English `strerror`.

    An errno we have not named still says something a person can act on.
    """
    if error.errno in _OS_ERRORS:
        return _OS_ERRORS[error.errno]
    return f"lỗi hệ thống số {error.errno}" if error.errno else "lỗi hệ thống"


def byte_size(count: int) -> str:
    """`52.428.804 byte`: a size written the Vietnamese way, dots between thousands."""
    return f"{count:,} byte".replace(",", ".")


def megabytes(count: int) -> str:
    """`2 MB` for a limit of 2 × 1024 × 1024 bytes, as file managers show it."""
    return f"{count / (1024 * 1024):g} MB".replace(".", ",")


class BaocaoError(Exception):
    """Root of every error baocao reports to a user. Exit code 1: the input is at fault."""

    exit_code = 1


class DataError(BaocaoError):
    """The YAML file is unreadable or its data invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def errors_of(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.is_error]


def warnings_of(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if not p.is_error]


class TemplateError(BaocaoError):
    """A template cannot be read or rendered."""

    def __init__(self, template: Path | str, message: str) -> None:
        super().__init__(f"{template}: {message}")


@dataclass(frozen=True)
class TemplateProblem:
    """One problem of a template: the file, where in it for a person, and what is wrong."""

    template: Path
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.template}: {self.where}: {self.message}"


class TemplateProblems(TemplateError):
    """A template that failed its check; carries every problem found, one per line."""

    def __init__(self, template: Path, problems: list[TemplateProblem]) -> None:
        lines = "\n".join(str(problem) for problem in problems)
        super().__init__(template, f"mẫu có {len(problems)} lỗi; chưa tạo báo cáo:\n{lines}")
        self.template = template
        self.problems = problems


class OutputError(BaocaoError):
    """An output file cannot or may not be written."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")


class PdfError(BaocaoError):
    """LibreOffice failed or timed out; the .docx files are kept."""


class UsageError(BaocaoError):
    """The command was given something it cannot use (a missing file, an existing output).

    Exit code 2, as for Click's own usage errors.
    """

    exit_code = 2
