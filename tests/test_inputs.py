"""Inputs as people type them: numbers, money, dates, choices, odd files; never a crash.

Each case runs the real CLI and checks the exact Vietnamese message and its line:column.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from baocao.cli import main
from baocao.load.marked import MAX_BYTES

from .conftest import docx_paragraphs, line_of, replace_once
from .test_targets import ACTUALS, _write_report

INTEGER = "phải là một số nguyên, ví dụ 8 hoặc 08"


def _validate(runner, path: Path) -> tuple[int, list[str]]:
    result = runner.invoke(main, ["validate", str(path)])
    return result.exit_code, result.stderr.splitlines()


def _one_problem(runner, path: Path) -> str:
    """The only problem `validate` prints for `path`, which must be invalid."""
    code, lines = _validate(runner, path)
    assert code == 1, lines
    assert lines[-1] == f"{path}: Có 1 lỗi; chưa tạo báo cáo.", lines
    (problem,) = lines[:-1]
    return problem


def _at(path: Path, text: str, needle: str, field: str) -> str:
    """`FILE:LINE:COL: field: ` of the value that follows `needle` on its line."""
    line = line_of(text, needle)
    column = text.splitlines()[line - 1].index(needle) + len(needle) + 1
    return f"{path}:{line}:{column}: {field}: "


# -- files that are no YAML text --------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(runner, tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    outcome: list[tuple[int, list[str]]] = []
    worker = threading.Thread(target=lambda: outcome.append(_validate(runner, fifo)), daemon=True)
    worker.start()
    worker.join(timeout=10)
    if worker.is_alive():  # unblock the reader so the test run can end, then fail
        with open(fifo, "wb"):
            pass
        pytest.fail("validate blocked on a FIFO")
    assert outcome == [
        (
            1,
            [
                f"{fifo}:1:1: đây là một ống dẫn (FIFO), không phải tệp YAML; hãy chọn tệp .yaml",
                f"{fifo}: Có 1 lỗi; chưa tạo báo cáo.",
            ],
        )
    ]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
def test_a_device_is_refused_unread(runner):
    result = runner.invoke(main, ["render", "/dev/zero"])
    assert result.exit_code == 2
    assert (
        result.stderr
        == "Lỗi: /dev/zero: đây là một thiết bị, không phải tệp YAML; hãy chọn tệp .yaml\n"
    )


def test_a_file_over_the_cap_says_its_size_the_vietnamese_way(runner, tmp_path):
    big = tmp_path / "lon.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_BYTES + 1))
    assert _one_problem(runner, big) == f"{big}:1:1: tệp quá lớn (2.097.156 byte; tối đa 2 MB)"


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("hk1.docx", b"PK\x03\x04\x14\x00", "tệp Word (.docx)"),
        ("hk1.yaml", b"%PDF-1.7\n", "tệp PDF (.pdf)"),
        (
            "hk1.doc",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
            "tệp Word hoặc Excel kiểu cũ (.doc, .xls)",
        ),
    ],
)
def test_a_document_given_for_its_data_says_what_it_is(runner, tmp_path, name, head, kind):
    path = tmp_path / name
    path.write_bytes(head + b"\0" * 64)
    assert _one_problem(runner, path) == (
        f"{path}:1:1: đây là {kind}, không phải tệp dữ liệu YAML; hãy chọn tệp .yaml"
    )


def test_os_errors_are_told_in_vietnamese(runner, tmp_path):
    looped = tmp_path / "vong.yaml"
    looped.symlink_to(looped)
    result = runner.invoke(main, ["render", str(looped)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Lỗi: {looped}: không đọc được tệp (đường dẫn có liên kết tắt vòng quanh chính nó)\n",
    )
    too_long = tmp_path / ("a" * 300 + ".yaml")
    result = runner.invoke(main, ["validate", str(too_long)])
    assert (result.exit_code, result.stderr) == (
        2,
        f"Lỗi: {too_long}: không đọc được (tên tệp hoặc đường dẫn quá dài)\n",
    )


# -- numbers --------------------------------------------------------------------------


def test_leading_zeros_are_decimal(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "nu: 30", "nu: 010")
    text = replace_once(text, "dau_ky: 39", "dau_ky: 039")
    text = replace_once(text, "so: 7", "so: 08")
    code, lines = _validate(runner, write_yaml(text))
    assert (code, lines) == (0, [])


@pytest.mark.parametrize("typed", ["1:30", "0x0F", "1_5", "0o17", "yes", "mười"])
def test_a_count_not_in_decimal_says_how_to_write_it(runner, write_yaml, minimal_text, typed):
    text = replace_once(minimal_text, "nu: 30", f"nu: {typed}")
    path = write_yaml(text)
    assert _one_problem(runner, path) == _at(path, text, "nu: ", "tinh_hinh.so_lieu.nu") + INTEGER


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("1.200", "số đếm viết liền, không có dấu chấm: viết 1200, không viết 1.200"),
        ("12.5", "phải là một số nguyên"),
        ("12,5", "phải là một số nguyên"),
        ("!!float 12.5", "phải là một số nguyên"),
        ("2000000", "không được lớn hơn 1.000.000"),
        ("9" * 5000, "số quá lớn (5000 chữ số)"),
    ],
)
def test_a_count_with_dots_decimals_or_too_many_digits(
    runner, write_yaml, minimal_text, typed, message
):
    text = replace_once(minimal_text, "tong_so: 40", f"tong_so: {typed}")
    path = write_yaml(text)
    where = _at(path, text, "tong_so: ", "tinh_hinh.so_lieu.tong_so")
    assert _one_problem(runner, path) == where + message


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n", "12.5", "0x0F"])
def test_yes_no_and_number_lookalikes_in_text_stay_text(runner, write_yaml, minimal_text, word):
    text = replace_once(minimal_text, "dia_danh: Ninh Bình", f"dia_danh: {word}")
    path = write_yaml(text)
    out = path.with_suffix(".docx")
    result = runner.invoke(main, ["render", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert any(p.startswith(f"{word}, ngày 20 tháng 12 năm 2023") for p in docx_paragraphs(out))


# -- money ----------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["500.000", "500.000 đồng", "500000", "500.000đ", "500.000 Đồng"])
def test_money_as_people_write_it(runner, write_yaml, minimal_text, typed):
    text = replace_once(minimal_text, "muc_chi: 500000", f"muc_chi: {typed}")
    path = write_yaml(text)
    result = runner.invoke(main, ["render", str(path)])
    assert result.exit_code == 0, result.output
    assert any("1.500.000 đồng" in p for p in docx_paragraphs(path.with_suffix(".docx")))


@pytest.mark.parametrize("typed", ["1,5 triệu", "500,000", "500.00", "5 trăm nghìn", "!!float 5e5"])
def test_money_written_some_other_way_is_refused(runner, write_yaml, minimal_text, typed):
    text = replace_once(minimal_text, "muc_chi: 500000", f"muc_chi: {typed}")
    path = write_yaml(text)
    field = "ket_qua.cham_lo.tham_hoi.khoan_chi[1].muc_chi"
    assert _one_problem(runner, path) == _at(path, text, "muc_chi: ", field) + (
        "số tiền viết đủ các chữ số, dấu chấm ngăn nghìn, ví dụ 1.500.000 hoặc 1.500.000 đồng "
        "(không viết «1,5 triệu»)"
    )


def test_an_amount_render_cannot_print_is_refused_by_validate_too(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "so_tien: 2000000", "so_tien: 10000000000000000000000000000")
    path = write_yaml(text)
    field = "ket_qua.cham_lo.tham_hoi.khoan_chi[2].so_tien"
    expected = _at(path, text, "so_tien: ", field) + "không được lớn hơn 1.000.000.000.000"
    assert _one_problem(runner, path) == expected
    result = runner.invoke(main, ["render", str(path)])
    assert (result.exit_code, result.stderr.splitlines()[0]) == (1, expected)


# -- dates ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("2023-13-45", "ngày 2023-13-45 không có trong lịch"),
        ("2023-02-30", "ngày 2023-02-30 không có trong lịch"),
        ("30/02/2023", "ngày 30/02/2023 không có trong lịch"),
        ("2023-12-20 10:00:00", "chỉ ghi ngày, không ghi giờ, ví dụ 20/12/2023"),
        ("!!timestamp 2023-12-20T10:00:00", "chỉ ghi ngày, không ghi giờ, ví dụ 20/12/2023"),
        ("!!timestamp x", "«x» không đúng với thẻ «!!timestamp»; hãy bỏ thẻ «!!timestamp» đi"),
        ("hôm qua", "phải là một ngày, viết dạng 20/12/2023"),
    ],
)
def test_impossible_dates_and_datetimes_are_located(
    runner, write_yaml, minimal_text, typed, message
):
    text = replace_once(minimal_text, "han_nop: 25/12/2023", f"han_nop: {typed}")
    path = write_yaml(text)
    assert _one_problem(runner, path) == _at(path, text, "han_nop: ", "van_ban.han_nop") + message


# -- tags and escapes -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown", "tag"),
    [('!!int "abc"', "abc", "!!int"), ("!!bool x", "x", "!!bool"), ("!!float x", "x", "!!float")],
)
def test_a_tag_that_does_not_fit_its_text_is_one_located_problem(
    runner, write_yaml, minimal_text, typed, shown, tag
):
    text = replace_once(minimal_text, "nu: 30", f"nu: {typed}")
    path = write_yaml(text)
    assert _one_problem(runner, path) == _at(path, text, "nu: ", "tinh_hinh.so_lieu.nu") + (
        f"«{shown}» không đúng với thẻ «{tag}»; hãy bỏ thẻ «{tag}» đi"
    )


def test_a_lone_surrogate_escape_is_refused_and_a_pair_is_joined(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "ho_ten: Nguyễn Thị Hoa", 'ho_ten: "Hoa \\ud800"')
    path = write_yaml(text)
    assert _one_problem(runner, path) == _at(path, text, "ho_ten: ", "van_ban.nguoi_ky.ho_ten") + (
        "mã «\\ud800» chỉ là một nửa của một ký tự (nửa cặp UTF-16), không in được; "
        "hãy bỏ mã này hoặc gõ thẳng ký tự cần viết"
    )
    paired = write_yaml(
        replace_once(minimal_text, "ho_ten: Nguyễn Thị Hoa", 'ho_ten: "Hoa \\ud83c\\udf38"')
    )
    assert runner.invoke(main, ["render", str(paired)]).exit_code == 0


# -- choices, yes/no ------------------------------------------------------------------


@pytest.mark.parametrize(
    "word", ["đạt", "Đạt", "dat", "chưa đạt", "Đang thực hiện", "dang thuc hien"]
)
def test_a_choice_in_vietnamese_words(runner, write_yaml, minimal_text, word):
    actuals = ACTUALS.replace("{danh_gia: dat,", f"{{danh_gia: {word},")
    report = _write_report(write_yaml, minimal_text, actuals)
    assert _validate(runner, report) == (0, [])


def test_a_choice_outside_the_list_names_the_codes(runner, write_yaml, minimal_text):
    actuals = ACTUALS.replace("{danh_gia: dat,", "{danh_gia: tốt,")
    report = _write_report(write_yaml, minimal_text, actuals)
    text = report.read_text("utf-8")
    assert _one_problem(runner, report) == _at(
        report, text, "{danh_gia: ", "chi_tieu.ket_qua.tham_hoi.danh_gia"
    ) + ("phải là một trong các giá trị: dat, chua_dat, dang_thuc_hien")


@pytest.mark.parametrize(("word", "valid"), [("không", True), ("khong", True), ("yes", False)])
def test_yes_no_only_in_vietnamese_or_true_false(runner, write_yaml, minimal_text, word, valid):
    actuals = ACTUALS.replace("phan_mem_ke_toan: có", f"phan_mem_ke_toan: {{co: {word}}}")
    report = _write_report(write_yaml, minimal_text, actuals)
    code, lines = _validate(runner, report)
    if valid:
        assert (code, lines) == (0, [])
    else:
        where = _at(
            report, report.read_text("utf-8"), "co: ", "chi_tieu.ket_qua.phan_mem_ke_toan.co"
        )
        assert lines[0] == where + "phải là «có» hoặc «không»"


# -- commas in { … } ------------------------------------------------------------------


def test_a_comma_inside_braces_says_to_quote_the_value(runner, write_yaml, minimal_text):
    text = replace_once(
        minimal_text,
        "        - noi_dung: Thăm ốm\n          so_nguoi: 3\n          muc_chi: 500000\n",
        "        - {noi_dung: Thăm ốm, hỗ trợ, so_nguoi: 3, muc_chi: 500000}\n",
    )
    path = write_yaml(text)
    line = line_of(text, "hỗ trợ")
    column = text.splitlines()[line - 1].index("hỗ trợ") + 1
    assert _one_problem(runner, path) == (
        f"{path}:{line}:{column}: ket_qua.cham_lo.tham_hoi.khoan_chi[1].hỗ trợ: dấu phẩy trong "
        "ngoặc «{ }» ngăn cách các mục, nên «hỗ trợ» bị hiểu là một mục riêng; nội dung có dấu "
        'phẩy thì phải đặt trong ngoặc kép: noi_dung: "Thăm ốm, hỗ trợ"'
    )


# -- every pydantic error is ours -----------------------------------------------------


@pytest.mark.parametrize("value", ["[1, 2]", "{a: 1}", "true", "-1", "''", "12.5", "x"])
@pytest.mark.parametrize(
    "old",
    ["so: 7", "ngay: 20/12/2023", "tong_so: 40", "muc_chi: 500000", "dac_diem: Trường có 20 lớp."],
)
def test_no_message_falls_back_to_a_generic_one(runner, write_yaml, minimal_text, old, value):
    key = old.split(":")[0]
    path = write_yaml(replace_once(minimal_text, old, f"{key}: {value}"))
    code, lines = _validate(runner, path)
    assert code in (0, 1)
    assert not any("không dùng được ở đây" in line or "Input" in line for line in lines), lines
    assert "Lỗi không mong đợi" not in "\n".join(lines)


# -- the plan's path ------------------------------------------------------------------


def test_a_plan_path_with_backslashes_is_found(runner, write_yaml, minimal_text, tmp_path):
    (tmp_path / "ke-hoach").mkdir()
    actuals = ACTUALS.replace("ke_hoach: ke-hoach.yaml", "ke_hoach: ke-hoach\\nam-nay.yaml")
    report = _write_report(write_yaml, minimal_text, actuals)
    (report.parent / "ke-hoach.yaml").rename(tmp_path / "ke-hoach" / "nam-nay.yaml")
    assert _validate(runner, report) == (0, [])


def test_a_plan_name_too_long_is_located(runner, write_yaml, minimal_text):
    name = "k" * 256 + ".yaml"
    actuals = ACTUALS.replace("ke_hoach: ke-hoach.yaml", f"ke_hoach: {name}")
    report = _write_report(write_yaml, minimal_text, actuals)
    where = _at(report, report.read_text("utf-8"), "ke_hoach: ", "chi_tieu.ke_hoach")
    assert _one_problem(runner, report) == where + (
        f"tên «{name[:40]}…» dài 261 byte; tên tệp hoặc thư mục dài tối đa 255 byte, "
        "hãy đặt tên ngắn hơn"
    )
