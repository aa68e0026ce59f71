"""What every document has around its body: header, title, addressees, closing, appendices.

Each part reads only `van_ban` and `tinh_toan`'s shared values (the header and
closing: `compute.derived.van_ban_values`), so it serves the built-in template
and the template of any guideline pack alike.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Length, Pt

from baocao.render.layout.page import APPENDIX, FORMAL, IN_TABLE, LEFT_TEXT, RIGHT_TEXT, TEXT_WIDTH
from baocao.render.layout.paragraphs import (
    R,
    borderless_table,
    else_,
    endif,
    grid_row,
    grid_table,
    if_,
    para,
    rule,
    tag,
)

# --- Short solid lines (see `paragraphs.rule`) --------------------------------------------
MOTTO_WIDTH = Cm(5.61)
"""`Độc lập - Tự do - Hạnh phúc` in Times New Roman bold 13 pt, measured with the
metric-compatible Liberation Serif 2 Bold: the line under the motto is as long as it."""
ISSUER_LINE = Cm(2.8)
"""Under the issuing body: ⅓–½ of its width (0.39 of the 7.2 cm cell, 0.41 of a
6.9 cm name)."""
SUMMARY_LINE = Cm(5.0)
"""Under the trích yếu (about 11.9 cm at 14 pt bold): 0.42 of it."""

YEAR = "{{ van_ban.nam_hoc }}"
"""The report's own school year, printed where a guideline's heading names the year."""


def header_block(doc: DocxDocument) -> None:
    """The national title and the union's names (the-thuc.md "The header").

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


def title_block(doc: DocxDocument, ten_loai: str, trich_yeu: str) -> None:
    """The document type (`BÁO CÁO`), the trích yếu, its line, and the addressees
    (the-thuc.md "Title"); `ten_loai` and `trich_yeu` are template source."""
    centred: dict[str, Any] = {
        "align": WD_ALIGN_PARAGRAPH.CENTER,
        "first_line": Pt(0),
        "after": Pt(0),
    }
    para(doc, R(ten_loai, bold=True), before=Pt(24), keep_with_next=True, **centred)
    para(doc, R(trich_yeu, bold=True), keep_with_next=True, **centred)
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


def closing_sentence(doc: DocxDocument, *runs: str) -> None:
    """The customary closing sentence; `./.` marks the end of the body (Decree 30)."""
    para(doc, *runs, "./.", keep_with_next=True)  # the signature never stands alone on a page


def closing_block(doc: DocxDocument) -> None:
    """Recipients left, the signature right (the-thuc.md "Closing block")."""
    table = borderless_table(doc, rows=1)
    left, right = table.cell(0, 0), table.cell(0, 1)

    # `Nơi nhận:` bold italic 12; each recipient 11 pt `- …;`, the last `.`.
    flush_left: dict[str, Any] = {"style": FORMAL, "align": WD_ALIGN_PARAGRAPH.LEFT}
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


# --- appendices ------------------------------------------------------------------------------

TARGET_WIDTHS: list[Length] = [Cm(1.1), Cm(8.1), Cm(4.4), Cm(2.9)]  # 16.5 cm, the text width

TARGETS_LABEL = "{{ 'PHỤ LỤC I' if tinh_toan.phu_luc_anh else 'PHỤ LỤC' }}"
PHOTOS_LABEL = "{{ 'PHỤ LỤC II' if tinh_toan.chi_tieu else 'PHỤ LỤC' }}"
"""The targets come first when both appendices are printed: I and II; alone, no number."""


def appendix_title(doc: DocxDocument, label: str, title: Sequence[str]) -> None:
    """A new page: `PHỤ LỤC …`, its title, and `(Kèm theo Báo cáo số … ngày … của …)`.

    Decree 30 sets an appendix this way: label and title bold and centred, the
    document it goes with in italics under them.
    """
    centred: dict[str, Any] = {
        "align": WD_ALIGN_PARAGRAPH.CENTER,
        "first_line": Pt(0),
        "after": Pt(0),
    }
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


def targets_appendix(doc: DocxDocument, title: Sequence[str], note: str | None) -> None:
    """The plan's targets, what the report states of each, and the status baocao computed;
    `note` in italics under the table, when the statuses need one."""
    if_(doc, "tinh_toan.chi_tieu")
    appendix_title(doc, TARGETS_LABEL, title)
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
    if note:
        para(doc, R(note, italic=True, size=12), before=Pt(6))
    endif(doc)


def photos_appendix(doc: DocxDocument, title: Sequence[str]) -> None:
    """With `--phu-luc-anh`: each photo as wide as the text allows, its caption under it."""
    if_(doc, "tinh_toan.phu_luc_anh")
    appendix_title(doc, PHOTOS_LABEL, title)
    tag(doc, "{%p for a in tinh_toan.phu_luc_anh %}")
    para(doc, "{{ a.hinh }}", style=FORMAL, before=Pt(12), keep_with_next=True)
    # A photo without caption is «Ảnh 3», without a dangling «. ».
    caption = ("Ảnh ", "{{ a.stt }}", "{% if a.chu_thich %}. {{ a.chu_thich }}{% endif %}")
    para(doc, *(R(text, italic=True, size=12) for text in caption), style=FORMAL)
    tag(doc, "{%p endfor %}")
    endif(doc)
