"""Schema validation: Vietnamese messages at the right line:column, every problem in one run."""

from __future__ import annotations

import pytest

from baocao.checks.pipeline import check_source
from baocao.schema import BaoCao

from .conftest import line_of, replace_once


def _problems(write_yaml, text: str) -> list[str]:
    return [str(p) for p in check_source(write_yaml(text)).problems]


def test_minimal_report_is_valid(write_yaml, minimal_text):
    checked = check_source(write_yaml(minimal_text))
    assert checked.problems == []
    assert isinstance(checked.model, BaoCao)


def test_unknown_key_is_an_error_at_the_key_with_a_suggestion(write_yaml, minimal_text):
    text = replace_once(minimal_text, "    nu: 30\n", "    nu: 30\n    doan_vienn: 3\n")
    path = write_yaml(text)
    (problem,) = check_source(path).problems
    assert str(problem) == (
        f"{path}:{line_of(text, 'doan_vienn')}:5: tinh_hinh.so_lieu.doan_vienn: "
        "không có mục «doan_vienn» trong mẫu báo cáo; có phải «doan_vien»?"
    )


def test_unknown_key_without_a_close_match_lists_the_allowed_keys(write_yaml, minimal_text):
    text = replace_once(minimal_text, "  so: 7\n", "  so: 7\n  xyz: 1\n")
    (problem,) = _problems(write_yaml, text)
    assert "các mục hợp lệ ở đây: co_quan_chu_quan, co_quan_ban_hanh, so," in problem


def test_missing_field_points_at_its_parent_and_names_it(write_yaml, minimal_text):
    text = replace_once(minimal_text, "  tu_tuong: Đội ngũ yên tâm công tác.\n", "")
    path = write_yaml(text)
    (problem,) = check_source(path).problems
    assert str(problem) == (
        f"{path}:{line_of(text, 'tinh_hinh:')}:1: tinh_hinh.tu_tuong: "
        "thiếu mục bắt buộc «tu_tuong» (Diễn biến tư tưởng)"
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("tong_so: 40", "tong_so: bốn mươi", "tinh_hinh.so_lieu.tong_so", "phải là một số nguyên"),
        ("tong_so: 40", "tong_so: 40.5", "tinh_hinh.so_lieu.tong_so", "phải là một số nguyên"),
        ("tong_so: 40", "tong_so: yes", "tinh_hinh.so_lieu.tong_so", "phải là một số nguyên"),
        ("tong_so: 40", "tong_so: -3", "tinh_hinh.so_lieu.tong_so", "không được là số âm"),
        ("so: 7", "so: 0", "van_ban.so", "không được nhỏ hơn 1"),
        ("ngay: 20/12/2023", "ngay: 31/02/2024", "van_ban.ngay", "ngày 31/02/2024 không có"),
        ("ngay: 20/12/2023", "ngay: hôm nay", "van_ban.ngay", "phải là một ngày"),
        ("nam_hoc: 2023-2024", "nam_hoc: 2023-2025", "van_ban.nam_hoc", "hai năm liền nhau"),
        ("nam_hoc: 2023-2024", "nam_hoc: 2023", "van_ban.nam_hoc", "viết dạng 2023-2024"),
        ("dac_diem: Trường có 20 lớp.", "dac_diem: ''", "tinh_hinh.dac_diem", "chưa điền"),
        ("dac_diem: Trường có 20 lớp.", "dac_diem:", "tinh_hinh.dac_diem", "chưa điền"),
        (
            "dac_diem: Trường có 20 lớp.",
            "dac_diem: 12",
            "tinh_hinh.dac_diem",
            "phải là một đoạn chữ",
        ),
        (
            "  thuan_loi:\n    - Được cấp ủy quan tâm.",
            "  thuan_loi: Được cấp ủy quan tâm.",
            "tinh_hinh.thuan_loi",
            "phải là một danh sách",
        ),
        (
            "  thuan_loi:\n    - Được cấp ủy quan tâm.",
            "  thuan_loi: []",
            "tinh_hinh.thuan_loi",
            "cần ít nhất 1 mục",
        ),
        (
            "    - Được cấp ủy quan tâm.",
            "    - ''",
            "tinh_hinh.thuan_loi[1]",
            "chưa điền nội dung",
        ),
        (
            "        noi_phat_dong: Công đoàn Giáo dục tỉnh",
            "        noi_phat_dong: [a, b]",
            "ket_qua.thi_dua.phong_trao[1].noi_phat_dong",
            "phải là một đoạn chữ",
        ),
        (
            "  kiem_tra:\n    danh_gia: Kiểm tra tài chính công đoàn.",
            "  kiem_tra: Kiểm tra tài chính công đoàn.",
            "ket_qua.kiem_tra",
            "phải gồm các mục con, mỗi mục một dòng «tên: nội dung»",
        ),
    ],
)
def test_type_errors_are_located_on_the_value(write_yaml, minimal_text, old, new, field, message):
    text = replace_once(minimal_text, old, new)
    path = write_yaml(text)
    (problem,) = check_source(path).problems
    value_line = line_of(text, new.splitlines()[-1])
    assert problem.path == field
    assert problem.line == value_line
    assert message in problem.message


def test_a_colon_in_a_list_item_gets_a_hint(write_yaml, minimal_text):
    text = replace_once(minimal_text, "    - Kinh phí hạn hẹp.", "    - Kinh phí: hạn hẹp")
    (problem,) = check_source(write_yaml(text)).problems
    assert problem.path == "dac_thu.kho_khan[1]"
    assert "hãy đặt cả dòng trong ngoặc kép" in problem.message


def test_dates_accept_iso_and_vietnamese_forms(write_yaml, minimal_text):
    text = replace_once(minimal_text, "ngay: 20/12/2023", "ngay: 2023-12-20")
    text = replace_once(text, "thoi_diem: 20/12/2023", "thoi_diem: 20.12.2023")
    checked = check_source(write_yaml(text))
    assert checked.problems == []
    assert checked.model is not None
    assert checked.model.van_ban.ngay == checked.model.tinh_hinh.so_lieu.thoi_diem


def test_every_problem_is_reported_in_one_run_in_file_order(write_yaml, minimal_text):
    text = replace_once(minimal_text, "so: 7", "so: -1")
    text = replace_once(text, "tong_so: 40", "tong_so: nhiều")
    text = replace_once(text, "du_bao:", "du_bao_:")
    text += "van_ban: {}\n"
    problems = check_source(write_yaml(text)).problems
    assert [p.path for p in problems] == [
        "van_ban.so",
        "tinh_hinh.so_lieu.tong_so",
        "hoc_ky_2.du_bao",
        "hoc_ky_2.du_bao_",
        "van_ban",
    ]
    assert [p.line for p in problems] == sorted(p.line for p in problems)
