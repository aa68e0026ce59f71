"""The annual plan rendered as a document, by the bundled pack ke-hoach-nam-hoc and blocks."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument

from baocao.cli import main

from .formatcheck import (
    alignment,
    all_bold,
    all_text,
    assert_body_text,
    assert_closing_block,
    assert_page_and_header,
    cell_paragraphs,
    closing_table,
    header_table,
    main_body,
    run_italic,
    text_runs,
)
from .test_ke_hoach import EXAMPLE_PLAN, seed_sentences

HEADINGS = [
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích:",
    "2. Yêu cầu:",
    "II. Phấn đấu thực hiện các nhiệm vụ, chỉ tiêu trong năm học 2023-2024:",
    "III. Nhiệm vụ, giải pháp trọng tâm",
]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("ke-hoach") / "ke-hoach.docx"
    result = CliRunner().invoke(main, ["render", str(EXAMPLE_PLAN), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def doc(rendered: Path) -> DocxDocument:
    return Document(str(rendered))


def _paragraphs(doc: DocxDocument) -> list[str]:
    return [p.text for p in doc.paragraphs]


def test_the_header_type_and_summary(doc: DocxDocument) -> None:
    header = "\n".join(c.text for row in header_table(doc).rows for c in row.cells)
    assert "Số: 01/KH-CĐCS" in header
    assert "CĐCS TRƯỜNG THCS, THPT NGUYỄN VĂN LINH" in header
    assert "Ninh Thuận, ngày 10 tháng 10 năm 2023" in header
    texts = _paragraphs(doc)
    at = texts.index("KẾ HOẠCH")
    assert texts[at + 1] == "Hoạt động công đoàn năm học 2023-2024"
    assert not any(t.startswith("Kính gửi") for t in texts)


def test_the_headings_word_for_word_in_order_and_bold(doc: DocxDocument) -> None:
    paragraphs = doc.paragraphs
    texts = [p.text for p in paragraphs]
    places = [texts.index(h) for h in HEADINGS]
    assert places == sorted(places)
    for place in places:
        assert all_bold(doc, paragraphs[place])


def test_the_targets_numbered_1_to_19_in_order(doc: DocxDocument) -> None:
    texts = _paragraphs(doc)
    start = texts.index(HEADINGS[3]) + 1
    targets = texts[start : start + 19]
    assert [int(t.split(".")[0]) for t in targets] == list(range(1, 20))
    assert texts[start + 19] == HEADINGS[4]


def test_every_sentence_of_the_seed_in_order(doc: DocxDocument) -> None:
    text = "\n".join(_paragraphs(doc))
    at = 0
    for sentence in seed_sentences():
        found = text.find(sentence, at)
        assert found >= 0, f"not in the document, or out of order: {sentence!r}"
        at = found + len(sentence)


def test_the_closing_is_the_plan_own_once(doc: DocxDocument) -> None:
    text = all_text(doc)
    assert text.count("Trên đây là") == 1
    assert re.search(r"chỉ đạo thực hiện\./\.", text)


def test_recipients_and_signature(doc: DocxDocument) -> None:
    closing = "\n".join(c.text for row in closing_table(doc).rows for c in row.cells)
    assert "Nơi nhận:" in closing
    assert "Công đoàn Giáo dục tỉnh (để báo cáo)" in closing
    assert "TM. BAN CHẤP HÀNH" in closing and "CHỦ TỊCH" in closing
    assert "Trần Văn Nam" in closing


def test_the_official_layout(doc: DocxDocument) -> None:
    """format.md on the plan: the page, the header, the title, the body, the closing block."""
    assert_page_and_header(
        doc,
        ["CÔNG ĐOÀN GIÁO DỤC TỈNH NINH THUẬN", "CĐCS TRƯỜNG THCS, THPT NGUYỄN VĂN LINH"],
        "Số: 01/KH-CĐCS",
        "Ninh Thuận, ngày 10 tháng 10 năm 2023",
    )
    header = header_table(doc)
    assert header.cell(0, 1).text.split("\n")[:2] == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    ]
    (date_line,) = cell_paragraphs(header.cell(1, 1))
    assert all(run_italic(doc, run, date_line) for run in text_runs(date_line))
    texts = [p.text for p in doc.paragraphs]
    title = doc.paragraphs[texts.index("KẾ HOẠCH")]
    summary = doc.paragraphs[texts.index("KẾ HOẠCH") + 1]
    for paragraph in (title, summary):
        assert alignment(doc, paragraph) == "center" and all_bold(doc, paragraph)
    opening = next(t for t in texts[texts.index("KẾ HOẠCH") + 2 :] if t.strip())
    body = main_body(doc, first=opening)
    assert body[-1].text.endswith("./.")
    assert_body_text(doc, body)
    assert_closing_block(
        doc,
        [
            "- Công đoàn Giáo dục tỉnh (để báo cáo);",
            "- Chi bộ, Ban Giám hiệu nhà trường (để phối hợp);",
            "- Các tổ công đoàn (để thực hiện);",
            "- Lưu: VT, BCH.",
        ],
        ["TM. BAN CHẤP HÀNH", "CHỦ TỊCH", "Trần Văn Nam"],
    )


def test_the_pack_is_shown(runner) -> None:
    result = runner.invoke(main, ["huong-dan", "show", "ke-hoach-nam-hoc"])
    assert result.exit_code == 0, result.output
    assert "II. Phấn đấu thực hiện các nhiệm vụ, chỉ tiêu" in result.stdout
