"""Build baocao's built-in template, `src/baocao/templates/bao-cao-hk1.docx`.

    python tools/build_template.py      # writes src/baocao/templates/bao-cao-hk1.docx
    pip install -e . -q                 # copies it into the installed package

The template is an ordinary .docx whose text holds Jinja tags; docxtpl fills
them from `baocao.render.docx.context()`: the data as typed (`van_ban`, `tinh_hinh`,
`ket_qua`, `dac_thu`, `hoc_ky_2`) and `tinh_toan`, what baocao derives.

Every layout decision cites the rule it implements, from
shared/docs/format.md (Decree 30/2020/NĐ-CP, Appendix I, as applied to unions
by Decision 933/QĐ-TLĐ); the headings and lead-ins are the words of the
province's guideline (seed 003), in its order.

docxtpl conventions used throughout:
- each tag is built as one run, so no editor-made run split can break it;
- `{%p …%}` and `{%r …%}` tags stand alone in their paragraph or run, which
  docxtpl removes, leaving only the paragraphs or runs between them;
- list items end with `;` and the last with `.` (as the guideline writes its
  lists), so items are printed without any end punctuation the user typed.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from baocao.output.write import deterministic_zip

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "src" / "baocao" / "templates" / "bao-cao-hk1.docx"
STAMP = datetime(2024, 1, 1)

# --- Page (format.md "Page") ---------------------------------------------
PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)  # A4 portrait
MARGIN_TOP, MARGIN_BOTTOM = Mm(20), Mm(20)  # 20–25 mm
MARGIN_LEFT, MARGIN_RIGHT = Mm(30), Mm(15)  # 30–35 mm, 15–20 mm
TEXT_WIDTH = Mm(210 - 30 - 15)  # 165 mm between the margins
HEADER_DISTANCE = Mm(10)  # the page number sits inside the 20 mm top margin

FONT = "Times New Roman"  # everywhere, tables, header and footer included
BODY_SIZE = Pt(14)  # body 13 or 14, the same throughout
FIRST_LINE = Cm(1.27)  # first-line indent 1 cm or 1.27 cm
PARA_SPACE = Pt(6)  # at least 6 pt between paragraphs
LINE_SPACING = 1.2  # from single up to 1.5 lines
HEADING_SPACE = Pt(6)  # a little more air above the headings I–IV

# --- The two borderless tables (header and closing block) -------------------
# Together exactly the 16.5 cm text width. The right column is just wide
# enough for the national title at 12 pt bold (8.83 cm) on one line; the left
# gets the rest, so that a school's name (`CĐCS TRƯỜNG THCS PHÚ LẠC`, 6.9 cm at
# 13 pt bold) stays on one line too; longer names wrap, as on paper.
LEFT_COL, RIGHT_COL = Cm(7.4), Cm(9.1)
CELL_PAD = Mm(1)  # small fixed cell margins, so the text widths below are exact
LEFT_TEXT = Length(LEFT_COL - 2 * CELL_PAD)  # 7.2 cm
RIGHT_TEXT = Length(RIGHT_COL - 2 * CELL_PAD)  # 8.9 cm

# --- Short solid lines --------------------------------------------------------
# Each is the bottom border of an almost empty paragraph whose left and right
# indents leave exactly the line's length in the middle: it stays centred and
# of fixed length whatever Word or LibreOffice does with the text above it.
MOTTO_WIDTH = Cm(5.61)
"""`Độc lập - Tự do - Hạnh phúc` in Times New Roman bold 13 pt, measured with the
metric-compatible Liberation Serif 2 Bold: the line under the motto is as long as it."""
ISSUER_LINE = Cm(2.8)
"""Under the issuing body: ⅓–½ of its width (0.39 of the 7.2 cm cell, 0.41 of a
6.9 cm name)."""
SUMMARY_LINE = Cm(5.0)
"""Under the trích yếu (about 11.9 cm at 14 pt bold): 0.42 of it."""


# Paragraph styles of our own (names as Word shows them).
HEADING_1 = "Đề mục I, II, III"
HEADING_2 = "Đề mục 1, 2, 3"
FORMAL = "Thể thức"
"""The header's and closing block's paragraphs: centred, unindented, single-spaced."""
APPENDIX = "Phụ lục"
"""An appendix's label (`PHỤ LỤC I`): bold, centred, and on a new page.

The page break is a property of this style, not of the paragraph: LibreOffice
writes a paragraph's own "page break before" back as a `w:br` run at the end of
the paragraph before it, which for an appendix is the `{%p if …%}` tag that
docxtpl removes, taking the break with it; a style's property is written back
as `w:pageBreakBefore` in styles.xml, and Word keeps it either way.
"""
IN_TABLE = "Trong bảng"
"""The figures' and targets' tables: 12 pt, centred, unindented, single-spaced."""
TABLE_SIZE = Pt(12)  # tables 12–13 pt (format.md "Body")
TABLE_BORDER = "4"  # eighths of a point: a thin ½ pt line


@dataclass(frozen=True)
class R:
    """One run of text with its own formatting; None inherits from the style."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    size: float | None = None


Container = DocxDocument | _Cell


# ============================================================================
# Low-level XML helpers
# ============================================================================

# The schema fixes the order of these elements' children; Word rejects a file
# that breaks it, so new children are inserted in their place, never appended.
TBL_PR_ORDER = [
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
]
P_PR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def insert_ordered(parent, child, order: list[str]) -> None:
    """Insert `child` into `parent` before the first sibling that must follow it."""
    later = order[order.index(child.tag.split("}")[1]) + 1 :]
    for sibling in parent:
        if sibling.tag.split("}")[1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def set_fonts(rpr) -> None:
    """Name Times New Roman for all four script slots and drop theme fonts.

    A theme attribute (asciiTheme…) beats an explicit name at the same level,
    and python-docx's default styles use the theme's Calibri/Cambria, so the
    theme attributes go and every slot names the font: Vietnamese letters with
    diacritics fall in the hAnsi slot, not ascii.
    """
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.endswith("Theme") or attr.endswith("theme"):
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), FONT)


def table_borders(table: Table, **attributes: str) -> None:
    """The same border, given as `w:` attributes, on every edge and inner line of a table."""
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        for name, value in attributes.items():
            element.set(qn(f"w:{name}"), value)
        borders.append(element)
    insert_ordered(table._tbl.tblPr, borders, TBL_PR_ORDER)


def no_borders(table: Table) -> None:
    """The header and the closing block are tables without visible borders."""
    table_borders(table, val="nil")


def thin_borders(table: Table) -> None:
    """Thin solid black lines around and between every cell (format.md "Body": tables)."""
    table_borders(table, val="single", sz=TABLE_BORDER, space="0", color="000000")


def fixed_layout(table: Table, widths: list[Length]) -> None:
    """Fixed column widths and cell margins, the table starting at the left margin."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(sum(w.twips for w in widths)))
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    insert_ordered(tbl_pr, indent, TBL_PR_ORDER)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(CELL_PAD.twips))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    insert_ordered(tbl_pr, margins, TBL_PR_ORDER)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width


def borderless_table(doc: DocxDocument, rows: int) -> Table:
    """A two-column table without borders, its cells emptied for `para` to fill."""
    table = doc.add_table(rows=rows, cols=2)
    no_borders(table)
    fixed_layout(table, [LEFT_COL, RIGHT_COL])
    keep_row_together(table)
    for cell in (c for row in table.rows for c in row.cells):
        cell._tc.remove(cell.paragraphs[0]._p)
    return table


def grid_table(doc: DocxDocument, widths: list[Length], header: list[str]) -> Table:
    """A bordered table as wide as the text, its header row bold, centred, repeated on each page.

    Rows are added with `grid_row`; no table style, so nothing but our own
    paragraph style decides the font.
    """
    table = doc.add_table(rows=1, cols=len(widths))
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
    row = table.add_row()
    row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell, content in zip(row.cells, cells, strict=True):
        if isinstance(content, list):
            cell_para(cell, *content, align=WD_ALIGN_PARAGRAPH.LEFT)
        else:
            cell_para(cell, content)


def cell_para(cell: _Cell, *runs: str | R, align: WD_ALIGN_PARAGRAPH | None = None) -> Paragraph:
    """Fill a cell's first (empty) paragraph with `runs` in the tables' style."""
    paragraph = cell.paragraphs[0]
    paragraph.style = IN_TABLE
    add_runs(paragraph, runs)
    if align is not None:
        paragraph.paragraph_format.alignment = align
    return paragraph


def keep_row_together(table: Table) -> None:
    """A row never splits across pages (a signature block stays whole)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


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


def page_field(paragraph: Paragraph) -> None:
    """A PAGE field: Word and LibreOffice print the page's number in its place."""

    def run_with(element) -> None:
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


# ============================================================================
# Styles and page
# ============================================================================


def setup_styles(doc: DocxDocument) -> None:
    """Times New Roman in every style; Normal carries the body's rules."""
    styles = doc.styles
    # Document defaults and every style: the font, never a theme font.
    defaults = styles.element.find(qn("w:docDefaults"))
    for rpr in defaults.iter(qn("w:rPr")):
        set_fonts(rpr)
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "vi-VN")  # Vietnamese proofing
    for fonts in list(styles.element.iter(qn("w:rFonts"))):
        set_fonts(fonts.getparent())

    # Normal = a body paragraph (format.md "Body"): 14 pt, black, justified,
    # first line 1.27 cm, 6 pt after, 1.2 lines.
    normal = styles["Normal"]
    normal.font.size = BODY_SIZE
    normal.font.color.rgb = RGBColor(0, 0, 0)
    set_fonts(normal.element.get_or_add_rPr())
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = FIRST_LINE
    fmt.space_before = Pt(0)
    fmt.space_after = PARA_SPACE
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True

    # Header holds the page number: 13 pt, centred (format.md "Page").
    for name in ("Header", "Footer"):
        style = styles[name]
        style.font.size = Pt(13)
        set_fonts(style.element.get_or_add_rPr())
        sfmt = style.paragraph_format
        sfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sfmt.first_line_indent = Pt(0)
        sfmt.space_after = Pt(0)
        sfmt.line_spacing = 1.0

    # Headings I–IV and 1–6: bold, kept with what follows; the outline level
    # gives Word's navigation pane a table of contents.
    for style_id, name, level in (
        ("DeMuc1", HEADING_1, 0),
        ("DeMuc2", HEADING_2, 1),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = style_id
        style.base_style = normal
        style.font.bold = True
        style.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level))
        insert_ordered(style.element.get_or_add_pPr(), outline, P_PR_ORDER)

    # Thể thức: the header and closing tables' paragraphs, centred, unindented,
    # single-spaced (their elements are set one under another, format.md).
    formal_style(styles, FORMAL, "TheThuc", Pt(13))
    # Tables (format.md "Body"): Times New Roman 12 pt; numbers centred, text cells say so.
    formal_style(styles, IN_TABLE, "TrongBang", TABLE_SIZE, around=Pt(2))
    appendix_style(styles)


def formal_style(
    styles, name: str, style_id: str, size: Length, around: Length | None = None
) -> None:
    """A paragraph style on Normal: centred, unindented, single-spaced, `around` above and below."""
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = style_id
    style.base_style = styles["Normal"]
    style.font.size = size
    sfmt = style.paragraph_format
    sfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sfmt.first_line_indent = Pt(0)
    sfmt.space_before = sfmt.space_after = around or Pt(0)
    sfmt.line_spacing = 1.0


def appendix_style(styles) -> None:
    """The appendices' label: the body's 14 pt, bold, centred, unindented, on a new page."""
    style = styles.add_style(APPENDIX, WD_STYLE_TYPE.PARAGRAPH)
    style.style_id = "PhuLuc"
    style.base_style = styles["Normal"]
    style.font.bold = True
    sfmt = style.paragraph_format
    sfmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
    sfmt.first_line_indent = Pt(0)
    sfmt.space_after = Pt(0)
    sfmt.keep_with_next = True
    sfmt.page_break_before = True


def drop_leftovers(doc: DocxDocument) -> None:
    """Drop two parts python-docx's blank document carries over.

    `stylesWithEffects.xml` is a Word 2010 copy of the original styles (theme
    fonts, Calibri): only styles.xml should say what the document looks like.
    The thumbnail is a picture of an empty page that file browsers would show.
    """
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.drop_rel(r_id)
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/metadata/thumbnail"):
            del package_rels[r_id]


def setup_page(doc: DocxDocument) -> None:
    """A4 portrait, the margins, and page numbers from page 2 on."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_DISTANCE

    # "Not shown on the first page": a first-page header of its own, empty.
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    first.paragraphs[0].style = doc.styles["Header"]

    # Every other page: the number, centred in the top margin.
    header = section.header
    header.is_linked_to_previous = False
    number = header.paragraphs[0]
    number.style = doc.styles["Header"]
    page_field(number)


def set_properties(doc: DocxDocument) -> None:
    """Fixed document properties, so the template builds to the same bytes."""
    props = doc.core_properties
    props.title = "Mẫu báo cáo sơ kết hoạt động công đoàn học kỳ I"
    props.subject = "Mẫu dựng sẵn của baocao"
    props.author = props.last_modified_by = "baocao"
    props.comments = "Tạo bởi tools/build_template.py; đừng sửa tay, hãy sửa tệp đó."
    props.keywords = ""
    props.created = props.modified = props.last_printed = STAMP
    props.revision = 1


# ============================================================================
# Paragraph helpers: how the document is made
# ============================================================================


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


def add_runs(paragraph: Paragraph, runs: tuple[str | R, ...]) -> None:
    """Each run with its own formatting; a plain string inherits the paragraph's."""
    for run in runs:
        spec = R(run) if isinstance(run, str) else run
        r = paragraph.add_run(spec.text)
        r.bold, r.italic = spec.bold, spec.italic
        if spec.size is not None:
            r.font.size = Pt(spec.size)


def tag(where: Container, text: str) -> None:
    """A `{%p …%}` tag: its own paragraph, which docxtpl removes on rendering."""
    para(where, text)


def rule(where: Container, length: Length, room: Length, style: str = FORMAL) -> None:
    """A centred solid line of `length` in a space `room` wide (see MOTTO_WIDTH).

    The paragraph is 3 pt high and empty, so the line sits right under the text
    above it; equal left and right indents centre it.
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


def heading1(doc: Container, *runs: str, before: Length = HEADING_SPACE) -> None:
    """`I.` … `IV.`: bold (format.md "Body"), the guideline's words."""
    para(doc, *runs, style=HEADING_1, before=before)


def heading2(doc: Container, text: str) -> None:
    """`1.` … `6.`: bold, the guideline's words."""
    para(doc, text, style=HEADING_2)


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


def if_(doc: Container, condition: str) -> None:
    tag(doc, f"{{%p if {condition} %}}")


def else_(doc: Container) -> None:
    tag(doc, "{%p else %}")


def endif(doc: Container) -> None:
    tag(doc, "{%p endif %}")


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


def cooperation(doc: Container, part: str) -> None:
    """The guideline's "nêu rõ những nội dung phối hợp với chính quyền, những nội
    dung mà công đoàn đã chủ động triển khai thực hiện"."""
    para(doc, "Kết quả cụ thể:", keep_with_next=True)
    lead_in(doc, "- Những nội dung phối hợp với chính quyền:")
    items(doc, f"{part}.phoi_hop")
    lead_in(doc, "- Những nội dung công đoàn đã chủ động triển khai thực hiện:")
    items(doc, f"{part}.chu_dong")


# ============================================================================
# The document, top to bottom
# ============================================================================


def header_block(doc: DocxDocument) -> None:
    """The national title and the union's names (format.md "The header").

    Row 1: bodies on the left, national title and motto on the right, each with
    its line. Row 2: `Số:` left and the place and date right, so the two stand
    on one line as the rule asks, however many lines the names above take.
    """
    table = borderless_table(doc, rows=2)
    left, right = table.cell(0, 0), table.cell(0, 1)

    # Parent body: uppercase (computed), upright, not bold, 13 pt.
    para(left, R("{{ tinh_toan.co_quan_chu_quan }}", bold=False), style=FORMAL)
    # Issuing body: uppercase, bold, 13 pt, a short line under it.
    para(left, R("{{ tinh_toan.co_quan_ban_hanh }}", bold=True), style=FORMAL)
    rule(left, ISSUER_LINE, LEFT_TEXT)

    # National title: uppercase, bold, 12 pt (fits the 8.9 cm cell on one line).
    para(right, R("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True, size=12), style=FORMAL)
    # Motto: bold 13 pt, hyphens between the phrases, a line as long as it.
    para(right, R("Độc lập - Tự do - Hạnh phúc", bold=True), style=FORMAL)
    rule(right, MOTTO_WIDTH, RIGHT_TEXT)

    # Number and symbol, 13 pt: "Số" with a colon; the symbol in uppercase.
    para(
        table.cell(1, 0),
        "Số: ",
        "{{ tinh_toan.so_ky_hieu }}",
        style=FORMAL,
        before=Pt(6),
    )
    # Place and date: italic 14 pt, on the same row as "Số:".
    para(
        table.cell(1, 1),
        R("{{ tinh_toan.dia_danh_ngay }}", italic=True, size=14),
        style=FORMAL,
        before=Pt(6),
    )


def title_block(doc: DocxDocument) -> None:
    """`BÁO CÁO`, the trích yếu, its line, and the addressees (format.md "Title")."""
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": Pt(0), "after": Pt(0)}
    para(doc, R("BÁO CÁO", bold=True), before=Pt(24), keep_with_next=True, **centred)
    para(doc, R("{{ tinh_toan.trich_yeu }}", bold=True), keep_with_next=True, **centred)
    rule(doc, SUMMARY_LINE, TEXT_WIDTH, style="Normal")

    # One addressee: `Kính gửi: …` centred on one line. Several: `Kính gửi:`
    # then `- A;` … `- Z.` one per line, aligned after the words `Kính gửi:`.
    if_(doc, "tinh_toan.kinh_gui|length == 1")
    para(doc, "{{ tinh_toan.kinh_gui[0] }}", before=Pt(18), **centred)
    else_(doc)
    tag(doc, "{%p for d in tinh_toan.kinh_gui %}")
    if_(doc, "loop.first")
    para(doc, "{{ d }}", indent=Cm(2.5), first_line=Pt(0), before=Pt(18), after=Pt(0))
    else_(doc)
    para(doc, "{{ d }}", indent=Cm(4.9), first_line=Pt(0), after=Pt(0))
    endif(doc)
    tag(doc, "{%p endfor %}")
    endif(doc)


def part_1(doc: DocxDocument) -> None:
    """I. The staff: situation, difficulties, figures, changes, mood, living."""
    heading1(
        doc, "I. Tình hình đội ngũ cán bộ, nhà giáo và người lao động (CBNGNLĐ)", before=Pt(12)
    )
    th = "tinh_hinh"
    prose(doc, f"{th}.dac_diem")
    lead_in(doc, "- Thuận lợi:")
    items(doc, f"{th}.thuan_loi")
    lead_in(doc, "- Khó khăn chủ quan:")
    items(doc, f"{th}.kho_khan.chu_quan")
    lead_in(doc, "- Khó khăn khách quan:")
    items(doc, f"{th}.kho_khan.khach_quan")

    sl, bd, tt = f"{th}.so_lieu", f"{th}.bien_dong", "tinh_toan"
    para(
        doc,
        "- Tổng số CBNGNLĐ đến thời điểm ",
        f"{{{{ {sl}.thoi_diem|ngay_so }}}}",
        ": ",
        f"{{{{ {sl}.tong_so|so }}}}",
        " người, trong đó nữ ",
        f"{{{{ {sl}.nu|so }}}}",
        " người (chiếm ",
        f"{{{{ {tt}.ty_le_nu }}}}",
        ").",
    )
    para(
        doc,
        "- Tổng số đoàn viên công đoàn: ",
        f"{{{{ {sl}.doan_vien|so }}}}",
        " đoàn viên (đạt ",
        f"{{{{ {tt}.ty_le_doan_vien }}}}",
        " tổng số CBNGNLĐ).",
    )
    # Start → end and the net change in words, all computed (`compute.thay_doi`).
    para(
        doc,
        "+ Biến động về số lượng đoàn viên công đoàn học kỳ I: ",
        f"{{%r if {tt}.doan_vien_dau_ky is not none %}}",
        "đầu học kỳ có ",
        f"{{{{ {tt}.doan_vien_dau_ky|so }}}}",
        " đoàn viên, ",
        "{%r endif %}",
        "cuối học kỳ có ",
        f"{{{{ {sl}.doan_vien|so }}}}",
        " đoàn viên, ",
        f"{{{{ {tt}.doan_vien_thay_doi }}}}",
        ";",
    )
    para(
        doc,
        "+ Nghỉ chế độ: ",
        f"{{{{ {bd}.nghi_che_do|so }}}}",
        "; thuyên chuyển công tác: chuyển đi ",
        f"{{{{ {bd}.chuyen_di|so }}}}",
        ", chuyển đến ",
        f"{{{{ {bd}.chuyen_den|so }}}}",
        "; kết nạp mới bổ sung: ",
        f"{{{{ {bd}.ket_nap_moi|so }}}}",
        f"{{{{ ';' if {bd}.chat_luong else '.' }}}}",
    )
    if_(doc, f"{bd}.chat_luong")
    labelled(doc, "+ Biến động về chất lượng đoàn viên:", f"{bd}.chat_luong")
    endif(doc)
    figures_table(doc)
    labelled(doc, "- Diễn biến tư tưởng, thái độ của đội ngũ:", f"{th}.tu_tuong", before=Pt(6))
    labelled(doc, "- Đời sống, thu nhập, việc làm:", f"{th}.doi_song")


FIGURES_WIDTHS = [Cm(1.2), Cm(8.8), Cm(2.5), Cm(4.0)]  # 16.5 cm, the text width


def figures_table(doc: DocxDocument) -> None:
    """Part I's figures at a glance: staff, women, members, and the semester's changes.

    Every number is the one the sentences above print, from the same values.
    """
    sl, bd, tt = "tinh_hinh.so_lieu", "tinh_hinh.bien_dong", "tinh_toan"
    table = grid_table(doc, FIGURES_WIDTHS, ["STT", "Nội dung", "Số người", "Tỷ lệ, ghi chú"])
    start = f"{{{{ {tt}.doan_vien_dau_ky|so if {tt}.doan_vien_dau_ky is not none else '—' }}}}"
    rows = [
        (["Tổng số CBNGNLĐ"], f"{{{{ {sl}.tong_so|so }}}}", ""),
        (["Trong đó: nữ"], f"{{{{ {sl}.nu|so }}}}", f"{{{{ {tt}.ty_le_nu }}}}"),
        (["Đoàn viên công đoàn đầu học kỳ I"], start, ""),
        (["Kết nạp mới"], f"{{{{ {bd}.ket_nap_moi|so }}}}", ""),
        (["Chuyển đến"], f"{{{{ {bd}.chuyen_den|so }}}}", ""),
        (["Nghỉ chế độ"], f"{{{{ {bd}.nghi_che_do|so }}}}", ""),
        (["Chuyển đi"], f"{{{{ {bd}.chuyen_di|so }}}}", ""),
        (
            ["Đoàn viên công đoàn cuối học kỳ I (đến ", f"{{{{ {sl}.thoi_diem|ngay_so }}}}", ")"],
            f"{{{{ {sl}.doan_vien|so }}}}",
            f"{{{{ {tt}.ty_le_doan_vien }}}}",
        ),
    ]
    for number, (label, value, share) in enumerate(rows, start=1):
        grid_row(table, str(number), label, value, share)


def part_2(doc: DocxDocument) -> None:
    """II. Results of semester I, points 1 to 6, each as the guideline asks."""
    heading1(doc, "II. Kết quả hoạt động công đoàn học kỳ I năm học ", "{{ van_ban.nam_hoc }}")

    heading2(
        doc,
        "1. Công tác chăm lo đời sống, đại diện bảo vệ quyền, lợi ích hợp pháp, chính đáng "
        "của đội ngũ cán bộ, CBNGNLĐ; tham gia quản lý, xây dựng mối quan hệ lao động "
        "hài hòa, ổn định",
    )
    cl = "ket_qua.cham_lo"
    prose(doc, f"{cl}.danh_gia")
    cooperation(doc, cl)
    labelled(
        doc,
        "- Công tác hỗ trợ, thăm hỏi, giúp đỡ CBNGNLĐ tháo gỡ khó khăn, vướng mắc trong "
        "cuộc sống, trong công tác:",
        f"{cl}.tham_hoi.mo_ta",
    )
    spending(doc, "tinh_toan.tham_hoi")
    labelled(
        doc,
        ("- Dự trù chăm lo ", "{{ tinh_toan.tet }}", " cho CBNGNLĐ tại đơn vị:"),
        f"{cl}.ke_hoach_tet.mo_ta",
    )
    spending(doc, "tinh_toan.ke_hoach_tet")
    labelled(
        doc,
        "- Các đề xuất và tác động trở lại của các tổ chức, đoàn thể với các cơ quan quản lý "
        "nhằm đảm bảo quyền, lợi ích hợp pháp, chính đáng của CBNGNLĐ:",
        f"{cl}.de_xuat",
    )
    labelled(
        doc,
        "- Việc thực hiện quy chế dân chủ ở cơ sở; phối hợp, chỉ đạo tổ chức hội nghị "
        "CBCCVC, hội nghị người lao động:",
        f"{cl}.dan_chu",
    )

    heading2(
        doc,
        "2. Công tác tuyên truyền, vận động đội ngũ CBNGNLĐ thực hiện đường lối, chủ trương "
        "của Đảng, chính sách pháp luật của Nhà nước; nghị quyết, chủ trương công tác công "
        "đoàn; phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục",
    )
    tr = "ket_qua.tuyen_truyen"
    prose(doc, f"{tr}.danh_gia")
    para(doc, "Kết quả cụ thể:", keep_with_next=True)
    labelled(
        doc,
        "- Tuyên truyền đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước:",
        f"{tr}.duong_loi",
    )
    labelled(
        doc,
        "- Phổ biến, triển khai thực hiện các nội dung hoạt động công đoàn mang tính ngành nghề:",
        f"{tr}.nganh_nghe",
    )

    heading2(
        doc,
        "3. Việc tổ chức các phong trào thi đua yêu nước, các cuộc vận động của ngành, "
        "của địa phương",
    )
    td = "ket_qua.thi_dua"
    prose(doc, f"{td}.danh_gia")
    cooperation(doc, td)
    # Each movement: its name as a `-` point, its aspects as `+` points, in the
    # order of the guideline's sentence about them.
    tag(doc, f"{{%p for p in {td}.phong_trao %}}")
    para(
        doc, "- ", R("{{ p.ten.rstrip('.:;') }}", bold=True, italic=True), ":", keep_with_next=True
    )
    para(doc, "+ Nơi phát động: ", f"{{{{ {bare('p.noi_phat_dong')} }}}}", ";")
    labelled(doc, "+ Giải pháp triển khai:", "p.giai_phap")
    labelled(doc, "+ Mức độ phù hợp với đặc điểm đơn vị, địa phương, cơ sở:", "p.muc_do_phu_hop")
    labelled(doc, "+ Kết quả đạt được:", "p.ket_qua")
    if_(doc, "p.mo_hinh_hay")
    para(doc, "+ Mô hình hay, cách làm sáng tạo: ", *inline_items("p.mo_hinh_hay", "m"))
    endif(doc)
    if_(doc, "p.khen_thuong")
    para(doc, "+ Tôn vinh, khen thưởng: ", *inline_items("p.khen_thuong", "k"))
    endif(doc)
    tag(doc, "{%p endfor %}")
    labelled(doc, "- Đánh giá về việc thực hiện công tác xã hội hóa giáo dục:", f"{td}.xa_hoi_hoa")
    labelled(doc, "- Triển khai và kết quả các hoạt động nhân đạo, từ thiện:", f"{td}.nhan_dao")

    heading2(
        doc,
        "4. Đổi mới nội dung, phương pháp hoạt động công đoàn; nâng cao chất lượng đội ngũ "
        "cán bộ và hiệu quả hoạt động của CĐGD các cấp; xây dựng tổ chức công đoàn vững "
        "mạnh; tham gia xây dựng Đảng trong sạch, vững mạnh",
    )
    tc = "ket_qua.to_chuc"
    prose(doc, f"{tc}.danh_gia")
    cooperation(doc, tc)
    labelled(
        doc,
        "- Những điểm mới về nội dung, phương pháp hoạt động công đoàn đã thực hiện; kết quả "
        "và kinh nghiệm tổ chức thực hiện:",
        f"{tc}.diem_moi",
    )
    labelled(
        doc,
        "- Các giải pháp đã thực hiện và kết quả việc nâng cao chất lượng đội ngũ cán bộ "
        "công đoàn:",
        f"{tc}.can_bo",
    )
    # New members are typed once, in part I; the Party figures here.
    para(
        doc,
        "- Kết quả về công tác phát triển đoàn viên, đảng viên: trong học kỳ I kết nạp mới ",
        "{{ tinh_hinh.bien_dong.ket_nap_moi|so }}",
        " đoàn viên công đoàn; giới thiệu ",
        f"{{{{ {tc}.phat_trien.gioi_thieu_dang|so }}}}",
        " đoàn viên ưu tú cho Đảng xem xét; số đoàn viên được kết nạp vào Đảng: ",
        f"{{{{ {tc}.phat_trien.ket_nap_dang|so }}}}",
        ".",
    )
    prose(doc, f"{tc}.phat_trien.mo_ta")
    labelled(
        doc,
        "- Công tác đào tạo, bồi dưỡng, tập huấn cán bộ công đoàn các cấp:",
        f"{tc}.dao_tao",
    )
    labelled(doc, "- Hoạt động của Ban thanh tra nhân dân trường học:", f"{tc}.thanh_tra_nhan_dan")

    heading2(doc, "5. Công tác kiểm tra")
    kt = "ket_qua.kiem_tra"
    prose(doc, f"{kt}.danh_gia")
    if_(doc, f"{kt}.cuoc_kiem_tra")
    lead_in(doc, "- Các cuộc kiểm tra đã thực hiện:")
    items(doc, f"{kt}.cuoc_kiem_tra")
    endif(doc)

    heading2(doc, "6. Công tác nữ công và bình đẳng giới")
    nc = "ket_qua.nu_cong"
    labelled(doc, "- Những hoạt động mang màu sắc giới trong hoạt động nữ công:", f"{nc}.hoat_dong")
    labelled(
        doc,
        "- Kết quả phong trào thi đua “Giỏi việc trường – Đảm việc nhà”:",
        f"{nc}.gioi_viec_truong",
    )
    if_(doc, f"{nc}.tam_guong")
    lead_in(doc, "- Các tấm gương điển hình:")
    items(doc, f"{nc}.tam_guong")
    endif(doc)


def part_3(doc: DocxDocument) -> None:
    """III. Difficulties, shortcomings with cause and remedy, proposals."""
    heading1(doc, "III. Kết quả thực hiện các nhiệm vụ theo đặc thù riêng")
    dt = "dac_thu"
    lead_in(
        doc, "- Những khó khăn, vướng mắc trong quá trình triển khai, thực hiện nhiệm vụ học kỳ I:"
    )
    items(doc, f"{dt}.kho_khan")
    lead_in(doc, "- Những tồn tại, hạn chế, nguyên nhân và giải pháp khắc phục trong học kỳ II:")
    tag(doc, f"{{%p for t in {dt}.ton_tai %}}")
    para(
        doc,
        "+ ",
        f"{{{{ {bare('t.han_che')} }}}}",
        ". Nguyên nhân: ",
        f"{{{{ {bare('t.nguyen_nhan')} }}}}",
        ". Giải pháp: ",
        f"{{{{ {bare('t.giai_phap')} }}}}",
        ".",
    )
    tag(doc, "{%p endfor %}")
    # The guideline asks for the point even when there is nothing to propose.
    if_(doc, f"{dt}.de_xuat")
    lead_in(doc, "- Những đề xuất, kiến nghị:")
    items(doc, f"{dt}.de_xuat")
    else_(doc)
    para(doc, "- Những đề xuất, kiến nghị: Không có.")
    endif(doc)


def part_4(doc: DocxDocument) -> None:
    """IV. Outlook and key tasks of semester II, each with its solutions."""
    heading1(
        doc,
        "IV. Nhiệm vụ trọng tâm hoạt động công đoàn học kỳ II, năm học ",
        "{{ van_ban.nam_hoc }}",
    )
    hk = "hoc_ky_2"
    labelled(
        doc,
        "- Dự báo tình hình, biến động về cơ cấu tổ chức, số lượng, chất lượng đoàn viên "
        "công đoàn, các điều kiện chủ quan và khách quan trong học kỳ II:",
        f"{hk}.du_bao",
    )
    lead_in(
        doc,
        "- Nhiệm vụ trọng tâm công tác công đoàn và giải pháp tổ chức thực hiện trong học kỳ II:",
    )
    tag(doc, f"{{%p for n in {hk}.nhiem_vu %}}")
    para(
        doc,
        "+ ",
        f"{{{{ {bare('n.noi_dung')} }}}}",
        "{%r if n.giai_phap %}",
        ". Giải pháp: ",
        *inline_items("n.giai_phap", "g"),
        "{%r else %}",
        ".",
        "{%r endif %}",
    )
    tag(doc, "{%p endfor %}")

    # The customary closing sentence; `./.` marks the end of the body (Decree 30).
    para(
        doc,
        "Trên đây là báo cáo sơ kết hoạt động công đoàn học kỳ I, năm học ",
        "{{ van_ban.nam_hoc }}",
        " của ",
        "{{ van_ban.co_quan_ban_hanh }}",
        "./.",
        keep_with_next=True,  # the signature never stands alone on a page
    )


def closing_block(doc: DocxDocument) -> None:
    """Recipients left, the signature right (format.md "Closing block")."""
    table = borderless_table(doc, rows=1)
    left, right = table.cell(0, 0), table.cell(0, 1)

    # `Nơi nhận:` bold italic 12; each recipient 11 pt `- …;`, the last `.`.
    flush_left = {"style": FORMAL, "align": WD_ALIGN_PARAGRAPH.LEFT}
    para(left, R("Nơi nhận:", bold=True, italic=True, size=12), before=Pt(6), **flush_left)
    tag(left, "{%p for d in tinh_toan.noi_nhan %}")
    para(left, R("{{ d }}", size=11), **flush_left)
    tag(left, "{%p endfor %}")

    # Authority and position: uppercase, bold, 14 pt, centred; room to sign;
    # the signer's name bold, centred.
    para(right, R("{{ tinh_toan.quyen_han }}", bold=True, size=14), style=FORMAL, before=Pt(6))
    para(right, R("{{ tinh_toan.chuc_vu }}", bold=True, size=14), style=FORMAL)
    for _ in range(4):
        para(right, style=FORMAL)
    para(right, R("{{ van_ban.nguoi_ky.ho_ten }}", bold=True, size=14), style=FORMAL)


TARGET_WIDTHS = [Cm(1.1), Cm(8.1), Cm(4.4), Cm(2.9)]  # 16.5 cm, the text width


def appendix_title(doc: DocxDocument, label: str, title: tuple[str, ...]) -> None:
    """A new page: `PHỤ LỤC …`, its title, and `(Kèm theo Báo cáo số … ngày … của …)`.

    Decree 30 sets an appendix this way: label and title bold and centred, the
    document it goes with in italics under them.
    """
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "first_line": Pt(0), "after": Pt(0)}
    para(doc, label, style=APPENDIX)  # the style starts the new page, see APPENDIX
    para(doc, *(R(text, bold=True) for text in title), keep_with_next=True, **centred)
    para(
        doc,
        R("(", italic=True),
        R("{{ tinh_toan.kem_theo }}", italic=True),
        R(")", italic=True),
        keep_with_next=True,
        **{**centred, "after": Pt(12)},
    )


def targets_appendix(doc: DocxDocument) -> None:
    """The plan's targets, what the report states of each, and the status baocao computed."""
    if_(doc, "tinh_toan.chi_tieu")
    appendix_title(
        doc,
        "{{ 'PHỤ LỤC I' if tinh_toan.phu_luc_anh else 'PHỤ LỤC' }}",
        ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC ", "{{ van_ban.nam_hoc }}"),
    )
    table = grid_table(doc, TARGET_WIDTHS, ["STT", "Chỉ tiêu", "Kết quả", "Đánh giá"])
    grid_row(table, "{%tr for c in tinh_toan.chi_tieu %}", "", "", "")
    grid_row(table, "{{ c.stt }}", ["{{ c.noi_dung }}"], ["{{ c.ket_qua }}"], "{{ c.danh_gia }}")
    # The note under a measured result, in italics, only when there is one.
    result = table.rows[-1].cells[2]
    tag(result, "{%p if c.ghi_chu %}")
    para(
        result,
        R("{{ c.ghi_chu }}", italic=True),
        style=IN_TABLE,
        align=WD_ALIGN_PARAGRAPH.LEFT,
    )
    tag(result, "{%p endif %}")
    grid_row(table, "{%tr endfor %}", "", "", "")
    para(
        doc,
        R(
            "Ghi chú: đánh giá đến thời điểm sơ kết học kỳ I; chỉ tiêu của cả năm học chưa đạt "
            "được ghi «Đang thực hiện».",
            italic=True,
            size=12,
        ),
        before=Pt(6),
    )
    endif(doc)


def photos_appendix(doc: DocxDocument) -> None:
    """With `--phu-luc-anh`: each photo as wide as the text allows, its caption under it."""
    if_(doc, "tinh_toan.phu_luc_anh")
    appendix_title(
        doc,
        "{{ 'PHỤ LỤC II' if tinh_toan.chi_tieu else 'PHỤ LỤC' }}",
        ("HÌNH ẢNH HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I, NĂM HỌC ", "{{ van_ban.nam_hoc }}"),
    )
    tag(doc, "{%p for a in tinh_toan.phu_luc_anh %}")
    para(doc, "{{ a.hinh }}", style=FORMAL, before=Pt(12), keep_with_next=True)
    # A photo without caption is «Ảnh 3», without a dangling «. ».
    caption = ("Ảnh ", "{{ a.stt }}", "{% if a.chu_thich %}. {{ a.chu_thich }}{% endif %}")
    para(doc, *(R(text, italic=True, size=12) for text in caption), style=FORMAL)
    tag(doc, "{%p endfor %}")
    endif(doc)


def build_document() -> DocxDocument:
    """The template as a python-docx Document."""
    doc = Document()
    # python-docx's blank document starts with one empty paragraph: drop it.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    setup_styles(doc)
    drop_leftovers(doc)
    setup_page(doc)
    set_properties(doc)
    header_block(doc)
    title_block(doc)
    part_1(doc)
    part_2(doc)
    part_3(doc)
    part_4(doc)
    closing_block(doc)
    targets_appendix(doc)
    photos_appendix(doc)
    return doc


def build() -> bytes:
    """The template's bytes: the same on every run, so the committed file can be checked."""
    buffer = io.BytesIO()
    build_document().save(buffer)
    return deterministic_zip(buffer.getvalue(), STAMP)


def main() -> int:
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_bytes(build())
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
