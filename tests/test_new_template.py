"""`baocao new-template`: an editable copy and its guide; a copy edited as in Word still renders."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from baocao.cli import main
from baocao.compute.filters import FILTERS
from baocao.render.source import builtin_template
from baocao.render.template.data import Member, context_members, list_item, members
from baocao.render.template.guide import FILTER_EXAMPLES, guide_text

from .conftest import MINIMAL, docx_paragraphs

needs_template = pytest.mark.skipif(
    not builtin_template().is_file(),
    reason="templates/bao-cao-hk1.docx not built yet (python tools/build_template.py)",
)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@needs_template
def test_new_template_writes_the_copy_and_its_guide(runner, in_tmp):
    result = runner.invoke(main, ["new-template"])
    assert result.exit_code == 0, result.output
    copy, guide = in_tmp / "mau-bao-cao.docx", in_tmp / "mau-bao-cao.txt"
    assert result.stdout.splitlines()[:2] == [f"Đã tạo {copy.name}.", f"Đã tạo {guide.name}."]
    assert copy.read_bytes() == builtin_template().read_bytes()
    raw = guide.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # a BOM and CRLF: right in every Windows Notepad
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert "HƯỚNG DẪN SỬA MẪU BÁO CÁO mau-bao-cao.docx" in raw.decode("utf-8-sig")


@needs_template
def test_new_template_takes_a_name(runner, in_tmp):
    result = runner.invoke(main, ["new-template", "mau-truong.docx"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in in_tmp.iterdir()) == ["mau-truong.docx", "mau-truong.txt"]


@needs_template
@pytest.mark.parametrize("existing", ["mau-bao-cao.docx", "mau-bao-cao.txt"])
def test_new_template_never_overwrites_without_force(runner, in_tmp, existing):
    (in_tmp / existing).write_bytes(b"mau cua toi")
    result = runner.invoke(main, ["new-template"])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {existing}: tệp đã tồn tại; thêm --force nếu muốn ghi đè\n"
    assert [p.name for p in in_tmp.iterdir()] == [existing]  # nothing half written
    assert (in_tmp / existing).read_bytes() == b"mau cua toi"
    forced = runner.invoke(main, ["new-template", "--force"])
    assert forced.exit_code == 0, forced.output
    assert (in_tmp / "mau-bao-cao.docx").read_bytes() == builtin_template().read_bytes()


def test_new_template_wants_a_docx_name(runner, in_tmp):
    result = runner.invoke(main, ["new-template", "mau.doc"])
    assert result.exit_code == 2
    assert result.stderr == "Lỗi: mau.doc: tệp mẫu phải có đuôi .docx\n"
    assert list(in_tmp.iterdir()) == []


def test_the_guide_names_every_top_level_field_and_every_filter():
    text = guide_text("mau.docx")
    for name in context_members():
        assert f"\n{name} (" in text
    for name in FILTERS:
        assert f"\n{name} — " in text
    assert "\n    tinh_hinh.so_lieu.thoi_diem (ngày) — Thời điểm số liệu: " in text
    assert "\n  van_ban.kinh_gui (danh sách chữ; for x in van_ban.kinh_gui) — Kính gửi: " in text
    assert "\n      x.ten (chữ) — Tên phong trào: " in text
    assert "\n  tinh_toan.so_ky_hieu (chữ) — Số và ký hiệu, ví dụ «15/BC-CĐCS»." in text
    assert "{{ van_ban.ngay|ngay }} → «ngày 08 tháng 12 năm 2023»" in text


def test_every_name_in_the_guide_is_described():
    def walk(fields: dict[str, Member], prefix: str) -> Iterator[tuple[str, Member]]:
        for name, member in fields.items():
            yield prefix + name, member
            item = list_item(member.annotation)
            inner = member.annotation if item is None else item
            yield from walk(members(inner), f"{prefix}{name}.")

    undescribed = [
        path for path, m in walk(context_members(), "") if not (m.title or m.description)
    ]
    assert undescribed == [], "add a Field description or a dataclass field(metadata={'doc': …})"


def test_every_filter_has_a_vietnamese_example():
    assert set(FILTER_EXAMPLES) == set(FILTERS)


# --- a copy edited the way a person edits in Word -----------------------------------


def split_runs(paragraph: Paragraph, *pieces: str) -> None:
    """Replace the paragraph's text by runs, with Word's proofErr and bookmark between them."""
    for run in paragraph.runs:
        paragraph._p.remove(run._r)
    for number, piece in enumerate(pieces):
        if number:
            paragraph._p.append(_word_noise(number))
        paragraph.add_run(piece)


def _word_noise(number: int) -> OxmlElement:
    """What Word leaves between runs: a spelling mark, or its `_GoBack` bookmark."""
    if number % 2:
        element = OxmlElement("w:proofErr")
        element.set(qn("w:type"), "spellStart")
    else:
        element = OxmlElement("w:bookmarkStart")
        element.set(qn("w:id"), str(number))
        element.set(qn("w:name"), "_GoBack")
    return element


def _edit_as_in_word(path: Path) -> None:
    document = Document(str(path))
    paragraphs = _all_paragraphs(document)
    motto = next(p for p in paragraphs if p.text == "Độc lập - Tự do - Hạnh phúc")
    split_runs(motto, "Độc lập – Tự do – Hạnh phúc")  # letterhead: the decree's en dashes
    number = next(p for p in paragraphs if p.text == "Số: {{ tinh_toan.so_ky_hieu }}")
    split_runs(number, "Số: {", "{ tinh_toan.so_", "ky_hieu }", "}")  # Word split `{{` itself
    title = next(p for p in paragraphs if p.text == "{{ tinh_toan.trich_yeu }}")
    added = title.insert_paragraph_before()
    split_runs(
        added,
        "Số liệu đến ngày {{ tinh_hinh.so_",
        "lieu.thoi_diem|ngay_so }}; nơi nhận: ",
        "{{ van_ban.noi_nhan|join(“, ”) }}",  # Word's typographic quotes inside a tag
    )
    document.save(str(path))


def _all_paragraphs(document) -> list[Paragraph]:
    """Body paragraphs and those inside the (letterhead) tables."""
    cells = (c for t in document.tables for row in t.rows for c in row.cells)
    return [*document.paragraphs, *(p for cell in cells for p in cell.paragraphs)]


@needs_template
def test_a_copy_edited_as_in_word_checks_and_renders_with_the_edits(runner, in_tmp):
    assert runner.invoke(main, ["new-template"]).exit_code == 0
    template = in_tmp / "mau-bao-cao.docx"
    _edit_as_in_word(template)
    checked = runner.invoke(main, ["check-template", str(template)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"{template}: mẫu hợp lệ.\n"
    data = in_tmp / "hk1.yaml"
    data.write_bytes(MINIMAL.read_bytes())
    result = runner.invoke(main, ["render", str(data), "--template", str(template)])
    assert result.exit_code == 0, result.output
    paragraphs = docx_paragraphs(in_tmp / "hk1.docx")
    assert "Độc lập – Tự do – Hạnh phúc" in paragraphs
    assert "Số: 07/BC-CĐCS" in paragraphs
    assert "Số liệu đến ngày 20/12/2023; nơi nhận: Như trên, Lưu: BCH" in paragraphs
    title = paragraphs.index("Sơ kết hoạt động công đoàn học kỳ I, năm học 2023-2024")
    assert paragraphs[title - 1].startswith("Số liệu đến ngày")
