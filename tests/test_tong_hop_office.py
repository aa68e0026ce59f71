"""`baocao tong-hop` as an office acts on it: one row per unit, and every report left out, why.

One folder holds every case at once — a unit that sent twice, two copies signed
the same day, a late report, reports of another school year, another semester
and another parent body, a file with errors whose unit is still known, a file
that is not UTF-8, a FIFO, a file name and a roster with control characters —
and each sheet is checked against what the YAML files say.
"""

from __future__ import annotations

import os
import re
import time
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.enum.section import WD_ORIENT

from baocao.province.tong_hop.names import unit_key

from .conftest import MINIMAL, replace_once
from .test_tong_hop import COL, expected_totals, run, sheet_rows, variant

PROVINCE = "CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH"
"""The parent body a report names when it names none (the schema's default)."""


def report(name: str, staff: int, members: int, signed: str = "20/12/2023", **how: str) -> str:
    """A valid report of `name`; `year` moves all its dates a year back, `body` names another
    parent body, `nu` replaces the count of women as written."""
    text = variant(MINIMAL, name, staff, members, signed=signed)
    if how.get("year"):  # last year's file, written before guideline packs: it names none
        text = re.sub(r"(?m)^huong_dan: .*\n", "", text)
        for old, new in (("2023-2024", how["year"]), ("/2023", "/2022")):
            text = text.replace(old, new)
    if how.get("body"):
        text = replace_once(text, "van_ban:\n", f"van_ban:\n  co_quan_chu_quan: {how['body']}\n")
    if how.get("nu"):
        text = re.sub(r"(?m)^(\s+nu): .+$", rf"\1: {how['nu']}", text, count=1)
    return text


@pytest.fixture
def office(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The folder of reports, a FIFO beside it, and the roster."""
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    files = {
        "gia-hung-cu.yaml": report("CĐCS Trường THCS Gia Hưng", 30, 28, "18/12/2023"),
        "gia-hung.yaml": report("Trường THCS Gia Hưng", 32, 30),
        "khanh-hoa-1.yaml": report("CĐCS Trường Tiểu học Khánh Hoà", 20, 18, "19/12/2023"),
        "khanh-hoa-2.yaml": report("cđcs trường tiểu học  khánh hòa", 21, 19, "19/12/2023"),
        "thuy-son.yaml": report("CĐCS Trường Mầm non Thuỷ Sơn", 25, 25, "27/12/2023"),
        "nam-truoc.yaml": report("CĐCS Trường THCS Yên Mô", 40, 40, year="2022-2023"),
        "hoc-ky-2.yaml": report("CĐCS Trường THPT Kim Sơn", 50, 48, "15/03/2024"),
        "huyen.yaml": report(
            "CĐCS Trường Tiểu học Gia Sinh", 22, 22, body="Công đoàn Giáo dục huyện Gia Viễn"
        ),
        "ninh-hai.yaml": report("CĐCS Trường THCS Ninh Hải", 35, 35, nu="ba mươi"),
        "chuong\x07.yaml": report("CĐCS Trường THPT Yên Khánh", 60, 58),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "latin1.yaml").write_bytes("van_ban:\n  dia_danh: Hà Nôi\n".encode("latin-1"))
    # Two copies signed the same day: the one saved last counts, whatever their names.
    now = time.time()
    os.utime(folder / "khanh-hoa-1.yaml", (now, now))
    os.utime(folder / "khanh-hoa-2.yaml", (now - 3600, now - 3600))
    fifo = tmp_path / "ong.yaml"
    os.mkfifo(fifo)
    roster = tmp_path / "danh-sach.txt"
    names = [
        "Trường THCS Gia Hưng",
        "CĐCS Trường Tiểu học Khánh Hòa",
        "CĐCS Trường Mầm non Thủy Sơn\x07",
        "CĐCS Trường THCS Ninh Hải",
        "CĐCS Trường THCS Yên Mô",
        "CĐCS Trường THCS Đông Sơn",
    ]
    roster.write_text("\n".join(names) + "\n", encoding="utf-8")
    return folder, fifo, roster


def test_every_sheet_of_a_folder_with_every_case(runner, office, tmp_path):
    folder, fifo, roster = office
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, folder, fifo, "-o", out, "--danh-sach", roster)
    assert result.exit_code == 1, result.output
    assert result.stdout == (
        f"Đã tạo {out}: 4 đơn vị, 3 tệp có lỗi chưa được tổng hợp, "
        "2 báo cáo đã được thay bằng báo cáo ký sau, "
        "3 báo cáo khác kỳ hoặc khác cơ quan chủ quản, 2 đơn vị chưa nộp.\n"
    )
    f = {name: str(folder / name) for name in os.listdir(folder)}
    bell = str(folder / "chuong.yaml")  # the file's name as printed: without its BEL

    # «Tổng hợp»: the four units counted, once each, in Vietnamese order without «CĐCS Trường».
    _, *rows, totals = sheet_rows(out)
    replaced = "Thay cho 1 báo cáo khác của đơn vị (trang «Đã thay thế»)"
    assert [(r[1], r[COL["Tệp"]], r[COL["Ghi chú"]]) for r in rows] == [
        ("CĐCS Trường Mầm non Thuỷ Sơn", f["thuy-son.yaml"], "Nộp muộn (2 ngày)"),
        ("Trường THCS Gia Hưng", f["gia-hung.yaml"], replaced),
        ("CĐCS Trường THPT Yên Khánh", bell, "Không có trong danh sách"),
        ("CĐCS Trường Tiểu học Khánh Hoà", f["khanh-hoa-1.yaml"], replaced),
    ]
    counted = [folder / n for n in ("thuy-son.yaml", "gia-hung.yaml", "chuong\x07.yaml")]
    counted.append(folder / "khanh-hoa-1.yaml")
    for row, file in zip(rows, counted, strict=True):
        assert list(row[2:12]) == expected_totals([file])
    assert totals[1] == "Tổng cộng (4 đơn vị)"
    assert list(totals[2:12]) == expected_totals(counted)

    assert sheet_rows(out, "Đã thay thế") == [
        ("STT", "Đơn vị", "Ngày báo cáo", "Tệp", "Thay bằng tệp", "Ngày báo cáo thay thế"),
        (
            1,
            "CĐCS Trường THCS Gia Hưng",
            datetime(2023, 12, 18),
            f["gia-hung-cu.yaml"],
            f["gia-hung.yaml"],
            datetime(2023, 12, 20),
        ),
        (
            2,
            "cđcs trường tiểu học  khánh hòa",
            datetime(2023, 12, 19),
            f["khanh-hoa-2.yaml"],
            f["khanh-hoa-1.yaml"],
            datetime(2023, 12, 19),
        ),
    ]

    head, *outside = sheet_rows(out, "Ngoài phạm vi")
    assert head == ("STT", "Đơn vị", "Năm học", "Ngày báo cáo", "Cơ quan chủ quản", "Tệp", "Lý do")
    assert outside == [
        (
            1,
            "CĐCS Trường THCS Yên Mô",
            "2022-2023",
            datetime(2022, 12, 20),
            PROVINCE,
            f["nam-truoc.yaml"],
            "Năm học 2022-2023, không phải năm học 2023-2024",
        ),
        (
            2,
            "CĐCS Trường THPT Kim Sơn",
            "2023-2024",
            datetime(2024, 3, 15),
            PROVINCE,
            f["hoc-ky-2.yaml"],
            "Ký ngày 15/03/2024, ngoài học kỳ I (01/08/2023 – 31/01/2024)",
        ),
        (
            3,
            "CĐCS Trường Tiểu học Gia Sinh",
            "2023-2024",
            datetime(2023, 12, 20),
            "Công đoàn Giáo dục huyện Gia Viễn",
            f["huyen.yaml"],
            f"Cơ quan chủ quản «Công đoàn Giáo dục huyện Gia Viễn», không phải «{PROVINCE}»",
        ),
    ]

    _, latin1, ninh_hai, pipe = sheet_rows(out, "Lỗi")
    assert latin1[:2] == (f["latin1.yaml"], None) and "UTF-8" in latin1[5]
    assert ninh_hai[:2] == (f["ninh-hai.yaml"], "CĐCS Trường THCS Ninh Hải")
    assert ninh_hai[4:] == ("tinh_hinh.so_lieu.nu", "phải là một số nguyên, ví dụ 8 hoặc 08")
    assert pipe == (str(fifo), None, 1, 1, None, "không phải một tệp dữ liệu thông thường")

    assert sheet_rows(out, "Danh sách")[1:] == [
        (1, "Trường THCS Gia Hưng", "Đã nộp", f["gia-hung.yaml"], None),
        (2, "CĐCS Trường Tiểu học Khánh Hòa", "Đã nộp", f["khanh-hoa-1.yaml"], None),
        (3, "CĐCS Trường Mầm non Thủy Sơn", "Đã nộp", f["thuy-son.yaml"], None),
        (4, "CĐCS Trường THCS Ninh Hải", "Có lỗi", f["ninh-hai.yaml"], "1 lỗi (trang «Lỗi»)"),
        (
            5,
            "CĐCS Trường THCS Yên Mô",
            "Chưa nộp",
            f["nam-truoc.yaml"],
            "Chỉ có báo cáo không được tổng hợp: Năm học 2022-2023, không phải năm học 2023-2024",
        ),
        (6, "CĐCS Trường THCS Đông Sơn", "Chưa nộp", None, None),
    ]


def test_the_docx_has_the_same_units_in_a_readable_landscape_table(runner, office, tmp_path):
    folder, _, roster = office
    out = tmp_path / "tong-hop.docx"
    assert run(runner, folder, "-o", out, "--danh-sach", roster).exit_code == 1
    document = Document(str(out))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    assert section.page_width > section.page_height
    title = document.paragraphs[0].text
    assert title == "TỔNG HỢP BÁO CÁO SƠ KẾT HOẠT ĐỘNG CÔNG ĐOÀN HỌC KỲ I, NĂM HỌC 2023-2024"
    table = document.tables[0]
    header = [cell.text for cell in table.rows[0].cells]
    unit = header.index("Đơn vị")
    assert [row.cells[unit].text for row in table.rows[1:]][-1] == "Tổng cộng (4 đơn vị)"
    widths = [cell.width.mm for cell in table.rows[0].cells]
    assert widths[unit] >= 40  # a school's name in two or three lines, not one word a line
    assert sum(widths) <= 267 + 0.5  # A4 landscape within 15 mm margins
    sizes = {run.font.size.pt for cell in table.rows[1].cells for run in cell.paragraphs[0].runs}
    assert sizes and min(sizes) >= 9
    names = [p.text for p in document.paragraphs]
    assert {"Danh sách", "Lỗi", "Đã thay thế", "Ngoài phạm vi"} <= set(names)


def test_every_sheet_prints_its_header_on_each_page_and_fits_the_width(runner, office, tmp_path):
    folder, _, roster = office
    out = tmp_path / "tong-hop.xlsx"
    run(runner, folder, "-o", out, "--danh-sach", roster)
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames == ["Tổng hợp", "Danh sách", "Lỗi", "Đã thay thế", "Ngoài phạm vi"]
    for sheet in workbook.worksheets:
        assert sheet.print_title_rows == "$1:$1"
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.freeze_panes == "A2"
        assert all(cell.font.b for cell in sheet[1])


def test_the_school_year_and_parent_body_given_decide_what_is_counted(runner, office, tmp_path):
    folder, _, _ = office
    out = tmp_path / "tong-hop.xlsx"
    args = ["--nam-hoc", "2022 - 2023", "--co-quan", "công đoàn giáo dục tỉnh ninh bình"]
    assert run(runner, folder, "-o", out, *args).exit_code == 1
    _, *rows, totals = sheet_rows(out)
    assert [row[1] for row in rows] == ["CĐCS Trường THCS Yên Mô"]
    assert list(totals[2:12]) == expected_totals([folder / "nam-truoc.yaml"])
    reasons = [row[-1] for row in sheet_rows(out, "Ngoài phạm vi")[1:]]
    assert len(reasons) == 8
    assert all(r.startswith("Năm học 2023-2024, không phải năm học 2022-2023") for r in reasons)
    assert sum("Cơ quan chủ quản «Công đoàn Giáo dục huyện Gia Viễn»" in r for r in reasons) == 1


def test_a_school_year_that_is_not_one_is_a_usage_error(runner, office, tmp_path):
    folder, _, _ = office
    result = run(runner, folder, "-o", tmp_path / "th.xlsx", "--nam-hoc", "2023-2025")
    assert result.exit_code == 2
    assert "--nam-hoc 2023-2025: năm học phải gồm hai năm liền nhau" in result.stderr
    assert not (tmp_path / "th.xlsx").exists()


def test_parallel_and_serial_runs_give_the_same_bytes(runner, office, tmp_path):
    folder, _, roster = office
    one, two = tmp_path / "1.xlsx", tmp_path / "2.xlsx"
    run(runner, folder, "-o", one, "--danh-sach", roster, "--jobs", "1")
    run(runner, folder, "-o", two, "--danh-sach", roster, "--jobs", "2")
    assert one.read_bytes() == two.read_bytes()


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("CĐCS Trường THCS Gia Hưng", "Trường THCS Gia Hưng"),
        ("Công đoàn cơ sở Trường THCS Gia Hưng", "THCS Gia Hưng"),
        ("Trường Tiểu học Khánh Hoà", "trường tiểu học  KHÁNH HÒA"),
        ("Thuỷ Sơn", "Thủy Sơn"),
        ("Khoẻ", "Khỏe"),
        ("Hoả Lò", "Hỏa Lò"),
        ("Đoàn Toả", "Đoàn Tỏa"),
        ("Uý Lai", "Úy Lai"),
        ("Ho\u0300a", "Hòa"),  # decomposed, as pasted from some editors
    ],
)
def test_names_of_one_unit_have_one_key(one, other):
    assert unit_key(one) == unit_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Hoà", "Hóa"), ("Thuỷ", "Thuý"), ("THCS Gia Hưng", "THCS Gia Hung"), ("Hoàng", "Hoang")],
)
def test_names_of_two_units_keep_two_keys(one, other):
    assert unit_key(one) != unit_key(other)


def test_control_characters_in_file_names_and_the_roster_are_removed(runner, office, tmp_path):
    folder, _, roster = office
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, folder / "chuong\x07.yaml", "-o", out, "--danh-sach", roster)
    assert result.exit_code == 0, result.output
    assert sheet_rows(out)[1][COL["Tệp"]] == str(folder / "chuong.yaml")
    assert sheet_rows(out, "Danh sách")[3][1] == "CĐCS Trường Mầm non Thủy Sơn"


def test_a_fifo_is_one_failed_file_not_a_hang(runner, office, tmp_path):
    folder, fifo, _ = office
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, fifo, folder / "gia-hung.yaml", "-o", out)
    assert result.exit_code == 1
    assert f"{fifo}:1:1: không phải một tệp dữ liệu thông thường" in result.stderr
    assert len(sheet_rows(out, "Lỗi")) == 2 and len(sheet_rows(out)) == 3
