"""Time baocao's commands end to end, as a user runs them, against pandoc on the same content.

Every command row is a fresh process, run `--repeats` times after one untimed
warm-up; the table gives medians of wall time, CPU time (user + system, the
process and its workers) and peak resident memory (the largest single process).
Rows compared with each other are timed in pairs, one run of each in turn, so
that a busy machine slows both alike: the cold render's ratio to pandoc, and the
batch's marginal CPU per report (two batch sizes, so that start-up cancels out),
are the medians of the pairs'. Then, in one process: docxtpl rendering the same
context from a template already in memory (the engine's own floor), and a
per-stage breakdown.

    python benchmarks/run.py                  # 20 reports, 3 repeats: a few minutes
    python benchmarks/run.py --reports 200    # batch rows of 100 and 200 reports

Run it with the Python that has baocao installed (`pip install -e .`): the
in-process rows import it. The table is printed and written to
benchmarks/results.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from generate import generate

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    """One row of the table: a command, how many reports it handles, what it compares to."""

    name: str
    argv: list[str]
    reports: int = 1
    versus: str = ""
    """The name of the row this one is compared with, timed in pairs with it."""


@dataclass
class Timing:
    """The medians of one case, or why it was skipped."""

    case: Case
    wall: float = 0.0
    cpu: float = 0.0
    rss_mib: float = 0.0
    note: str = ""
    ratio: float = 0.0
    """Median of the paired runs' wall-time ratios to `case.versus`."""
    margin: float = 0.0
    """CPU seconds per report over the smaller batch run in turn with it (`run_margin`)."""


def measure(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak RSS (MiB) of one run of `argv`.

    `os.wait4` returns the rusage of this child alone (with its own waited-for
    children). getrusage(RUSAGE_CHILDREN) has the same CPU fields, but its
    ru_maxrss is a high-water mark over every child so far: once a large
    command has run, each later, smaller one would report the same peak.
    """
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    with process.stderr:
        errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = errors.decode(errors="replace").strip().splitlines()[-3:]
        raise RuntimeError(f"exit {process.returncode}: {' | '.join(tail)}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def run_case(case: Case, repeats: int) -> Timing:
    """Warm up once, then the medians of `repeats` runs."""
    try:
        measure(case.argv)
        runs = [measure(case.argv) for _ in range(repeats)]
    except (OSError, RuntimeError) as error:
        return Timing(case, note=f"failed: {error}")
    return _medians(case, runs)


def run_pair(case: Case, other: Case, repeats: int) -> tuple[Timing, Timing]:
    """Both cases warmed up, then run in turn `repeats` times; `case` gets the paired ratio."""
    try:
        measure(case.argv), measure(other.argv)
        pairs = [(measure(case.argv), measure(other.argv)) for _ in range(repeats)]
    except (OSError, RuntimeError) as error:
        return Timing(case, note=f"failed: {error}"), Timing(other, note="")
    mine, theirs = _medians(case, [a for a, _ in pairs]), _medians(other, [b for _, b in pairs])
    mine.ratio = statistics.median(a[0] / b[0] for a, b in pairs)
    return mine, theirs


def run_margin(small: Case, large: Case, repeats: int) -> tuple[Timing, Timing]:
    """Both batch sizes warmed up, then run in turn `repeats` times; `large` gets the CPU
    seconds per report more than `small`, the median of the pairs' differences (a difference
    of two medians would carry the noise of both)."""
    try:
        measure(small.argv), measure(large.argv)
        pairs = [(measure(small.argv), measure(large.argv)) for _ in range(repeats)]
    except (OSError, RuntimeError) as error:
        return Timing(small, note=f"failed: {error}"), Timing(large, note="")
    extra = large.reports - small.reports
    low, high = _medians(small, [a for a, _ in pairs]), _medians(large, [b for _, b in pairs])
    high.margin = statistics.median((b[1] - a[1]) / extra for a, b in pairs)
    return low, high


def _medians(case: Case, runs: list[tuple[float, float, float]]) -> Timing:
    walls, cpus, rss = zip(*runs, strict=True)
    return Timing(case, statistics.median(walls), statistics.median(cpus), statistics.median(rss))


def command_rows(
    work: Path, reports: list[Path], jobs: int, repeats: int, tong_hop: list[int]
) -> list[Timing]:
    """start-up, validate, a cold render against pandoc, batches, PDFs, tong-hop."""
    baocao = console_script()
    if baocao is None:
        sys.exit("baocao is not installed: run `pip install -e .` first")
    one, out = str(reports[0]), work / "out"
    timings = [
        # What any Python program pays before its first line: the floor of every baocao row.
        run_case(
            Case("python -c pass (the interpreter's start-up)", [sys.executable, "-c", "pass"]),
            repeats,
        ),
        run_case(Case("baocao --help (start-up)", [baocao, "--help"]), repeats),
        run_case(Case("baocao validate, 1 report", [baocao, "validate", one]), repeats),
    ]
    render = Case(
        "baocao render, 1 report (cold)",
        [baocao, "render", one, "-o", f"{out}/1.docx", "--force"],
        versus="pandoc, 1 report",
    )
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        timings.append(run_case(render, repeats))
        timings.append(Timing(Case("pandoc, 1 report", []), note=PANDOC_MISSING))
    else:
        md = str(reports[0].with_suffix(".md"))
        pandoc_case = Case("pandoc, 1 report", [pandoc, md, "-o", f"{out}/p.docx"])
        timings += run_pair(render, pandoc_case, PAIRS_PER_REPEAT * repeats)
    timings += batch_rows(baocao, work, reports, jobs, repeats)
    timings += tong_hop_rows(baocao, work, tong_hop, jobs, repeats)
    return timings


def console_script() -> str | None:
    """The `baocao` command pip installed for this Python, as a user runs it.

    The one beside the interpreter first: on PATH there may be a version manager's shim
    instead (pyenv's is a shell script that runs `pyenv exec`, ~75 ms a call), which would be
    timed with baocao while pandoc runs directly.
    """
    beside = Path(sys.executable).parent / "baocao"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("baocao")


PANDOC_MISSING = "skipped: pandoc is not installed (apt-get install -y pandoc)"

PAIRS_PER_REPEAT = 5
"""The cold render's ratio to pandoc and the batch's CPU per additional report are what
goals are set on: more pairs than other rows' runs (a pair of cold renders takes half a
second, of batches three), so that one busy moment of a shared machine moves their median
less."""


def batch_rows(
    baocao: str, work: Path, reports: list[Path], jobs: int, repeats: int
) -> list[Timing]:
    """The batch at two sizes (its marginal cost per report is their difference), and PDFs."""
    half = len(reports) // 2
    small = _subset(work / "half", reports[:half])
    cases = []
    for folder, count in ((small, half), (reports[0].parent, len(reports))):
        argv = [baocao, "render", str(folder), "-o", f"{work}/out/b{count}", "--jobs", str(jobs)]
        cases.append(
            Case(f"baocao render, {count} reports, --jobs {jobs}", [*argv, "--force"], count)
        )
    rows = list(run_margin(*cases, PAIRS_PER_REPEAT * repeats))
    pdf = _subset(work / "pdf", reports[:PDF_REPORTS])
    argv = [
        baocao,
        "render",
        str(pdf),
        "-o",
        f"{work}/out/pdf",
        "--jobs",
        str(jobs),
        "--pdf",
        "--force",
    ]
    name = f"baocao render --pdf, {PDF_REPORTS} reports, --jobs {jobs}"
    rows.append(
        run_case(Case(name, argv, PDF_REPORTS), 1)
        if shutil.which("soffice")
        else Timing(Case(name, []), note="skipped: no LibreOffice")
    )
    return rows


PDF_REPORTS = 6


def _subset(folder: Path, reports: list[Path], *, link: bool = False) -> Path:
    """A folder of some of the reports (copies, or hard links), with the plan and photos they
    name."""
    folder.mkdir(parents=True)
    for report in reports:
        if link:
            os.link(report, folder / report.name)
        else:
            shutil.copy2(report, folder)
    shutil.copy2(reports[0].parent / "ke-hoach-2023-2024.yaml", folder)
    shutil.copytree(reports[0].parent / "anh", folder / "anh")
    return folder


def tong_hop_rows(
    baocao: str, work: Path, sizes: list[int], jobs: int, repeats: int
) -> list[Timing]:
    """The province's consolidation (`tong-hop`) of N reports, for each N of `sizes`, to .xlsx
    (and, at the largest, to .docx): its memory must stay flat as N grows.

    The reports are generated once, for the largest size; each smaller folder holds the first
    of them (hard links) with the plan and photos they name. The smallest and the largest
    runs to .xlsx are run in turn, as the two batch rows are (`run_margin`): the marginal cost
    of a report is the median of their pairs' differences, which a shared machine's slower
    minutes do not tilt.
    """
    if not sizes:
        return []
    print(f"… generating {max(sizes)} reports for tong-hop", file=sys.stderr)
    largest = generate(max(sizes), work / "tong-hop" / "all")
    cases: dict[tuple[int, str], Case] = {}
    for size in sorted(sizes):
        folder = _subset(work / "tong-hop" / f"r{size}", largest[:size], link=True)
        for suffix in ("xlsx", "docx") if size == max(sizes) else ("xlsx",):
            out = work / "out" / f"tong-hop-{size}.{suffix}"
            argv = [baocao, "tong-hop", str(folder), "-o", str(out), "--force", "--jobs", str(jobs)]
            name = f"baocao tong-hop, {size} reports → .{suffix}, --jobs {jobs}"
            cases[size, suffix] = Case(name, argv, size)
    timed: dict[tuple[int, str], Timing] = {}
    if len(set(sizes)) > 1:
        small, large = (min(sizes), "xlsx"), (max(sizes), "xlsx")
        pairs = PAIRS_PER_REPEAT * repeats
        timed[small], timed[large] = run_margin(cases[small], cases[large], pairs)
    return [timed.get(key) or run_case(case, repeats) for key, case in cases.items()]


IN_PROCESS = r"""
import io, json, statistics, sys, time
from pathlib import Path

from docxtpl import DocxTemplate

from baocao.checks.pipeline import check_source
from baocao.compute.derived import tinh_toan
from baocao.load.marked import load
from baocao.output.write import write_atomic
from baocao.render.docx import context, jinja_env, render_docx
from baocao.render.source import builtin

reports, out = [Path(p) for p in sys.argv[1:-1]], Path(sys.argv[-1])
stages = {"load": [], "check": [], "render": [], "write": [], "docxtpl": []}
template = builtin().data
for warm_up, report in [(True, reports[0])] + [(False, r) for r in reports]:
    t0 = time.process_time(); load(report)
    t1 = time.process_time(); checked = check_source(report)
    t2 = time.process_time(); data = render_docx(checked.require(), ke_hoach=checked.ke_hoach)
    t3 = time.process_time(); write_atomic(out / report.with_suffix(".docx").name, data, force=True)
    t4 = time.process_time()
    values = context(checked.require(), tinh_toan(checked.require(), checked.ke_hoach))
    t5 = time.process_time()
    doc = DocxTemplate(io.BytesIO(template)); doc.render(values, jinja_env(), autoescape=True)
    doc.save(io.BytesIO())
    t6 = time.process_time()
    if not warm_up:
        for name, spent in zip(stages, (t1 - t0, t2 - t1 - (t1 - t0), t3 - t2, t4 - t3, t6 - t5)):
            stages[name].append(spent * 1000)
print(json.dumps({name: statistics.median(ms) for name, ms in stages.items()}))
"""


def in_process(work: Path, reports: list[Path]) -> dict[str, float]:
    """Median CPU milliseconds per report of each stage, and of docxtpl's own render."""
    out = work / "out" / "stages"
    out.mkdir(parents=True)
    sample = [str(p) for p in reports[:STAGE_REPORTS]]
    done = subprocess.run(
        [sys.executable, "-c", IN_PROCESS, *sample, str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    stages: dict[str, float] = json.loads(done.stdout)
    return stages


STAGE_REPORTS = 30


def marginal(timings: list[Timing], command: str) -> float | None:
    """CPU seconds per additional report of `command` ("render", "tong-hop"): the difference
    of its smallest and largest batch rows (to .xlsx for tong-hop), per report; for rows run
    in turn, the median of their pairs' differences (`run_margin`)."""
    batches = sorted(
        (
            t
            for t in timings
            if t.case.name.startswith(f"baocao {command}, ")
            and not t.note
            and "--pdf" not in t.case.name
            and ".docx" not in t.case.name
            and t.case.reports > 1
        ),
        key=lambda t: t.case.reports,
    )
    if len(batches) < 2 or batches[-1].case.reports == batches[0].case.reports:
        return None
    small, large = batches[0], batches[-1]
    if large.margin:
        return large.margin
    return (large.cpu - small.cpu) / (large.case.reports - small.case.reports)


def table(timings: list[Timing]) -> str:
    """The command rows as a Markdown table: medians, per report, and paired ratios."""
    lines = [
        "| task | wall (median) | CPU | peak RSS | wall per report | × paired row |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        if t.note:
            lines.append(f"| {t.case.name} | {t.note} | | | | |")
            continue
        ratio = f"{t.ratio:.2f} × {t.case.versus}" if t.ratio else ""
        lines.append(
            f"| {t.case.name} | {t.wall:.3f} s | {t.cpu:.3f} s | {t.rss_mib:.0f} MiB "
            f"| {t.wall / t.case.reports:.3f} s | {ratio} |"
        )
    return "\n".join(lines)


def per_report(timings: list[Timing], stages: dict[str, float]) -> str:
    """CPU per report: the batch's margin, the in-process stages, docxtpl's floor."""
    floor = stages["docxtpl"]

    def row(label: str, ms: float, versus_floor: bool = True) -> str:
        return f"| {label} | {ms:.1f} | {f'{ms / floor:.2f}' if versus_floor else ''} |"

    lines = ["| CPU per report | ms | × docxtpl floor |", "|---|---:|---:|"]
    if (extra := marginal(timings, "render")) is not None:
        lines.append(row("batch, each additional report (the two batch rows)", extra * 1000))
    if (extra := marginal(timings, "tong-hop")) is not None:
        lines.append(row("tong-hop, each additional report (its rows to .xlsx)", extra * 1000))
    ours = sum(stages[name] for name in ("load", "check", "render", "write"))
    lines += [
        row("in one process: load + check + render + write", ours),
        row("— load (YAML, with line:col marks)", stages["load"], False),
        row("— check (schema, cross-checks, plan, photos)", stages["check"], False),
        row("— render (`render_docx`: the direct path)", stages["render"]),
        row("— write (atomic)", stages["write"], False),
        row("docxtpl alone: template bytes in memory, same context, render + save", floor),
    ]
    return "\n".join(lines)


def environment(count: int, repeats: int, jobs: int) -> str:
    pandoc = shutil.which("pandoc")
    version = pandoc and subprocess.run([pandoc, "--version"], capture_output=True, text=True)
    return (
        f"{count} generated reports (`benchmarks/generate.py`, seed 0), {repeats} timed runs "
        f"after one warm-up, `--jobs {jobs}`; Python {platform.python_version()}"
        f"{' in a virtual environment' if sys.prefix != sys.base_prefix else ''}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the start"
        + (f", {version.stdout.splitlines()[0]}" if version else "")
        + "."
        + (BYTECODE_OFF if sys.flags.dont_write_bytecode else "")
    )


BYTECODE_OFF = (
    " PYTHONDONTWRITEBYTECODE is set: without `__pycache__` (an editable install), every run"
    " compiles baocao's modules again, which an installed wheel never does."
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=20, help="reports in the larger batch")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per row")
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes in batch rows")
    parser.add_argument(
        "--tong-hop",
        type=int,
        nargs="*",
        default=[100, 1000, 3000],
        help="report counts of the tong-hop rows (none: no tong-hop rows)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        work = Path(tmp)
        reports = generate(args.reports, work / "reports", markdown=True)
        (work / "out").mkdir()
        head = environment(args.reports, args.repeats, args.jobs)
        print("… commands", file=sys.stderr)
        timings = command_rows(work, reports, args.jobs, args.repeats, args.tong_hop)
        print("… stages, in one process", file=sys.stderr)
        stages = in_process(work, reports)
    text = "\n\n".join(["# baocao benchmarks", head, table(timings), per_report(timings, stages)])
    print(text)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
