"""Vietnamese formats: the date rule of Decree 30, numbers, money, rounding of shares."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from baocao.compute import filters


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2023, 12, 8), "ngày 08 tháng 12 năm 2023"),
        (date(2023, 12, 20), "ngày 20 tháng 12 năm 2023"),
        (date(2024, 2, 5), "ngày 05 tháng 02 năm 2024"),
        (date(2024, 1, 15), "ngày 15 tháng 01 năm 2024"),
        (date(2024, 3, 8), "ngày 08 tháng 3 năm 2024"),
        (date(2024, 11, 1), "ngày 01 tháng 11 năm 2024"),
    ],
)
def test_date_in_words_follows_the_leading_zero_rule(day, text):
    assert filters.ngay(day) == text


def test_short_date():
    assert filters.ngay_so(date(2023, 3, 8)) == "08/03/2023"


@pytest.mark.parametrize(
    ("value", "decimals", "text"),
    [
        (0, 0, "0"),
        (999, 0, "999"),
        (1000, 0, "1.000"),
        (42500000, 0, "42.500.000"),
        (Decimal("98.75"), 1, "98,8"),
        (Decimal("1234.5"), 1, "1.234,5"),
        (2.5, 0, "3"),
    ],
)
def test_numbers_use_dots_for_thousands_and_a_comma_for_decimals(value, decimals, text):
    assert filters.so(value, decimals) == text


def test_money():
    assert filters.tien(42500000) == "42.500.000 đồng"


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (42500000, "Bốn mươi hai triệu năm trăm nghìn đồng"),
        (105000, "Một trăm lẻ năm nghìn đồng"),
        (21000, "Hai mươi mốt nghìn đồng"),
        (0, "Không đồng"),
    ],
)
def test_money_in_words(value, words):
    assert filters.tien_chu(value) == words


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (1, "một"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (25, "hai mươi lăm"),
        (101, "một trăm lẻ một"),
        (110, "một trăm mười"),
        (1021, "một nghìn không trăm hai mươi mốt"),
        (1005000, "một triệu không trăm lẻ năm nghìn"),
        (1000500, "một triệu năm trăm"),
        (1000050, "một triệu không trăm năm mươi"),
        (2_000_000_000, "hai tỷ"),
        (1_000_000_001_000, "một nghìn tỷ không trăm lẻ một nghìn"),
        (10**18, "một tỷ tỷ"),
    ],
)
def test_numbers_in_words_read_every_group_after_the_first_in_full(value, words):
    assert filters.so_chu(value) == words


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (41, 42, "97,6%"),
        (40, 40, "100%"),
        (0, 40, "0%"),
        (1, 8, "12,5%"),  # exactly 12,5: no rounding needed
        (1, 16, "6,3%"),  # 6,25 rounds half up, not to the even 6,2
        (1, 3, "33,3%"),
        (2, 3, "66,7%"),
        (5, 0, "—"),  # no staff: no share to state
        (0, 0, "—"),
        (1, 2000, "0,1%"),  # 0,05 rounds half up
        (1, 200, "0,5%"),
        (1999, 2000, "100%"),  # 99,95 rounds up to 100,0: statuses compare exactly instead
        (42, 42, "100%"),
        (41, 42, "97,6%"),
    ],
)
def test_shares_round_half_up_to_one_decimal(part, whole, text):
    assert filters.phan_tram(part, whole) == text


def test_prose_splits_into_paragraphs():
    assert filters.doan("  Một.\n\n Hai. \n") == ["Một.", "Hai."]
    assert filters.doan("") == []
    assert filters.doan(None) == []
