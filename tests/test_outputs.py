"""What render writes: named for what it is, never over an input, never half a run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from baocao.cli import main

from .conftest import FIXTURES, MINIMAL, replace_once
from .test_photos import picture


def test_an_input_is_never_an_output_even_with_force(runner, tmp_path, report):
    """The plan (any name), a photo or the template given as -o: refused, the file kept."""
    plan = tmp_path / "ke-hoach.docx"  # a plan is YAML whatever its name
    shutil.copy(FIXTURES / "ke-hoach.yaml", plan)
    report.write_text(
        MINIMAL.read_text("utf-8") + "chi_tieu:\n  ke_hoach: ke-hoach.docx\n", encoding="utf-8"
    )
    before = plan.read_bytes()
    result = runner.invoke(main, ["render", str(report), "-o", str(plan), "--force"])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Lỗi: {plan}: đây là một tệp đầu vào của lệnh này (dữ liệu, kế hoạch, ảnh hoặc mẫu); "
        "hãy chọn tên khác cho tệp kết quả để không mất tệp đó\n"
    )
    assert plan.read_bytes() == before


INPUT_AS_OUTPUT = (
    "đây là một tệp đầu vào của lệnh này (dữ liệu, kế hoạch, ảnh hoặc mẫu); hãy chọn tên khác "
    "cho tệp kết quả để không mất tệp đó"
)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["", "force"])
def test_the_data_file_as_its_own_output_is_named_as_an_input(runner, report, force):
    """Said as it is: the data file would be lost; not that `.yaml` is the wrong suffix."""
    before = report.read_bytes()
    (report.parent / "lien-ket.yaml").symlink_to(report)
    for output in (str(report), str(report.parent / "lien-ket.yaml")):
        result = runner.invoke(main, ["render", str(report), "-o", output, *force])
        assert result.exit_code == 2
        assert result.stderr == f"Lỗi: {output}: {INPUT_AS_OUTPUT}\n"
    assert report.read_bytes() == before


@pytest.mark.parametrize("name", ["ke-hoach.yaml", "anh/01.jpg"])
def test_the_plan_or_a_photo_as_output_is_refused_for_its_suffix(runner, tmp_path, report, name):
    """Named before the report is read, so only its suffix is known: wrong, and untouched."""
    shutil.copy(FIXTURES / "ke-hoach.yaml", tmp_path / "ke-hoach.yaml")
    picture(tmp_path / "anh" / "01.jpg")
    before = (tmp_path / name).read_bytes()
    result = runner.invoke(main, ["render", str(report), "-o", str(tmp_path / name), "--force"])
    assert result.exit_code == 2
    assert "tệp kết quả phải có đuôi .docx (văn bản Word) hoặc .pdf" in result.stderr
    assert (tmp_path / name).read_bytes() == before


def test_the_template_is_never_overwritten(runner, tmp_path, report):
    template = tmp_path / "mau.docx"
    assert runner.invoke(main, ["new-template", str(template)]).exit_code == 0
    before = template.read_bytes()
    args = ["render", str(report), "--template", str(template), "-o", str(template), "--force"]
    assert runner.invoke(main, args).exit_code == 2
    assert template.read_bytes() == before


def test_an_output_suffix_other_than_docx_or_pdf_is_refused(runner, tmp_path, report):
    result = runner.invoke(main, ["render", str(report), "-o", str(tmp_path / "bao-cao.txt")])
    assert result.exit_code == 2
    assert "phải có đuôi .docx (văn bản Word) hoặc .pdf" in result.stderr
    assert list(tmp_path.iterdir()) == [report]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_a_pdf_output_renders_the_pdf_beside_its_docx(runner, tmp_path, report):
    result = runner.invoke(main, ["render", str(report), "-o", str(tmp_path / "bc.pdf")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "bc.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "bc.docx").is_file()


def test_an_output_ending_in_a_slash_is_a_folder(runner, tmp_path, report):
    result = runner.invoke(main, ["render", str(report), "-o", f"{tmp_path / 'moi'}/"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "moi" / "hk1.docx").is_file()
    assert not (tmp_path / "moi").is_file()


def test_a_batch_where_every_file_fails_leaves_no_folders(runner, tmp_path):
    source = tmp_path / "nguon"
    (source / "huyen").mkdir(parents=True)
    (source / "huyen" / "hong.yaml").write_text("van_ban: [\n", encoding="utf-8")
    result = runner.invoke(main, ["render", str(source), "-o", str(tmp_path / "ket-qua")])
    assert result.exit_code == 1
    assert not (tmp_path / "ket-qua").exists()


def test_two_reports_of_one_unit_get_two_bundles(runner, tmp_path):
    """Again with --force, each bundle is replaced by its own report's; never one for both."""
    source = tmp_path / "nguon"
    source.mkdir()
    text = MINIMAL.read_text("utf-8")
    (source / "lan-1.yaml").write_text(text, encoding="utf-8")
    (source / "lan-2.yaml").write_text(replace_once(text, "so: 7", "so: 8"), encoding="utf-8")
    for force in ([], ["--force"]):
        result = runner.invoke(main, ["render", str(source), "--bundle", *force])
        assert result.exit_code == 0, result.output
        bundles = sorted(source.glob("*.zip"))
        assert [p.name for p in bundles] == [
            "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024-lan-1.zip",
            "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024-lan-2.zip",
        ]
        assert result.stdout.splitlines()[:2] == ["Đã tạo 2/2 báo cáo.", "Đã đóng gói 2 tệp .zip."]
        for bundle, report in zip(bundles, ("lan-1.docx", "lan-2.docx"), strict=True):
            with zipfile.ZipFile(bundle) as archive:
                (packed,) = [archive.read(n) for n in archive.namelist() if n.endswith(".docx")]
            assert packed == (source / report).read_bytes()


def test_a_name_longer_than_the_file_system_allows_is_a_usage_error(runner, tmp_path, report):
    long = tmp_path / ("b" * 300 + ".docx")
    result = runner.invoke(main, ["render", str(report), "-o", str(long)])
    assert result.exit_code == 2
    assert "dài quá 255 byte" in result.stderr
    assert "Traceback" not in result.output


def test_a_batch_shows_each_file_s_warnings_counted(runner, tmp_path):
    source = tmp_path / "nguon"
    source.mkdir()
    text = MINIMAL.read_text("utf-8")
    (source / "dung-han.yaml").write_text(text, encoding="utf-8")
    late = replace_once(text, "han_nop: 25/12/2023", "han_nop: 15/12/2023")
    (source / "muon.yaml").write_text(late, encoding="utf-8")
    result = runner.invoke(main, ["render", str(source)])
    assert result.exit_code == 0, result.output
    assert "1 báo cáo có cảnh báo (1 cảnh báo):" in result.stderr
    assert f"{source / 'muon.yaml'}:" in result.stderr
    assert "sau hạn nộp 15/12/2023" in result.stderr


def test_a_photo_is_kept_when_a_bundle_name_would_replace_it(runner, tmp_path, report):
    """Outputs are refused before anything is written: no .docx is left behind."""
    picture(tmp_path / "anh.jpg")
    existing = tmp_path / "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024.zip"
    existing.write_bytes(b"goi cu")
    result = runner.invoke(main, ["render", str(report), "--bundle"])
    assert result.exit_code == 2
    assert not report.with_suffix(".docx").exists()
    assert existing.read_bytes() == b"goi cu"


def test_a_report_name_longer_than_the_file_system_allows_is_a_usage_error(runner, tmp_path):
    source = tmp_path / ("b" * 300 + ".yaml")
    for command in (["render"], ["validate"], ["tong-hop", "-o", str(tmp_path / "th.xlsx")]):
        result = runner.invoke(main, [*command, str(source)])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Lỗi: {source}: "), result.stderr
        assert "dài quá 255 byte" in result.stderr or "quá dài" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_name_of_255_bytes_is_written(runner, tmp_path):
    """Its temporary file, named after it, must fit too."""
    source = tmp_path / ("b" * 250 + ".yaml")
    source.write_bytes(MINIMAL.read_bytes())
    result = runner.invoke(main, ["render", str(source)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [source.stem + ".docx", source.name]


_WRITERS = {
    "render": ["render", "{report}", "-o", "{out}/bc.docx"],
    "render a batch": ["render", "{source}", "-o", "{out}/ket-qua"],
    "render a bundle": ["render", "{report}", "--bundle", "-o", "{out}/bc.docx"],
    "tong-hop": ["tong-hop", "{source}", "-o", "{out}/th.xlsx"],
    "schema": ["schema", "-o", "{out}/s.json"],
    "init": ["init", "{out}/hk1.yaml"],
    "new-template": ["new-template", "{out}/mau.docx"],
}


def _read_only_mount_works() -> bool:
    probe = "mount --bind /tmp /tmp && mount -o remount,bind,ro /tmp && ! touch /tmp/.baocao-ro"
    try:
        done = subprocess.run(["unshare", "-m", "sh", "-c", probe], capture_output=True)
    except OSError:
        return False
    return done.returncode == 0


@pytest.mark.skipif(not _read_only_mount_works(), reason="no read-only bind mount (unshare -m)")
@pytest.mark.parametrize("command", _WRITERS.values(), ids=_WRITERS)
def test_a_read_only_folder_is_a_usage_error_naming_it(tmp_path, report, command):
    """On a read-only file system even root cannot write: each writing command says so."""
    out = tmp_path / "chi-doc"
    out.mkdir()
    args = [a.format(report=report, source=tmp_path / "nguon", out=out) for a in command]
    (tmp_path / "nguon").mkdir()
    shutil.copy(report, tmp_path / "nguon" / "hk1.yaml")
    mount = f"mount --bind {out} {out} && mount -o remount,bind,ro {out}"
    baocao = " ".join(f"'{arg}'" for arg in [sys.executable, "-m", "baocao", *args])
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run(
        ["unshare", "-m", "sh", "-c", f"{mount} && exec {baocao}"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2, done.stderr
    assert f"thư mục {out} nằm trên ổ đĩa chỉ cho đọc" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert list(out.iterdir()) == []


_AS_A_USER = (
    []
    if os.geteuid() != 0
    else ["setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
)
"""Root, without the capabilities that let it write whatever a folder's permissions say."""


@pytest.mark.skipif(
    os.geteuid() == 0 and shutil.which("setpriv") is None,
    reason="root writes whatever the folder's permissions, and setpriv is missing to stop it",
)
@pytest.mark.parametrize("command", _WRITERS.values(), ids=_WRITERS)
def test_a_folder_without_write_permission_is_a_usage_error_naming_it(tmp_path, report, command):
    out = tmp_path / "khong-ghi"
    out.mkdir(mode=0o555)
    (tmp_path / "nguon").mkdir()
    shutil.copy(report, tmp_path / "nguon" / "hk1.yaml")
    args = [a.format(report=report, source=tmp_path / "nguon", out=out) for a in command]
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    done = subprocess.run(
        [*_AS_A_USER, sys.executable, "-m", "baocao", *args],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 2, done.stderr
    assert f"không có quyền ghi vào thư mục {out}" in done.stderr, done.stderr
    assert list(out.iterdir()) == []


@pytest.mark.parametrize("options", [[], ["--phu-luc-anh"]])
def test_a_unit_name_longer_than_a_document_property_still_renders(runner, report, options):
    """Word holds 255 characters in a core property; the name is printed whole all the same."""
    long = "CĐCS " + "Trường " * 60
    report.write_text(
        replace_once(report.read_text("utf-8"), "CĐCS Trường THCS Thử Nghiệm", long), "utf-8"
    )
    result = runner.invoke(main, ["render", str(report), *options])
    assert result.exit_code == 0, result.output
    from docx import Document

    document = Document(str(report.with_suffix(".docx")))
    assert len(document.core_properties.author) == 255
