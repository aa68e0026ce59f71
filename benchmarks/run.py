"""Time baocao's commands end to end, as a user runs them, against pandoc on the same content.

Every row is a fresh process, run `--repeats` times after one untimed warm-up;
the table gives medians of wall time, CPU time (user + system, the process and
its workers) and peak resident memory (the largest single process of the tree).

    python benchmarks/run.py                  # 20 reports, 3 repeats: about a minute
    python benchmarks/run.py --reports 1000   # the full run

The table is printed and written to benchmarks/results.md.
"""

from __future__ import annotations

import argparse
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
    """The name of the row this one is compared with (pandoc doing the same work)."""


@dataclass
class Timing:
    """The medians of one case, or why it was skipped."""

    case: Case
    wall: float = 0.0
    cpu: float = 0.0
    rss_mib: float = 0.0
    note: str = ""


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
    walls, cpus, rss = zip(*runs, strict=True)
    return Timing(
        case,
        statistics.median(walls),
        statistics.median(cpus),
        statistics.median(rss),
    )


def has_batch_render(baocao: str) -> bool:
    """Whether this baocao renders several files at once (`render PATHS… -o OUTDIR --jobs N`)."""
    shown = subprocess.run([baocao, "render", "--help"], capture_output=True, text=True)
    return "--jobs" in shown.stdout


def cases(work: Path, reports: list[Path], jobs: int) -> tuple[list[Case], list[str]]:
    """The rows to time, and a note for each row that cannot run here."""
    baocao = shutil.which("baocao")
    if baocao is None:
        sys.exit("baocao is not installed: run `pip install -e .` first")
    n, one, folder, out = len(reports), str(reports[0]), str(reports[0].parent), work / "out"
    rows = [
        Case("baocao --help (start-up)", [baocao, "--help"]),
        Case("baocao validate, 1 report", [baocao, "validate", one]),
        Case(
            "baocao render, 1 report",
            [baocao, "render", one, "-o", f"{out}/1.docx", "--force"],
            versus="pandoc, 1 report",
        ),
    ]
    notes = []
    if has_batch_render(baocao):
        argv = [baocao, "render", folder, "-o", f"{out}/docx", "--jobs", str(jobs), "--force"]
        name = f"baocao render, {n} reports, --jobs {jobs}"
        rows.append(Case(name, argv, n, versus=f"pandoc, {n} reports, {jobs} at a time"))
    else:
        notes.append("batch render skipped: this baocao has no `render PATHS… -o OUTDIR --jobs N`")
    for suffix in ("xlsx", "docx"):
        argv = [baocao, "tong-hop", folder, "-o", f"{out}/tong-hop.{suffix}", "--force"]
        rows.append(Case(f"baocao tong-hop, {n} reports → .{suffix}", argv, n))
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        notes.append("pandoc rows skipped: pandoc is not installed (apt-get install -y pandoc)")
        return rows, notes
    return rows + pandoc_cases(pandoc, work, reports, jobs), notes


def pandoc_cases(pandoc: str, work: Path, reports: list[Path], jobs: int) -> list[Case]:
    """pandoc turning the same content, as Markdown, into .docx: one report, then all."""
    n, out = len(reports), work / "out"
    listing = work / "markdown.txt"
    listing.write_text("".join(f"{p.with_suffix('.md')}\n" for p in reports), encoding="utf-8")
    one = [pandoc, str(reports[0].with_suffix(".md")), "-o", f"{out}/pandoc-1.docx"]
    # xargs keeps `jobs` pandoc processes running, as `--jobs` does for baocao.
    many = ["xargs", "-a", str(listing), "-P", str(jobs), "-I{}", pandoc, "{}", "-o", "{}.docx"]
    return [Case("pandoc, 1 report", one), Case(f"pandoc, {n} reports, {jobs} at a time", many, n)]


def table(timings: list[Timing]) -> str:
    """The results as a Markdown table: medians, per report, and ratios."""
    by_name = {t.case.name: t for t in timings}
    start = by_name.get("baocao --help (start-up)")
    lines = [
        "| task | wall (median) | CPU | peak RSS | per report | × start-up | × pandoc |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for t in timings:
        if t.note:
            lines.append(f"| {t.case.name} | {t.note} | | | | | |")
            continue
        other = by_name.get(t.case.versus)
        lines.append(
            f"| {t.case.name} | {t.wall:.3f} s | {t.cpu:.3f} s | {t.rss_mib:.0f} MiB "
            f"| {t.wall / t.case.reports:.3f} s | {_ratio(t, start)} | {_ratio(t, other)} |"
        )
    return "\n".join(lines)


def _ratio(timing: Timing, other: Timing | None) -> str:
    if other is None or other.note or other is timing or not other.wall:
        return ""
    return f"{timing.wall / other.wall:.1f}"


def environment(count: int, repeats: int, jobs: int) -> str:
    pandoc = shutil.which("pandoc")
    version = pandoc and subprocess.run([pandoc, "--version"], capture_output=True, text=True)
    return (
        f"{count} generated reports (`benchmarks/generate.py`, seed 0), {repeats} timed runs "
        f"after one warm-up, `--jobs {jobs}`; Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs"
        + (f", {version.stdout.splitlines()[0]}" if version else "")
        + "."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=20, help="reports in the batch rows")
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per row")
    parser.add_argument("--jobs", type=int, default=2, help="parallel processes in batch rows")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baocao-bench-") as tmp:
        work = Path(tmp)
        reports = generate(args.reports, work / "reports", markdown=True)
        for folder in ("out/docx", "out/pandoc"):
            (work / folder).mkdir(parents=True)
        rows, notes = cases(work, reports, args.jobs)
        timings = []
        for case in rows:
            print(f"… {case.name}", file=sys.stderr)
            timings.append(run_case(case, args.repeats))
    text = "\n\n".join(
        ["# baocao benchmarks", environment(args.reports, args.repeats, args.jobs), table(timings)]
        + ([("\n".join(f"- {note}" for note in notes))] if notes else [])
    )
    print(text)
    args.out.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
