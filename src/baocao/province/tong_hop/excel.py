"""The consolidation as an Excel workbook: one sheet per table, streamed row by row.

A write-only workbook keeps no cell in memory once written, so three thousand
units cost what thirty do; its sheets still take fonts, widths, frozen panes,
filters and the print settings, as long as they are set before the first row.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from baocao.ooxml import deterministic_zip
from baocao.province.tong_hop.columns import FONT, Bang, Value, bang, tieu_de
from baocao.province.tong_hop.rows import TongHop

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet


def xlsx_bytes(result: TongHop) -> bytes:
    """The consolidation as an Excel workbook, identical for equal input."""
    return workbook_bytes(bang(result), result.ngay, tieu_de(result))


def workbook_bytes(tables: Sequence[Bang], when: datetime, title: str) -> bytes:
    """Tables as the sheets of a workbook, stamped `when`: equal tables give equal bytes."""
    from openpyxl import Workbook
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook(write_only=True)
    for table in tables:
        _fill_sheet(workbook.create_sheet(table.ten), table)
    props = workbook.properties
    props.created = props.modified = when
    props.creator = props.lastModifiedBy = "baocao"
    props.title = title
    buffer = io.BytesIO()
    # Not workbook.save(): it stamps `modified` with the clock.
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return deterministic_zip(buffer.getvalue(), when)


def _fill_sheet(sheet: WriteOnlyWorksheet, table: Bang) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    _print_setup(sheet)
    for i, (_, width) in enumerate(table.cot, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.cot))}{len(table.dong) + 1}"
    plain, bold = Font(name=FONT, size=12), Font(name=FONT, size=12, bold=True)
    centred = Alignment(wrap_text=True, vertical="center", horizontal="center")
    cell = _Cells(sheet)
    sheet.append([cell(h, bold, centred) for h, _ in table.cot])
    for row in table.dong:
        sheet.append([cell(value, plain) for value in row])
    if table.tong is not None:
        sheet.append([cell(value, bold) for value in table.tong])


def _print_setup(sheet: WriteOnlyWorksheet) -> None:
    """Landscape A4, as wide as one page, the header row on every printed page."""
    sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.orientation, setup.paperSize = "landscape", 9  # 9: A4 in OOXML's numbering
    setup.fitToWidth, setup.fitToHeight = 1, 0  # 0: as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


class _Cells:
    """The cells of one sheet, each kind (font, alignment, number format) styled once.

    openpyxl files a cell's font by hashing every attribute of the font, on each cell: a
    third of writing a row. A cell of a kind already styled is made with that one's style
    ids instead (`style_array`, as openpyxl copies a style), which give the same workbook.
    """

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.styles: dict[tuple[int, int, str], Any] = {}

    def __call__(self, value: Value, font: Any, alignment: Any = None) -> Any:
        from openpyxl.cell.cell import Cell

        kind = (id(font), id(alignment), _number_format(value))
        if (style := self.styles.get(kind)) is not None:
            return Cell(self.sheet, row=1, column=1, value=value, style_array=style)
        cell = Cell(self.sheet, row=1, column=1, value=value)
        cell.font = font
        cell.number_format = kind[2]
        if alignment is not None:
            cell.alignment = alignment
        self.styles[kind] = cell._style
        return cell


def _number_format(value: Value) -> str:
    if isinstance(value, date):
        return "dd/mm/yyyy"
    return "#,##0" if isinstance(value, int) else "General"
