"""Rendering many reports at once, in parallel processes; one bad file never stops the others.

Each worker process keeps its Jinja environment, so a template is compiled
once per worker rather than once per report.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from baocao.build import build_report, default_output
from baocao.errors import BaocaoError, DataError, Problem, UsageError
from baocao.load.sources import data_files


@dataclass(frozen=True)
class Job:
    """One report to render: its data file and where its .docx goes."""

    source: Path
    output: Path


@dataclass(frozen=True)
class Outcome:
    """What became of one job."""

    job: Job
    ok: bool
    problems: tuple[Problem, ...] = ()
    """Warnings when it succeeded; every data problem when the data was invalid."""
    error: str = ""
    """Why it failed, when not for its data (an existing output, a broken template)."""

    @property
    def first_error(self) -> str:
        errors = [p for p in self.problems if p.severity == "loi"]
        return str(errors[0]) if errors else self.error


def plan(paths: Sequence[Path], outdir: Path | None) -> list[Job]:
    """A job per data file; folders are searched for .yaml files, their layout kept in OUTDIR."""
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
    """Jobs for one argument; a folder's layout is kept below OUTDIR."""
    root = path if path.is_dir() else path.parent
    return [Job(s, _output(s, s.relative_to(root), outdir)) for s in data_files(path)]


def _output(source: Path, relative: Path, outdir: Path | None) -> Path:
    return outdir / relative.with_suffix(".docx") if outdir else default_output(source)


def render_all(
    jobs: Sequence[Job],
    *,
    template: Path | None,
    force: bool,
    workers: int | None = None,
    phu_luc_anh: bool = False,
    anh_goc: bool = False,
) -> Iterator[Outcome]:
    """Render every job, yielding outcomes as they complete."""
    workers = min(workers or os.cpu_count() or 1, len(jobs))
    if workers <= 1:
        prepare_worker()
        yield from (render_one(job, template, force, phu_luc_anh, anh_goc) for job in jobs)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only batches need it

    with ProcessPoolExecutor(max_workers=workers, initializer=prepare_worker) as pool:
        futures = [
            pool.submit(render_one, job, template, force, phu_luc_anh, anh_goc) for job in jobs
        ]
        for future in as_completed(futures):
            yield future.result()


def prepare_worker() -> None:
    """Load the rendering stack, then exempt it from garbage collection.

    What is loaded now lives as long as the process; `gc.freeze` spares the
    collector from walking those objects again after every few reports (about
    15 % of a batch's time).
    """
    from baocao.render import docx  # noqa: F401  (imported for its side effect: loaded once, up front)

    gc.freeze()


def render_one(
    job: Job, template: Path | None, force: bool, phu_luc_anh: bool = False, anh_goc: bool = False
) -> Outcome:
    """Render one job, turning every failure into an outcome instead of an exception."""
    try:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        _, warnings = build_report(
            job.source,
            template=template,
            out=job.output,
            force=force,
            phu_luc_anh=phu_luc_anh,
            anh_goc=anh_goc,
        )
    except DataError as error:
        return Outcome(job, ok=False, problems=tuple(error.problems))
    except BaocaoError as error:
        return Outcome(job, ok=False, error=str(error))
    except Exception as error:  # one broken file must never stop the batch
        return Outcome(job, ok=False, error=f"{job.source}: lỗi không mong đợi ({error!r})")
    return Outcome(job, ok=True, problems=tuple(warnings))
