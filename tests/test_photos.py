"""Photos: each a real picture where the report says, 5 to 10 of them, printed on request."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from baocao.build import build_report
from baocao.checks.pipeline import check_source
from baocao.cli import main

from .conftest import line_of

Photos = Callable[..., Path]


def picture(path: Path, kind: str = "JPEG", size: tuple[int, int] = (64, 48)) -> Path:
    """A small picture of one colour, in `kind`'s format."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (200, 40, 40)).save(path, kind)
    return path


def photo_lines(names: list[str]) -> str:
    """The report's `anh:` list for these files, with captions «Ảnh số 1» …"""
    items = [f"  - tep: {name}\n    chu_thich: Ảnh số {i}" for i, name in enumerate(names, 1)]
    return "anh:\n" + "\n".join(items) + "\n"


@pytest.fixture
def with_photos(write_yaml, minimal_text, tmp_path) -> Photos:
    """A report beside `count` JPEG photos `anh/01.jpg` …, listed under `anh`."""

    def make(count: int = 5, names: list[str] | None = None) -> Path:
        names = names or [f"anh/{i:02d}.jpg" for i in range(1, count + 1)]
        for name in names:
            if not (tmp_path / name).exists():
                picture(tmp_path / name)
        return write_yaml(minimal_text + photo_lines(names))

    return make


def test_photos_beside_the_report_are_valid(with_photos, tmp_path, monkeypatch):
    report = with_photos(5)
    monkeypatch.chdir(tmp_path.parent)  # paths are relative to the report, not to the shell
    assert check_source(report).problems == []


def test_a_missing_photo_is_an_error_at_its_file_name(with_photos, tmp_path):
    report = with_photos(5)
    (tmp_path / "anh" / "03.jpg").unlink()
    text = report.read_text("utf-8")
    (problem,) = check_source(report).problems
    assert str(problem) == (
        f"{report}:{line_of(text, 'anh/03.jpg')}:10: anh[3].tep: "
        f"không tìm thấy tệp ảnh (baocao tìm ở {tmp_path / 'anh' / '03.jpg'})"
    )


@pytest.mark.parametrize(
    ("write", "message"),
    [
        (
            lambda path: path.write_text("không phải ảnh", encoding="utf-8"),
            "tệp không phải ảnh hoặc ảnh đã hỏng; hãy chọn tệp ảnh JPEG hoặc PNG",
        ),
        (
            lambda path: path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40),
            "tệp không phải ảnh hoặc ảnh đã hỏng; hãy chọn tệp ảnh JPEG hoặc PNG",
        ),
        (
            lambda path: picture(path, "WEBP"),
            "ảnh dạng WEBP không chèn được vào Word; hãy lưu lại ảnh dạng JPEG hoặc PNG",
        ),
        (lambda path: path.mkdir(), "không tìm thấy tệp ảnh"),
    ],
    ids=["text", "broken-png", "webp", "folder"],
)
def test_a_file_that_is_no_picture_word_takes(with_photos, tmp_path, write, message):
    (tmp_path / "anh").mkdir()
    write(tmp_path / "anh" / "bad.jpg")
    names = [f"anh/{i:02d}.jpg" for i in range(1, 5)] + ["anh/bad.jpg"]
    report = with_photos(names=names)
    (problem,) = check_source(report).problems
    assert (problem.path, problem.line) == ("anh[5].tep", line_of(report.read_text(), "bad.jpg"))
    assert message in problem.message


def test_png_photos_are_fine(with_photos, tmp_path):
    picture(tmp_path / "anh" / "so-do.png", "PNG")
    names = [f"anh/{i:02d}.jpg" for i in range(1, 5)] + ["anh/so-do.png"]
    assert check_source(with_photos(names=names)).problems == []


@pytest.mark.parametrize(
    ("count", "message"),
    [
        (0, None),  # no photos listed: they may be sent some other way
        (1, "mới có 1 ảnh; hướng dẫn yêu cầu kèm 5-10 ảnh"),
        (4, "mới có 4 ảnh; hướng dẫn yêu cầu kèm 5-10 ảnh"),
        (5, None),
        (10, None),
        (11, "có 11 ảnh; hướng dẫn yêu cầu kèm 5-10 ảnh, hãy chọn 10 ảnh tiêu biểu nhất"),
    ],
)
def test_fewer_than_5_or_more_than_10_photos_is_a_warning(
    with_photos, write_yaml, minimal_text, count, message
):
    report = with_photos(count) if count else write_yaml(minimal_text)
    checked = check_source(report)
    assert checked.errors == []
    warnings = [(w.line, w.path, w.message) for w in checked.warnings]
    if message is None:
        assert warnings == []
    else:
        line = report.read_text("utf-8").splitlines().index("anh:") + 1
        assert warnings == [(line, "anh", message)]


def test_photos_appendix_holds_every_photo_with_its_caption(with_photos, tmp_path):
    report = with_photos(6)
    target, _ = build_report(report, out=tmp_path / "r.docx", phu_luc_anh=True)
    document = Document(str(target))
    assert len(document.inline_shapes) == 6
    captions = [p.text for p in document.paragraphs if p.text.startswith("Ảnh ")]
    assert captions == [f"Ảnh {i}. Ảnh số {i}" for i in range(1, 7)]


def test_photos_appendix_is_printed_only_on_request(with_photos, tmp_path):
    target, _ = build_report(with_photos(5), out=tmp_path / "r.docx")
    document = Document(str(target))
    assert len(document.inline_shapes) == 0
    assert not [p for p in document.paragraphs if p.text.startswith("PHỤ LỤC")]


def test_a_tall_photo_is_no_taller_than_half_the_text(with_photos, tmp_path):
    picture(tmp_path / "anh" / "doc.jpg", size=(300, 900))
    names = [f"anh/{i:02d}.jpg" for i in range(1, 5)] + ["anh/doc.jpg"]
    target, _ = build_report(with_photos(names=names), out=tmp_path / "r.docx", phu_luc_anh=True)
    document = Document(str(target))
    section = document.sections[0]
    text_width = section.page_width - section.left_margin - section.right_margin
    text_height = section.page_height - section.top_margin - section.bottom_margin
    for shape in document.inline_shapes:
        assert shape.width <= text_width
        assert shape.height <= text_height * 0.45 + 1
    tall = document.inline_shapes[-1]
    assert tall.width == pytest.approx(tall.height / 3, rel=0.01)  # its proportions kept


def test_cli_phu_luc_anh(runner, with_photos, tmp_path):
    report = with_photos(5)
    result = runner.invoke(main, ["render", str(report), "--phu-luc-anh"])
    assert result.exit_code == 0, result.output
    assert len(Document(str(report.with_suffix(".docx"))).inline_shapes) == 5
