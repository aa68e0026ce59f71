"""`baocao chi-tieu`: the plan's targets across two reports, on the real command line.

The expected statuses are worked out here from the YAML itself, by the rules
the README states, not by `compute.targets`: the table must agree with them.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from baocao.cli import main

from .conftest import FIXTURES, MINIMAL, line_of, replace_once

PLAN = FIXTURES / "ke-hoach.yaml"
STAFF, MEMBERS, INTRODUCED = 40, 40, 1
"""The minimal report's figures: 40 staff, 40 members, 1 introduced to the Party."""

EARLY = {  # signed 20/12/2023
    "tuyen_truyen": {"dat": 36},  # 90%: not above 90%
    "ket_nap_doan_vien": {"tu_so_lieu": "doan_vien"},  # 40/40
    "gioi_thieu_dang": 0,
    "kiem_tra": {"phan": {"dieu_le": 1, "tai_chinh": 1}},
    "khong_vi_pham": 0,
    "phan_mem_ke_toan": "không",
    # tham_hoi: not reported
}
LATE = {  # signed 22/12/2023
    "tuyen_truyen": {"dat": 38},
    "ket_nap_doan_vien": {"dat": 39, "tren": 40},
    "gioi_thieu_dang": {"tu_so_lieu": "gioi_thieu_dang"},
    "kiem_tra": {"phan": {"dieu_le": 1, "tai_chinh": 2}},
    "khong_vi_pham": 1,
    "phan_mem_ke_toan": "có",
    "tham_hoi": {"danh_gia": "dang_thuc_hien", "ghi_chu": "Đang thăm hỏi."},
}


def expected_status(target: dict[str, Any], actual: Any) -> str:
    """A semester-I status by the README's rules, for the fixture plan's year-long targets."""
    if actual is None:
        return "Chưa báo cáo"
    kind = target["loai"]
    if kind == "mo_ta":
        words = {"dat": "Đạt", "chua_dat": "Chưa đạt", "dang_thuc_hien": "Đang thực hiện"}
        return words[actual["danh_gia"]]
    if reached(target, actual):
        return "Đạt"
    return "Chưa đạt" if kind == "khong_vi_pham" else "Đang thực hiện"


def reached(target: dict[str, Any], actual: Any) -> bool:
    kind = target["loai"]
    if kind == "ty_le":
        part = MEMBERS if actual.get("tu_so_lieu") == "doan_vien" else actual["dat"]
        whole = actual.get("tren", STAFF)
        if "lon_hon" in target:
            return part * 100 > target["lon_hon"] * whole
        return part * 100 >= target["it_nhat"] * whole
    if kind == "so_luong" and "phan" in target:
        return all(actual["phan"][p["ma"]] >= p["it_nhat"] for p in target["phan"])
    if kind == "so_luong":
        value = INTRODUCED if isinstance(actual, dict) else actual
        return value >= target["it_nhat"]
    if kind == "khong_vi_pham":
        return actual == 0
    return actual == "có"


def report_text(actuals: dict[str, Any], date: str, plan: str = "ke-hoach.yaml") -> str:
    text = replace_once(MINIMAL.read_text("utf-8"), "  ngay: 20/12/2023\n", f"  ngay: {date}\n")
    block = yaml.safe_dump({"chi_tieu": {"ke_hoach": plan, "ket_qua": actuals}}, allow_unicode=True)
    return text + block


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The fixture plan and the two reports naming it, as a unit keeps them."""
    shutil.copy2(PLAN, tmp_path / "ke-hoach.yaml")
    (tmp_path / "hk1.yaml").write_text(report_text(EARLY, "20/12/2023"), "utf-8")
    (tmp_path / "hk1-bo-sung.yaml").write_text(report_text(LATE, "22/12/2023"), "utf-8")
    return tmp_path


def run(runner, folder: Path, *args: str, width: int = 100):
    # The later report first: columns follow the reports' dates, not the command line.
    files = [str(folder / name) for name in ("ke-hoach.yaml", "hk1-bo-sung.yaml", "hk1.yaml")]
    return runner.invoke(main, ["chi-tieu", *files, *args], env={"COLUMNS": str(width)})


def expected_rows() -> list[tuple[str, str, str]]:
    """(status in the early report, in the late one, whether something is left) per target."""
    targets = yaml.safe_load(PLAN.read_text("utf-8"))["chi_tieu"]
    return [
        (
            expected_status(t, EARLY.get(t["ma"])),
            expected_status(t, LATE.get(t["ma"])),
            expected_status(t, LATE.get(t["ma"])) != "Đạt",
        )
        for t in targets
    ]


def test_every_cell_of_the_workbook_has_the_status_the_rules_give(runner, folder):
    from openpyxl import load_workbook

    out = folder / "chi-tieu.xlsx"
    result = run(runner, folder, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"Đã tạo {out} (1 cảnh báo).\n"
    assert "tham_hoi" in result.stderr  # not reported in the early report: a warning, as always
    sheet = load_workbook(out).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "STT",
        "Chỉ tiêu",
        "HK I (20/12/2023)",
        "HK I (22/12/2023)",
        "Còn phải làm",
    ]
    plan = yaml.safe_load(PLAN.read_text("utf-8"))["chi_tieu"]
    assert [row[:2] for row in values[1:]] == [[i, t["noi_dung"]] for i, t in enumerate(plan, 1)]
    for row, (early, late, left) in zip(values[1:], expected_rows(), strict=True):
        assert row[2].split("\n")[0] == early, row
        assert row[3].split("\n")[0] == late, row
        assert bool(row[4]) is left, row
    assert [row[4] for row in values[1:] if row[4]] == [
        "Còn 1 người để đạt 100% (cần 40/40)",  # 39/40 in the latest report
        "Đã có vi phạm: không còn đạt được trong năm học",
        "Hoàn thành trước cuối năm học",
    ]
    assert values[1][2] == "Đang thực hiện\n36/40 (90%)"  # the measured result under the status


def test_the_terminal_table_fits_its_width_and_says_the_same(runner, folder):
    result = run(runner, folder, width=90)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "THEO DÕI THỰC HIỆN CÁC CHỈ TIÊU NĂM HỌC 2023-2024"
    assert all(len(line) <= 90 for line in lines), max(lines, key=len)
    header = lines[2].split("  ")
    assert [h.strip() for h in header if h.strip()] == [
        "STT",
        "Chỉ tiêu",
        "HK I (20/12/2023)",
        "HK I (22/12/2023)",
        "Còn phải làm",
    ]
    starts = [i for i, line in enumerate(lines) if line[:3].strip().isdigit()]
    columns = [lines[2].index(h) for h in ("HK I (20/12/2023)", "HK I (22/12/2023)")]
    for start, (early, late, _) in zip(starts, expected_rows(), strict=True):
        first = lines[start]
        assert first[columns[0] :].startswith(early), first
        assert first[columns[1] :].startswith(late), first


def test_the_word_table_is_landscape_with_its_header_repeated(runner, folder):
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn

    out = folder / "chi-tieu.docx"
    assert run(runner, folder, "-o", str(out)).exit_code == 0
    document = Document(str(out))
    assert document.sections[0].orientation == WD_ORIENT.LANDSCAPE
    table = document.tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in table.rows[0].cells][2:4] == ["HK I (20/12/2023)", "HK I (22/12/2023)"]
    for row, (early, late, _) in zip(table.rows[1:], expected_rows(), strict=True):
        assert [row.cells[2].text.split("\n")[0], row.cells[3].text.split("\n")[0]] == [early, late]


def test_an_output_is_never_overwritten_without_force(runner, folder):
    out = folder / "chi-tieu.xlsx"
    out.write_bytes(b"old")
    result = run(runner, folder, "-o", str(out))
    assert result.exit_code == 2
    assert "tệp đã tồn tại; thêm --force" in result.stderr
    assert out.read_bytes() == b"old"
    assert run(runner, folder, "-o", str(out), "--force").exit_code == 0
    assert out.read_bytes() != b"old"
    assert run(runner, folder, "-o", str(folder / "x.pdf")).exit_code == 2


def test_a_report_naming_another_plan_is_refused_where_it_names_it(runner, folder):
    shutil.copy2(PLAN, folder / "ke-hoach-khac.yaml")
    text = report_text(LATE, "22/12/2023", plan="ke-hoach-khac.yaml")
    (folder / "hk1-bo-sung.yaml").write_text(text, "utf-8")
    result = run(runner, folder)
    assert result.exit_code == 1
    line = line_of(text, "ke_hoach: ke-hoach-khac.yaml")
    column = text.splitlines()[line - 1].index("ke-hoach-khac") + 1
    assert result.stderr.splitlines()[0] == (
        f"{folder / 'hk1-bo-sung.yaml'}:{line}:{column}: chi_tieu.ke_hoach: báo cáo trỏ tới tệp "
        f"kế hoạch {folder / 'ke-hoach-khac.yaml'}, không phải {folder / 'ke-hoach.yaml'}"
    )
    assert result.stdout == ""


def test_the_same_plan_by_another_path_is_the_same_plan(runner, folder):
    (folder / "con").mkdir()
    text = report_text(LATE, "22/12/2023", plan="con/../ke-hoach.yaml")
    (folder / "hk1-bo-sung.yaml").write_text(text, "utf-8")
    result = runner.invoke(
        main,
        ["chi-tieu", str(folder / "ke-hoach.yaml"), str(folder / "hk1-bo-sung.yaml")],
        env={"COLUMNS": "100"},
    )
    assert result.exit_code == 0, result.output


def test_invalid_reports_and_wrong_files_are_refused(runner, folder):
    broken = report_text(EARLY, "20/12/2023").replace("    tong_so: 40\n", "    tong_so: -1\n")
    (folder / "hk1.yaml").write_text(broken, "utf-8")
    result = run(runner, folder)
    assert result.exit_code == 1
    assert f"{folder / 'hk1.yaml'}:{line_of(broken, 'tong_so: -1')}:" in result.stderr
    # A report given as the plan is a wrong command line; a plan given as a report, a wrong file.
    swapped = ["chi-tieu", str(folder / "hk1-bo-sung.yaml"), str(folder / "hk1-bo-sung.yaml")]
    assert runner.invoke(main, swapped).exit_code == 2
    twice = ["chi-tieu", str(folder / "ke-hoach.yaml"), str(folder / "ke-hoach.yaml")]
    result = runner.invoke(main, twice)
    assert result.exit_code == 1
    assert "đây là tệp kế hoạch, không phải báo cáo" in result.stderr
    assert "Traceback" not in result.output
    missing = ["chi-tieu", str(folder / "ke-hoach.yaml"), str(folder / "khong-co.yaml")]
    result = runner.invoke(main, missing)
    assert result.exit_code == 2 and "khong-co.yaml" in result.stderr


def test_each_report_is_read_once(runner, folder, monkeypatch):
    from baocao.checks import pipeline

    read: list[Path] = []
    load = pipeline.load

    def counting(path: Path):
        read.append(path.name)
        return load(path)

    monkeypatch.setattr(pipeline, "load", counting)
    assert run(runner, folder).exit_code == 0
    assert read.count("hk1.yaml") == read.count("hk1-bo-sung.yaml") == 1
