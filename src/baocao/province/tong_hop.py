"""The province's side: many units' reports consolidated into one table (.xlsx or .docx).

Pure core, in the order the data flows: `tong_hop` checks every file and turns
the valid ones into rows (`DonVi`), noting duplicates, late and unexpected units;
`bang` lays the result out as tables; `xlsx_bytes` and `docx_bytes` write those
tables; `build_tong_hop` writes the file atomically. Nothing here prints.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from baocao.checks.pipeline import PLAN, Checked, check_readable
from baocao.compute import filters
from baocao.compute.derived import TinhToan, tinh_toan
from baocao.compute.targets import TRANG_THAI
from baocao.errors import UsageError, printable
from baocao.load.sources import DATA_SUFFIXES, collect
from baocao.output.write import deterministic_zip, ensure_writable, write_atomic
from baocao.schema import BaoCao

if TYPE_CHECKING:
    from docx.section import Section
    from docx.table import Table
    from openpyxl.worksheet.worksheet import Worksheet

Value = int | str | date | None

NO_DATE = datetime(2000, 1, 1)
"""The workbook's timestamp when no report is valid (else the latest report's date)."""

FONT = "Times New Roman"
DAT = TRANG_THAI["dat"]


@dataclass(frozen=True)
class DonVi:
    """One valid report, as a row of the consolidated table."""

    tep: Path
    bao_cao: BaoCao
    tinh_toan: TinhToan
    ghi_chu: tuple[str, ...] = ()

    @property
    def ten(self) -> str:
        """The reporting union, as it signs: `van_ban.co_quan_ban_hanh`."""
        return self.bao_cao.van_ban.co_quan_ban_hanh


@dataclass(frozen=True)
class TongHop:
    """The consolidation: valid units sorted by name, failed files, units yet to report."""

    don_vi: list[DonVi]
    loi: list[Checked[BaoCao]]
    chua_nop: list[str] | None = None
    """Names from the roster with no report; None when no roster was given."""

    @property
    def ngay(self) -> datetime:
        """The latest report's date: the output's timestamp, so equal input gives equal bytes."""
        days = [d.bao_cao.van_ban.ngay for d in self.don_vi]
        return datetime.combine(max(days), time()) if days else NO_DATE

    def tom_tat(self) -> str:
        """`120 đơn vị, 3 tệp có lỗi, 2 đơn vị chưa nộp`."""
        parts = [f"{len(self.don_vi)} đơn vị"]
        if self.loi:
            parts.append(f"{len(self.loi)} tệp có lỗi chưa được tổng hợp")
        if self.chua_nop:
            parts.append(f"{len(self.chua_nop)} đơn vị chưa nộp")
        return ", ".join(parts)


# --- Reading -------------------------------------------------------------------------------


def read_roster(path: Path) -> list[str]:
    """The expected unit names: a YAML list, or plain text with one name per line (`#` comments)."""
    if not path.is_file():
        raise UsageError(f"{path}: không tìm thấy tệp danh sách đơn vị")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        raise UsageError(f"{path}: không đọc được danh sách đơn vị (cần tệp chữ UTF-8)") from None
    if path.suffix.lower() not in DATA_SUFFIXES:
        lines = (line.strip() for line in text.splitlines())
        return [line for line in lines if line and not line.startswith("#")]
    try:
        names = yaml.safe_load(text)
    except yaml.YAMLError:
        names = None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise UsageError(f"{path}: danh sách đơn vị phải là các dòng «- Tên đơn vị»")
    return [name.strip() for name in names if name.strip()]


# --- Rows ----------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
"""Huyền, hỏi, ngã, sắc, nặng: the dictionary order of tones, after the unmarked one."""


def sort_key(text: str) -> tuple[Any, ...]:
    """Vietnamese dictionary order: Đ after D, Ă and Â after A; tones only break ties.

    `locale` collation is missing or wrong on many machines; decomposing each
    letter into its base (with ă, â, ê, ô, ơ, ư, đ as letters) and its tone is not.
    """
    letters: list[tuple[int, int | str]] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.casefold()):
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        rank = _ALPHABET.find(base) if len(base) == 1 else -1
        letters.append((1, rank) if rank >= 0 else (0, base))
        tones.append(sum(_TONES.get(c, 0) for c in parts))
    return (letters, tones, text)


def unit_key(name: str) -> str:
    """The identity of a unit's name: case, spacing and Unicode form do not matter."""
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def tong_hop(
    files: Sequence[Path], roster: Sequence[str] | None = None, *, outside: bool = False
) -> TongHop:
    """Check every file and consolidate the valid ones; against `roster`, find who is missing.

    With `outside`, a report may name files (its plan) outside its own folder.
    """
    check = functools.partial(check_readable, outside=outside)
    checked = [c for c in map(check, files) if c.kind is not PLAN]
    valid = [c for c in checked if c.ok]
    failed = [c for c in checked if not c.ok]
    units = _units(valid, roster)
    missing = None if roster is None else _missing(roster, units)
    return TongHop(units, failed, missing)


def _units(valid: list[Checked[BaoCao]], roster: Sequence[str] | None) -> list[DonVi]:
    reports = [(c, c.require()) for c in valid]
    counts = Counter(unit_key(b.van_ban.co_quan_ban_hanh) for _, b in reports)
    expected = None if roster is None else {unit_key(name) for name in roster}
    units = [
        DonVi(c.source, b, tinh_toan(b, c.plan), _notes(b, counts, expected)) for c, b in reports
    ]
    return sorted(units, key=lambda d: (sort_key(d.ten), str(d.tep)))


def _notes(bao_cao: BaoCao, counts: Counter[str], expected: set[str] | None) -> tuple[str, ...]:
    """What the province should look at before trusting the row."""
    vb = bao_cao.van_ban
    key = unit_key(vb.co_quan_ban_hanh)
    notes = []
    if counts[key] > 1:
        notes.append(f"Trùng đơn vị ({counts[key]} tệp)")
    if vb.han_nop is not None and vb.ngay > vb.han_nop:
        notes.append(f"Nộp muộn ({(vb.ngay - vb.han_nop).days} ngày)")
    if expected is not None and key not in expected:
        notes.append("Không có trong danh sách")
    return tuple(notes)


def _missing(roster: Sequence[str], units: list[DonVi]) -> list[str]:
    reported = {unit_key(d.ten) for d in units}
    return [name for name in roster if unit_key(name) not in reported]


# --- Tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cot:
    """A column of the consolidated table: header, width in characters, a unit's value."""

    tieu_de: str
    rong: int
    gia_tri: Callable[[DonVi], Value]
    cong: bool = False
    """Summed in the totals row (counts of people, amounts of money)."""


def _so(tieu_de: str, attribute: str, rong: int = 10) -> Cot:
    return Cot(tieu_de, rong, attrgetter(attribute), cong=True)


def _targets(status: str | None) -> Callable[[DonVi], Value]:
    """How many of a unit's targets have `status` (all of them for None); blank without a plan."""

    def count(unit: DonVi) -> Value:
        rows = unit.tinh_toan.chi_tieu
        if not rows:
            return None
        return sum(status is None or row.danh_gia == status for row in rows)

    return count


COT_CHI_TIEU = (
    Cot("Chỉ tiêu đạt", 10, _targets(DAT), cong=True),
    Cot("Tổng số chỉ tiêu", 10, _targets(None), cong=True),
)
"""Targets reached out of the plan's targets, as baocao judges them; summable like counts."""


GHI_CHU = Cot("Ghi chú", 32, lambda d: "; ".join(d.ghi_chu))

COT: tuple[Cot, ...] = (
    Cot("Đơn vị", 40, attrgetter("ten")),
    _so("Tổng số CBNGNLĐ", "bao_cao.tinh_hinh.so_lieu.tong_so"),
    _so("Nữ", "bao_cao.tinh_hinh.so_lieu.nu", 8),
    _so("Đoàn viên", "bao_cao.tinh_hinh.so_lieu.doan_vien"),
    _so("Đoàn viên đầu kỳ", "bao_cao.tinh_hinh.bien_dong.dau_ky"),
    _so("Kết nạp mới", "bao_cao.tinh_hinh.bien_dong.ket_nap_moi"),
    _so("Chuyển đến", "bao_cao.tinh_hinh.bien_dong.chuyen_den"),
    _so("Nghỉ chế độ", "bao_cao.tinh_hinh.bien_dong.nghi_che_do"),
    _so("Chuyển đi", "bao_cao.tinh_hinh.bien_dong.chuyen_di"),
    _so("Thăm hỏi, hỗ trợ (đồng)", "tinh_toan.tham_hoi.tong", 14),
    _so("Dự trù chăm lo Tết (đồng)", "tinh_toan.ke_hoach_tet.tong", 14),
    *COT_CHI_TIEU,
    Cot("Ngày báo cáo", 12, attrgetter("bao_cao.van_ban.ngay")),
    Cot("Tệp", 30, lambda d: str(d.tep)),
    GHI_CHU,
)
"""The columns of sheet «Tổng hợp», after «STT»."""


@dataclass(frozen=True)
class Bang:
    """One table of the output: a sheet of the workbook, a table of the .docx."""

    ten: str
    cot: tuple[tuple[str, int], ...]
    """Each column's header and width in characters."""
    dong: list[list[Value]]
    tong: list[Value] | None = None
    """The totals row, printed bold below the others."""


def bang(result: TongHop) -> list[Bang]:
    """The tables of the output: «Tổng hợp», «Lỗi» and, with a roster, «Chưa nộp»."""
    tables = [_bang_tong_hop(result.don_vi), _bang_loi(result.loi)]
    if result.chua_nop is not None:
        tables.append(Bang("Chưa nộp", (("STT", 6), ("Đơn vị", 50)), _numbered(result.chua_nop)))
    return [_printable(table) for table in tables]


def _printable(table: Bang) -> Bang:
    """Every text cell without control characters, which no .xlsx or .docx cell can hold (a
    file's name, a roster's line, a key quoted by a message may bring them)."""
    rows = [[printable(v) if isinstance(v, str) else v for v in row] for row in table.dong]
    return dataclasses.replace(table, dong=rows)


def _numbered(names: list[str]) -> list[list[Value]]:
    return [[i, name] for i, name in enumerate(names, start=1)]


def _bang_tong_hop(units: list[DonVi]) -> Bang:
    rows: list[list[Value]] = [
        [i, *(cot.gia_tri(unit) for cot in COT)] for i, unit in enumerate(units, start=1)
    ]
    totals: list[Value] = [None, f"Tổng cộng ({len(units)} đơn vị)"]
    totals += [_sum(units, c) for c in COT[1:]]
    if len({unit_key(unit.ten) for unit in units}) < len(units):
        totals[1 + COT.index(GHI_CHU)] = "Tổng đã cộng cả các tệp trùng đơn vị"
    return Bang("Tổng hợp", (("STT", 6), *((c.tieu_de, c.rong) for c in COT)), rows, totals)


def _sum(units: list[DonVi], cot: Cot) -> int | None:
    """A column's total; computed here, not a formula, so every reader sees the same figure."""
    if not cot.cong:
        return None
    return sum(value for unit in units if isinstance(value := cot.gia_tri(unit), int))


def _bang_loi(failed: list[Checked[BaoCao]]) -> Bang:
    columns = (("Tệp", 40), ("Dòng", 7), ("Cột", 6), ("Mục", 36), ("Lỗi", 70))
    rows: list[list[Value]] = [
        [str(p.file), p.line, p.column, p.path, p.message] for c in failed for p in c.errors
    ]
    return Bang("Lỗi", columns, rows)


# --- Writing -------------------------------------------------------------------------------


def xlsx_bytes(result: TongHop) -> bytes:
    """The consolidation as an Excel workbook, one sheet per table, identical for equal input."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in bang(result):
        _fill_sheet(workbook.create_sheet(table.ten), table)
    props = workbook.properties
    props.created = props.modified = result.ngay
    props.creator = props.lastModifiedBy = "baocao"
    props.title = "Tổng hợp báo cáo sơ kết học kỳ I"
    buffer = io.BytesIO()
    # Not workbook.save(): it stamps `modified` with the clock.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return deterministic_zip(buffer.getvalue(), result.ngay)


def _fill_sheet(sheet: Worksheet, table: Bang) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    plain, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    sheet.append([header for header, _ in table.cot])
    for row in table.dong:
        sheet.append(row)
    if table.tong is not None:
        sheet.append(table.tong)
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.font = plain
            cell.number_format = _number_format(cell.value)
    for cell in [*sheet[1], *(sheet[sheet.max_row] if table.tong is not None else ())]:
        cell.font = bold
    for cell in sheet[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for i, (_, width) in enumerate(table.cot, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.cot))}{len(table.dong) + 1}"
    sheet.page_setup.orientation = "landscape"


def _number_format(value: Value) -> str:
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return "#,##0" if isinstance(value, int) else "General"


PAGE_MM = 267
"""The text width of a landscape A4 page with 15 mm margins."""

_UNPRINTED = {("Tổng hợp", "Tệp")}
"""Columns the printed table leaves out: file names serve the workbook's user, not the reader."""


def docx_bytes(result: TongHop) -> bytes:
    """The consolidation as a landscape Word document: a title, then each non-empty table."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _landscape(document.sections[0])
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run("TỔNG HỢP BÁO CÁO SƠ KẾT HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I").bold = True
    for table in bang(result):
        if table.dong or table.tong is not None:
            printed = _without(table, {h for t, h in _UNPRINTED if t == table.ten})
            document.add_paragraph().add_run(printed.ten).bold = True
            _docx_table(document.add_table(rows=0, cols=len(printed.cot)), printed)
    _stamp(document, result.ngay)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue(), result.ngay)


def _without(table: Bang, headers: set[str]) -> Bang:
    """`table` without the columns named `headers`."""
    keep = [i for i, (header, _) in enumerate(table.cot) if header not in headers]
    tong = None if table.tong is None else [table.tong[i] for i in keep]
    rows = [[row[i] for i in keep] for row in table.dong]
    return Bang(table.ten, tuple(table.cot[i] for i in keep), rows, tong)


def _landscape(section: Section) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    section.left_margin = section.right_margin = Mm(15)
    section.top_margin = section.bottom_margin = Mm(15)


def _docx_table(grid: Table, table: Bang) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    grid.style = "Table Grid"
    grid.autofit = False
    _narrow_margins(grid)
    widths = [Mm(w) for w in _widths_mm(table)]
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width  # the grid, which LibreOffice follows
    header: list[Value] = [h for h, _ in table.cot]
    rows = [(header, True), *((r, False) for r in table.dong)]
    rows += [(table.tong, True)] if table.tong is not None else []
    for values, bold in rows:
        cells = grid.add_row().cells  # type: ignore[no-untyped-call]
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.width = width  # each cell, which Word follows
            paragraph = cell.paragraphs[0]
            paragraph.add_run(_text(value)).bold = bold
            if isinstance(value, int):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_header(grid)


def _narrow_margins(grid: Table) -> None:
    """1 mm inside each cell instead of Word's 1.9 mm: fifteen columns need the room."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = grid._tbl.tblPr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)  # the schema's order: tblCellMar before tblLook
    else:
        grid._tbl.tblPr.append(margins)


def _repeat_header(grid: Table) -> None:
    """The header row repeats on every page of a long table."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)


def _widths_mm(table: Bang) -> list[float]:
    """Number and date columns as wide as their widest value; text columns share the rest.

    Text wraps at spaces, figures cannot; so figures get what they need and the
    room left goes to text in proportion to the workbook's widths.
    """
    rows = [*table.dong, *([table.tong] if table.tong is not None else [])]
    needs, wraps = [], []
    for i, (header, _) in enumerate(table.cot):
        values = [row[i] for row in rows if row[i] not in (None, "")]
        texts = [*header.split(), *(_text(v) for v in values if not isinstance(v, str))]
        needs.append(3 + max(_print_mm(text) for text in texts))  # 2 mm of margins, 1 to spare
        wraps.append(any(isinstance(v, str) for v in values))
    weight = sum(width for (_, width), wrap in zip(table.cot, wraps, strict=True) if wrap)
    room = PAGE_MM - sum(need for need, wrap in zip(needs, wraps, strict=True) if not wrap)
    widths = [
        max(need, room * width / weight) if wrap else need
        for need, (_, width), wrap in zip(needs, table.cot, wraps, strict=True)
    ]
    return [width * min(1.0, PAGE_MM / sum(widths)) for width in widths]


def _print_mm(text: str) -> float:
    """At most how wide `text` prints in Times New Roman 12 pt bold: capitals wide, dots narrow."""
    return sum(
        3.2 if c.isupper() else 2.15 if c.isdigit() else 1.2 if c in " .,/:()" else 2.4
        for c in text
    )


def _text(value: Value) -> str:
    """A cell as a person writes it: `1.250.000`, `20/12/2023`."""
    if isinstance(value, date):
        return filters.ngay_so(value)
    if isinstance(value, int):
        return filters.so(value)
    return value or ""


def _stamp(document: Any, when: datetime) -> None:
    """Core properties from the reports, not the clock, so that equal input gives equal bytes."""
    props = document.core_properties
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.author = props.last_modified_by = "baocao"
    props.title = "Tổng hợp báo cáo sơ kết học kỳ I"


_WRITERS: dict[str, Callable[[TongHop], bytes]] = {".xlsx": xlsx_bytes, ".docx": docx_bytes}


def build_tong_hop(
    paths: Sequence[Path],
    out: Path,
    *,
    roster: Path | None = None,
    force: bool = False,
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
    names = read_roster(roster) if roster is not None else None
    files = collect(paths, exclude=[out, *([roster] if roster else [])])
    if not files:
        raise UsageError("không có tệp báo cáo .yaml nào để tổng hợp")
    result = tong_hop(files, names, outside=outside)
    write_atomic(out, writer(result), force=force)
    return result
