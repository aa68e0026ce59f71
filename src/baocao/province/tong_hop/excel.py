"""The consolidation as an Excel workbook."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import TYPE_CHECKING

from baocao.output.write import deterministic_zip
from baocao.province.tong_hop.columns import FONT, Bang, Value, bang
from baocao.province.tong_hop.rows import TongHop

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet


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
