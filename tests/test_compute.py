"""Derived values: number and symbol, recipient punctuation, totals, the lunar year."""

from __future__ import annotations

import pytest

from baocao.checks.pipeline import check_source
from baocao.compute.derived import (
    can_chi,
    kinh_gui_lines,
    list_lines,
    so_tien,
    thay_doi,
    tinh_toan,
    tong_chi,
)
from baocao.schema.ket_qua import HoatDongChi, KhoanChi
from baocao.schema.tinh_hinh import BienDong

from .conftest import MINIMAL


@pytest.fixture(scope="module")
def derived():
    checked = check_source(MINIMAL)
    assert checked.model is not None
    return tinh_toan(checked.model)


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
    assert total.bang_chu == "Bốn triệu ba trăm nghìn đồng"
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


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"dau_ky": 40, "ket_nap_moi": 1, "chuyen_den": 2, "nghi_che_do": 1, "chuyen_di": 1},
         "tăng 1 đoàn viên so với đầu học kỳ"),
        ({"nghi_che_do": 2, "chuyen_di": 1}, "giảm 3 đoàn viên so với đầu học kỳ"),
        ({"ket_nap_moi": 1, "chuyen_di": 1}, "không thay đổi so với đầu học kỳ"),
        ({}, "không thay đổi so với đầu học kỳ"),
        ({"ket_nap_moi": 1200}, "tăng 1.200 đoàn viên so với đầu học kỳ"),
    ],
)  # fmt: skip
def test_membership_change_in_words(changes, words):
    assert thay_doi(BienDong(**changes)) == words


def test_the_report_derives_its_change_totals_and_appendix_line(derived):
    assert derived.doan_vien_thay_doi == "tăng 1 đoàn viên so với đầu học kỳ"  # 39 + 1 + 1 - 1
    assert derived.tham_hoi.tong == 3_500_000
    assert derived.tham_hoi.bang_chu == "Ba triệu năm trăm nghìn đồng"
    assert derived.ke_hoach_tet.bang_chu == "Không đồng"
    assert derived.kem_theo == (
        "Kèm theo Báo cáo số 07/BC-CĐCS ngày 20 tháng 12 năm 2023 của CĐCS Trường THCS Thử Nghiệm"
    )
    assert derived.chi_tieu == []  # no plan named
    assert derived.phu_luc_anh == []  # filled only when rendering with the photos
