"""The page and the styles: A4, margins, Times New Roman, the body's and the tables' rules.

Every layout decision cites the rule it implements, from `docs/the-thuc.md`
(Decree 30/2020/NĐ-CP, Appendix I, as applied to unions by Decision 933/QĐ-TLĐ).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Length, Mm, Pt, RGBColor
from docx.table import Table

from baocao.ooxml import deterministic_zip

# --- Page (the-thuc.md "Page") ---------------------------------------------
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

# Paragraph styles of our own (names as Word shows them).
HEADING_1 = "Đề mục I, II, III"
HEADING_2 = "Đề mục 1, 2, 3"
HEADINGS = (HEADING_1, HEADING_2)
"""The heading styles by outline level; deeper points are bold body paragraphs."""
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
TABLE_SIZE = Pt(12)  # tables 12–13 pt (the-thuc.md "Body")
TABLE_BORDER = "4"  # eighths of a point: a thin ½ pt line


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


def insert_ordered(parent: Any, child: Any, order: list[str]) -> None:
    """Insert `child` into `parent` before the first sibling that must follow it."""
    later = order[order.index(child.tag.split("}")[1]) + 1 :]
    for sibling in parent:
        if sibling.tag.split("}")[1] in later:
            sibling.addprevious(child)
            return
    parent.append(child)


def set_fonts(rpr: Any) -> None:
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
    """Thin solid black lines around and between every cell (the-thuc.md "Body": tables)."""
    table_borders(table, val="single", sz=TABLE_BORDER, space="0", color="000000")


def fixed_layout(table: Table, widths: Sequence[Length]) -> None:
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


def keep_row_together(table: Table) -> None:
    """A row never splits across pages (a signature block stays whole)."""
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


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

    # Normal = a body paragraph (the-thuc.md "Body"): 14 pt, black, justified,
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

    # Header holds the page number: 13 pt, centred (the-thuc.md "Page").
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
    # single-spaced (their elements are set one under another, the-thuc.md).
    formal_style(styles, FORMAL, "TheThuc", Pt(13))
    # Tables (the-thuc.md "Body"): Times New Roman 12 pt; numbers centred, text cells say so.
    formal_style(styles, IN_TABLE, "TrongBang", TABLE_SIZE, around=Pt(2))
    appendix_style(styles)


def formal_style(
    styles: Any, name: str, style_id: str, size: Length, around: Length | None = None
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


def appendix_style(styles: Any) -> None:
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
    from baocao.render.layout.paragraphs import page_field

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


def set_properties(doc: DocxDocument, title: str, stamp: datetime, comments: str) -> None:
    """Fixed document properties, so the template builds to the same bytes."""
    props = doc.core_properties
    props.title = title
    props.subject = "Mẫu dựng sẵn của baocao"
    props.author = props.last_modified_by = "baocao"
    props.comments = comments
    props.keywords = ""
    props.created = props.modified = props.last_printed = stamp
    props.revision = 1


def new_document(title: str, stamp: datetime, comments: str) -> DocxDocument:
    """An empty document with the official page, styles and page numbers; `title` and
    `comments` are its properties (what it is, how it was made)."""
    doc = Document()
    # python-docx's blank document starts with one empty paragraph: drop it.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    setup_styles(doc)
    drop_leftovers(doc)
    setup_page(doc)
    set_properties(doc, title, stamp, comments)
    return doc


def document_bytes(doc: DocxDocument, stamp: datetime) -> bytes:
    """The document's bytes: the same on every run for the same document."""
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue(), stamp)
