"""Rendering reports: each checked once, every output refused or allowed before any is written.

The order of a run: the template is read once; every report is checked (in
parallel for many); the template is checked once for each guideline pack the
valid reports follow; the outputs of the whole run are worked out and
refused up front if one exists (without --force), is an input of the run, or
collides with another; then each .docx is written, then the PDFs (LibreOffice),
then the bundles. Each report's outcome is told to the caller as it comes, so
the CLI can draw progress; nothing here prints.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from baocao.checks.pipeline import Checked, check_readable, check_source
from baocao.errors import (
    BaocaoError,
    DataError,
    Problem,
    TemplateProblems,
    UsageError,
    errors_of,
    os_error_text,
)
from baocao.load.sources import data_files
from baocao.output.write import ensure_can_create, ensure_names_fit, refuse_overwrite, write_atomic
from baocao.render.source import Template

OUTPUT_SUFFIXES = (".docx", ".pdf")


@dataclass(frozen=True)
class Options:
    """How `render` writes, and what it writes besides each .docx."""

    template: Path | None = None
    force: bool = False
    pdf: bool = False
    bundle: bool = False
    phu_luc_anh: bool = False
    anh_goc: bool = False
    """Photos as they were taken, rather than made print-ready (upright, 1600 px at most)."""
    outside: bool = False
    """Whether a report may name files outside its own folder."""
    workers: int | None = None


@dataclass(frozen=True)
class Job:
    """One report to render: its data file and where its .docx goes."""

    source: Path
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What became of one job: its problems (warnings when it succeeded), or why it failed."""

    job: Job
    problems: tuple[Problem, ...] = ()
    error: str = ""
    """Why it failed, when not for its data (an unwritable output, say)."""
    document: str = "báo cáo"
    """What its file is, in messages: «báo cáo», or «kế hoạch» for a plan rendered alone."""

    @property
    def ok(self) -> bool:
        return not self.error and not errors_of(self.problems)

    @property
    def first_error(self) -> str:
        errors = errors_of(self.problems)
        return str(errors[0]) if errors else self.error


@dataclass
class Summary:
    """Everything a run made, and every outcome."""

    jobs: list[Job]
    single: bool
    """One report named as a file, rather than a batch."""
    outcomes: list[Outcome] = field(default_factory=list)
    pdfs: list[Path] = field(default_factory=list)
    bundles: list[Path] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)
    """Plan files found among the sources: not reports, so not rendered here."""
    notes: list[str] = field(default_factory=list)
    """Warnings about what was written (a file too large to send by e-mail)."""

    @property
    def done(self) -> list[Outcome]:
        return sorted((o for o in self.outcomes if o.ok), key=lambda o: str(o.job.source))

    @property
    def failed(self) -> list[Outcome]:
        return sorted((o for o in self.outcomes if not o.ok), key=lambda o: str(o.job.source))


Progress = Callable[[Outcome, int], None]
"""Told each outcome as it comes, and how many jobs the run has."""


def render_reports(
    paths: Sequence[Path],
    output: str | None = None,
    options: Options = Options(),
    progress: Progress | None = None,
) -> Summary:
    """Render the reports under `paths`: one file (`output` a .docx or .pdf, or beside the
    data), or many (`output` a folder that keeps the sources' layout).

    Raises TemplateProblems for a broken template and UsageError for a command
    that cannot be carried out, before anything is written; a report with
    errors is an outcome, not an exception.
    """
    jobs, options, single = plan_jobs(paths, output, options)
    template = _template(options.template)
    summary = Summary(jobs, single)
    tell = progress or (lambda _outcome, _total: None)
    if template is None and not options.bundle:
        # Nothing decided up front needs a report's data: each is rendered by the worker that
        # checked it, which sends back its document instead of its whole checked model.
        checked, documents = _check_and_render_all(jobs, options, summary, tell)
    else:
        checked, documents = _check_all(jobs, options, summary, tell), None
        _check_template(template, checked)
    targets = _targets(checked, options)
    _refuse(targets, checked, template, options, new_folders=not single)
    if documents is None:
        _write_reports(checked, targets, template, options, summary, tell)
    else:
        for job, document in documents.items():
            _tell(summary, tell, _written(job, checked[job], targets[job].docx, document, options))
    rendered = [o.job for o in summary.done]
    if options.pdf and rendered:
        from baocao.output.pdf import convert

        outputs = [job.output for job in rendered]
        summary.pdfs = convert(outputs, force=options.force, workers=options.workers)
    if options.bundle:
        summary.bundles = [_bundle(checked[job], targets[job], options) for job in rendered]
    summary.notes = _size_notes([job.output for job in rendered] + summary.bundles, options)
    return summary


def _size_notes(written: list[Path], options: Options) -> list[str]:
    from baocao.render.photos import mail_size_warning

    notes = (mail_size_warning(path, originals=options.anh_goc) for path in written)
    return [note for note in notes if note]


def build_report(
    source: Path, *, out: Path | None = None, **how: Any
) -> tuple[Path, list[Problem]]:
    """Check `source` and write its one report; its path and warnings. DataError if invalid.

    The library's shortest way: `build_report(Path("hk1.yaml"))` writes `hk1.docx`.
    """
    summary = render_reports([source], str(out) if out else None, Options(**how))
    outcome = summary.outcomes[0]
    if not outcome.ok:
        if outcome.error:
            raise UsageError(outcome.error)
        raise DataError(list(outcome.problems))
    return outcome.job.output, list(outcome.problems)


# --- planning ------------------------------------------------------------------------------


def plan_jobs(
    paths: Sequence[Path], output: str | None, options: Options
) -> tuple[list[Job], Options, bool]:
    """A job per data file, the options the output's name implies (`-o bc.pdf`: a PDF), and
    whether this is one report named as a file (else a batch, `output` a folder)."""
    for path in [*paths, *([Path(output)] if output is not None else [])]:
        ensure_names_fit(path)  # before anything asks the file system about it
    folder_out = output is not None and (output.endswith(("/", os.sep)) or Path(output).is_dir())
    single = len(paths) == 1 and not paths[0].is_dir() and not folder_out
    if not single:
        outdir = Path(output) if output else None
        return _batch_jobs(paths, outdir), options, False
    source = paths[0]
    if not os.path.lexists(source):  # a broken link is named as such when it is read
        raise UsageError(f"{source}: không tìm thấy tệp")
    target = Path(output) if output else default_output(source)
    if os.path.lexists(target) and target.resolve() == source.resolve():
        raise _input_as_output(target)  # said first: the suffix is not what is wrong
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise UsageError(
            f"{target}: tệp kết quả phải có đuôi .docx (văn bản Word) hoặc .pdf "
            "(khi đó tệp .docx cùng tên được tạo bên cạnh)"
        )
    if suffix == ".pdf":
        options = dataclasses.replace(options, pdf=True)
    return [Job(source, target.with_suffix(".docx"))], options, True


def default_output(source: Path) -> Path:
    """`hk1.yaml` → `hk1.docx`, beside the data file."""
    return source.with_suffix(".docx")


def _batch_jobs(paths: Sequence[Path], outdir: Path | None) -> list[Job]:
    """Folders are searched for .yaml files; their layout is kept below `outdir`."""
    jobs = [job for path in paths for job in _jobs_for(path, outdir)]
    seen: dict[Path, Path] = {}
    for job in jobs:
        if job.output in seen:
            raise UsageError(
                f"{seen[job.output]} và {job.source} cho cùng một tệp kết quả {job.output}"
            )
        seen[job.output] = job.source
    return jobs


def _jobs_for(path: Path, outdir: Path | None) -> list[Job]:
    root = path if path.is_dir() else path.parent
    return [Job(s, _output(s, s.relative_to(root), outdir)) for s in data_files(path)]


def _output(source: Path, relative: Path, outdir: Path | None) -> Path:
    return outdir / relative.with_suffix(".docx") if outdir else default_output(source)


def _template(path: Path | None) -> Template | None:
    """The user's template, read once for the whole run (checked by `_check_template`)."""
    if path is None:
        return None
    from baocao.render.source import read_template

    return read_template(path)


def _check_template(template: Template | None, checked: dict[Job, Checked[Any]]) -> None:
    """A user's template checked once for each guideline pack the run's reports follow —
    against the names a template of that pack can use — or, with none valid, against the
    built-in template's: TemplateProblems lists every problem."""
    if template is None:
        return
    from baocao.render.docx import jinja_env
    from baocao.render.template.check import check_template
    from baocao.render.template.data import pack_members

    packs = {c.kind.pack.ma if c.kind.pack else "": c.kind.pack for c in checked.values()}
    for goi in packs.values() or [None]:
        if problems := check_template(template, jinja_env(), pack_members(goi)):
            raise TemplateProblems(template.path, problems)


# --- checking ------------------------------------------------------------------------------


def _check_all(
    jobs: list[Job], options: Options, summary: Summary, tell: Progress
) -> dict[Job, Checked[Any]]:
    """Every job's report checked once; failures told now, plans set aside."""
    from baocao.province.batch import parallel

    check = functools.partial(_check_job, outside=options.outside, single=summary.single)
    valid: dict[Job, Checked[Any]] = {}
    for job, checked in parallel(check, jobs, workers=options.workers):
        if (document := _to_render(checked, summary.single)) is not None:
            valid[job] = document
        else:
            _set_aside(job, checked, summary, tell)
    return {job: valid[job] for job in jobs if job in valid}  # in the order given


def _check_and_render_all(
    jobs: list[Job], options: Options, summary: Summary, tell: Progress
) -> tuple[dict[Job, Checked[Any]], dict[Job, bytes | str]]:
    """`_check_all`, each valid report rendered where it was checked: its document (or why it
    could not be rendered), kept until the run's outputs are allowed, and its checked data
    without the model, which nothing after needs."""
    from baocao.province.batch import parallel

    work = functools.partial(_check_and_render, options=options, single=summary.single)
    valid: dict[Job, Checked[Any]] = {}
    documents: dict[Job, bytes | str] = {}
    for job, checked, document in parallel(
        work, jobs, workers=options.workers, prepare=_load_renderer
    ):
        if document is None:
            _set_aside(job, checked, summary, tell)
        else:
            valid[job], documents[job] = checked, document
    ordered = [job for job in jobs if job in valid]  # in the order given
    return {job: valid[job] for job in ordered}, {job: documents[job] for job in ordered}


def _check_and_render(
    job: Job, *, options: Options, single: bool
) -> tuple[Job, Checked[Any], bytes | str | None]:
    job, checked = _check_job(job, outside=options.outside, single=single)
    if (document := _to_render(checked, single)) is None:
        return job, checked, None
    try:
        data: bytes | str = _render(document, None, options)
    except BaocaoError as error:  # its text: not every error can be pickled back
        data = str(error)
    return job, dataclasses.replace(document, model=None, ke_hoach=None), data


def _to_render(checked: Checked[Any], single: bool) -> Checked[Any] | None:
    """What of a checked file is rendered: a valid report, or a valid plan named on its own."""
    if not checked.ok or (checked.kind.is_plan and not single):
        return None
    return _as_document(checked) if checked.kind.is_plan else checked


def _set_aside(job: Job, checked: Checked[Any], summary: Summary, tell: Progress) -> None:
    """A folder's plan is skipped (reports name it); an invalid file is a failed outcome."""
    if checked.kind.is_plan and not summary.single:
        summary.skipped.append(job.source)
    else:
        _tell(summary, tell, Outcome(job, tuple(checked.problems), document=checked.kind.document))


def _as_document(checked: Checked[Any]) -> Checked[Any]:
    """A plan rendered on its own: as a document of the plan pack it names, or of the bundled
    one (a folder's plans are the files its reports name, not documents of the run, and stay
    skipped)."""
    from baocao.packs.find import PLAN_PACK, bundled

    pack = checked.kind.pack or bundled(PLAN_PACK)
    return dataclasses.replace(checked, kind=dataclasses.replace(checked.kind, pack=pack))


def _check_job(job: Job, *, outside: bool, single: bool) -> tuple[Job, Checked[Any]]:
    if single:  # one file that cannot be read is a usage error, not a failed report
        return job, check_source(job.source, outside=outside)
    return job, check_readable(job.source, outside=outside).detached()


def _tell(summary: Summary, tell: Progress, outcome: Outcome) -> None:
    summary.outcomes.append(outcome)
    tell(outcome, len(summary.jobs))


# --- what will be written, refused before anything is ----------------------------------------


@dataclass(frozen=True)
class _Targets:
    docx: Path
    pdf: Path | None
    bundle: Path | None

    def paths(self) -> list[Path]:
        return [p for p in (self.docx, self.pdf, self.bundle) if p is not None]


def _targets(checked: dict[Job, Checked[Any]], options: Options) -> dict[Job, _Targets]:
    from baocao.output.pdf import pdf_path

    bundles = _bundles(checked) if options.bundle else {}
    taken = Counter(bundles.values())
    targets = {}
    for job in checked:
        bundle = bundles.get(job)
        if bundle and taken[bundle] > 1:  # two reports of one unit in one run: each its own
            bundle = bundle.with_name(f"{bundle.stem}-{job.output.stem}.zip")
        targets[job] = _Targets(job.output, pdf_path(job.output) if options.pdf else None, bundle)
    return targets


def _bundles(checked: dict[Job, Checked[Any]]) -> dict[Job, Path]:
    """Where each report's bundle goes, by its unit's name (the bundle's module, and the photo
    code it imports, loaded only then)."""
    from baocao.output.bundle import bundle_name

    return {
        job: job.output.parent / bundle_name(c.require(), c.kind.pack) for job, c in checked.items()
    }


def _refuse(
    targets: dict[Job, _Targets],
    checked: dict[Job, Checked[Any]],
    template: Template | None,
    options: Options,
    *,
    new_folders: bool,
) -> None:
    """No output may replace an input of the run, whatever --force says, nor exist without it.

    A batch makes the folders it needs; one report goes into a folder that exists,
    so that a mistyped folder name is caught rather than created.
    """
    inputs = _inputs(checked, template)
    for target in (path for t in targets.values() for path in t.paths()):
        if target.resolve() in inputs:
            raise _input_as_output(target)
        refuse_overwrite(target, force=options.force)
        if not new_folders and not target.parent.is_dir():
            raise UsageError(f"{target}: thư mục chứa tệp không tồn tại")
        ensure_can_create(target)


def _input_as_output(target: Path) -> UsageError:
    return UsageError(
        f"{target}: đây là một tệp đầu vào của lệnh này (dữ liệu, kế hoạch, ảnh hoặc mẫu); "
        "hãy chọn tên khác cho tệp kết quả để không mất tệp đó"
    )


def _inputs(checked: dict[Job, Checked[Any]], template: Template | None) -> set[Path]:
    files: set[Path] = {template.path} if template else set()
    for job, report in checked.items():
        files.update([job.source, *report.attachments()])
    # Each once: a folder's reports name the same plan and often the same photos.
    return {path.resolve() for path in files}


# --- writing -------------------------------------------------------------------------------


def _write_reports(
    checked: dict[Job, Checked[Any]],
    targets: dict[Job, _Targets],
    template: Template | None,
    options: Options,
    summary: Summary,
    tell: Progress,
) -> None:
    from baocao.province.batch import parallel

    work = [(checked[job], targets[job].docx) for job in checked]
    write = functools.partial(_write_report, template=template, options=options)
    for outcome in parallel(write, work, workers=options.workers, prepare=_load_renderer):
        _tell(summary, tell, outcome)


def _load_renderer() -> None:
    from baocao.render import direct  # noqa: F401  (loaded once per worker, before its first report)


def _write_report(
    work: tuple[Checked[Any], Path], *, template: Template | None, options: Options
) -> Outcome:
    """Render and write one report; every failure becomes its outcome, never an exception."""
    checked, target = work
    try:
        document: bytes | str = _render(checked, template, options)
    except BaocaoError as error:
        document = str(error)
    return _written(Job(checked.source, target), checked, target, document, options)


def _render(checked: Checked[Any], template: Template | None, options: Options) -> bytes:
    from baocao.render.docx import render_docx

    return render_docx(
        checked.require(),
        template,
        ke_hoach=checked.ke_hoach,
        anh=checked.photos if options.phu_luc_anh else (),
        anh_goc=options.anh_goc,
        goi=checked.kind.pack,
    )


def _written(
    job: Job, checked: Checked[Any], target: Path, document: bytes | str, options: Options
) -> Outcome:
    """`document` written to `target`, or the outcome of why it was not (`document` is the
    text of the error that kept it from being rendered)."""
    problems = tuple(checked.problems)
    if isinstance(document, str):
        return Outcome(job, problems, error=document)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)  # only now: a failed run leaves no folders
        write_atomic(target, document, force=options.force)
    except BaocaoError as error:
        return Outcome(job, problems, error=str(error))
    except OSError as error:  # the folder could not be made
        return Outcome(job, problems, error=f"{target}: {os_error_text(error)}")
    return Outcome(job, problems)


def _bundle(checked: Checked[Any], targets: _Targets, options: Options) -> Path:
    from baocao.output.bundle import bundle_bytes

    assert targets.bundle is not None
    documents = [targets.docx, *([targets.pdf] if targets.pdf else [])]
    data = bundle_bytes(
        checked.require(),
        documents,
        checked.photos,
        originals=options.anh_goc,
        goi=checked.kind.pack,
    )
    return write_atomic(targets.bundle, data, force=options.force)
