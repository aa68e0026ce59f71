"""The paragraphs, runs, tables and Jinja tags a template is made of.

docxtpl conventions used throughout:
- each tag is built as one run, so no editor-made run split can break it;
- `{%p …%}` and `{%r …%}` tags stand alone in their paragraph or run, which
  docxtpl removes, leaving only the paragraphs or runs between them;
- list items end with `;` and the last with `.` (as guidelines write their
  lists), so items are printed without any end punctuation the user typed.

A plain string given as a run is template source (a tag, or words of baocao's
own); a guideline's words go through `literal`, so that none of them is a tag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from baocao.render.layout.page import (
    FORMAL,
    HEADING_1,
    HEADING_2,
    HEADING_SPACE,
    IN_TABLE,
    LEFT_COL,
    P_PR_ORDER,
    RIGHT_COL,
    fixed_layout,
    insert_ordered,
    keep_row_together,
    no_borders,
    thin_borders,
)


@dataclass(frozen=True)
class R:
    """One run of text with its own formatting; None inherits from the style."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None


Container = DocxDocument | _Cell
Runs = Sequence[str | R]


def para(
    where: Container,
    *runs: str | R,
    style: str | None = None,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: Length | None = None,
    first_line: Length | None = None,
    before: Length | None = None,
    after: Length | None = None,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph of runs; every Jinja tag is passed as a run of its own."""
    paragraph = where.add_paragraph(style=style)
    add_runs(paragraph, runs)
    fmt = paragraph.paragraph_format
    if align is not None:
        fmt.alignment = align
    if indent is not None:
        fmt.left_indent = indent
    if first_line is not None:
        fmt.first_line_indent = first_line
    if before is not None:
        fmt.space_before = before
    if after is not None:
        fmt.space_after = after
    if keep_with_next:
        fmt.keep_with_next = True
    return paragraph


def add_runs(paragraph: Paragraph, runs: Runs) -> None:
    """Each run with its own formatting; a plain string inherits the paragraph's."""
    for run in runs:
        spec = R(run) if isinstance(run, str) else run
        r = paragraph.add_run(spec.text)
        r.bold, r.italic = spec.bold, spec.italic
        if spec.size is not None:
            r.font.size = Pt(spec.size)


def literal(text: str) -> str:
    """`text` printed as it is: each «{» as a tag printing it, so no pack text is a tag."""
    return text.replace("{", "{{ '{' }}")


def tag(where: Container, text: str) -> None:
    """A `{%p …%}` tag: its own paragraph, which docxtpl removes on rendering."""
    para(where, text)


def if_(doc: Container, condition: str) -> None:
    tag(doc, f"{{%p if {condition} %}}")


def else_(doc: Container) -> None:
    tag(doc, "{%p else %}")


def endif(doc: Container) -> None:
    tag(doc, "{%p endif %}")


def bottom_border(paragraph: Paragraph) -> None:
    """A thin solid black line under the paragraph, between its indents."""
    p_pr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    bottom.set(qn("w:val"), "single")
    bottom.set(qn("w:sz"), "6")  # eighths of a point: a ¾ pt line
    bottom.set(qn("w:space"), "1")
    bottom.set(qn("w:color"), "000000")
    borders.append(bottom)
    insert_ordered(p_pr, borders, P_PR_ORDER)


def rule(where: Container, length: Length, room: Length, style: str = FORMAL) -> None:
    """A centred solid line of `length` in a space `room` wide.

    The paragraph is 3 pt high and empty, so the line sits right under the text
    above it; equal left and right indents centre it, so it stays centred and of
    fixed length whatever Word or LibreOffice does with the text above it.
    """
    side = Length((room - length) // 2)
    paragraph = para(where, style=style, align=WD_ALIGN_PARAGRAPH.CENTER, first_line=Pt(0))
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = side
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(3)
    bottom_border(paragraph)
    # The empty paragraph mark's own size must not make the paragraph taller.
    rpr = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    rpr.append(size)
    insert_ordered(paragraph._p.get_or_add_pPr(), rpr, P_PR_ORDER)


def page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place."""

    def run_with(element: object) -> None:
        run = paragraph.add_run()
        run._r.append(element)

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run_with(instr)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    paragraph.add_run("2")  # the cached result, replaced when the page is laid out
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


# --- tables --------------------------------------------------------------------------------


def borderless_table(doc: DocxDocument, rows: int) -> Table:
    """A two-column table without borders, its cells emptied for `para` to fill."""
    table: Table = doc.add_table(rows=rows, cols=2)
    no_borders(table)
    fixed_layout(table, [LEFT_COL, RIGHT_COL])
    keep_row_together(table)
    for cell in (c for row in table.rows for c in row.cells):
        cell._tc.remove(cell.paragraphs[0]._p)
    return table


def grid_table(doc: DocxDocument, widths: Sequence[Length], header: Sequence[str]) -> Table:
    """A bordered table as wide as the text, its header row bold, centred, repeated on each page.

    Rows are added with `grid_row`; no table style, so nothing but our own
    paragraph style decides the font.
    """
    table: Table = doc.add_table(rows=1, cols=len(widths))
    thin_borders(table)
    fixed_layout(table, widths)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell_para(cell, R(text, bold=True))
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))
    keep_row_together(table)
    return table


def grid_row(table: Table, *cells: str | R | list[str | R]) -> None:
    """A row of one paragraph per cell, centred; a list is a cell's runs, left-aligned (text)."""
    row = table.add_row()  # type: ignore[no-untyped-call]
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, content in zip(row.cells, cells, strict=True):
        if isinstance(content, list):
            cell_para(cell, *content, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            cell_para(cell, content)


def cell_para(cell: _Cell, *runs: str | R, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """Fill a cell's first (empty) paragraph with `runs` in the tables' style."""
    paragraph: Paragraph = cell.paragraphs[0]
    paragraph.style = IN_TABLE
    add_runs(paragraph, runs)
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


# --- the body --------------------------------------------------------------------------------


def heading1(doc: Container, *runs: str, before: Length = HEADING_SPACE) -> None:
    """`I.` … `IV.`: bold (the-thuc.md "Body"), the guideline's words."""
    para(doc, *runs, style=HEADING_1, before=before)


def heading2(doc: Container, *runs: str) -> None:
    """`1.` … `6.`: bold, the guideline's words."""
    para(doc, *runs, style=HEADING_2)


def lead_in(doc: Container, text: str) -> None:
    """A line announcing what follows (`- Thuận lợi:`), kept with it."""
    para(doc, text, keep_with_next=True)


def prose(doc: Container, value: str) -> None:
    """Each non-blank line of a prose value as a body paragraph."""
    tag(doc, f"{{%p for d in {value}|doan %}}")
    para(doc, "{{ d }}")
    tag(doc, "{%p endfor %}")


def labelled(
    doc: Container, label: str | tuple[str, ...], value: str, before: Length | None = None
) -> None:
    """`- Label: ` followed by the prose's first paragraph; the others below it.

    A label holding a tag is given as a tuple of runs.
    """
    runs = (label,) if isinstance(label, str) else label
    para(doc, *runs[:-1], f"{runs[-1]} ", f"{{{{ ({value}|doan)[0] }}}}", before=before)
    tag(doc, f"{{%p for d in ({value}|doan)[1:] %}}")
    para(doc, "{{ d }}")
    tag(doc, "{%p endfor %}")


def bare(expr: str) -> str:
    """The Jinja expression for an item without the `.`/`;` the user may have typed."""
    return f"{expr}.rstrip('.;')"


END = "{{ '.' if loop.last else ';' }}"
"""`;` after each item of a list, `.` after the last (as the guideline's lists)."""


def items(doc: Container, value: str, marker: str = "+") -> None:
    """A list, one `+ item;` paragraph per item, the last ending with `.`."""
    tag(doc, f"{{%p for x in {value} %}}")
    para(doc, f"{marker} ", f"{{{{ {bare('x')} }}}}", END)
    tag(doc, "{%p endfor %}")


def inline_items(value: str, var: str) -> list[str]:
    """Runs that print a list inside a sentence: `A; B; C.`."""
    return [
        f"{{%r for {var} in {value} %}}",
        f"{{{{ {bare(var)} }}}}",
        "{{ '.' if loop.last else '; ' }}",
        "{%r endfor %}",
    ]


def spending(doc: Container, derived: str) -> None:
    """The spending lines `+ Nội dung: 4 người × 500.000 đồng = …;` and their total."""
    if_(doc, f"{derived}.dong")
    tag(doc, f"{{%p for d in {derived}.dong %}}")
    para(doc, "+ ", "{{ d.noi_dung }}", ": ", "{{ d.chi_tiet }}", ";")
    tag(doc, "{%p endfor %}")
    para(doc, "Tổng cộng: ", f"{{{{ {derived}.tong|tien }}}}", ".", keep_with_next=True)
    para(
        doc,
        R("Bằng chữ: ", italic=True),
        R(f"{{{{ {derived}.bang_chu }}}}", italic=True),
        R(".", italic=True),
    )
    endif(doc)


FIGURES_WIDTHS: list[Length] = [Cm(1.2), Cm(8.8), Cm(2.5), Cm(4.0)]  # 16.5 cm, the text width


def figures_table(doc: DocxDocument, rows: Sequence[tuple[list[str | R], str, str]]) -> None:
    """Figures at a glance: a numbered row per (label runs, number, share or note)."""
    table = grid_table(doc, FIGURES_WIDTHS, ["STT", "Nội dung", "Số người", "Tỷ lệ, ghi chú"])
    for number, (label, value, share) in enumerate(rows, start=1):
        grid_row(table, str(number), label, value, share)
