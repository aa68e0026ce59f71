"""Photos fit for print and e-mail: upright, at most 1600 pixels, no metadata, stable bytes."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image

from baocao.cli import main
from baocao.render import photos
from baocao.render.photos import MAX_SIDE, print_ready

from .test_photos import photo_lines

ORIENTATION = 0x0112
ROTATE_90_CLOCKWISE = 6
"""EXIF orientation 6: the camera was held upright, the pixels stored lying on their side."""
RED = (220, 30, 30)


def phone_photo(path: Path, size: tuple[int, int] = (4000, 3000)) -> Path:
    """A phone's photo: stored sideways with an orientation tag, a red top-left corner, EXIF text.

    A gradient under a fine grid, so that it compresses no better than a real scene does.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    width, height = size
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    grid = Image.effect_mandelbrot((width // 2, height // 2), (-2.0, -1.5, 1.0, 1.5), 60)
    grid = grid.resize(size).convert("RGB")
    image = Image.blend(image, grid, 0.5)
    image.paste(RED, (0, 0, width // 4, height // 4))
    exif = Image.Exif()
    exif[ORIENTATION] = ROTATE_90_CLOCKWISE
    exif[0x010E] = "Vị trí: 20.3, 105.9"  # ImageDescription: what must not leave the school
    image.save(path, "JPEG", quality=95, exif=exif.tobytes())
    return path


def decoded(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def test_a_phone_photo_comes_out_upright_small_and_without_metadata(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "anh.jpg")
    photo = print_ready(source)
    image = decoded(photo.data)
    assert image.format == "JPEG"
    assert image.size == photo.size == (1200, 1600)  # 3000 × 4000 upright, shrunk to 1600
    assert max(image.size) <= MAX_SIDE
    assert not image.getexif()  # no orientation left to apply twice, no description
    # Turned a quarter clockwise: the stored top-left corner is now top-right.
    red, green, _ = image.getpixel((image.width - 20, 20))
    assert red > 180 and green < 80
    assert len(photo.data) < source.stat().st_size / 4


def test_the_same_file_gives_the_same_bytes(tmp_path: Path) -> None:
    source = phone_photo(tmp_path / "anh.jpg", (2400, 1800))
    first = print_ready(source).data
    photos._print_ready.cache_clear()
    assert print_ready(source).data == first


def test_a_transparent_png_stays_a_transparent_png(tmp_path: Path) -> None:
    source = tmp_path / "so-do.png"
    Image.new("RGBA", (3200, 2000), (0, 90, 200, 0)).save(source)
    image = decoded(print_ready(source).data)
    assert (image.format, image.mode, image.size) == ("PNG", "RGBA", (1600, 1000))
    assert image.getpixel((5, 5))[3] == 0


def test_a_small_photo_is_not_enlarged(tmp_path: Path) -> None:
    source = tmp_path / "nho.jpg"
    Image.new("RGB", (640, 480), RED).save(source)
    assert print_ready(source).size == (640, 480)


@pytest.fixture
def phone_report(write_yaml, minimal_text, tmp_path: Path) -> Path:
    """The minimal report with five 4000 × 3000 phone photos."""
    names = [f"anh/{i}.jpg" for i in range(1, 6)]
    first = phone_photo(tmp_path / names[0])
    for name in names[1:]:
        shutil.copy(first, tmp_path / name)
    return write_yaml(minimal_text + photo_lines(names), "hk1.yaml")


def render(report: Path, *options: str) -> tuple[bytes, bytes]:
    """`baocao render --phu-luc-anh --bundle`: the .docx's bytes and the bundle's."""
    args = ["render", str(report), "--phu-luc-anh", "--bundle", "--force", *options]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    (bundle,) = report.parent.glob("*.zip")
    return report.with_suffix(".docx").read_bytes(), bundle.read_bytes()


def test_the_report_and_bundle_shrink_and_stay_the_same(phone_report: Path) -> None:
    docx, bundle = render(phone_report)
    assert render(phone_report) == (docx, bundle)  # byte for byte, photos and all
    original_docx, original_bundle = render(phone_report, "--anh-goc")
    assert len(docx) < len(original_docx) / 4
    assert len(bundle) < len(original_bundle) / 4
    document = Document(io.BytesIO(docx))
    assert len(document.inline_shapes) == 5
    for shape in document.inline_shapes:
        assert shape.height > shape.width  # upright: taller than wide, as taken
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        for name in archive.namelist()[1:]:
            assert decoded(archive.read(name)).size == (1200, 1600)
    with zipfile.ZipFile(io.BytesIO(original_bundle)) as archive:
        kept = archive.read(archive.namelist()[1])
    assert kept == (phone_report.parent / "anh" / "1.jpg").read_bytes()


def test_a_report_too_big_to_mail_is_a_warning(
    phone_report: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(photos, "MAIL_LIMIT", 100_000)
    args = ["render", str(phone_report), "--phu-luc-anh", "--bundle", "--anh-goc"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if "quá 0 MB" in line]
    assert [line.split(": ")[0] for line in warned] == [
        str(phone_report.with_suffix(".docx")),
        str(next(phone_report.parent.glob("*.zip"))),
    ]
    assert "bỏ --anh-goc để ảnh được thu nhỏ" in warned[0]
