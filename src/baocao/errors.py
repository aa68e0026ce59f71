"""One tree of errors, each carrying a Vietnamese message a person can act on.

The core raises these and never prints; the CLI turns them into messages and
exit codes in one place.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["loi", "canh_bao"]


@dataclass(frozen=True)
class Problem:
    """One finding about an input file, located at a line and column (1-based)."""

    file: Path
    line: int
    column: int
    path: str
    message: str
    severity: Severity = "loi"

    def __str__(self) -> str:
        prefix = "cảnh báo: " if self.severity == "canh_bao" else ""
        where = f"{self.path}: " if self.path else ""
        return f"{self.file}:{self.line}:{self.column}: {where}{prefix}{self.message}"


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`; có phải «x»?` when a known name is close to `name` (a typo), else nothing."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; có phải «{close[0]}»?" if close else ""


class BaocaoError(Exception):
    """Root of every error baocao reports to a user. Exit code 1: the input is at fault."""

    exit_code = 1


class DataError(BaocaoError):
    """The YAML file is unreadable or its data invalid; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class TemplateError(BaocaoError):
    """A template cannot be read or rendered."""

    def __init__(self, template: Path | str, message: str) -> None:
        super().__init__(f"{template}: {message}")


class OutputError(BaocaoError):
    """An output file cannot or may not be written."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(f"{path}: {message}")


class UsageError(BaocaoError):
    """The command was given something it cannot use (a missing file, an existing output).

    Exit code 2, as for Click's own usage errors.
    """

    exit_code = 2
