"""The command line: exit codes, Vietnamese messages, nothing written or lost on failure."""

from __future__ import annotations

import re

import pytest
from docx import Document

from baocao.cli import main
from baocao.errors import UsageError

from .conftest import line_of, replace_once

INTEGER = "phải là một số nguyên, ví dụ 8 hoặc 08"


def test_validate_a_valid_file(runner, report):
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 0
    assert result.stdout == f"{report}: hợp lệ.\n"
    assert result.stderr == ""


def test_validate_an_invalid_file_lists_every_problem(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "nu: 30", "nu: ba mươi")
    text = replace_once(text, "so: 7", "so: bảy")
    path = write_yaml(text)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{path}:{line_of(text, 'so: bảy')}:7: van_ban.so: {INTEGER}",
        f"{path}:{line_of(text, 'nu: ba')}:9: tinh_hinh.so_lieu.nu: {INTEGER}",
        f"{path}: Có 2 lỗi; chưa tạo báo cáo.",
    ]


def test_validate_several_files(runner, report, write_yaml):
    bad = write_yaml("van_ban: [\n")
    result = runner.invoke(main, ["validate", str(report), str(bad)])
    assert result.exit_code == 1
    assert f"{report}: hợp lệ." in result.stdout
    assert f"{bad}:2:1: " in result.stderr


def test_warnings_do_not_fail_validation(runner, write_yaml, minimal_text):
    path = write_yaml(replace_once(minimal_text, "ngay: 20/12/2023", "ngay: 27/12/2023"))
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0
    assert "cảnh báo: báo cáo ký ngày 27/12/2023, sau hạn nộp 25/12/2023" in result.stderr
    assert result.stdout == f"{path}: hợp lệ (1 cảnh báo).\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["validate"], "Lỗi: thiếu tham số TỆP_HOẶC_THƯ_MỤC..."),
        (["validate", "khong-co.yaml"], "Lỗi: khong-co.yaml: không tìm thấy tệp"),
        (["render", "khong-co.yaml"], "Lỗi: khong-co.yaml.docx"),
        (["render"], "Lỗi: thiếu tham số TỆP"),
        (["render", "a.yaml", "--bogus"], "Lỗi: không có tuỳ chọn --bogus"),
        (["rendr"], "Lỗi: không có lệnh «rendr»; có phải «render»?"),
    ],
)
def test_usage_errors_exit_2_in_vietnamese(runner, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    if "khong-co.yaml.docx" in message:
        message = "Lỗi: khong-co.yaml: không tìm thấy tệp"
    assert message in result.stderr


def test_render_writes_the_report_beside_the_data(runner, report):
    result = runner.invoke(main, ["render", str(report)])
    assert result.exit_code == 0, result.output
    target = report.with_suffix(".docx")
    assert result.stdout == f"Đã tạo {target}.\n"
    assert "Trường có 20 lớp." in [p.text for p in Document(str(target)).paragraphs]


def test_render_to_a_chosen_file(runner, report, tmp_path):
    target = tmp_path / "bao-cao.docx"
    result = runner.invoke(main, ["render", str(report), "-o", str(target)])
    assert result.exit_code == 0
    assert target.is_file()
    assert not report.with_suffix(".docx").exists()


def test_render_never_overwrites_without_force(runner, report):
    target = report.with_suffix(".docx")
    target.write_bytes(b"bao cao hom qua")
    result = runner.invoke(main, ["render", str(report)])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {target}: tệp đã tồn tại; thêm --force nếu muốn ghi đè\n"
    assert target.read_bytes() == b"bao cao hom qua"


def test_render_overwrites_with_force(runner, report):
    target = report.with_suffix(".docx")
    target.write_bytes(b"bao cao hom qua")
    result = runner.invoke(main, ["render", str(report), "--force"])
    assert result.exit_code == 0
    assert Document(str(target)).paragraphs


def test_invalid_data_writes_nothing_and_keeps_the_old_report(runner, report):
    report.write_text(replace_once(report.read_text("utf-8"), "nu: 30", "nu: 300"), "utf-8")
    target = report.with_suffix(".docx")
    target.write_bytes(b"bao cao hom qua")
    result = runner.invoke(main, ["render", str(report), "--force"])
    assert result.exit_code == 1
    assert "số nữ (300) lớn hơn tổng số CBNGNLĐ (40)" in result.stderr
    assert result.stderr.endswith("Có 1 lỗi; chưa tạo báo cáo.\n")
    assert target.read_bytes() == b"bao cao hom qua"
    assert sorted(p.name for p in report.parent.iterdir()) == ["hk1.docx", "hk1.yaml"]


def test_a_broken_template_writes_nothing(runner, report, tmp_path):
    template = tmp_path / "mau.docx"
    document = Document()
    document.add_paragraph("{{ van_ban.khong_co }}")
    document.save(str(template))
    result = runner.invoke(main, ["render", str(report), "--template", str(template)])
    assert result.exit_code == 1
    assert result.stderr.endswith(f"{template}: mẫu có 1 lỗi.\n")
    assert "không có «khong_co» trong van_ban" in result.stderr
    assert not report.with_suffix(".docx").exists()


def test_a_file_that_is_not_a_docx_template(runner, report, tmp_path):
    template = tmp_path / "mau.docx"
    template.write_text("không phải docx", encoding="utf-8")
    result = runner.invoke(main, ["render", str(report), "--template", str(template)])
    assert result.exit_code == 2
    assert result.stderr == f"Lỗi: {template}: không phải tệp .docx hợp lệ\n"


def test_a_missing_template_is_a_usage_error(runner, report, tmp_path):
    result = runner.invoke(main, ["render", str(report), "--template", str(tmp_path / "x.docx")])
    assert result.exit_code == 2
    assert "không tìm thấy tệp mẫu" in result.stderr


def test_output_into_a_missing_folder_is_a_usage_error(runner, report, tmp_path):
    result = runner.invoke(main, ["render", str(report), "-o", str(tmp_path / "no" / "r.docx")])
    assert result.exit_code == 2
    assert "thư mục chứa tệp không tồn tại" in result.stderr


def test_debug_lets_the_traceback_through(runner, report, tmp_path):
    template = tmp_path / "hong.docx"
    template.write_bytes(b"PK\x03\x04 not a zip")
    result = runner.invoke(main, ["--debug", "render", str(report), "--template", str(template)])
    assert isinstance(result.exception, UsageError)
    plain = runner.invoke(main, ["render", str(report), "--template", str(template)])
    assert plain.exit_code == 2
    assert "Traceback" not in plain.output


def test_help_is_in_vietnamese(runner):
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Cách dùng: baocao [TUỲ CHỌN] LỆNH [THAM SỐ]..." in result.stdout
    assert "Hiện hướng dẫn này rồi thoát." in result.stdout
    assert re.search(r"\n  validate +Kiểm tra các tệp dữ liệu YAML", result.stdout)


def test_the_public_api_is_what_the_cli_calls():
    import baocao

    for name in baocao.__all__:
        assert callable(getattr(baocao, name)), name
    with pytest.raises(AttributeError):
        baocao.nothing_here  # noqa: B018


def test_output_piped_into_a_reader_that_stops_early_is_no_error():
    """`baocao huong-dan show … | head -1`: the rest is not wanted, and nothing is wrong."""
    import fcntl
    import subprocess
    import sys

    command = [sys.executable, "-m", "baocao", "huong-dan", "show", "ninh-binh-hk1-2023-2024"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    # A one-page pipe (F_SETPIPE_SZ), so that the outline cannot fit before the reader stops.
    fcntl.fcntl(process.stdout.fileno(), 1031, 4096)
    process.stdout.readline()
    process.stdout.close()  # as `head -1` does once it has its line
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "không mong đợi" not in stderr and "Traceback" not in stderr
