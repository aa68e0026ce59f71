"""The library entry points the CLI and the tests both call: check a file, build a report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baocao.checks.messages import validate
from baocao.errors import DataError, Problem, UsageError
from baocao.load.attachments import check_attachments, photo_files
from baocao.load.marked import load
from baocao.output.write import ensure_writable, write_atomic
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach


@dataclass(frozen=True)
class Checked:
    """The outcome of checking one data file."""

    source: Path
    bao_cao: BaoCao | None
    problems: list[Problem]
    ke_hoach: KeHoach | None = None
    """The plan of targets the report names, once read and valid."""

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
    if bao_cao is None:
        return Checked(source, None, problems)
    ke_hoach, attached = check_attachments(loaded, bao_cao)
    # The report's own problems first, top to bottom, then those found in its plan file.
    ordered = sorted([*problems, *attached], key=lambda p: (p.file != source, p.line, p.column))
    return Checked(source, bao_cao, ordered, ke_hoach)


def check_readable(source: Path) -> Checked:
    """`check_file`, where an unreadable file is one more failed file rather than the end.

    For commands given many files: one file that cannot be read must not stop
    the others from being checked.
    """
    try:
        return check_file(source)
    except UsageError as error:
        message = str(error).removeprefix(f"{source}: ")
        return Checked(source, None, [Problem(source, 1, 1, "", message)])


def default_output(source: Path) -> Path:
    """`hk1.yaml` → `hk1.docx`, beside the data file."""
    return source.with_suffix(".docx")


def build_report(
    source: Path,
    *,
    template: Path | None = None,
    out: Path | None = None,
    force: bool = False,
    phu_luc_anh: bool = False,
    anh_goc: bool = False,
) -> tuple[Path, list[Problem]]:
    """Check `source` and, if it has no errors, write its report; return the path and warnings.

    With `phu_luc_anh`, the report's photos are printed with their captions in
    an appendix, made print-ready, or as they are with `anh_goc`. Raises
    DataError with every problem when the data is invalid; nothing is written
    then, and an existing output file is never touched.
    """
    from baocao.render.docx import render_docx  # docxtpl and lxml: only rendering needs them

    target = out or default_output(source)
    ensure_writable(target, force=force)
    if template is not None and not template.is_file():
        raise UsageError(f"{template}: không tìm thấy tệp mẫu")
    checked = check_file(source)
    if checked.errors or checked.bao_cao is None:
        raise DataError(checked.problems)
    photos = photo_files(source, checked.bao_cao) if phu_luc_anh else []
    data = render_docx(
        checked.bao_cao, template, ke_hoach=checked.ke_hoach, anh=photos, anh_goc=anh_goc
    )
    write_atomic(target, data, force=force)
    return target, checked.warnings
