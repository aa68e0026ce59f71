"""Cross-field checks: errors stop the report, warnings do not; each located on its value."""

from __future__ import annotations

import pytest

from baocao.checks.pipeline import check_source

from .conftest import line_of, replace_once


def _findings(write_yaml, text: str) -> list[tuple[str, int, str, str]]:
    return [
        (p.path, p.line, p.severity, p.message) for p in check_source(write_yaml(text)).problems
    ]


def test_members_cannot_exceed_staff(write_yaml, minimal_text):
    text = replace_once(minimal_text, "    doan_vien: 40", "    doan_vien: 41")
    text = replace_once(text, "dau_ky: 39", "dau_ky: 40")
    assert _findings(write_yaml, text) == [
        (
            "tinh_hinh.so_lieu.doan_vien",
            line_of(text, "doan_vien: 41"),
            "loi",
            "số đoàn viên (41) lớn hơn tổng số CBNGNLĐ (40)",
        )
    ]


def test_women_cannot_exceed_staff(write_yaml, minimal_text):
    text = replace_once(minimal_text, "nu: 30", "nu: 45")
    assert _findings(write_yaml, text) == [
        (
            "tinh_hinh.so_lieu.nu",
            line_of(text, "nu: 45"),
            "loi",
            "số nữ (45) lớn hơn tổng số CBNGNLĐ (40)",
        )
    ]


def test_membership_must_follow_from_the_changes(write_yaml, minimal_text):
    text = replace_once(minimal_text, "dau_ky: 39", "dau_ky: 38")
    ((path, line, severity, message),) = _findings(write_yaml, text)
    assert (path, line, severity) == (
        "tinh_hinh.so_lieu.doan_vien",
        line_of(text, "    doan_vien: 40"),
        "loi",
    )
    assert message == (
        "số đoàn viên cuối kỳ (40) không khớp với biến động trong kỳ: 38 đầu kỳ + 1 kết nạp mới "
        "+ 1 chuyển đến − 1 nghỉ chế độ − 0 chuyển đi = 39"
    )


def test_membership_is_not_checked_without_a_start_count(write_yaml, minimal_text):
    text = replace_once(minimal_text, "    dau_ky: 39\n", "")
    assert _findings(write_yaml, text) == []


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("ngay: 20/12/2023", "ngay: 20/12/2024", "van_ban.ngay"),
        ("han_nop: 25/12/2023", "han_nop: 25/07/2023", "van_ban.han_nop"),
        ("thoi_diem: 20/12/2023", "thoi_diem: 31/07/2023", "tinh_hinh.so_lieu.thoi_diem"),
    ],
)
def test_dates_must_fall_in_the_school_year(write_yaml, minimal_text, old, new, field):
    text = replace_once(minimal_text, old, new)
    errors = [f for f in _findings(write_yaml, text) if f[2] == "loi"]
    assert [(f[0], f[1]) for f in errors] == [(field, line_of(text, new))]
    assert "nằm ngoài năm học 2023-2024 (01/08/2023 – 31/07/2024)" in errors[0][3]


def test_a_report_after_the_deadline_is_a_warning(write_yaml, minimal_text):
    text = replace_once(minimal_text, "ngay: 20/12/2023", "ngay: 27/12/2023")
    checked = check_source(write_yaml(text))
    assert checked.errors == []
    (warning,) = checked.warnings
    assert (warning.path, warning.line) == ("van_ban.ngay", line_of(text, "ngay: 27/12/2023"))
    assert warning.message == "báo cáo ký ngày 27/12/2023, sau hạn nộp 25/12/2023"
    assert "cảnh báo: " in str(warning)


def test_figures_dated_after_the_report_are_a_warning(write_yaml, minimal_text):
    text = replace_once(minimal_text, "thoi_diem: 20/12/2023", "thoi_diem: 22/12/2023")
    (finding,) = _findings(write_yaml, text)
    assert finding[:3] == ("tinh_hinh.so_lieu.thoi_diem", line_of(text, "22/12/2023"), "canh_bao")


def test_figures_outside_semester_one_are_a_warning(write_yaml, minimal_text):
    text = replace_once(minimal_text, "thoi_diem: 20/12/2023", "thoi_diem: 20/03/2024")
    text = replace_once(text, "ngay: 20/12/2023", "ngay: 25/03/2024")
    text = replace_once(text, "han_nop: 25/12/2023", "han_nop: 30/03/2024")
    (finding,) = _findings(write_yaml, text)
    assert finding[0] == "tinh_hinh.so_lieu.thoi_diem"
    assert finding[2] == "canh_bao"
    assert "nằm ngoài học kỳ I (01/08/2023 – 31/01/2024)" in finding[3]


_LINE = "        - noi_dung: Thăm ốm\n          so_nguoi: 3\n          muc_chi: 500000\n"


@pytest.mark.parametrize(
    ("replacement", "field", "message"),
    [
        (
            "        - noi_dung: Thăm ốm\n          muc_chi: 500000\n",
            "ket_qua.cham_lo.tham_hoi.khoan_chi[1].muc_chi",
            "đã ghi mức chi mỗi người thì cần ghi cả số người",
        ),
        (
            "        - noi_dung: Thăm ốm\n          so_nguoi: 3\n",
            "ket_qua.cham_lo.tham_hoi.khoan_chi[1]",
            "cần ghi số tiền: số người và mức chi mỗi người, hoặc tổng số tiền",
        ),
        (
            _LINE + "          so_tien: 1000000\n",
            "ket_qua.cham_lo.tham_hoi.khoan_chi[1].so_tien",
            "tổng số tiền (1.000.000 đồng) khác số người × mức chi (1.500.000 đồng)",
        ),
    ],
)
def test_spending_lines_must_state_an_amount_once(
    write_yaml, minimal_text, replacement, field, message
):
    text = replace_once(minimal_text, _LINE, replacement)
    assert [(f[0], f[2], f[3]) for f in _findings(write_yaml, text)] == [(field, "loi", message)]


def test_a_consistent_three_part_spending_line_is_fine(write_yaml, minimal_text):
    text = replace_once(minimal_text, _LINE, _LINE + "          so_tien: 1500000\n")
    assert _findings(write_yaml, text) == []
