"""The rendered report obeys every rule of docs/the-thuc.md, the layout of official documents.

The example is rendered once per template (module-scoped fixtures) and read
back with python-docx: with the committed template through
`baocao.render.docx.render_docx`, and with that template as a user leaves it,
edited and saved by LibreOffice (`roundtrip`), through `baocao render
--template`. Properties are checked as Word applies them (`formatcheck`).
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.text.paragraph import Paragraph

from baocao.checks.pipeline import check_source
from baocao.compute.derived import TinhToan, tinh_toan
from baocao.render.docx import render_docx
from baocao.render.source import read_template
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.tinh_hinh import BienDong

from .conftest import GUIDELINE, NOT_PRINTED
from .formatcheck import (
    FONT,
    MOTTO,
    MOTTO_CM_AT_13PT_BOLD,
    TRICH_YEU_CM_AT_14PT_BOLD,
    TWIP,
    alignment,
    all_bold,
    all_text,
    appendices,
    assert_short_line,
    body_paragraphs,
    borderless,
    cell_paragraphs,
    cell_text_width,
    closing_table,
    data_tables,
    figures_table,
    find,
    first_value,
    has_page_field,
    has_thin_borders,
    header_table,
    indent,
    main_body,
    rows_text,
    rpr_chain,
    run_bold,
    run_font,
    run_italic,
    run_size,
    sizes,
    spacing,
    starts_a_page,
    targets_table,
    text_runs,
    twips_cm,
)

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "src" / "baocao" / "templates" / "bao-cao-hk1.docx"
EXAMPLE = ROOT / "examples" / "hk1.yaml"


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def load_data() -> dict[str, Any]:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def render(bao_cao: BaoCao) -> DocxDocument:
    return Document(io.BytesIO(render_docx(bao_cao, read_template(TEMPLATE))))


def with_van_ban(bao_cao: BaoCao, **changes: Any) -> BaoCao:
    van_ban = bao_cao.van_ban.model_copy(update=changes)
    return bao_cao.model_copy(update={"van_ban": van_ban})


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    return load_data()


@pytest.fixture(scope="module")
def bao_cao(data: dict[str, Any]) -> BaoCao:
    return BaoCao.model_validate(data)


@pytest.fixture(scope="module")
def ke_hoach() -> KeHoach:
    """The example's plan of targets, read and checked as `baocao render` does."""
    checked = check_source(EXAMPLE)
    assert checked.ke_hoach is not None, checked.problems
    return checked.ke_hoach


@pytest.fixture(scope="module")
def derived(bao_cao: BaoCao, ke_hoach: KeHoach) -> TinhToan:
    return tinh_toan(bao_cao, ke_hoach)


@pytest.fixture(scope="module", params=["built-in", "edited-in-libreoffice"])
def docx_bytes(request: pytest.FixtureRequest, bao_cao: BaoCao, ke_hoach: KeHoach) -> bytes:
    """The whole example, its targets' appendix and its photos' appendix too, per template."""
    if request.param == "edited-in-libreoffice":
        report: Path = request.getfixturevalue("libreoffice_report")
        return report.read_bytes()
    photos = list(check_source(EXAMPLE).photos)
    return render_docx(bao_cao, read_template(TEMPLATE), ke_hoach=ke_hoach, anh=photos)


@pytest.fixture(scope="module")
def doc(docx_bytes: bytes) -> DocxDocument:
    return Document(io.BytesIO(docx_bytes))


# ---------------------------------------------------------------------------
# Page
# ---------------------------------------------------------------------------


def test_page_is_a4_portrait_with_the_margins(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.page_width < section.page_height
    slack = 0.05  # a margin is stored in whole twips: 15 mm is 850 twips, 14.99 mm

    def within(value: Length, low: float, high: float) -> bool:
        return low - slack <= value.mm <= high + slack

    assert within(section.top_margin, 20, 25)
    assert within(section.bottom_margin, 20, 25)
    assert within(section.left_margin, 30, 35)
    assert within(section.right_margin, 15, 20)


def _all_runs(doc: DocxDocument) -> Iterator[tuple[Any, Paragraph]]:
    """Every run of the body (tables included) and of every header and footer."""
    containers = [doc.element.body]
    section = doc.sections[0]
    for part in (section.header, section.first_page_header, section.footer):
        if not part.is_linked_to_previous:
            containers.append(part._element)
    for container in containers:
        for p in container.iter(qn("w:p")):
            paragraph = Paragraph(p, doc.part)
            for run in p.iter(qn("w:r")):
                yield run, paragraph


def test_every_run_is_times_new_roman_in_black(doc: DocxDocument) -> None:
    runs = list(_all_runs(doc))
    assert len(runs) > 200
    for run, paragraph in runs:
        for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
            assert run_font(doc, run, paragraph, slot) == FONT, (slot, paragraph.text)
        color = first_value(rpr_chain(doc, run, paragraph), "color", "val")
        assert color in (None, "auto", "000000"), paragraph.text


def test_tables_use_no_table_style_that_could_change_fonts(doc: DocxDocument) -> None:
    for table in doc.tables:
        assert table._tbl.tblPr.find(qn("w:tblStyle")) is None
    # The header and closing block lay text out; the others are tables of figures.
    layout = [table for table in doc.tables if borderless(table)]
    assert [t._tbl for t in layout] == [header_table(doc)._tbl, closing_table(doc)._tbl]
    assert len(data_tables(doc)) == 2


# ---------------------------------------------------------------------------
# Page numbers
# ---------------------------------------------------------------------------


def test_page_number_centred_in_the_header(doc: DocxDocument) -> None:
    header = doc.sections[0].header
    assert not header.is_linked_to_previous
    numbered = [p for p in header.paragraphs if has_page_field(p._p)]
    assert len(numbered) == 1
    paragraph = numbered[0]
    assert alignment(doc, paragraph) == "center"
    assert indent(doc, paragraph, "firstLine") == 0
    for run in paragraph._p.iter(qn("w:r")):
        assert 13 <= run_size(doc, run, paragraph) <= 14


def test_no_page_number_on_the_first_page(doc: DocxDocument) -> None:
    section = doc.sections[0]
    assert section.different_first_page_header_footer  # w:titlePg
    first = section.first_page_header
    assert not first.is_linked_to_previous  # defined, so it is this empty one
    assert "".join(p.text for p in first.paragraphs).strip() == ""
    assert not has_page_field(first._element)


# ---------------------------------------------------------------------------
# The header
# ---------------------------------------------------------------------------


def test_header_is_a_borderless_two_column_table_first(doc: DocxDocument) -> None:
    table = header_table(doc)
    assert doc.element.body[0] is table._tbl, "the header table opens the document"
    assert borderless(table)
    assert len(table.columns) == 2
    grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
    section = doc.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // TWIP
    assert sum(grid) <= text_width + 1
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                assert alignment(doc, paragraph) == "center", paragraph.text
                assert indent(doc, paragraph, "firstLine") == 0, paragraph.text


def test_header_left_cell(doc: DocxDocument, derived: TinhToan) -> None:
    table = header_table(doc)
    parent, issuer, line = cell_paragraphs(table.cell(0, 0))
    assert parent.text == derived.co_quan_chu_quan == parent.text.upper()
    assert not any(run_bold(doc, r, parent) for r in text_runs(parent))
    assert not any(run_italic(doc, r, parent) for r in text_runs(parent))
    assert all(12 <= s <= 13 for s in sizes(doc, parent))

    assert issuer.text == derived.co_quan_ban_hanh == issuer.text.upper()
    assert all_bold(doc, issuer)
    assert all(12 <= s <= 13 for s in sizes(doc, issuer))

    room = cell_text_width(table, 0)
    length = assert_short_line(doc, line, room)
    assert room / 3 <= length <= room / 2, twips_cm(length)


def test_header_number_and_symbol(doc: DocxDocument) -> None:
    (number,) = cell_paragraphs(header_table(doc).cell(1, 0))
    assert number.text == "Số: 15/BC-CĐCS"
    assert sizes(doc, number) == {13}
    assert not any(run_bold(doc, r, number) for r in text_runs(number))


def test_header_right_cell(doc: DocxDocument) -> None:
    table = header_table(doc)
    title, motto, line = cell_paragraphs(table.cell(0, 1))
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert all_bold(doc, title)
    assert all(12 <= s <= 13 for s in sizes(doc, title))

    assert motto.text == MOTTO
    assert all_bold(doc, motto)
    (size,) = sizes(doc, motto)
    assert 13 <= size <= 14

    length = assert_short_line(doc, line, cell_text_width(table, 1))
    expected = MOTTO_CM_AT_13PT_BOLD * size / 13
    assert abs(twips_cm(length) - expected) <= 0.03 * expected, "the line is as long as the motto"


def test_place_and_date_on_the_row_of_the_number(doc: DocxDocument, bao_cao: BaoCao) -> None:
    table = header_table(doc)
    (dated,) = cell_paragraphs(table.cell(1, 1))
    assert dated.text == f"{bao_cao.van_ban.dia_danh}, ngày 20 tháng 12 năm 2023"
    assert all(run_italic(doc, r, dated) for r in text_runs(dated))
    assert all(13 <= s <= 14 for s in sizes(doc, dated))
    assert table.cell(1, 0).text.startswith("Số:")  # the same row


DATE_LINE = re.compile(r"^[^,]+, ngày (\d{2}) tháng (0[12]|[3-9]|1[0-2]) năm (\d{4})$")


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (date(2024, 3, 8), "ngày 08 tháng 3 năm 2024"),
        (date(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
        (date(2023, 11, 20), "ngày 20 tháng 11 năm 2023"),
    ],
)
def test_date_line_leading_zeros(bao_cao: BaoCao, day: date, expected: str) -> None:
    doc = render(with_van_ban(bao_cao, ngay=day))
    (dated,) = cell_paragraphs(header_table(doc).cell(1, 1))
    assert dated.text == f"{bao_cao.van_ban.dia_danh}, {expected}"
    assert DATE_LINE.match(dated.text)


def test_number_below_ten_takes_a_leading_zero(bao_cao: BaoCao) -> None:
    doc = render(with_van_ban(bao_cao, so=5))
    assert header_table(doc).cell(1, 0).text == "Số: 05/BC-CĐCS"


# ---------------------------------------------------------------------------
# Title and addressees
# ---------------------------------------------------------------------------


def test_title_summary_and_its_line(doc: DocxDocument, derived: TinhToan) -> None:
    paragraphs = body_paragraphs(doc)
    i = find(doc, "BÁO CÁO")
    kind, summary, line = paragraphs[i : i + 3]
    for paragraph in (kind, summary):
        assert all_bold(doc, paragraph)
        assert alignment(doc, paragraph) == "center"
        assert indent(doc, paragraph, "firstLine") == 0
        assert all(13 <= s <= 14 for s in sizes(doc, paragraph))
    assert summary.text == derived.trich_yeu
    assert summary.text == "Sơ kết hoạt động công đoàn học kỳ I, năm học 2023-2024"

    section = doc.sections[0]
    room = (section.page_width - section.left_margin - section.right_margin) // TWIP
    length = twips_cm(assert_short_line(doc, line, room))
    (size,) = sizes(doc, summary)
    width = TRICH_YEU_CM_AT_14PT_BOLD * size / 14
    assert width / 3 <= length <= width / 2


def test_several_addressees_one_per_line(doc: DocxDocument, bao_cao: BaoCao) -> None:
    paragraphs = body_paragraphs(doc)
    i = find(doc, "Kính gửi:")
    names = bao_cao.van_ban.kinh_gui
    assert len(names) > 1
    lines = paragraphs[i + 1 : i + 1 + len(names)]
    assert [p.text for p in lines] == [
        f"- {name}{'.' if k == len(names) - 1 else ';'}" for k, name in enumerate(names)
    ]
    for paragraph in (paragraphs[i], *lines):
        assert not any(run_bold(doc, r, paragraph) for r in text_runs(paragraph))
        assert all(13 <= s <= 14 for s in sizes(doc, paragraph))
    assert paragraphs[i + 1 + len(names)].text.startswith("I. ")


def test_one_addressee_on_the_kinh_gui_line(bao_cao: BaoCao) -> None:
    doc = render(
        with_van_ban(bao_cao, kinh_gui=["Ban Thường vụ Công đoàn Giáo dục tỉnh Ninh Bình"])
    )
    i = find(doc, "Kính gửi: Ban Thường vụ Công đoàn Giáo dục tỉnh Ninh Bình.")
    paragraph = body_paragraphs(doc)[i]
    assert alignment(doc, paragraph) == "center"
    assert not any(run_bold(doc, r, paragraph) for r in text_runs(paragraph))
    assert body_paragraphs(doc)[i + 1].text.startswith("I. ")


# ---------------------------------------------------------------------------
# Body
# ---------------------------------------------------------------------------


def test_body_size_alignment_indent_and_spacing(doc: DocxDocument, least: int = 100) -> None:
    body = main_body(doc)
    assert len(body) > least
    all_sizes: set[float] = set()
    for paragraph in body:
        assert paragraph.text.strip(), "an empty paragraph in the body"
        all_sizes |= sizes(doc, paragraph)
        assert alignment(doc, paragraph) == "both", paragraph.text
        first_line = twips_cm(indent(doc, paragraph, "firstLine"))
        assert any(abs(first_line - cm) < 0.01 for cm in (1.0, 1.27)), paragraph.text
        assert int(spacing(doc, paragraph, "after") or 0) >= Pt(6) // TWIP, paragraph.text
        rule = spacing(doc, paragraph, "lineRule") or "auto"
        assert rule == "auto", paragraph.text
        assert 240 <= int(spacing(doc, paragraph, "line") or 240) <= 360, paragraph.text
    assert len(all_sizes) == 1, all_sizes
    assert all_sizes <= {13, 14}


EXPECTED_HEADINGS = [
    "I. Tình hình đội ngũ cán bộ, nhà giáo và người lao động (CBNGNLĐ)",
    "II. Kết quả hoạt động công đoàn học kỳ I năm học {nam_hoc}",
    "1. Công tác chăm lo đời sống, đại diện bảo vệ quyền, lợi ích hợp pháp, chính đáng của "
    "đội ngũ cán bộ, CBNGNLĐ; tham gia quản lý, xây dựng mối quan hệ lao động hài hòa, ổn định",
    "2. Công tác tuyên truyền, vận động đội ngũ CBNGNLĐ thực hiện đường lối, chủ trương của "
    "Đảng, chính sách pháp luật của Nhà nước; nghị quyết, chủ trương công tác công đoàn; phát "
    "triển đội ngũ nhà giáo và cán bộ quản lý giáo dục",
    "3. Việc tổ chức các phong trào thi đua yêu nước, các cuộc vận động của ngành, của địa phương",
    "4. Đổi mới nội dung, phương pháp hoạt động công đoàn; nâng cao chất lượng đội ngũ cán bộ "
    "và hiệu quả hoạt động của CĐGD các cấp; xây dựng tổ chức công đoàn vững mạnh; tham gia "
    "xây dựng Đảng trong sạch, vững mạnh",
    "5. Công tác kiểm tra",
    "6. Công tác nữ công và bình đẳng giới",
    "III. Kết quả thực hiện các nhiệm vụ theo đặc thù riêng",
    "IV. Nhiệm vụ trọng tâm hoạt động công đoàn học kỳ II, năm học {nam_hoc}",
]
HEADING = re.compile(r"^(I|II|III|IV|[1-9])\. ")


def test_headings_word_for_word_in_order_and_bold(doc: DocxDocument, bao_cao: BaoCao) -> None:
    expected = [h.format(nam_hoc=bao_cao.van_ban.nam_hoc) for h in EXPECTED_HEADINGS]
    headings = [p for p in main_body(doc) if HEADING.match(p.text)]
    assert [p.text for p in headings] == expected
    for paragraph in headings:
        assert all_bold(doc, paragraph), paragraph.text


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_headings_are_the_guideline_words() -> None:
    """Each heading (with the guideline's own school year) is a line of the guideline."""
    guideline = _normalise(GUIDELINE.read_text(encoding="utf-8"))
    positions = []
    for heading in EXPECTED_HEADINGS:
        text = heading.format(nam_hoc="2023-2024")
        assert text in guideline, text
        positions.append(guideline.index(text))
    assert positions == sorted(positions), "in the guideline's order"


def test_lists_use_the_guideline_markers(doc: DocxDocument) -> None:
    for paragraph in main_body(doc):
        text = paragraph.text
        assert not re.fullmatch(r"[-+]\s*[.;:]?", text), "an empty bullet"
        if text.startswith(("- ", "+ ")):
            assert text[2:3].strip(), text


def test_no_double_punctuation(doc: DocxDocument) -> None:
    text = all_text(doc).replace("./.", "")
    for bad in ("..", ":.", ";.", ".;", ",.", ".:", ";;", "::", ". .", ": :"):
        assert bad not in text, (bad, next(line for line in text.split("\n") if bad in line))


def assert_lead_ins_lead_somewhere(doc: DocxDocument) -> None:
    """A line ending with `:` is followed by the points it announces, one level down."""
    texts = [p.text for p in main_body(doc)]
    for text, following in itertools.pairwise(texts):
        if not text.endswith(":"):
            continue
        deeper = ("+ ",) if text.startswith("- ") else ("- ", "+ ")
        assert following.startswith(deeper), f"{text!r} is followed by {following!r}"


def test_lead_ins_lead_somewhere(doc: DocxDocument) -> None:
    assert_lead_ins_lead_somewhere(doc)


def test_empty_optional_parts_leave_no_dangling_lead_in(data: dict[str, Any]) -> None:
    sparse = copy.deepcopy(data)
    sparse["tinh_hinh"]["bien_dong"] = {"ket_nap_moi": 0}
    sparse["ket_qua"]["cham_lo"]["tham_hoi"]["khoan_chi"] = []
    sparse["ket_qua"]["cham_lo"]["ke_hoach_tet"]["khoan_chi"] = []
    for movement in sparse["ket_qua"]["thi_dua"]["phong_trao"]:
        movement["mo_hinh_hay"] = []
        movement["khen_thuong"] = []
    sparse["ket_qua"]["kiem_tra"]["cuoc_kiem_tra"] = []
    sparse["ket_qua"]["nu_cong"]["tam_guong"] = []
    sparse["dac_thu"]["de_xuat"] = []
    for task in sparse["hoc_ky_2"]["nhiem_vu"]:
        task["giai_phap"] = []
    doc = render(BaoCao.model_validate(sparse))
    texts = [p.text for p in main_body(doc)]
    body = "\n".join(texts)
    for gone in (
        "Tổng cộng:",
        "Mô hình hay",
        "Tôn vinh, khen thưởng",
        "Các cuộc kiểm tra",
        "tấm gương điển hình",
        "Biến động về chất lượng",
        "đầu học kỳ có",
    ):
        assert gone not in body, gone
    part_4 = texts[next(i for i, t in enumerate(texts) if t.startswith("IV. ")) :]
    tasks = [t for t in part_4 if t.startswith("+ ")]
    assert tasks == [f"+ {task['noi_dung']}." for task in sparse["hoc_ky_2"]["nhiem_vu"]]
    assert "- Những đề xuất, kiến nghị: Không có." in texts
    assert_lead_ins_lead_somewhere(doc)
    test_no_double_punctuation(doc)
    test_body_size_alignment_indent_and_spacing(doc)


def test_body_ends_with_the_closing_mark(doc: DocxDocument) -> None:
    assert main_body(doc)[-1].text.endswith("./.")


def test_figures_are_stated(doc: DocxDocument, bao_cao: BaoCao, derived: TinhToan) -> None:
    text = all_text(doc)
    so_lieu = bao_cao.tinh_hinh.so_lieu
    assert (
        f"- Tổng số CBNGNLĐ đến thời điểm 20/12/2023: {so_lieu.tong_so} người, "
        f"trong đó nữ {so_lieu.nu} người (chiếm {derived.ty_le_nu})." in text
    )
    assert f"{so_lieu.doan_vien} đoàn viên (đạt {derived.ty_le_doan_vien}" in text
    moi = bao_cao.tinh_hinh.bien_dong.ket_nap_moi
    assert f"kết nạp mới {moi} đoàn viên công đoàn" in text  # II.4, from part I's figure
    assert f"Tổng cộng: {derived.tham_hoi.tong:,} đồng.".replace(",", ".") in text
    assert f"Dự trù chăm lo {derived.tet} cho CBNGNLĐ" in text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in NOT_PRINTED:
                yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def test_every_text_of_the_yaml_is_in_the_report(doc: DocxDocument, data: dict[str, Any]) -> None:
    """Nothing the chair typed is lost: each line of each text value is printed.

    List items are printed without the end punctuation the user may have typed
    (the template adds `;`/`.`); names in the header are printed in uppercase.
    """
    text = all_text(doc)
    missing = []
    for value in _strings(data):
        if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", value):
            continue  # a date, printed in words or checked by the date tests, or a deadline
        for line in value.splitlines():
            wanted = line.strip().removeprefix("- ").rstrip(".;").strip()
            if wanted and wanted not in text and wanted.upper() not in text:
                missing.append(wanted)
    assert not missing


# ---------------------------------------------------------------------------
# Closing block
# ---------------------------------------------------------------------------


def test_closing_block_recipients(doc: DocxDocument, derived: TinhToan) -> None:
    table = closing_table(doc)
    assert table is not header_table(doc)
    assert doc.element.body.index(table._tbl) > doc.element.body.index(main_body(doc)[-1]._p)
    assert borderless(table)
    heading, *recipients = cell_paragraphs(table.cell(0, 0))
    assert heading.text == "Nơi nhận:"
    assert all_bold(doc, heading)
    assert all(run_italic(doc, r, heading) for r in text_runs(heading))
    assert sizes(doc, heading) == {12}

    assert [p.text for p in recipients] == derived.noi_nhan
    for k, paragraph in enumerate(recipients):
        assert paragraph.text.startswith("- ")
        assert paragraph.text.endswith("." if k == len(recipients) - 1 else ";")
        assert sizes(doc, paragraph) == {11}
        assert not any(run_bold(doc, r, paragraph) for r in text_runs(paragraph))
        assert not any(run_italic(doc, r, paragraph) for r in text_runs(paragraph))


def test_closing_block_signature(doc: DocxDocument, bao_cao: BaoCao) -> None:
    paragraphs = cell_paragraphs(closing_table(doc).cell(0, 1))
    authority, position, *space, name = paragraphs
    assert authority.text == "TM. BAN CHẤP HÀNH"
    assert position.text == "CHỦ TỊCH"
    assert len(space) >= 3
    assert all(p.text == "" for p in space)
    assert name.text == bao_cao.van_ban.nguoi_ky.ho_ten
    for paragraph in (authority, position, name):
        assert all_bold(doc, paragraph)
        assert alignment(doc, paragraph) == "center"
        assert all(13 <= s <= 14 for s in sizes(doc, paragraph))
    for paragraph in (authority, position):
        assert paragraph.text == paragraph.text.upper()


# ---------------------------------------------------------------------------
# Tables of figures and of targets (format.md "Body": tables)
# ---------------------------------------------------------------------------


def test_tables_have_thin_borders_a_bold_centred_header_and_small_type(
    doc: DocxDocument,
) -> None:
    section = doc.sections[0]
    text_width = (section.page_width - section.left_margin - section.right_margin) // TWIP
    for table in data_tables(doc):
        assert has_thin_borders(table)
        grid = [int(c.get(qn("w:w"))) for c in table._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert sum(grid) <= text_width + 1
        header = table.rows[0]
        assert header._tr.trPr.find(qn("w:tblHeader")) is not None, "repeated on each page"
        for paragraph in (p for cell in header.cells for p in cell.paragraphs):
            assert all_bold(doc, paragraph), paragraph.text
            assert alignment(doc, paragraph) == "center", paragraph.text
        for paragraph in (p for row in table.rows for cell in row.cells for p in cell.paragraphs):
            assert sizes(doc, paragraph) <= {12, 13}, paragraph.text
            assert indent(doc, paragraph, "firstLine") == 0, paragraph.text


def test_figures_table_states_the_computed_figures(
    doc: DocxDocument, bao_cao: BaoCao, derived: TinhToan
) -> None:
    table = figures_table(doc)
    rows = rows_text(table)
    so_lieu, bien_dong = bao_cao.tinh_hinh.so_lieu, bao_cao.tinh_hinh.bien_dong
    assert rows[0] == ["STT", "Nội dung", "Số người", "Tỷ lệ, ghi chú"]
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 9)]
    assert {row[1]: (row[2], row[3]) for row in rows[1:]} == {
        "Tổng số CBNGNLĐ": (str(so_lieu.tong_so), ""),
        "Trong đó: nữ": (str(so_lieu.nu), derived.ty_le_nu),
        "Đoàn viên công đoàn đầu học kỳ I": (str(derived.doan_vien_dau_ky), ""),
        "Kết nạp mới": (str(bien_dong.ket_nap_moi), ""),
        "Chuyển đến": (str(bien_dong.chuyen_den), ""),
        "Nghỉ chế độ": (str(bien_dong.nghi_che_do), ""),
        "Chuyển đi": (str(bien_dong.chuyen_di), ""),
        "Đoàn viên công đoàn cuối học kỳ I (đến 20/12/2023)": (
            str(so_lieu.doan_vien),
            derived.ty_le_doan_vien,
        ),
    }
    assert (derived.ty_le_nu, derived.ty_le_doan_vien) == ("73,8%", "97,6%")
    for row in table.rows[1:]:
        for column in (0, 2, 3):  # numbers centred
            (paragraph,) = row.cells[column].paragraphs
            assert alignment(doc, paragraph) == "center"
        assert alignment(doc, row.cells[1].paragraphs[0]) == "left"


def test_figures_table_without_a_start_figure(bao_cao: BaoCao) -> None:
    tinh_hinh = bao_cao.tinh_hinh.model_copy(update={"bien_dong": BienDong()})
    doc = render(bao_cao.model_copy(update={"tinh_hinh": tinh_hinh}))
    rows = {row[1]: row[2] for row in rows_text(figures_table(doc))}
    assert rows["Đoàn viên công đoàn đầu học kỳ I"] == "—"
    assert "không thay đổi so với đầu học kỳ;" in all_text(doc)


def test_membership_change_and_totals_in_words(doc: DocxDocument, derived: TinhToan) -> None:
    text = all_text(doc).split("\n")
    assert (
        "+ Biến động về số lượng đoàn viên công đoàn học kỳ I: đầu học kỳ có 40 đoàn viên, "
        "cuối học kỳ có 41 đoàn viên, tăng 1 đoàn viên so với đầu học kỳ;" in text
    )
    assert "Bằng chữ: Hai mươi triệu sáu trăm nghìn đồng." in text
    assert f"Bằng chữ: {derived.ke_hoach_tet.bang_chu}." in text
    for paragraph in main_body(doc):
        if paragraph.text.startswith("Bằng chữ: "):
            assert all(run_italic(doc, r, paragraph) for r in text_runs(paragraph))


EXAMPLE_STATUSES = [
    "Đạt", "Đạt", "Đạt", "Đang thực hiện", "Đang thực hiện", "Đạt", "Đang thực hiện", "Đạt",
    "Đang thực hiện", "Đạt", "Đang thực hiện", "Đang thực hiện", "Đạt", "Đạt", "Đang thực hiện",
    "Đạt", "Đang thực hiện", "Đạt", "Đang thực hiện",
]  # fmt: skip
"""What baocao computes for the example's 19 targets, mid-year."""


def test_targets_appendix_title(doc: DocxDocument) -> None:
    label, title, attached, *_ = appendices(doc)
    assert label.text == "PHỤ LỤC I"  # II is the photos'
    assert starts_a_page(doc, label)
    assert title.text == "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC 2023-2024"
    assert attached.text == (
        "(Kèm theo Báo cáo số 15/BC-CĐCS ngày 20 tháng 12 năm 2023 của CĐCS Trường THCS Phú Lạc)"
    )
    for paragraph in (label, title):
        assert all_bold(doc, paragraph)
        assert alignment(doc, paragraph) == "center"
    assert all(run_italic(doc, r, attached) for r in text_runs(attached))


def test_targets_table_lists_the_plan_with_computed_statuses(
    doc: DocxDocument, ke_hoach: KeHoach, derived: TinhToan
) -> None:
    table = targets_table(doc)
    rows = rows_text(table)
    assert rows[0] == ["STT", "Chỉ tiêu", "Kết quả", "Đánh giá"]
    assert len(rows) == 1 + 19 == 1 + len(ke_hoach.chi_tieu)
    assert [row[0] for row in rows[1:]] == [str(n) for n in range(1, 20)]
    assert [row[1] for row in rows[1:]] == [target.noi_dung for target in ke_hoach.chi_tieu]
    assert [row[3] for row in rows[1:]] == EXAMPLE_STATUSES
    assert [row[3] for row in rows[1:]] == [line.danh_gia for line in derived.chi_tieu]
    results = {target.ma: row[2] for target, row in zip(ke_hoach.chi_tieu, rows[1:], strict=True)}
    assert results["tuyen_truyen"].startswith("41/42 (97,6%)")  # share from a count
    assert results["ket_nap_doan_vien"].startswith("41/42 (97,6%)")  # from part I's figures
    assert results["gioi_thieu_dang"] == "2 đoàn viên"  # from II.4's figure
    assert results["kiem_tra"].startswith(
        "Kiểm tra việc chấp hành Điều lệ: 1 cuộc; kiểm tra tài chính: 1 cuộc"
    )
    assert results["khong_vi_pham"] == "Không có vi phạm"
    for row in table.rows[1:]:
        for column in (0, 3):
            assert alignment(doc, row.cells[column].paragraphs[0]) == "center"
        assert alignment(doc, row.cells[1].paragraphs[0]) == "left"


def test_photos_appendix_fits_the_text_column(doc: DocxDocument, bao_cao: BaoCao) -> None:
    shapes = doc.inline_shapes
    assert len(shapes) == len(bao_cao.anh) == 7
    section = doc.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    for shape in shapes:
        assert shape.width <= width
        assert shape.height <= height / 2
    texts = [p.text for p in appendices(doc)]
    assert "PHỤ LỤC II" in texts
    assert starts_a_page(doc, appendices(doc)[texts.index("PHỤ LỤC II")])
    assert "HÌNH ẢNH HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I, NĂM HỌC 2023-2024" in texts
    captions = [text for text in texts if text.startswith("Ảnh ")]
    assert captions == [f"Ảnh {n}. {anh.chu_thich}" for n, anh in enumerate(bao_cao.anh, 1)]


def test_no_plan_and_no_photos_no_appendix(bao_cao: BaoCao) -> None:
    doc = render(bao_cao)
    assert appendices(doc) == []
    assert len(doc.inline_shapes) == 0
    assert len(data_tables(doc)) == 1


def test_a_single_appendix_is_not_numbered(bao_cao: BaoCao) -> None:
    photos = list(check_source(EXAMPLE).photos)
    doc = Document(io.BytesIO(render_docx(bao_cao, read_template(TEMPLATE), anh=photos)))
    assert appendices(doc)[0].text == "PHỤ LỤC"
    assert len(doc.inline_shapes) == len(photos)


# ---------------------------------------------------------------------------
# The text survives conversion to PDF
# ---------------------------------------------------------------------------


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext")),
    reason="LibreOffice and pdftotext are needed to convert the report",
)
def test_libreoffice_renders_the_text_and_page_numbers(
    docx_bytes: bytes, bao_cao: BaoCao, tmp_path: Path
) -> None:
    source = tmp_path / "bao-cao.docx"
    source.write_bytes(docx_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "bao-cao.pdf"

    def page_text(first: int, last: int) -> str:
        out = subprocess.run(
            ["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(pdf), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return out

    def squeeze(text: str) -> str:
        """Without spaces and hyphens: pdftotext joins a word hyphenated at a line end."""
        return re.sub(r"[\s-]+", "", text)

    everything = squeeze(page_text(1, 999))
    for heading in EXPECTED_HEADINGS:
        assert squeeze(heading.format(nam_hoc=bao_cao.van_ban.nam_hoc)) in everything
    assert squeeze("Nho Quan, ngày 20 tháng 12 năm 2023") in everything
    assert squeeze(bao_cao.van_ban.nguoi_ky.ho_ten) in everything

    first_lines = [line.strip() for line in page_text(1, 1).splitlines() if line.strip()]
    second_lines = [line.strip() for line in page_text(2, 2).splitlines() if line.strip()]
    assert not first_lines[0].isdigit(), "no page number on page 1"
    assert second_lines[0] == "2", "page 2 is numbered at the top"
