"""Photos: each a real picture where the report says, 5 to 10 of them, printed on request."""

from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from baocao import caches
from baocao.build import build_report
from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.load import attachments

from .conftest import docx_paragraphs, line_of

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
        (lambda path: path.mkdir(), "là một thư mục, không phải tệp ảnh"),
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


def _fifth_photo(with_photos, tmp_path, name: str = "anh/bad.jpg") -> tuple[Path, str]:
    """A report of five photos whose fifth is `name`; the report and its `tep` line prefix."""
    report = with_photos(names=[f"anh/{i:02d}.jpg" for i in range(1, 5)] + [name])
    line = line_of(report.read_text("utf-8"), name)
    return report, f"{report}:{line}:10: anh[5].tep: "


def test_a_truncated_jpeg_is_refused_before_render_decodes_it(runner, with_photos, tmp_path):
    whole = picture(tmp_path / "anh" / "bad.jpg", size=(640, 480)).read_bytes()
    (tmp_path / "anh" / "bad.jpg").write_bytes(whole[: len(whole) // 2])
    report, where = _fifth_photo(with_photos, tmp_path)
    result = runner.invoke(main, ["render", str(report), "--phu-luc-anh"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0] == (
        f"{where}ảnh đã hỏng hoặc chưa chép đủ (tệp bị cắt cụt); hãy chép lại tệp ảnh"
    )
    assert not report.with_suffix(".docx").exists()


def test_a_photo_file_over_20_mb_is_refused_unread(with_photos, tmp_path):
    (tmp_path / "anh").mkdir()
    with open(tmp_path / "anh" / "bad.jpg", "wb") as huge:
        huge.truncate(21 * 1024 * 1024)  # sparse: the size is what counts, not the bytes
    report, where = _fifth_photo(with_photos, tmp_path)
    (problem,) = check_source(report).problems
    assert str(problem) == (
        f"{where}tệp ảnh quá lớn (22.020.096 byte; tối đa 20 MB); hãy thu nhỏ ảnh trước khi gửi"
    )


def _one_bit_png(path: Path, size: tuple[int, int]) -> None:
    """Many pixels in a few bytes of memory and of file: what a decompression bomb looks like."""
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("1", size).save(path, "PNG")


def test_a_photo_of_too_many_pixels_is_refused(with_photos, tmp_path):
    _one_bit_png(tmp_path / "anh" / "bad.jpg", (8000, 7000))
    report, where = _fifth_photo(with_photos, tmp_path)
    (problem,) = check_source(report).problems
    assert str(problem) == (
        f"{where}ảnh quá lớn (8000 × 7000 điểm ảnh; tối đa 50 triệu điểm ảnh); hãy thu nhỏ ảnh"
    )


@pytest.mark.parametrize("size", [(10000, 9500), (15000, 13000)], ids=["warning", "error"])
def test_a_decompression_bomb_is_named_and_pillow_stays_quiet(
    runner, with_photos, tmp_path, recwarn, size
):
    _one_bit_png(tmp_path / "anh" / "bad.jpg", size)
    report, where = _fifth_photo(with_photos, tmp_path)
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{where}tệp ảnh khai báo số điểm ảnh lớn bất thường so với dung lượng tệp "
        "(“quả bom giải nén”, mở ra sẽ làm treo máy); hãy chụp hoặc lưu lại ảnh",
        f"{report}: Có 1 lỗi; chưa tạo báo cáo.",
    ]
    assert [w for w in recwarn if "DecompressionBomb" in type(w.message).__name__] == []


def test_a_file_name_longer_than_255_bytes_is_located(write_yaml, minimal_text, tmp_path):
    name = "anh/" + "ảnh-hội-nghị-" * 20 + ".jpg"  # no file system could hold it
    names = [f"anh/{i:02d}.jpg" for i in range(1, 5)]
    for photo in names:
        picture(tmp_path / photo)
    report = write_yaml(minimal_text + photo_lines([*names, name]))
    where = f"{report}:{line_of(report.read_text('utf-8'), name)}:10: anh[5].tep: "
    (problem,) = check_source(report).problems
    component = name.removeprefix("anh/")
    assert str(problem) == (
        f"{where}tên «{component[:40]}…» dài {len(component.encode())} byte; tên tệp hoặc "
        "thư mục dài tối đa 255 byte, hãy đặt tên ngắn hơn"
    )


def test_a_windows_path_is_read_with_slashes(with_photos, tmp_path):
    picture(tmp_path / "anh" / "05.jpg")
    report, _ = _fifth_photo(with_photos, tmp_path, "anh\\05.jpg")
    checked = check_source(report)
    assert checked.problems == []
    assert checked.model is not None and checked.model.anh[4].tep == "anh/05.jpg"


def test_a_bare_file_name_is_a_photo_without_caption(runner, write_yaml, minimal_text, tmp_path):
    for i in range(1, 6):
        picture(tmp_path / "anh" / f"{i:02d}.jpg")
    items = "".join(f"  - anh/{i:02d}.jpg\n" for i in range(1, 5))
    report = write_yaml(minimal_text + "anh:\n" + items + photo_lines(["anh/05.jpg"])[5:])
    result = runner.invoke(main, ["render", str(report), "--phu-luc-anh", "--bundle"])
    assert result.exit_code == 0, result.output
    assert len(Document(str(report.with_suffix(".docx"))).inline_shapes) == 5
    captions = [t for t in docx_paragraphs(report.with_suffix(".docx")) if t.startswith("Ảnh ")]
    assert captions == ["Ảnh 1", "Ảnh 2", "Ảnh 3", "Ảnh 4", "Ảnh 5. Ảnh số 1"]  # no dangling «. »
    (bundle,) = tmp_path.glob("*.zip")
    with zipfile.ZipFile(bundle) as archive:
        photos = sorted(n for n in archive.namelist() if n.endswith(".jpg"))
    assert photos == ["01.jpg", "02.jpg", "03.jpg", "04.jpg", "05-anh-so-1.jpg"]


# --- a photo found sound is remembered on disk, by its bytes ------------------------------


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """baocao's private folder, this test's own: where a sound photo is recorded."""
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    caches.clear()
    folder = caches.private_folder()
    assert folder is not None and folder.parent == tmp_path / "tmp"
    return folder


def records(folder: Path) -> list[Path]:
    return sorted(folder.glob("anh-*"))


def test_a_sound_photo_is_recorded_privately_and_not_decoded_again(private, tmp_path):
    photo = picture(tmp_path / "anh" / "01.jpg")
    assert attachments.image_problem(photo) is None
    (record,) = records(private)
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert stat.S_IMODE(record.stat().st_mode) == 0o600
    # A new run knows it by its bytes, wherever it lies: the same bytes, the same record.
    caches.clear()
    copy = tmp_path / "khac" / "anh.jpg"
    copy.parent.mkdir()
    copy.write_bytes(photo.read_bytes())
    assert attachments.image_problem(copy) is None
    assert records(private) == [record]


def test_a_recorded_photo_changed_since_is_checked_again(private, tmp_path):
    photo = picture(tmp_path / "anh" / "01.jpg", size=(640, 480))
    assert attachments.image_problem(photo) is None
    whole = photo.read_bytes()
    photo.write_bytes(whole[: len(whole) // 2])
    caches.clear()  # as a new run: nothing kept in memory, only the record on disk
    assert attachments.image_problem(photo) == (
        "ảnh đã hỏng hoặc chưa chép đủ (tệp bị cắt cụt); hãy chép lại tệp ảnh"
    )
    assert len(records(private)) == 1  # a photo that fails is never recorded


def test_a_photo_recorded_under_other_limits_is_checked_again(private, tmp_path, monkeypatch):
    photo = picture(tmp_path / "anh" / "01.jpg", size=(1280, 960))
    assert attachments.image_problem(photo) is None
    monkeypatch.setattr(attachments, "MAX_PIXELS", 1_000_000)
    caches.clear()
    assert attachments.image_problem(photo) == (
        "ảnh quá lớn (1280 × 960 điểm ảnh; tối đa 1 triệu điểm ảnh); hãy thu nhỏ ảnh"
    )


def _open_to_others(folder: Path, elsewhere: Path) -> None:
    folder.mkdir()
    folder.chmod(0o777)


def _a_link(folder: Path, elsewhere: Path) -> None:
    elsewhere.mkdir(mode=0o700)
    folder.symlink_to(elsewhere)


@pytest.mark.parametrize("planted", [_open_to_others, _a_link], ids=["open", "link"])
def test_a_private_folder_others_could_reach_is_not_used(tmp_path, monkeypatch, planted):
    """What another user may have made under the shared temporary folder is never trusted:
    photos are then checked in full every time."""
    (tmp_path / "tmp").mkdir()
    planted(tmp_path / "tmp" / f"baocao-cache-{os.getuid()}", tmp_path / "elsewhere")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    caches.clear()
    assert caches.private_folder() is None
    photo = picture(tmp_path / "anh" / "01.jpg")
    assert attachments.image_problem(photo) is None
    assert list(tmp_path.rglob("anh-*")) == []
    photo.write_bytes(b"not a picture")
    caches.clear()
    assert attachments.image_problem(photo) == (
        "tệp không phải ảnh hoặc ảnh đã hỏng; hãy chọn tệp ảnh JPEG hoặc PNG"
    )
