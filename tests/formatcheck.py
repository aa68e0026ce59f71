"""Reading a .docx as Word lays it out: effective formatting and the parts of a report.

Shared by the format tests of the built-in template (`test_format.py`) and of
templates edited and saved by Word or LibreOffice. Properties are resolved as
Word applies them: run → character style → paragraph style and the styles it
is based on → document defaults; a table's borders cell by cell, since
LibreOffice writes them on each cell rather than on the table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
CM = 360000  # EMU per centimetre
TWIP = 635  # EMU per twentieth of a point

# Widths in Times New Roman, measured with the metric-compatible Liberation
# Serif 2 (the same advance widths), for the lines that must match them.
MOTTO = "Độc lập - Tự do - Hạnh phúc"
MOTTO_CM_AT_13PT_BOLD = 5.61
TRICH_YEU_CM_AT_14PT_BOLD = 11.96  # `Sơ kết … năm học 2023-2024`; digits are equal-width


# ---------------------------------------------------------------------------
# Effective formatting, resolved the way Word does
# ---------------------------------------------------------------------------


def _style_chain(style: Any) -> Iterator[Any]:
    while style is not None:
        yield style
        style = style.base_style


def _defaults(doc: DocxDocument, kind: str) -> Any:
    """docDefaults' rPr (kind "r") or pPr (kind "p")."""
    found = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn(f'w:{kind}PrDefault')}")
    return None if found is None else found.find(qn(f"w:{kind}Pr"))


def rpr_chain(doc: DocxDocument, run_el: Any, paragraph: Paragraph) -> list[Any]:
    """The rPr elements that decide a run's properties, most specific first."""
    chain = [run_el.rPr]
    rstyle = run_el.rPr.rStyle if run_el.rPr is not None else None
    if rstyle is not None:
        style = doc.styles.element.get_by_id(rstyle.val)
        while style is not None:
            chain.append(style.rPr)
            based = style.basedOn
            style = doc.styles.element.get_by_id(based.val) if based is not None else None
    chain += [s.element.rPr for s in _style_chain(paragraph.style)]
    chain.append(_defaults(doc, "r"))
    return [rpr for rpr in chain if rpr is not None]


def ppr_chain(doc: DocxDocument, paragraph: Paragraph) -> list[Any]:
    chain = [paragraph._p.pPr]
    chain += [s.element.pPr for s in _style_chain(paragraph.style)]
    chain.append(_defaults(doc, "p"))
    return [ppr for ppr in chain if ppr is not None]


def first_value(chain: list[Any], tag: str, attr: str) -> str | None:
    for element in chain:
        child = element.find(qn(f"w:{tag}"))
        if child is not None and child.get(qn(f"w:{attr}")) is not None:
            return child.get(qn(f"w:{attr}"))
    return None


def run_font(doc: DocxDocument, run_el: Any, paragraph: Paragraph, slot: str) -> str | None:
    """The font of one script slot; a theme font (`asciiTheme`…) wins at its level."""
    theme = "cstheme" if slot == "cs" else f"{slot}Theme"
    for rpr in rpr_chain(doc, run_el, paragraph):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            continue
        if fonts.get(qn(f"w:{theme}")) is not None:
            return f"theme:{fonts.get(qn(f'w:{theme}'))}"
        if fonts.get(qn(f"w:{slot}")) is not None:
            return fonts.get(qn(f"w:{slot}"))
    return None


def run_size(doc: DocxDocument, run_el: Any, paragraph: Paragraph) -> float:
    value = first_value(rpr_chain(doc, run_el, paragraph), "sz", "val")
    return int(value) / 2 if value is not None else 10.0  # Word's own default: 10 pt


def _toggle(doc: DocxDocument, run_el: Any, paragraph: Paragraph, tag: str) -> bool:
    for rpr in rpr_chain(doc, run_el, paragraph):
        element = rpr.find(qn(f"w:{tag}"))
        if element is not None:
            return element.get(qn("w:val"), "true") not in ("0", "false", "off")
    return False


def run_bold(doc: DocxDocument, run_el: Any, paragraph: Paragraph) -> bool:
    return _toggle(doc, run_el, paragraph, "b")


def run_italic(doc: DocxDocument, run_el: Any, paragraph: Paragraph) -> bool:
    return _toggle(doc, run_el, paragraph, "i")


def text_runs(paragraph: Paragraph) -> list[Any]:
    """The runs that print text (fields and empty runs aside)."""
    return [r for r in paragraph._p.iter(qn("w:r")) if "".join(r.itertext()).strip()]


def alignment(doc: DocxDocument, paragraph: Paragraph) -> str:
    return first_value(ppr_chain(doc, paragraph), "jc", "val") or "left"


def indent(doc: DocxDocument, paragraph: Paragraph, side: str) -> int:
    """An indent in twips: "firstLine" (negative when hanging), "left" or "right"."""
    chain = ppr_chain(doc, paragraph)
    if side == "firstLine":
        for ppr in chain:
            ind = ppr.find(qn("w:ind"))
            if ind is None:
                continue
            if ind.get(qn("w:hanging")) is not None:
                return -int(ind.get(qn("w:hanging")))
            if ind.get(qn("w:firstLine")) is not None:
                return int(ind.get(qn("w:firstLine")))
        return 0
    names = {"left": ("left", "start"), "right": ("right", "end")}[side]
    for ppr in chain:
        ind = ppr.find(qn("w:ind"))
        if ind is None:
            continue
        for name in names:
            if ind.get(qn(f"w:{name}")) is not None:
                return int(ind.get(qn(f"w:{name}")))
    return 0


def spacing(doc: DocxDocument, paragraph: Paragraph, attr: str) -> str | None:
    return first_value(ppr_chain(doc, paragraph), "spacing", attr)


def bottom_border(doc: DocxDocument, paragraph: Paragraph) -> Any:
    for ppr in ppr_chain(doc, paragraph):
        border = ppr.find(f"{qn('w:pBdr')}/{qn('w:bottom')}")
        if border is not None:
            return border
    return None


def all_bold(doc: DocxDocument, paragraph: Paragraph) -> bool:
    runs = text_runs(paragraph)
    return bool(runs) and all(run_bold(doc, r, paragraph) for r in runs)


def sizes(doc: DocxDocument, paragraph: Paragraph) -> set[float]:
    return {run_size(doc, r, paragraph) for r in text_runs(paragraph)}


# ---------------------------------------------------------------------------
# Finding the parts of the report
# ---------------------------------------------------------------------------


def body_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """The paragraphs outside tables, in order."""
    return list(doc.paragraphs)


def main_body(doc: DocxDocument, first: str = "I. ") -> list[Paragraph]:
    """From the first heading (heading I, or the one starting `first`) to the closing
    sentence: the part the body rules govern."""
    paragraphs = body_paragraphs(doc)
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith(first))
    end = next(i for i, p in enumerate(paragraphs) if p.text.endswith("./."))
    return paragraphs[start : end + 1]


def appendices(doc: DocxDocument) -> list[Paragraph]:
    """The paragraphs after the closing sentence: the appendices' titles, notes and captions."""
    paragraphs = body_paragraphs(doc)
    end = next(i for i, p in enumerate(paragraphs) if p.text.endswith("./."))
    return paragraphs[end + 1 :]


def header_table(doc: DocxDocument) -> Table:
    return doc.tables[0]


def assert_page_and_header(doc: DocxDocument, issuers: list[str], number: str, dated: str) -> None:
    """format.md's page (A4, margins 20/20/30/15 mm) and header: a borderless table first,
    the issuing bodies over the number on the left, the date line on the right."""
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m.mm) for m in margins] == [20, 20, 30, 15]
    header = header_table(doc)
    assert doc.element.body[0] is header._tbl and borderless(header)
    assert header.cell(0, 0).text.split("\n")[: len(issuers)] == issuers
    assert header.cell(1, 0).text == number
    assert header.cell(1, 1).text == dated


def assert_body_text(doc: DocxDocument, body: list[Paragraph]) -> None:
    """format.md's body: no empty paragraph, justified, 14 pt, Times New Roman."""
    for paragraph in body:
        assert paragraph.text.strip(), "an empty paragraph in the body"
        assert alignment(doc, paragraph) == "both", paragraph.text
        assert sizes(doc, paragraph) == {14}, paragraph.text
        for run in text_runs(paragraph):
            assert run_font(doc, run, paragraph, "hAnsi") == FONT


def assert_closing_block(doc: DocxDocument, recipients: list[str], signer: list[str]) -> None:
    """format.md's closing block: «Nơi nhận:» and one line per recipient on the left; on the
    right the authority, the position and, last, the name, each in bold."""
    left, right = closing_table(doc).cell(0, 0), closing_table(doc).cell(0, 1)
    assert [p.text for p in cell_paragraphs(left)] == ["Nơi nhận:", *recipients]
    authority, position, *_, name = cell_paragraphs(right)
    assert [authority.text, position.text, name.text] == signer
    assert all(all_bold(doc, p) for p in (authority, position, name))


def closing_table(doc: DocxDocument) -> Table:
    return [table for table in doc.tables if borderless(table)][-1]


def figures_table(doc: DocxDocument) -> Table:
    """Part I's table of figures: the first table with borders."""
    return data_tables(doc)[0]


def targets_table(doc: DocxDocument) -> Table:
    return data_tables(doc)[1]


def data_tables(doc: DocxDocument) -> list[Table]:
    return [table for table in doc.tables if not borderless(table)]


def cell_paragraphs(cell: _Cell) -> list[Paragraph]:
    return list(cell.paragraphs)


def find(doc: DocxDocument, text: str) -> int:
    paragraphs = body_paragraphs(doc)
    return next(i for i, p in enumerate(paragraphs) if p.text == text)


def all_text(doc: DocxDocument) -> str:
    """Every paragraph of the body, tables included, one per line."""
    body = doc.element.body
    return "\n".join("".join(t.text or "" for t in p.iter(qn("w:t"))) for p in body.iter(qn("w:p")))


def cell_text_width(table: Table, column: int) -> int:
    """A column's width less its cell margins, in twips."""
    grid = table._tbl.tblGrid.findall(qn("w:gridCol"))
    width = int(grid[column].get(qn("w:w")))
    margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
    for side in ("left", "right"):
        element = margins.find(qn(f"w:{side}")) if margins is not None else None
        width -= int(element.get(qn("w:w"))) if element is not None else 108  # Word: 0.19 cm
    return width


def rule_length(doc: DocxDocument, paragraph: Paragraph, room: int) -> int:
    """The length of a paragraph's bottom-border line, in twips, drawn between its indents."""
    return room - indent(doc, paragraph, "left") - indent(doc, paragraph, "right")


def assert_short_line(doc: DocxDocument, paragraph: Paragraph, room: int) -> int:
    """An empty paragraph carrying a centred solid line; returns its length."""
    assert paragraph.text == ""
    border = bottom_border(doc, paragraph)
    assert border is not None, "no line"
    assert border.get(qn("w:val")) == "single"
    assert border.get(qn("w:color")) in (None, "auto", "000000")
    assert indent(doc, paragraph, "left") == indent(doc, paragraph, "right"), "not centred"
    return rule_length(doc, paragraph, room)


def twips_cm(value: int) -> float:
    return value * TWIP / CM


def has_page_field(element: Any) -> bool:
    instructions = [t.text or "" for t in element.iter(qn("w:instrText"))]
    instructions += [f.get(qn("w:instr")) or "" for f in element.iter(qn("w:fldSimple"))]
    return any(re.search(r"\bPAGE\b", text) for text in instructions)


EDGES = ("top", "left", "bottom", "right")


def cell_borders(table: Table) -> Iterator[Any]:
    """The border Word draws on each side of each cell: the cell's own, else the table's.

    A table-level edge applies to the table's outside, `insideH`/`insideV`
    between cells; None where neither says (no line, without a table style).
    """
    table_edges = _edges(table._tbl.tblPr.find(qn("w:tblBorders")))
    rows = table._tbl.tr_lst
    for r, row in enumerate(rows):
        cells = row.tc_lst
        for c, tc in enumerate(cells):
            tc_pr = tc.tcPr
            own = _edges(tc_pr.find(qn("w:tcBorders")) if tc_pr is not None else None)
            outer = {
                "top": r == 0,
                "bottom": r == len(rows) - 1,
                "left": c == 0,
                "right": c == len(cells) - 1,
            }
            for edge in EDGES:
                inner = "insideH" if edge in ("top", "bottom") else "insideV"
                yield own.get(edge, table_edges.get(edge if outer[edge] else inner))


def _edges(borders: Any) -> dict[str, Any]:
    return {} if borders is None else {child.tag.split("}")[1]: child for child in borders}


def borderless(table: Table) -> bool:
    """No table style and no visible line on any side of any cell."""
    if table._tbl.tblPr.find(qn("w:tblStyle")) is not None:
        return False
    return all(
        border is None or border.get(qn("w:val")) in ("nil", "none")
        for border in cell_borders(table)
    )


def has_thin_borders(table: Table) -> bool:
    """Every side of every cell a thin (at most 1 pt) solid black line."""
    return all(
        border is not None
        and border.get(qn("w:val")) == "single"
        and int(border.get(qn("w:sz"))) <= 8
        and border.get(qn("w:color")) in (None, "auto", "000000")
        for border in cell_borders(table)
    )


def starts_a_page(doc: DocxDocument, paragraph: Paragraph) -> bool:
    """Whether the paragraph begins a new page: its own or its style's page break before."""
    for ppr in ppr_chain(doc, paragraph):
        element = ppr.find(qn("w:pageBreakBefore"))
        if element is not None:
            return element.get(qn("w:val"), "true") not in ("0", "false", "off")
    return False


def rows_text(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]
