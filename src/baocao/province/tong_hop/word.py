"""The consolidation as a landscape Word document.

python-docx lays out the page, the title and each table's header row. The other rows are
made by python-docx too, one at a time, and each is kept as the XML text it would save and
taken out of the tree at once: three thousand units' rows as lxml elements and python-docx
objects would take a hundred megabytes, as UTF-8 text about ten. The texts go into the saved
document where a marker holds their place (`_splice`).
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from baocao.compute import filters
from baocao.ooxml import deflated, stamp_properties, stored_entries, write_zip
from baocao.province.tong_hop.columns import FONT, Bang, Value, bang, tieu_de
from baocao.province.tong_hop.rows import TongHop

if TYPE_CHECKING:
    from docx.section import Section
    from docx.table import Table

PAGE_MM = 267
"""The text width of a landscape A4 page with 15 mm margins."""

_UNPRINTED = {("Tổng hợp", "Tệp")}
"""Columns the printed table leaves out: file names serve the workbook's user, not the reader."""


def docx_bytes(result: TongHop) -> bytes:
    """The consolidation as a landscape Word document: a title, then each non-empty table."""
    tables = [
        _without(table, {h for t, h in _UNPRINTED if t == table.ten})
        for table in bang(result)
        if table.dong or table.tong is not None
    ]
    return document_bytes(tieu_de(result), tables, result.ngay)


def document_bytes(title: str, tables: Sequence[Bang], when: datetime) -> bytes:
    """A landscape Word document: `title`, then each table under its name; stamped `when`."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    _landscape(document.sections[0])
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(12)
    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.add_run(title.upper()).bold = True
    rows: list[list[bytes]] = []
    for index, table in enumerate(tables):
        document.add_paragraph().add_run(table.ten).bold = True
        grid = document.add_table(rows=0, cols=len(table.cot))
        rows.append(_docx_table(grid, table, _marker(index)))
    stamp_properties(document.core_properties, when, author="baocao", title=title)
    buffer = io.BytesIO()
    document.save(buffer)
    return _splice(buffer.getvalue(), rows, when)


BODY = "word/document.xml"


def _marker(index: int) -> str:
    return f"baocao-dong-{index}"


def _splice(data: bytes, rows: list[list[bytes]], when: datetime) -> bytes:
    """The saved document `data` with each table's marker replaced by its rows' XML; the
    zip's other entries copied as they are stored, every header fixed (`write_zip`)."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read(BODY)
        entries = stored_entries(archive, data)
    for index, texts in enumerate(rows):
        body = body.replace(f"<!--{_marker(index)}-->".encode(), b"".join(texts), 1)
    entries[BODY] = deflated(BODY, body)
    return write_zip(list(entries.values()), when)


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


def _docx_table(grid: Table, table: Bang, marker: str) -> list[bytes]:
    """Fill `grid` with `table`: its header row stays in the tree, the XML of every other
    row is returned, to go where the comment `marker` left in the tree stands (`_splice`)."""
    from docx.shared import Mm
    from lxml import etree  # type: ignore[import-untyped]

    grid.style = "Table Grid"
    grid.autofit = False
    _narrow_margins(grid)
    size, widths_mm = _layout(table)
    rows = [*((r, False) for r in table.dong)]
    rows += [(table.tong, True)] if table.tong is not None else []
    # Rows first, the grid's widths after: python-docx would copy them into every cell,
    # and a long table would hold 3000 × 16 needless elements. Word sizes a fixed table by
    # its first row, LibreOffice by the grid; both are set.
    for column in grid._tbl.tblGrid.gridCol_lst:
        column.w = None  # python-docx's even split, which add_row would copy too
    _fill(grid, [h for h, _ in table.cot], True, size)
    texts = [_taken_out(_fill(grid, values, bold, size), etree) for values, bold in rows]
    grid._tbl.append(etree.Comment(marker))
    widths = [Mm(w) for w in widths_mm]
    for column, cell, width in zip(grid.columns, grid.rows[0].cells, widths, strict=True):
        column.width = cell.width = width
    _repeat_header(grid)
    return texts


def _fill(grid: Table, values: Sequence[Value], bold: bool, size: int) -> Any:
    """A new row of `grid` holding `values`, figures on the right; its `w:tr` element."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    row = grid.add_row()  # type: ignore[no-untyped-call]
    for cell, value in zip(row.cells, values, strict=True):
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(_text(value))
        if bold:  # not `run.bold = False` on every other cell: one more element each
            run.bold = True
        if size != SIZES[0]:
            run.font.size = Pt(size)
        if isinstance(value, int):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return row._tr


def _taken_out(tr: Any, etree: Any) -> bytes:
    """A row's XML as the document saves it (UTF-8), the row taken out of the tree."""
    text: bytes = etree.tostring(tr, encoding="UTF-8")
    # An element on its own declares every namespace in scope; in the document, the root does.
    start, rest = text.split(b">", 1)
    assert _DECLARATIONS.fullmatch(start), start[:80]
    tr.getparent().remove(tr)
    return b"<w:tr>" + rest


_DECLARATIONS = re.compile(rb'<w:tr(?: xmlns:\w+="[^"]*")*')


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


SIZES = (12, 11, 10, 9)
"""Print sizes (pt) to try for a table, largest first; 9 pt is the floor of what reads well."""


def _layout(table: Bang) -> tuple[int, list[float]]:
    """The largest size at which every text column gets at least its workbook width in mm
    (the unit column of «Tổng hợp»: 40 mm, a school's name in two or three lines), and the
    widths of the columns at that size."""
    for size in SIZES:
        widths, wraps = _widths_mm(table, size / 12)
        wide_enough = all(
            width >= minimum
            for width, (_, minimum), wrap in zip(widths, table.cot, wraps, strict=True)
            if wrap
        )
        if wide_enough:
            break
    return size, widths


def _widths_mm(table: Bang, scale: float) -> tuple[list[float], list[bool]]:
    """Number and date columns as wide as their widest value; text columns share the rest;
    and which columns are text.

    Text wraps at spaces, figures cannot; so figures get what they need and the
    room left goes to text in proportion to the workbook's widths.
    """
    rows = [*table.dong, *([table.tong] if table.tong is not None else [])]
    needs, wraps = [], []
    for i, (header, _) in enumerate(table.cot):
        values = [row[i] for row in rows if row[i] not in (None, "")]
        texts = [*header.split(), *(_text(v) for v in values if not isinstance(v, str))]
        # 2 mm of margins, 1 to spare
        needs.append(3 + scale * max(_print_mm(text) for text in texts))
        wraps.append(any(isinstance(v, str) for v in values))
    weight = sum(width for (_, width), wrap in zip(table.cot, wraps, strict=True) if wrap)
    room = PAGE_MM - sum(need for need, wrap in zip(needs, wraps, strict=True) if not wrap)
    widths = [
        max(need, room * width / weight) if wrap else need
        for need, (_, width), wrap in zip(needs, table.cot, wraps, strict=True)
    ]
    return [width * min(1.0, PAGE_MM / sum(widths)) for width in widths], wraps


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
