"""The library entry points the CLI and the tests both call: check a file, build a report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, Problem, UsageError
from .load import load
from .render import render_docx
from .schema import BaoCao
from .validate import validate
from .write import ensure_writable, write_atomic


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one data file."""

    source: Path
    bao_cao: BaoCao | None
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "loi"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "canh_bao"]


def check_file(source: Path) -> Checked:
    """Load and validate `source`; data problems are returned, not raised."""
    try:
        loaded = load(source)
    except DataError as error:
        return Checked(source, None, error.problems)
    bao_cao, problems = validate(loaded)
    return Checked(source, bao_cao, problems)


def default_output(source: Path) -> Path:
    """`hk1.yaml` → `hk1.docx`, beside the data file."""
    return source.with_suffix(".docx")


def build_report(
    source: Path, *, template: Path | None = None, out: Path | None = None, force: bool = False
) -> tuple[Path, list[Problem]]:
    """Check `source` and, if it has no errors, write its report; return the path and warnings.

    Raises DataError with every problem when the data is invalid; nothing is
    written then, and an existing output file is never touched.
    """
    target = out or default_output(source)
    ensure_writable(target, force=force)
    if template is not None and not template.is_file():
        raise UsageError(f"{template}: không tìm thấy tệp mẫu")
    checked = check_file(source)
    if checked.errors or checked.bao_cao is None:
        raise DataError(checked.problems)
    write_atomic(target, render_docx(checked.bao_cao, template), force=force)
    return target, checked.warnings
