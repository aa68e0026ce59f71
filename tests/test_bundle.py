"""The bundle: report and photos in one deterministic .zip, named by unit and semester."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.output.bundle import bundle_bytes, bundle_name, photo_names, slug
from baocao.render.photos import print_ready

from .conftest import EXAMPLES
from .test_photos import photo_lines, picture

ZIP = "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024.zip"
"""The minimal report's bundle: CĐCS Trường THCS Thử Nghiệm, 2023-2024."""
PHOTO_NAMES = [f"0{n}-anh-so-{n}.jpg" for n in range(1, 5)] + ["05-anh-so-5.png", "06.jpeg"]
"""The `report` fixture's photos in the bundle: numbered, captioned, a caption-less one bare."""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hội nghị viên chức", "hoi-nghi-vien-chuc"),
        ("CĐCS Trường THCS Phú Lạc", "cdcs-truong-thcs-phu-lac"),
        ("Đêm hội Trung thu đoàn viên", "dem-hoi-trung-thu-doan-vien"),
        ("Tọa đàm “Người phụ nữ hiện đại - cân bằng”", "toa-dam-nguoi-phu-nu-hien-dai-can-bang"),
        ("Kỷ niệm 20/11/2023 (lần 41)", "ky-niem-20-11-2023-lan-41"),
        ("  ẢNH   ỐNG KÍNH  ", "anh-ong-kinh"),
        ("!!!", ""),
    ],
)
def test_slug_is_lowercase_ascii_with_hyphens(text, expected):
    assert slug(text) == expected


def test_a_long_caption_is_cut_at_a_word():
    long = "Ban Chấp hành công đoàn thăm hỏi, tặng quà đoàn viên có hoàn cảnh đặc biệt khó khăn"
    name = slug(long)
    assert len(name) <= 60
    assert long_slug_prefix(name)
    assert not name.endswith("-")


def long_slug_prefix(name: str) -> bool:
    full = "ban-chap-hanh-cong-doan-tham-hoi-tang-qua-doan-vien-co-hoan-canh-dac-biet-kho-khan"
    return full.startswith(name) and full[len(name)] == "-"


@pytest.fixture
def report(write_yaml, minimal_text, tmp_path) -> Path:
    """The minimal report with six photos, one a PNG, one with a caption of punctuation only."""
    names = [f"anh/{i}.jpg" for i in range(1, 5)] + ["anh/so-do.PNG", "anh/6.jpeg"]
    for name in names:
        picture(tmp_path / name, "PNG" if name.endswith("PNG") else "JPEG")
    text = minimal_text + photo_lines(names).replace("chu_thich: Ảnh số 6", 'chu_thich: "…"')
    return write_yaml(text, "hk1.yaml")


def test_names_by_unit_semester_and_caption(report):
    bao_cao = check_source(report).model
    assert bundle_name(bao_cao) == ZIP
    assert photo_names(bao_cao) == PHOTO_NAMES


def test_render_bundle_writes_the_zip_beside_the_report(runner, report, tmp_path):
    result = runner.invoke(main, ["render", str(report), "--bundle"])
    assert result.exit_code == 0, result.output
    bundle = tmp_path / ZIP
    assert result.stdout.splitlines() == [
        f"Đã tạo {report.with_suffix('.docx')}.",
        f"Đã tạo {bundle}.",
    ]
    with zipfile.ZipFile(bundle) as archive:
        assert archive.namelist() == [
            ZIP.replace(".zip", ".docx"),
            *PHOTO_NAMES,
        ]
        assert (
            archive.read(ZIP.replace(".zip", ".docx")) == report.with_suffix(".docx").read_bytes()
        )
        assert archive.read("05-anh-so-5.png") == print_ready(tmp_path / "anh" / "so-do.PNG").data
        assert {info.date_time for info in archive.infolist()} == {(2023, 12, 20, 0, 0, 0)}
        assert archive.testzip() is None


def test_the_bundle_is_deterministic(report, tmp_path):
    docx = tmp_path / "hk1.docx"
    docx.write_bytes(b"bao cao")
    checked = check_source(report)
    first = bundle_bytes(checked.require(), [docx], checked.photos)
    assert first == bundle_bytes(check_source(report).require(), [docx], checked.photos)


def test_the_bundle_is_never_overwritten_without_force(runner, report, tmp_path):
    (tmp_path / ZIP).write_bytes(b"goi hom qua")
    result = runner.invoke(main, ["render", str(report), "--bundle"])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {tmp_path / ZIP}: tệp đã tồn tại; thêm --force nếu muốn ghi đè\n"
    assert (tmp_path / ZIP).read_bytes() == b"goi hom qua"
    assert not report.with_suffix(".docx").exists(), "refused before any work"
    result = runner.invoke(main, ["render", str(report), "--bundle", "--force"])
    assert result.exit_code == 0
    assert zipfile.is_zipfile(tmp_path / ZIP)


def test_invalid_data_makes_no_bundle(runner, report, tmp_path):
    (tmp_path / "anh" / "2.jpg").unlink()
    result = runner.invoke(main, ["render", str(report), "--bundle"])
    assert result.exit_code == 1
    assert "anh[2].tep: không tìm thấy tệp ảnh" in result.stderr
    assert not (tmp_path / ZIP).exists()
    assert not report.with_suffix(".docx").exists()


def test_a_folder_of_reports_bundles_each(runner, report, tmp_path):
    other = report.read_text("utf-8").replace("THCS Thử Nghiệm", "THCS Đồng Phong")
    (tmp_path / "hk1-dong-phong.yaml").write_text(other, encoding="utf-8")
    result = runner.invoke(main, ["render", str(tmp_path), "--bundle", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Đã đóng gói 2 tệp .zip." in result.stdout
    assert (tmp_path / ZIP).is_file()
    assert (tmp_path / "cdcs-truong-thcs-dong-phong-hk1-2023-2024.zip").is_file()


def test_the_example_bundle(runner, tmp_path):
    folder = tmp_path / "examples"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf", "*.zip"))
    result = runner.invoke(main, ["render", str(folder / "hk1.yaml"), "--bundle"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(folder / "cdcs-truong-thcs-phu-lac-hk1-2023-2024.zip") as archive:
        names = archive.namelist()
    assert names[0] == "cdcs-truong-thcs-phu-lac-hk1-2023-2024.docx"
    assert names[1] == "01-hoi-nghi-vien-chuc-nguoi-lao-dong-nam-hoc-2023-2024.jpg"
    assert len(names) == 1 + 7


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is needed for --pdf")
def test_the_bundle_holds_the_pdf_too(runner, report, tmp_path):
    result = runner.invoke(main, ["render", str(report), "--bundle", "--pdf"])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(tmp_path / ZIP) as archive:
        assert archive.namelist()[:2] == [ZIP.replace(".zip", ".docx"), ZIP.replace(".zip", ".pdf")]
        assert archive.read(ZIP.replace(".zip", ".pdf")).startswith(b"%PDF")
