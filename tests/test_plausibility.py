"""Plausibility warnings: figures and years that may be true but are more likely slips."""

from __future__ import annotations

import pytest

from baocao.cli import main

from .conftest import EXAMPLES, line_of, replace_once


def _warnings(runner, path) -> list[str]:
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()


def _at(path, text: str, needle: str, field: str, value_at: int | None = None) -> str:
    """`FILE:LINE:COL: field: cảnh báo: ` with the value `value_at` characters into `needle`."""
    line = line_of(text, needle)
    offset = len(needle) if value_at is None else value_at
    column = text.splitlines()[line - 1].index(needle) + offset + 1
    return f"{path}:{line}:{column}: {field}: cảnh báo: "


def test_more_party_introductions_than_members(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "gioi_thieu_dang: 1", "gioi_thieu_dang: 41")
    path = write_yaml(text)
    field = "ket_qua.to_chuc.phat_trien.gioi_thieu_dang"
    assert _warnings(runner, path) == [
        _at(path, text, "gioi_thieu_dang: ", field)
        + "số đoàn viên giới thiệu cho Đảng (41) nhiều hơn số đoàn viên công đoàn (40)"
    ]


def test_more_party_admissions_than_introductions(runner, write_yaml, minimal_text):
    text = replace_once(
        minimal_text, "gioi_thieu_dang: 1", "gioi_thieu_dang: 1\n      ket_nap_dang: 2"
    )
    path = write_yaml(text)
    assert _warnings(runner, path) == [
        _at(path, text, "ket_nap_dang: ", "ket_qua.to_chuc.phat_trien.ket_nap_dang")
        + "số đoàn viên được kết nạp Đảng (2) nhiều hơn số được giới thiệu cho Đảng (1)"
    ]


def test_a_tet_gift_for_more_people_than_the_staff(runner, write_yaml, minimal_text):
    text = replace_once(
        minimal_text,
        "      mo_ta: Dự kiến tặng quà Tết.\n",
        "      mo_ta: Dự kiến tặng quà Tết.\n      khoan_chi:\n"
        "        - {noi_dung: Quà Tết, so_nguoi: 400, muc_chi: 500000}\n",
    )
    path = write_yaml(text)
    field = "ket_qua.cham_lo.ke_hoach_tet.khoan_chi[1].so_nguoi"
    assert _warnings(runner, path) == [
        _at(path, text, "so_nguoi: 400", field, len("so_nguoi: "))
        + "khoản chi Tết cho 400 người, nhiều hơn tổng số CBNGNLĐ (40)"
    ]


def test_membership_that_changed_by_more_than_half(runner, write_yaml, minimal_text):
    text = replace_once(minimal_text, "dau_ky: 39", "dau_ky: 12")
    text = replace_once(text, "ket_nap_moi: 1", "ket_nap_moi: 28")
    path = write_yaml(text)
    assert _warnings(runner, path) == [
        _at(path, text, "dau_ky: ", "tinh_hinh.bien_dong.dau_ky")
        + "số đoàn viên đổi hơn một nửa trong học kỳ (đầu kỳ 12, cuối kỳ 40); hãy xem lại số liệu"
    ]


@pytest.mark.parametrize(
    ("prose", "shown"),
    [
        ("Hội nghị viên chức ngày 23/9/2021.", "«23/9/2021» không thuộc năm học 2023-2024"),
        ("Tổng kết năm học 2020-2021.", "«năm học 2020-2021» không thuộc năm học 2023-2024"),
        ("Đại hội tháng 4/2021.", "«4/2021» không thuộc năm học 2023-2024"),
    ],
)
def test_a_date_of_another_school_year_in_prose(runner, write_yaml, minimal_text, prose, shown):
    text = replace_once(minimal_text, "dac_diem: Trường có 20 lớp.", f"dac_diem: {prose}")
    path = write_yaml(text)
    assert _warnings(runner, path) == [
        _at(path, text, "dac_diem: ", "tinh_hinh.dac_diem")
        + f"{shown}; hãy xem lại, có thể chép từ báo cáo năm trước"
    ]


@pytest.mark.parametrize("tet", ["Tết Nguyên đán Quý Mão", "Tết Nguyên đán 2023", "Tết Quý Mão"])
def test_a_tet_of_another_year(runner, write_yaml, minimal_text, tet):
    text = replace_once(
        minimal_text, "mo_ta: Dự kiến tặng quà Tết.", f"mo_ta: Quà {tet} cho đoàn viên."
    )
    path = write_yaml(text)
    assert _warnings(runner, path) == [
        _at(path, text, "mo_ta: Quà", "ket_qua.cham_lo.ke_hoach_tet.mo_ta", len("mo_ta: "))
        + f"«{tet}» không phải Tết của năm học này (Tết Nguyên đán Giáp Thìn 2024); "
        "hãy xem lại"
    ]


@pytest.mark.parametrize(
    "prose",
    [
        "Theo Nghị định 30/2020/NĐ-CP và Luật Giáo dục năm 2019.",
        "Chương trình giáo dục phổ thông 2018; 33/34 giáo viên đạt chuẩn.",
        "Vui Tết Trung thu 2023 và chuẩn bị Tết Nguyên đán Giáp Thìn 2024.",
        "So với năm học 2022-2023, kế hoạch năm học 2024-2025.",
        "Nhiệm kỳ 2023-2028; ngày 20/12/2022.",
    ],
)
def test_years_named_on_purpose_are_left_alone(runner, write_yaml, minimal_text, prose):
    text = replace_once(minimal_text, "dac_diem: Trường có 20 lớp.", f"dac_diem: {prose}")
    assert _warnings(runner, write_yaml(text)) == []


def test_the_example_stays_free_of_warnings(runner):
    result = runner.invoke(main, ["validate", str(EXAMPLES / "hk1.yaml")])
    assert (result.exit_code, result.stderr) == (0, "")
