"""Targets of the annual plan: statuses by kind, shapes of actuals, the plan file's problems."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter

from baocao.build import build_report
from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.compute.targets import measure, reached, rows, shape_problem, status
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import ChiTieu, KetQuaChiTieu, PhanChiTieu, ThucHien

from .conftest import EXAMPLES, FIXTURES, MINIMAL, PLAN_SOURCE, line_of, replace_once

PLAN = FIXTURES / "ke-hoach.yaml"
SEED_PLAN = PLAN_SOURCE

ACTUALS = """\
chi_tieu:
  ke_hoach: ke-hoach.yaml
  ket_qua:
    tuyen_truyen: {dat: 38}
    ket_nap_doan_vien: {tu_so_lieu: doan_vien}
    gioi_thieu_dang: {tu_so_lieu: gioi_thieu_dang}
    kiem_tra:
      phan: {dieu_le: 1, tai_chinh: 1}
    khong_vi_pham: 0
    phan_mem_ke_toan: có
    tham_hoi: {danh_gia: dat, ghi_chu: Thăm hỏi đủ mọi trường hợp.}
"""
"""The minimal report's actuals for the fixture plan (40 staff, 40 members, 1 introduced)."""


@pytest.fixture(scope="module")
def bao_cao() -> BaoCao:
    checked = check_source(MINIMAL)
    assert checked.model is not None
    return checked.model


def actual(value: Any) -> ThucHien:
    """An actual as the report's YAML gives it, shorthands included."""
    return TypeAdapter(KetQuaChiTieu).validate_python(value)


def target(loai: str, **fields: Any) -> ChiTieu:
    return ChiTieu(ma="x", noi_dung="Chỉ tiêu.", loai=loai, **fields)


PARTS = [
    PhanChiTieu(ma="dieu_le", ten="Điều lệ", it_nhat=1),
    PhanChiTieu(ma="tai_chinh", ten="tài chính", it_nhat=2),
]


# ---------------------------------------------------------------------------
# Status and result of each kind (the minimal report: 40 staff, 40 members)
# ---------------------------------------------------------------------------


SHARE_ABOVE_90 = target("ty_le", lon_hon=90)
SHARE_ALL = target("ty_le", it_nhat=100)
SHARE_ALL_BY_HK1 = target("ty_le", it_nhat=100, han="hoc_ky_1")
COUNT_1 = target("so_luong", it_nhat=1, don_vi="đoàn viên")
COUNT_ABOVE_1 = target("so_luong", lon_hon=1)
PARTS_COUNT = target("so_luong", phan=PARTS, don_vi="cuộc")
ZERO = target("khong_vi_pham")
YES_NO = target("co_khong")
YES_NO_BY_HK1 = target("co_khong", han="hoc_ky_1")
FREE = target("mo_ta")
HK1, YEAR = "hoc_ky_1", "ca_nam"
NOTE = {"ghi_chu": "Bình xét vào cuối năm học."}
BOTH_PARTS = {"phan": {"dieu_le": 1, "tai_chinh": 2}}
ONE_PART = {"phan": {"dieu_le": 1, "tai_chinh": 1}}


@pytest.mark.parametrize(
    ("goal", "value", "ky", "expected", "result"),
    [
        # «trên 90%»: reached; exactly 90% is not above; mid-year vs year-end.
        (SHARE_ABOVE_90, {"dat": 37}, HK1, "dat", "37/40 (92,5%)"),
        (SHARE_ABOVE_90, {"dat": 36}, HK1, "dang_thuc_hien", "36/40 (90%)"),
        (SHARE_ABOVE_90, {"dat": 36}, YEAR, "chua_dat", "36/40 (90%)"),
        # «đạt 100%», from part I's figures; out of another total than the staff.
        (SHARE_ALL, {"tu_so_lieu": "doan_vien"}, HK1, "dat", "40/40 (100%)"),
        (SHARE_ALL, {"dat": 7, "tren": 8}, HK1, "dang_thuc_hien", "7/8 (87,5%)"),
        # Due by semester I and not reached: not reached, even mid-year.
        (SHARE_ALL_BY_HK1, {"dat": 39}, HK1, "chua_dat", "39/40 (97,5%)"),
        # Not measurable mid-year (a title awarded at year end): a note is enough.
        (SHARE_ABOVE_90, NOTE, HK1, "dang_thuc_hien", None),
        # A count with its unit; from II.4's figure; below the threshold.
        (COUNT_1, 2, HK1, "dat", "2 đoàn viên"),
        (COUNT_1, {"tu_so_lieu": "gioi_thieu_dang"}, HK1, "dat", "1 đoàn viên"),
        (COUNT_1, 0, HK1, "dang_thuc_hien", "0 đoàn viên"),
        (COUNT_ABOVE_1, 1, YEAR, "chua_dat", "1"),
        # A count of several parts: reached only when every part is.
        (PARTS_COUNT, BOTH_PARTS, HK1, "dat", "Điều lệ: 1 cuộc; tài chính: 2 cuộc"),
        (PARTS_COUNT, ONE_PART, HK1, "dang_thuc_hien", "Điều lệ: 1 cuộc; tài chính: 1 cuộc"),
        # Zero tolerance: a violation is «Chưa đạt» at once, mid-year too.
        (ZERO, 0, HK1, "dat", "Không có vi phạm"),
        (ZERO, 2, HK1, "chua_dat", "Có 2 vụ việc vi phạm"),
        # Yes/no, in YAML's words or in Vietnamese.
        (YES_NO, True, HK1, "dat", "Đã thực hiện"),
        (YES_NO, "có", HK1, "dat", "Đã thực hiện"),
        (YES_NO, "không", HK1, "dang_thuc_hien", "Chưa thực hiện"),
        (YES_NO, False, YEAR, "chua_dat", "Chưa thực hiện"),
        # Free text: the chair's status, no measure.
        (FREE, {"danh_gia": "chua_dat", "ghi_chu": "Chưa làm."}, HK1, "chua_dat", None),
    ],
)
def test_status_and_result_by_kind(bao_cao, goal, value, ky, expected, result):
    given = actual(value)
    assert shape_problem(goal, given, bao_cao, ky) is None
    assert status(goal, given, bao_cao, ky) == expected
    measured = measure(goal, given, bao_cao)
    assert (measured.text if measured else None) == result


def test_a_share_is_compared_exactly_not_as_printed(bao_cao):
    """1999/2000 prints as «100%» (99,95 rounds half up) but does not reach 100%."""
    goal = target("ty_le", it_nhat=100)
    given = actual({"dat": 1999, "tren": 2000})
    assert measure(goal, given, bao_cao).text == "1999/2000 (100%)"
    assert status(goal, given, bao_cao, "ca_nam") == "chua_dat"
    above = actual({"dat": 9001, "tren": 10000})  # 90,01%, printed «90%»
    assert status(target("ty_le", lon_hon=90), above, bao_cao, "ca_nam") == "dat"


def test_rows_follow_the_plan_and_mark_what_is_missing(bao_cao, write_yaml, minimal_text):
    checked = _checked_with(write_yaml, minimal_text, ACTUALS.replace("    khong_vi_pham: 0\n", ""))
    assert checked.ke_hoach is not None
    table = rows(checked.model, checked.ke_hoach)
    assert [r.stt for r in table] == list(range(1, 8))
    assert [r.danh_gia for r in table] == [
        "Đạt",  # 38/40 = 95% > 90%
        "Đạt",  # 40/40 members
        "Đạt",  # 1 introduced to the Party
        "Đang thực hiện",  # finances inspected once of twice
        "Chưa báo cáo",
        "Đạt",
        "Đạt",
    ]
    missing = table[4]
    assert (missing.ma, missing.ket_qua, missing.ghi_chu) == ("khong_vi_pham", "—", "")
    assert table[6].ket_qua == "Thăm hỏi đủ mọi trường hợp."  # free text: its note is the result
    assert reached(checked.model, checked.ke_hoach) == 5  # the rows rated «Đạt», as tong-hop counts


def test_the_targets_reached_are_the_rows_rated_dat_in_every_example() -> None:
    for source in sorted(EXAMPLES.glob("*.yaml")):
        checked = check_source(source)
        if checked.ok and checked.ke_hoach is not None and not checked.kind.is_plan:
            rated = [r.danh_gia for r in rows(checked.model, checked.ke_hoach)]
            assert reached(checked.model, checked.ke_hoach) == rated.count("Đạt")


# ---------------------------------------------------------------------------
# The shape of an actual for its kind
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goal", "value", "where", "message"),
    [
        (SHARE_ABOVE_90, True, ("co",), "«x» là chỉ tiêu tỷ lệ, không dùng «co»; ghi «dat»"),
        (SHARE_ABOVE_90, {"dat": 41}, ("dat",), "số đạt (41) lớn hơn tổng số (40)"),
        (SHARE_ABOVE_90, {"tren": 40}, ("tren",), "cần ghi cả «dat»"),
        (SHARE_ABOVE_90, {"dat": 0, "tren": 0}, ("tren",), "tổng số bằng 0"),
        (SHARE_ABOVE_90, {"dat": 3, "tu_so_lieu": "doan_vien"}, ("tu_so_lieu",), "cả hai"),
        (
            SHARE_ABOVE_90,
            {"tu_so_lieu": "ket_nap_moi"},
            ("tu_so_lieu",),
            "«ket_nap_moi» không phải số liệu tỷ lệ; dùng được: doan_vien",
        ),
        (COUNT_1, {"tu_so_lieu": "doan_vien"}, ("tu_so_lieu",), "không phải số liệu số lượng"),
        (COUNT_1, {"phan": {"a": 1}}, ("phan",), "«x» chỉ có một mức"),
        (PARTS_COUNT, 2, ("so",), "«x» có nhiều phần: ghi «phan: {dieu_le: …, tai_chinh: …}»"),
        (
            PARTS_COUNT,
            {"phan": {"dieu_lee": 1}},
            ("phan", "dieu_lee"),
            "kế hoạch không có phần «dieu_lee»; có phải «dieu_le»?",
        ),
        (PARTS_COUNT, {"phan": {"dieu_le": 1}}, ("phan",), "thiếu số của phần «tai_chinh»"),
        (ZERO, {"ghi_chu": "Chưa rõ."}, (), "đến hạn đánh giá: cần ghi số vụ việc vi phạm"),
        (YES_NO_BY_HK1, {"ghi_chu": "Sẽ làm."}, (), "cần ghi «có» hoặc «không»"),
        (
            FREE,
            {"ghi_chu": "Tốt."},
            (),
            "«x» là chỉ tiêu đánh giá bằng lời: ghi «danh_gia» (dat, chua_dat hoặc "
            "dang_thuc_hien) và «ghi_chu»",
        ),
        (FREE, {"danh_gia": "dat"}, (), "và «ghi_chu»"),
        (FREE, 3, ("so",), "không dùng «so»"),
        (YES_NO, {}, (), "chưa ghi kết quả: «x» là chỉ tiêu có/không, ghi «có» hoặc «không»"),
    ],
)
def test_wrong_shape_for_the_kind(bao_cao, goal, value, where, message):
    problem = shape_problem(goal, actual(value), bao_cao)
    assert problem is not None
    assert problem[0] == where
    assert message in problem[1]


# ---------------------------------------------------------------------------
# Plan and actuals in files: every problem located, in the file it is in
# ---------------------------------------------------------------------------


def _write_report(write_yaml, minimal_text: str, actuals: str, plan: str | None = None) -> Path:
    report = write_yaml(minimal_text + actuals)
    (report.parent / "ke-hoach.yaml").write_text(plan or PLAN.read_text("utf-8"), "utf-8")
    return report


def _checked_with(write_yaml, minimal_text: str, actuals: str, plan: str | None = None):
    return check_source(_write_report(write_yaml, minimal_text, actuals, plan))


def test_actuals_against_the_plan_are_valid(write_yaml, minimal_text):
    checked = _checked_with(write_yaml, minimal_text, ACTUALS)
    assert checked.problems == []
    assert checked.ke_hoach is not None
    assert [t.ma for t in checked.ke_hoach.chi_tieu][:2] == ["tuyen_truyen", "ket_nap_doan_vien"]


def test_the_plan_is_found_beside_the_report_not_in_the_current_folder(
    write_yaml, minimal_text, tmp_path, monkeypatch
):
    report = _write_report(write_yaml, minimal_text, ACTUALS)
    elsewhere = tmp_path / "khac"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    checked = check_source(report)
    assert checked.problems == []
    assert checked.ke_hoach is not None


def test_a_missing_plan_is_an_error_at_its_name(write_yaml, minimal_text):
    text = minimal_text + ACTUALS.replace("ke_hoach: ke-hoach.yaml", "ke_hoach: khong-co.yaml")
    path = write_yaml(text)
    (problem,) = check_source(path).problems
    assert str(problem) == (
        f"{path}:{line_of(text, 'khong-co.yaml')}:13: chi_tieu.ke_hoach: "
        f"không tìm thấy tệp kế hoạch (baocao tìm ở {path.parent / 'khong-co.yaml'})"
    )


def test_a_syntax_error_is_located_in_the_plan(write_yaml, minimal_text):
    plan = PLAN.read_text("utf-8").replace("    lon_hon: 90\n", "    lon_hon: [90\n")
    report = _write_report(write_yaml, minimal_text, ACTUALS, plan)
    (problem,) = check_source(report).problems
    assert problem.file == report.parent / "ke-hoach.yaml"
    assert str(problem).startswith(f"{report.parent / 'ke-hoach.yaml'}:{line_of(plan, '[90')}:")
    assert "ngoặc" in problem.message


LOAI = "phải là một trong các giá trị: ty_le, so_luong, khong_vi_pham, co_khong, mo_ta"


@pytest.mark.parametrize(
    ("old", "new", "line", "path", "message"),
    [
        ("loai: khong_vi_pham", "loai: khong_vi_phamm", 30, "chi_tieu[5].loai", LOAI),
        (
            "lon_hon: 90\n",
            "lon_hon: 90\n    nguong: 3\n",
            8,
            "chi_tieu[1].nguong",
            "không có mục «nguong» trong tệp kế hoạch; các mục hợp lệ",
        ),
        ("ma: ket_nap_doan_vien", "ma: Kết nạp", 8, "chi_tieu[2].ma", "chữ thường không dấu"),
        ("ma: ket_nap_doan_vien", "ma: tuyen_truyen", 8, "chi_tieu[2].ma", "mã «tuyen_truyen» đã"),
        ("it_nhat: 100", "it_nhat: 120", 11, "chi_tieu[2].it_nhat", "đạt 120% là không thể"),
        ("    it_nhat: 100\n", "", 10, "chi_tieu[2].loai", "chỉ tiêu tỷ lệ cần mức phải đạt"),
        (
            "loai: co_khong\n",
            "loai: co_khong\n    it_nhat: 1\n",
            34,
            "chi_tieu[6].it_nhat",
            "chỉ tiêu có/không không có mức «it_nhat»",
        ),
        ("nam_hoc: 2023-2024", "nam_hoc: 2023", 2, "nam_hoc", "năm học phải viết dạng 2023-2024"),
    ],
)
def test_plan_problems_are_located_in_the_plan(
    write_yaml, minimal_text, old, new, line, path, message
):
    plan = replace_once(PLAN.read_text("utf-8"), old, new)
    report = _write_report(write_yaml, minimal_text, ACTUALS, plan)
    # The report is still checked against the plan where it can be (a duplicate id: the
    # report's actual for the id that vanished is an error too); here, the plan's own.
    problems = check_source(report).problems
    (problem,) = [p for p in problems if p.file == report.parent / PLAN.name]
    assert (problem.line, problem.path) == (line, path)
    assert message in problem.message


def test_the_plan_is_loaded_safely(write_yaml, minimal_text):
    plan = PLAN.read_text("utf-8").replace(
        "nam_hoc: 2023-2024\n", "nam_hoc: !!python/object/apply:os.system [ls]\n"
    )
    report = _write_report(write_yaml, minimal_text, ACTUALS, plan)
    problems = check_source(report).problems
    assert {(p.file.name, p.line, p.path) for p in problems} == {("ke-hoach.yaml", 2, "nam_hoc")}
    assert problems[0].message == "thẻ YAML «!!python/object/apply:os.system» không được phép"


def test_a_plan_of_another_year(write_yaml, minimal_text):
    plan = PLAN.read_text("utf-8").replace("nam_hoc: 2023-2024", "nam_hoc: 2022-2023")
    text = minimal_text + ACTUALS
    report = _write_report(write_yaml, minimal_text, ACTUALS, plan)
    (problem,) = check_source(report).problems
    assert (problem.line, problem.path) == (line_of(text, "ke_hoach:"), "chi_tieu.ke_hoach")
    assert problem.message == "kế hoạch này của năm học 2022-2023, báo cáo của năm học 2023-2024"


def test_an_unknown_target_id_is_an_error_at_its_key_with_a_suggestion(write_yaml, minimal_text):
    actuals = ACTUALS.replace("    khong_vi_pham: 0\n", "    khong_vi_pham: 0\n    tham_hoii: 1\n")
    text = minimal_text + actuals
    report = _write_report(write_yaml, minimal_text, actuals)
    (problem,) = check_source(report).problems
    assert str(problem) == (
        f"{report}:{line_of(text, 'tham_hoii')}:5: chi_tieu.ket_qua.tham_hoii: "
        "kế hoạch không có chỉ tiêu mã «tham_hoii»; có phải «tham_hoi»?"
    )


def test_a_wrong_shape_is_an_error_at_the_value(write_yaml, minimal_text):
    actuals = ACTUALS.replace("tuyen_truyen: {dat: 38}", "tuyen_truyen: {dat: 38, co: true}")
    text = minimal_text + actuals
    report = _write_report(write_yaml, minimal_text, actuals)
    (problem,) = check_source(report).problems
    line = line_of(text, "co: true")
    assert problem.path == "chi_tieu.ket_qua.tuyen_truyen.co"
    assert (problem.line, problem.column) == (line, text.splitlines()[line - 1].index("true") + 1)
    assert "«tuyen_truyen» là chỉ tiêu tỷ lệ, không dùng «co»" in problem.message


def test_a_target_without_actual_is_a_warning_and_still_renders(write_yaml, minimal_text, tmp_path):
    actuals = ACTUALS.replace("    khong_vi_pham: 0\n", "")
    text = minimal_text + actuals
    report = _write_report(write_yaml, minimal_text, actuals)
    checked = check_source(report)
    (warning,) = checked.problems
    assert warning.severity == "canh_bao"
    assert (warning.line, warning.path) == (line_of(text, "ke_hoach:") + 1, "chi_tieu.ket_qua")
    assert warning.message == (
        "chưa có kết quả của chỉ tiêu 5 «khong_vi_pham»; bảng chỉ tiêu sẽ ghi «Chưa báo cáo»"
    )
    _, warnings = build_report(report, out=tmp_path / "r.docx")
    assert warnings == [warning]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("khá tốt", "kết quả phải là một số, «có»/«không», hoặc một nhóm mục (ví dụ «dat: 40»)"),
        ("-1", "không được là số âm"),
        ("[1, 2]", "phải gồm các mục con, mỗi mục một dòng «tên: nội dung»"),
        ("{dat: 1, datt: 2}", "không có mục «datt» trong mẫu báo cáo; có phải «dat»?"),
        ("{danh_gia: tot, ghi_chu: x}", "một trong các giá trị: dat, chua_dat, dang_thuc_hien"),
    ],
)  # fmt: skip
def test_actuals_are_typed(write_yaml, minimal_text, value, message):
    actuals = ACTUALS.replace("tuyen_truyen: {dat: 38}", f"tuyen_truyen: {value}")
    path = _write_report(write_yaml, minimal_text, actuals)
    (problem,) = check_source(path).problems
    assert problem.line == line_of(minimal_text + actuals, f"tuyen_truyen: {value}")
    assert message in problem.message


def test_validate_prints_plan_problems_with_the_plan_file(runner, write_yaml, minimal_text):
    plan = PLAN.read_text("utf-8").replace("    lon_hon: 90\n", "    lon_hon: chín mươi\n")
    report = _write_report(write_yaml, minimal_text, ACTUALS, plan)
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    plan_file = report.parent / "ke-hoach.yaml"
    assert result.stderr.splitlines()[0] == (
        f"{plan_file}:{line_of(plan, 'chín mươi')}:14: chi_tieu[1].lon_hon: "
        "phải là một số nguyên, ví dụ 8 hoặc 08"
    )


# ---------------------------------------------------------------------------
# The example plan: all 19 targets of the seed plan, word for word
# ---------------------------------------------------------------------------


def test_the_example_plan_quotes_the_seed_word_for_word():
    seed = SEED_PLAN.read_text(encoding="utf-8")
    section = seed[seed.index("II. Phấn đấu") : seed.index("III. Nhiệm vụ")]
    quoted = [text.strip() for text in re.findall(r"^\d+\. (.*)$", section, re.MULTILINE)]
    plan = yaml.safe_load((EXAMPLES / "ke-hoach-2023-2024.yaml").read_text("utf-8"))
    typos = {"phần mền": "phần mềm", "Vân động": "Vận động"}
    for original, target_ in zip(quoted, plan["chi_tieu"], strict=True):
        for typo, fixed in typos.items():
            original = original.replace(typo, fixed)
        assert target_["noi_dung"].rstrip(".") == original.rstrip(".")
    assert len(quoted) == 19


def test_the_example_uses_every_kind_and_reports_every_target():
    checked = check_source(EXAMPLES / "hk1.yaml")
    assert checked.errors == []
    assert checked.ke_hoach is not None and checked.model is not None
    kinds = {target.loai for target in checked.ke_hoach.chi_tieu}
    assert kinds == {"ty_le", "so_luong", "khong_vi_pham", "co_khong", "mo_ta"}
    assert checked.model.chi_tieu is not None
    assert set(checked.model.chi_tieu.ket_qua) == {t.ma for t in checked.ke_hoach.chi_tieu}


def test_the_example_plan_folder_travels(tmp_path):
    """Report, plan and photos are found relative to the report: the folder can be moved."""
    moved = tmp_path / "bao-cao"
    shutil.copytree(EXAMPLES, moved, ignore=shutil.ignore_patterns("*.docx", "*.pdf", "*.zip"))
    assert check_source(moved / "hk1.yaml").errors == []


def test_a_folder_of_reports_skips_the_plan_beside_them(runner, tmp_path):
    folder = tmp_path / "bao-cao"
    shutil.copytree(EXAMPLES, folder, ignore=shutil.ignore_patterns("*.docx", "*.pdf", "*.zip"))
    result = runner.invoke(main, ["render", str(folder), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 1/1 báo cáo." in result.stdout
    assert sorted(p.name for p in folder.glob("*.docx")) == ["hk1.docx"]


@pytest.mark.parametrize(
    ("text", "plan"),
    [
        (PLAN.read_text("utf-8"), True),
        (PLAN.read_text("utf-8") + "ghi_chu: x\n", False),  # shown as a report with its problems
        (MINIMAL.read_text("utf-8") + ACTUALS, False),  # a report's chi_tieu is a mapping
        ("van_ban: [\n", False),
    ],
)
def test_a_plan_is_told_by_its_shape(tmp_path, text, plan):
    from baocao.checks import pipeline

    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    assert (check_source(path).kind is pipeline.PLAN) is plan
