"""What render writes: named for what it is, never over an input, never half a run."""

from __future__ import annotations

import shutil

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
    source = tmp_path / "nguon"
    source.mkdir()
    text = MINIMAL.read_text("utf-8")
    (source / "lan-1.yaml").write_text(text, encoding="utf-8")
    (source / "lan-2.yaml").write_text(replace_once(text, "so: 7", "so: 8"), encoding="utf-8")
    result = runner.invoke(main, ["render", str(source), "--bundle"])
    assert result.exit_code == 0, result.output
    bundles = sorted(p.name for p in source.glob("*.zip"))
    assert bundles == [
        "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024-lan-1.zip",
        "cdcs-truong-thcs-thu-nghiem-hk1-2023-2024-lan-2.zip",
    ]
    assert "Đã đóng gói 2 tệp .zip." in result.stdout


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
