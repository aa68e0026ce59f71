"""Derived values: number and symbol, recipient punctuation, totals, the lunar year."""

from __future__ import annotations

import pytest

from baocao.compute import can_chi, kinh_gui_lines, list_lines, so_tien, tinh_toan, tong_chi
from baocao.report import check_file
from baocao.schema.ket_qua import HoatDongChi, KhoanChi

from .conftest import MINIMAL


@pytest.fixture(scope="module")
def derived():
    checked = check_file(MINIMAL)
    assert checked.bao_cao is not None
    return tinh_toan(checked.bao_cao)


def test_number_and_symbol_take_a_leading_zero_below_ten(derived):
    assert derived.so_ky_hieu == "07/BC-CĐCS"


def test_header_names_are_uppercase(derived):
    assert derived.co_quan_chu_quan == "CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH"
    assert derived.co_quan_ban_hanh == "CĐCS TRƯỜNG THCS THỬ NGHIỆM"
    assert (derived.quyen_han, derived.chuc_vu) == ("TM. BAN CHẤP HÀNH", "CHỦ TỊCH")


def test_place_and_date_line(derived):
    assert derived.dia_danh_ngay == "Ninh Bình, ngày 20 tháng 12 năm 2023"


def test_summary_line_and_tet(derived):
    assert derived.trich_yeu == "Sơ kết hoạt động công đoàn học kỳ I, năm học 2023-2024"
    assert derived.tet == "Tết Nguyên đán Giáp Thìn 2024"


def test_shares(derived):
    assert (derived.ty_le_nu, derived.ty_le_doan_vien) == ("75%", "100%")


def test_recipients_get_dashes_and_end_punctuation():
    assert list_lines(["Như trên", "- TT CĐN;", "Lưu: VT."]) == [
        "- Như trên;",
        "- TT CĐN;",
        "- Lưu: VT.",
    ]


def test_one_addressee_stands_on_the_kinh_gui_line():
    assert kinh_gui_lines(["Ban Thường vụ CĐGD tỉnh"]) == ["Kính gửi: Ban Thường vụ CĐGD tỉnh."]
    assert kinh_gui_lines(["A", "B"]) == ["Kính gửi:", "- A;", "- B."]


def test_spending_totals():
    activity = HoatDongChi(
        mo_ta="x",
        khoan_chi=[
            KhoanChi(noi_dung="Thăm ốm", so_nguoi=3, muc_chi=500000),
            KhoanChi(noi_dung="Hỗ trợ", so_tien=2000000),
            KhoanChi(noi_dung="Quà", so_nguoi=4, so_tien=800000),
        ],
    )
    total = tong_chi(activity)
    assert total.tong == 4_300_000
    assert [line.chi_tiet for line in total.dong] == [
        "3 người × 500.000 đồng = 1.500.000 đồng",
        "2.000.000 đồng",
        "4 người, 800.000 đồng",
    ]
    assert so_tien(KhoanChi(noi_dung="x")) == 0


@pytest.mark.parametrize(
    ("year", "name"),
    [
        (2024, "Giáp Thìn 2024"),
        (2025, "Ất Tỵ 2025"),
        (2020, "Canh Tý 2020"),
        (2027, "Đinh Mùi 2027"),
    ],
)
def test_lunar_year_names(year, name):
    assert can_chi(year) == name
