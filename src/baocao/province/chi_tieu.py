"""`baocao chi-tieu`: the plan's targets across the year's reports, on screen or in a file.

The plan and every report go through the one check pipeline; a report is used
only if it names this very plan file (paths resolved), else it is refused where
it names its plan. The table itself is `compute.tien_do`; here it is laid out
as plain text for a terminal, or written as .xlsx / .docx (landscape, header
row repeated) atomically, with the consolidation's writers.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

from baocao.checks.pipeline import REPORT, Checked, check_source
from baocao.compute.tien_do import BangTienDo, tien_do
from baocao.errors import DataError, Problem, UsageError, errors_of
from baocao.output.write import ensure_writable, write_atomic
from baocao.province.tong_hop.columns import Bang
from baocao.province.tong_hop.excel import workbook_bytes
from baocao.province.tong_hop.word import document_bytes
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach

TITLE = "THEO DÕI THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC"

WIDTHS = {"STT": 5, "Chỉ tiêu": 60, "Còn phải làm": 36}
"""Column widths in characters in the workbook; each report's column gets `REPORT_WIDTH`."""
REPORT_WIDTH = 20
REPORT_COLUMN = 18
"""The least width in characters of a report's column on a terminal: «Đang thực hiện» fits."""
LEFT_COLUMN = 30
"""The widest «Còn phải làm» gets on a terminal before it wraps."""
TARGET_COLUMN = 40
"""The width «Chỉ tiêu» keeps, if it can, before «Còn phải làm» narrows."""
NARROWEST = 16
"""The least width of «Chỉ tiêu» and «Còn phải làm» on a narrow terminal."""


@dataclass(frozen=True)
class TheoDoi:
    """The command's result: the table and the warnings found on the way."""

    bang: BangTienDo
    ngay: datetime
    """The latest report's date: the output file's timestamp, so equal input gives equal bytes."""
    canh_bao: list[Problem]


def theo_doi(plan_file: Path, reports: Sequence[Path], *, outside: bool = False) -> TheoDoi:
    """Check the plan and the reports, and lay the plan's targets against the reports' results.

    Raises UsageError when a file cannot be read or `plan_file` is no plan (the
    command is wrong), DataError with every problem when any file is invalid or
    a report names another plan.
    """
    plan = check_source(plan_file)
    if not plan.kind.is_plan and plan.loaded is not None:
        raise UsageError(f"{plan_file}: không phải tệp kế hoạch (cần «nam_hoc» và «chi_tieu»)")
    checked = [check_source(report, outside=outside) for report in reports]
    # A report naming this plan repeats the plan's own problems: each is told once.
    found = [*plan.problems, *(p for c in checked for p in _problems(c, plan_file))]
    problems = list(dict.fromkeys(found))
    if errors_of(problems) or plan.model is None:
        raise DataError(problems)
    ke_hoach: KeHoach = plan.model
    valid = [c.require() for c in checked]
    latest = max(b.van_ban.ngay for b in valid)
    return TheoDoi(tien_do(ke_hoach, valid), datetime.combine(latest, time()), problems)


def _problems(checked: Checked[Any], plan_file: Path) -> list[Problem]:
    """The report's own problems, and why it cannot be used with `plan_file` if it cannot."""
    if checked.kind is not REPORT or checked.loaded is None or checked.model is None:
        if checked.kind.is_plan:
            return [Problem(checked.source, 1, 1, "", "đây là tệp kế hoạch, không phải báo cáo")]
        return checked.problems
    bao_cao: BaoCao = checked.model
    if bao_cao.chi_tieu is None:
        message = f"báo cáo không ghi kết quả chỉ tiêu (mục «chi_tieu» trỏ tới {plan_file.name})"
        return [*checked.problems, checked.loaded.problem((), message)]
    named = checked.ke_hoach_file
    if named is not None and named.resolve() != plan_file.resolve():
        at = ("chi_tieu", "ke_hoach")
        message = f"báo cáo trỏ tới tệp kế hoạch {named}, không phải {plan_file}"
        return [*checked.problems, checked.loaded.problem(at, message)]
    return checked.problems


# --- Plain text, for a terminal ------------------------------------------------------------


def lines(table: BangTienDo, width: int = 100) -> list[str]:
    """The table as plain text `width` characters wide: columns fitted, cells wrapped."""
    headers = table.tieu_de
    cells = [[str(value) for value in row] for row in table.o()]
    widths = _fit([list(headers), *cells], width)
    rule = "  ".join("-" * w for w in widths)
    out = [*_row(list(headers), widths), rule]
    for row in cells:
        out += _row(row, widths)
    return [f"{TITLE} {table.nam_hoc}", "", *out]


def _fit(rows: list[list[str]], width: int) -> list[int]:
    """Column widths for `width` characters. A report's column is as wide as its header (its
    results wrap below the status); «Còn phải làm» takes up to `LEFT_COLUMN`, «Chỉ tiêu» the
    rest, and «Còn phải làm» narrows first when «Chỉ tiêu» would get less than `TARGET_COLUMN`.
    No column is wider than its longest line; past the least widths (`NARROWEST`) a table of
    many reports overflows rather than becoming unreadable.
    """
    natural = [max(_longest(row[i]) for row in rows) for i in range(len(rows[0]))]
    widths = [natural[0], 0, *(max(REPORT_COLUMN, len(h)) for h in rows[0][2:-1]), 0]
    fixed = sum(widths) + 2 * (len(widths) - 1)
    left = min(natural[-1], LEFT_COLUMN)
    short = min(natural[1], TARGET_COLUMN) - (width - fixed - left)
    widths[-1] = max(min(NARROWEST, left), left - max(0, short))
    widths[1] = min(natural[1], max(NARROWEST, width - fixed - widths[-1]))
    return widths


def _longest(text: str) -> int:
    return max(len(line) for line in text.split("\n"))


def _row(values: list[str], widths: list[int]) -> list[str]:
    wrapped = [
        [
            piece
            for line in value.split("\n")
            for piece in textwrap.wrap(line, w, break_on_hyphens=False) or [""]
        ]
        for value, w in zip(values, widths, strict=True)
    ]
    height = max(len(block) for block in wrapped)
    return [
        "  ".join(
            (block[i] if i < len(block) else "").ljust(w)
            for block, w in zip(wrapped, widths, strict=True)
        ).rstrip()
        for i in range(height)
    ]


# --- Files -----------------------------------------------------------------------------------


def _bang(table: BangTienDo) -> Bang:
    columns = tuple((h, WIDTHS.get(h, REPORT_WIDTH)) for h in table.tieu_de)
    return Bang("Chỉ tiêu", columns, [list(row) for row in table.o()])


def xlsx_bytes(result: TheoDoi) -> bytes:
    """The table as a one-sheet workbook, identical for equal input."""
    return workbook_bytes([_bang(result.bang)], result.ngay, _title(result))


def docx_bytes(result: TheoDoi) -> bytes:
    """The table as a landscape Word document, its header row repeated on every page."""
    return document_bytes(_title(result), [_bang(result.bang)], result.ngay)


def _title(result: TheoDoi) -> str:
    return f"{TITLE} {result.bang.nam_hoc}"


WRITERS: dict[str, Callable[[TheoDoi], bytes]] = {".xlsx": xlsx_bytes, ".docx": docx_bytes}


def writer_for(out: Path, *, force: bool = False) -> Callable[[TheoDoi], bytes]:
    """The writer for `out`'s suffix, refusing up front a wrong suffix or an existing file."""
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise UsageError(f"{out}: tệp kết quả phải có đuôi .xlsx hoặc .docx")
    ensure_writable(out, force=force)
    return writer


def write(result: TheoDoi, out: Path, *, force: bool = False) -> Path:
    """Write `result` to `out` (.xlsx or .docx) atomically; never over a file without `force`."""
    return write_atomic(out, writer_for(out, force=force)(result), force=force)
