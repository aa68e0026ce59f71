"""The province's side: many units' reports consolidated into one table (.xlsx or .docx).

Four jobs, each a module, each importing only from those before it: `names`
(a unit's identity, the dictionary order), `rows` (checked reports into one
row per unit, the roster), `columns` (the tables: `Cot`, `Bang`), and the
writers `excel` and `word`. `build_tong_hop` runs them and writes the file
atomically. Nothing here prints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from baocao.errors import UsageError
from baocao.load.sources import collect
from baocao.output.write import ensure_writable, write_atomic
from baocao.province.tong_hop.excel import xlsx_bytes
from baocao.province.tong_hop.rows import PhamVi, TongHop, read_all, read_roster, tong_hop
from baocao.province.tong_hop.word import docx_bytes

__all__ = ["PhamVi", "TongHop", "build_tong_hop"]

_WRITERS: dict[str, Callable[[TongHop], bytes]] = {".xlsx": xlsx_bytes, ".docx": docx_bytes}


def build_tong_hop(
    paths: Sequence[Path],
    out: Path,
    *,
    roster: Path | None = None,
    force: bool = False,
    pham_vi: PhamVi | None = None,
    workers: int | None = None,
    outside: bool = False,
) -> TongHop:
    """Consolidate the reports under `paths` into `out` (.xlsx or .docx) and return the result.

    Files with errors are listed in the output, not fatal; nothing is written
    when the command itself is wrong (an unknown suffix, an existing `out`).
    """
    writer = _WRITERS.get(out.suffix.lower())
    if writer is None:
        raise UsageError(f"{out}: tệp tổng hợp phải có đuôi .xlsx hoặc .docx")
    ensure_writable(out, force=force)
    given = pham_vi or PhamVi()
    pham_vi = PhamVi(_school_year(given.nam_hoc), given.co_quan)
    names = read_roster(roster) if roster is not None else None
    files = collect(paths, exclude=[out, *([roster] if roster else [])])
    if not files:
        raise UsageError("không có tệp báo cáo .yaml nào để tổng hợp")
    result = tong_hop(read_all(files, workers, outside=outside), names, pham_vi)
    write_atomic(out, writer(result), force=force)
    return result


def _school_year(given: str | None) -> str | None:
    """`--nam-hoc` read as the reports' `nam_hoc` is: `2023 - 2024` is 2023-2024."""
    if given is None:
        return None
    from pydantic import TypeAdapter, ValidationError

    from baocao.schema.types import NamHoc

    try:
        return str(TypeAdapter(NamHoc).validate_python(given))
    except ValidationError as error:
        message = error.errors()[0]["msg"]
        raise UsageError(f"--nam-hoc {given}: {message}") from None
