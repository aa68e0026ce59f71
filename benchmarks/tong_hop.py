"""Time `baocao tong-hop` at several sizes: wall time, CPU per report, peak memory.

The consolidation must stay flat in memory however many reports a province
receives: each worker keeps only a unit's table values, and the workbook is
streamed. Each size is a fresh folder of generated reports (`generate.py`);
each row is a fresh process, timed as `run.py` times its rows.

    PYTHONPATH=src python benchmarks/tong_hop.py                    # 100, 1000, 3000 reports
    PYTHONPATH=src python benchmarks/tong_hop.py --reports 100 --jobs 1 --suffix docx
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from generate import generate
from run import measure


def row(n: int, suffix: str, jobs: int, wall: float, cpu: float, rss: float) -> str:
    return (
        f"| {n} | .{suffix} | {jobs} | {wall:.2f} s | {cpu:.2f} s | {1000 * cpu / n:.1f} ms "
        f"| {rss:.0f} MiB |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, nargs="+", default=[100, 1000, 3000])
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--suffix", nargs="+", default=["xlsx", "docx"])
    parser.add_argument("--repeats", type=int, default=1, help="timed runs per row (median)")
    args = parser.parse_args()
    print("| reports | output | jobs | wall | CPU | CPU per report | peak RSS |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory(prefix="baocao-tong-hop-") as tmp:
        for n in args.reports:
            folder = Path(tmp) / f"r{n}"
            generate(n, folder)
            for suffix in args.suffix:
                out = Path(tmp) / f"tong-hop-{n}.{suffix}"
                argv = [sys.executable, "-m", "baocao", "tong-hop", str(folder)]
                argv += ["-o", str(out), "--force", "--jobs", str(args.jobs)]
                runs = [measure(argv) for _ in range(args.repeats)]
                wall, cpu, rss = (statistics.median(values) for values in zip(*runs, strict=True))
                print(row(n, suffix, args.jobs, wall, cpu, rss), flush=True)


if __name__ == "__main__":
    main()
