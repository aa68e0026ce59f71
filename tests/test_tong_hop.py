"""`baocao tong-hop`: many units' reports in one table, checked against the YAML they came from."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from docx import Document
from docx.enum.section import WD_ORIENT
from openpyxl.utils import get_column_letter

from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.compute.derived import tinh_toan
from baocao.province.tong_hop.columns import COT
from baocao.province.tong_hop.names import sort_key

from .conftest import EXAMPLES, MINIMAL, copy_example_attachments, line_of, replace_once

HEADER = (
    "STT",
    "Đơn vị",
    "Tổng số CBNGNLĐ",
    "Nữ",
    "Đoàn viên",
    "Đoàn viên đầu kỳ",
    "Kết nạp mới",
    "Chuyển đến",
    "Nghỉ chế độ",
    "Chuyển đi",
    "Thăm hỏi, hỗ trợ (đồng)",
    "Dự trù chăm lo Tết (đồng)",
    "Chỉ tiêu đạt",
    "Tổng số chỉ tiêu",
    "Ngày báo cáo",
    "Tệp",
    "Ghi chú",
)

COL = {name: index for index, name in enumerate(HEADER)}
"""Each column's index in a row of sheet «Tổng hợp»."""
LETTER = {name: get_column_letter(index + 1) for name, index in COL.items()}

# In Vietnamese order: Mầm non < THCS < Tiểu học (h < i), Dân < Đông (d < đ), An < Ân (a < â).
# A code-point sort would put «Đông» and «Ân» last.
UNITS = (
    "CĐCS Trường Mầm non Bích Đào",
    "CĐCS Trường THCS Dân Tiến",
    "CĐCS Trường THCS Đông Sơn",
    "CĐCS Trường Tiểu học An Hòa",
    "CĐCS Trường Tiểu học Ân Thi",
)


def variant(base: Path, name: str, staff: int, members: int, *, signed: str = "") -> str:
    """`base` for another unit with other figures, still consistent: members = start + 1."""
    text = base.read_text(encoding="utf-8")
    for key, value in (
        ("co_quan_ban_hanh", name),
        ("tong_so", staff),
        ("nu", staff - 5),
        ("doan_vien", members),
        ("dau_ky", members - 1),
    ):
        text, count = re.subn(rf"(?m)^(\s+{key}): .+$", rf"\1: {value}", text, count=1)
        assert count == 1, key
    return replace_once(text, "ngay: 20/12/2023", f"ngay: {signed}") if signed else text


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A folder as the province receives it: valid reports in subfolders, not sorted by name."""
    folder = tmp_path / "bao-cao"
    (folder / "huyen-a").mkdir(parents=True)
    (folder / "huyen-b").mkdir()
    files = {
        "huyen-a/1.yaml": variant(MINIMAL, UNITS[4], 30, 28),
        "huyen-a/2.yml": variant(EXAMPLES / "hk1.yaml", UNITS[2], 55, 50),
        "huyen-b/3.yaml": variant(MINIMAL, UNITS[0], 25, 20, signed="27/12/2023"),
        "huyen-b/4.yaml": variant(MINIMAL, UNITS[3], 12, 12),
        "5.yaml": variant(EXAMPLES / "hk1.yaml", UNITS[1], 61, 60),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    for beside_the_example in (folder, folder / "huyen-a"):  # the plan and photos it names
        copy_example_attachments(beside_the_example)
    (folder / "baocao.schema.json").write_text("{}", encoding="utf-8")
    (folder / ".nhap.yaml").write_text("van_ban: [\n", encoding="utf-8")
    return folder


@pytest.fixture
def bad(tmp_path: Path) -> tuple[Path, Path, str]:
    """Two broken reports: a YAML syntax error and a figure that is not a number."""
    syntax = tmp_path / "hong.yaml"
    syntax.write_text("van_ban: [\n", encoding="utf-8")
    text = replace_once(MINIMAL.read_text(encoding="utf-8"), "nu: 30", "nu: ba mươi")
    figure = tmp_path / "sai-so.yaml"
    figure.write_text(text, encoding="utf-8")
    return syntax, figure, text


def sheet_rows(path: Path, sheet: str = "Tổng hợp") -> list[tuple[Any, ...]]:
    return list(openpyxl.load_workbook(path)[sheet].iter_rows(values_only=True))


def spending(activity: dict[str, Any]) -> int:
    return sum(
        line["so_nguoi"] * line["muc_chi"] if "muc_chi" in line else line.get("so_tien", 0)
        for line in activity.get("khoan_chi", [])
    )


def expected_totals(files: list[Path]) -> list[int]:
    """The totals row's figures, from the YAML files alone."""
    totals = [0] * 10
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        so_lieu, bien_dong = data["tinh_hinh"]["so_lieu"], data["tinh_hinh"]["bien_dong"]
        cham_lo = data["ket_qua"]["cham_lo"]
        figures = [
            *(so_lieu[k] for k in ("tong_so", "nu", "doan_vien")),
            *(bien_dong.get(k, 0) for k in ("dau_ky", "ket_nap_moi", "chuyen_den")),
            *(bien_dong.get(k, 0) for k in ("nghi_che_do", "chuyen_di")),
            spending(cham_lo["tham_hoi"]),
            spending(cham_lo["ke_hoach_tet"]),
        ]
        totals = [t + f for t, f in zip(totals, figures, strict=True)]
    return totals


def run(runner, *args: Any):
    return runner.invoke(main, ["tong-hop", *(str(a) for a in args)])


def test_one_row_per_unit_sorted_the_vietnamese_way(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, reports, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã tạo {out}: 5 đơn vị.\n"
    header, *rows, totals = sheet_rows(out)
    assert header == HEADER
    assert [row[1] for row in rows] == list(UNITS)
    assert [row[0] for row in rows] == [1, 2, 3, 4, 5]
    assert rows[0][COL["Ngày báo cáo"]] == datetime(2023, 12, 27)
    assert rows[0][COL["Tệp"]] == str(reports / "huyen-b" / "3.yaml")
    assert totals[:2] == (None, "Tổng cộng (5 đơn vị)")


def test_totals_equal_the_sums_of_the_yaml_files(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run(runner, reports, "-o", out)
    *_, totals = sheet_rows(out)
    assert list(totals[2:12]) == expected_totals(sorted(reports.rglob("[0-9].y*ml")))


def test_targets_reached_out_of_the_plan_as_baocao_judges_them(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run(runner, reports, "-o", out)
    rows = {row[COL["Tệp"]]: row for row in sheet_rows(out)[1:-1]}
    reached_total = [0, 0]
    for file, row in rows.items():
        checked = check_source(Path(file))
        assert checked.model is not None
        statuses = [r.danh_gia for r in tinh_toan(checked.model, checked.ke_hoach).chi_tieu]
        if not statuses:  # a report without a plan leaves both cells blank
            assert row[COL["Chỉ tiêu đạt"]] is None and row[COL["Tổng số chỉ tiêu"]] is None
            continue
        assert row[COL["Chỉ tiêu đạt"]] == statuses.count("Đạt")
        assert row[COL["Tổng số chỉ tiêu"]] == len(statuses) == 19
        reached_total = [reached_total[0] + statuses.count("Đạt"), reached_total[1] + 19]
    *_, totals = sheet_rows(out)
    assert [totals[COL["Chỉ tiêu đạt"]], totals[COL["Tổng số chỉ tiêu"]]] == reached_total
    assert reached_total[1] > 0


def test_unit_rows_carry_the_figures_of_their_file(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run(runner, reports, "-o", out)
    row = next(r for r in sheet_rows(out) if r[1] == UNITS[2])
    assert list(row[2:12]) == expected_totals([reports / "huyen-a" / "2.yml"])
    assert row[2:5] == (55, 50, 50)


def test_a_file_named_twice_is_counted_once(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    assert run(runner, reports, reports / "5.yaml", "-o", out).exit_code == 0
    _, *rows, _ = sheet_rows(out)
    assert [row[1] for row in rows] == list(UNITS)
    assert all(row[COL["Ghi chú"]] != "Trùng đơn vị (2 tệp)" for row in rows)


def test_the_workbook_is_formatted_for_reading(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    run(runner, reports, "-o", out)
    sheet = openpyxl.load_workbook(out)["Tổng hợp"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b and cell.font.name == "Times New Roman" for cell in sheet[1])
    assert sheet["B2"].font.name == "Times New Roman" and not sheet["B2"].font.b
    assert sheet["C2"].number_format == "#,##0" and sheet["K7"].number_format == "#,##0"
    assert sheet[f"{LETTER['Ngày báo cáo']}2"].number_format == "dd/mm/yyyy"
    assert sheet[sheet.max_row][1].font.b
    assert sheet.column_dimensions["B"].width == COT[0].rong


def test_same_reports_give_the_same_bytes(runner, reports, tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    run(runner, reports, "-o", first)
    run(runner, reports, "-o", second)
    assert first.read_bytes() == second.read_bytes()


def test_a_second_report_of_a_unit_replaces_the_first(runner, reports, tmp_path):
    again = variant(MINIMAL, "cđcs trường  THCS Đông Sơn", 40, 40, signed="21/12/2023")
    (reports / "6.yaml").write_text(again, encoding="utf-8")
    out = tmp_path / "tong-hop.xlsx"
    assert run(runner, reports, "-o", out).exit_code == 0
    _, *rows, totals = sheet_rows(out)
    notes = {(row[1], row[COL["Tệp"]]): row[COL["Ghi chú"]] for row in rows}
    assert notes[("cđcs trường  THCS Đông Sơn", str(reports / "6.yaml"))] == (
        "Thay cho 1 báo cáo khác của đơn vị (trang «Đã thay thế»)"
    )
    assert notes[(UNITS[0], str(reports / "huyen-b" / "3.yaml"))] == "Nộp muộn (2 ngày)"
    assert notes[(UNITS[1], str(reports / "5.yaml"))] is None
    assert totals[1] == "Tổng cộng (5 đơn vị)"
    counted = [p for p in sorted(reports.rglob("[0-9].y*ml")) if p.name != "2.yml"]
    assert list(totals[2:12]) == expected_totals(counted)
    first, later = str(reports / "huyen-a" / "2.yml"), str(reports / "6.yaml")
    assert sheet_rows(out, "Đã thay thế")[1:] == [
        (1, UNITS[2], datetime(2023, 12, 20), first, later, datetime(2023, 12, 21))
    ]


@pytest.mark.parametrize("suffix", [".txt", ".yaml"])
def test_a_roster_lists_the_units_yet_to_report(runner, reports, tmp_path, suffix):
    expected = [UNITS[0], "CĐCS Trường THPT Nho Quan", UNITS[2].upper(), "CĐCS Trường TH Gia Lâm"]
    roster = tmp_path / f"danh-sach{suffix}"
    lines = [f"- {name}" for name in expected] if suffix == ".yaml" else expected
    roster.write_text("# Các đơn vị phải nộp\n" + "\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, reports, "-o", out, "--danh-sach", roster)
    assert result.exit_code == 0
    assert result.stdout == f"Đã tạo {out}: 5 đơn vị, 2 đơn vị chưa nộp.\n"
    assert sheet_rows(out, "Danh sách") == [
        ("STT", "Đơn vị", "Trạng thái", "Tệp", "Ghi chú"),
        (1, UNITS[0], "Đã nộp", str(reports / "huyen-b" / "3.yaml"), None),
        (2, "CĐCS Trường THPT Nho Quan", "Chưa nộp", None, None),
        (3, UNITS[2].upper(), "Đã nộp", str(reports / "huyen-a" / "2.yml"), None),
        (4, "CĐCS Trường TH Gia Lâm", "Chưa nộp", None, None),
    ]
    notes = {row[1]: row[COL["Ghi chú"]] for row in sheet_rows(out)[1:-1]}
    assert notes[UNITS[1]] == "Không có trong danh sách"
    assert notes[UNITS[2]] is None


def test_a_roster_that_is_not_a_list_is_a_usage_error(runner, reports, tmp_path):
    roster = tmp_path / "danh-sach.yaml"
    roster.write_text("don_vi: CĐCS Trường THCS Dân Tiến\n", encoding="utf-8")
    result = run(runner, reports, "-o", tmp_path / "th.xlsx", "--danh-sach", roster)
    assert result.exit_code == 2
    assert "danh sách đơn vị phải là các dòng «- Tên đơn vị»" in result.stderr
    assert not (tmp_path / "th.xlsx").exists()


def test_failed_files_are_listed_with_line_and_column(runner, reports, bad, tmp_path):
    syntax, figure, text = bad
    out = tmp_path / "tong-hop.xlsx"
    result = run(runner, reports, syntax, figure, "-o", out)
    assert result.exit_code == 1
    assert result.stdout == f"Đã tạo {out}: 5 đơn vị, 2 tệp có lỗi chưa được tổng hợp.\n"
    line = line_of(text, "nu: ba")
    assert (
        f"{figure}:{line}:9: tinh_hinh.so_lieu.nu: phải là một số nguyên, ví dụ 8 hoặc 08"
        in result.stderr
    )
    header, first, second = sheet_rows(out, "Lỗi")
    assert header == ("Tệp", "Đơn vị", "Dòng", "Cột", "Mục", "Lỗi")
    assert first[:5] == (str(syntax), None, 2, 1, None)
    assert second == (
        str(figure),
        "CĐCS Trường THCS Thử Nghiệm",  # still read from the data, though the report is invalid
        line,
        9,
        "tinh_hinh.so_lieu.nu",
        "phải là một số nguyên, ví dụ 8 hoặc 08",
    )
    assert len(sheet_rows(out)) == 7


def test_all_files_failing_still_gives_a_workbook(runner, bad, tmp_path):
    syntax, figure, _ = bad
    out = tmp_path / "tong-hop.xlsx"
    assert run(runner, syntax, figure, "-o", out).exit_code == 1
    assert sheet_rows(out)[1][:2] == (None, "Tổng cộng (0 đơn vị)")
    assert len(sheet_rows(out, "Lỗi")) == 3


def test_docx_output_is_a_landscape_table_of_the_same_rows(runner, reports, bad, tmp_path):
    out = tmp_path / "tong-hop.docx"
    assert run(runner, reports, bad[0], "-o", out).exit_code == 1
    document = Document(str(out))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    assert document.sections[0].page_width > document.sections[0].page_height
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert document.styles["Normal"].font.size.pt == 12
    table, errors = document.tables
    texts = [[cell.text for cell in row.cells] for row in table.rows]
    assert texts[0] == [h for h in HEADER if h != "Tệp"]
    assert [row[1] for row in texts[1:-1]] == list(UNITS)
    assert texts[-1][1] == "Tổng cộng (5 đơn vị)"
    assert texts[-1][2] == f"{expected_totals(sorted(reports.rglob('[0-9].y*ml')))[0]:,}"
    assert texts[1][COL["Ngày báo cáo"]] == "27/12/2023"
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert not any(run.bold for cell in table.rows[1].cells for run in cell.paragraphs[0].runs)
    assert [cell.text for cell in errors.rows[1].cells][:4] == [str(bad[0]), "", "2", "1"]


def test_docx_rows_keep_what_xml_must_escape(runner, tmp_path):
    """Each row is put into the document as XML text: a unit's «&», «<» and quotes print as
    written, in the row after the header."""
    name = 'CĐCS Trường "A & B" <số 2>'
    folder = tmp_path / "nguon"
    folder.mkdir()
    text = MINIMAL.read_text(encoding="utf-8")
    (folder / "a.yaml").write_text(
        replace_once(text, "CĐCS Trường THCS Thử Nghiệm", f"'{name}'"), encoding="utf-8"
    )
    (folder / "b.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "th.docx"
    assert run(runner, folder, "-o", out).exit_code == 0
    (table,) = Document(str(out)).tables
    units = [row.cells[1].text for row in table.rows]
    assert units == ["Đơn vị", name, "CĐCS Trường THCS Thử Nghiệm", "Tổng cộng (2 đơn vị)"]


def test_refuses_to_overwrite_without_force(runner, reports, tmp_path):
    out = tmp_path / "tong-hop.xlsx"
    out.write_bytes(b"cu")
    result = run(runner, reports, "-o", out)
    assert result.exit_code == 2
    assert f"{out}: tệp đã tồn tại; thêm --force nếu muốn ghi đè" in result.stderr
    assert out.read_bytes() == b"cu"
    assert run(runner, reports, "-o", out, "--force").exit_code == 0
    assert sheet_rows(out)[0] == HEADER


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{reports}", "-o", "{tmp}/th.pdf"], "tệp tổng hợp phải có đuôi .xlsx hoặc .docx"),
        (["{tmp}/khong-co", "-o", "{tmp}/th.xlsx"], "không tìm thấy tệp hoặc thư mục"),
        (["{tmp}/trong", "-o", "{tmp}/th.xlsx"], "thư mục không có tệp .yaml nào"),
        (
            ["{reports}", "--danh-sach", "{tmp}/khong.txt", "-o", "{tmp}/th.xlsx"],
            "không tìm thấy tệp danh sách đơn vị",
        ),
        ([], "thiếu tham số"),
    ],
)
def test_usage_errors_exit_2_and_write_nothing(runner, reports, tmp_path, args, message):
    (tmp_path / "trong").mkdir()
    filled = [a.format(reports=reports, tmp=tmp_path) for a in args]
    result = run(runner, *filled)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not list(tmp_path.glob("th.*"))


@pytest.mark.parametrize(
    "words",
    [
        ["ba", "bà", "bả", "bã", "bá", "bạ", "bă", "bâ", "ca", "da", "đa", "e", "ê"],
        ["An", "Ân", "Ấn", "Ba", "Dung", "Đào", "Hòa", "Lạc", "Ơn", "Uy", "Ưng", "Yên"],
        ["Trường 2", "Trường A", "Trường Ă", "Trường Â"],
    ],
)
def test_sort_key_orders_vietnamese(words):
    assert sorted(reversed(words), key=sort_key) == words


_CONTROL = "\x01\x1b[31m\x7f"


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_control_characters_reach_no_cell(runner, tmp_path, suffix):
    """A quoted key's escapes (`"\\x1b"`) and a file's own name may hold control characters,
    which no .xlsx or .docx cell can: each failed file is still one row, cleaned."""
    folder = tmp_path / "nguon"
    folder.mkdir()
    escaped = '"\\x01\\x1b[31m\\x7f": 1\n'
    (folder / "khoa.yaml").write_text(MINIMAL.read_text("utf-8") + escaped, encoding="utf-8")
    (folder / f"ten{_CONTROL}.yaml").write_text("van_ban: [\n", encoding="utf-8")
    (folder / f"dung{_CONTROL}.yaml").write_bytes(MINIMAL.read_bytes())
    out = tmp_path / f"th{suffix}"
    result = run(runner, folder, "-o", out)
    assert result.exit_code == 1, result.output
    assert result.stdout == f"Đã tạo {out}: 1 đơn vị, 2 tệp có lỗi chưa được tổng hợp.\n"
    assert "\x1b" not in result.stderr  # nor, in a terminal, a colour the input chose
    if suffix == ".xlsx":
        failed = sheet_rows(out, "Lỗi")[1:]
        assert [row[0] for row in failed] == [
            str(folder / "khoa.yaml"),
            str(folder / "ten[31m.yaml"),
        ]
        assert failed[0][4] == "[31m"  # Tệp, Đơn vị, Dòng, Cột, Mục, Lỗi
        assert failed[0][5].startswith("không có mục «[31m» trong mẫu báo cáo")
        assert sheet_rows(out)[1][COL["Tệp"]] == str(folder / "dung[31m.yaml")
