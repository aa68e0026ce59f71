"""`baocao huong-dan …`, `init`/`schema --huong-dan`, and reports naming their pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from baocao.checks.pipeline import REPORT, check_source
from baocao.cli import main

from .conftest import MINIMAL
from .test_packs import SMALL_PACK


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with the small pack in its local packs folder `huong-dan/`."""
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / "thu-nghiem.yaml").write_text(SMALL_PACK, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BAOCAO_HUONG_DAN", raising=False)
    return tmp_path


def test_list_names_bundled_and_local_packs(runner, folder: Path) -> None:
    result = runner.invoke(main, ["huong-dan", "list"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "ke-hoach-nam-hoc: Kế hoạch hoạt động công đoàn năm học 2023-2024 — Công đoàn cơ sở, "
        "năm học 2023-2024",
        "ninh-binh-hk1-2023-2024: Hướng dẫn báo cáo sơ kết hoạt động công đoàn học kỳ I năm học "
        "2023-2024 — Công đoàn Giáo dục tỉnh Ninh Bình, năm học 2023-2024",
        "thu-nghiem: Hướng dẫn thử nghiệm — Liên đoàn Lao động huyện Thử, năm học 2023-2024",
    ]


def test_list_finds_packs_in_the_environment_folder(runner, tmp_path, monkeypatch) -> None:
    elsewhere = tmp_path / "goi"
    (elsewhere / "thu-nghiem").mkdir(parents=True)
    (elsewhere / "thu-nghiem" / "huong-dan.yaml").write_text(SMALL_PACK, encoding="utf-8")
    monkeypatch.setenv("BAOCAO_HUONG_DAN", str(elsewhere))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["huong-dan", "list"])
    assert "thu-nghiem: Hướng dẫn thử nghiệm" in result.stdout


def test_show_prints_the_outline_as_a_tree(runner, folder: Path) -> None:
    result = runner.invoke(main, ["huong-dan", "show", "thu-nghiem"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "Phần thứ nhất Kết quả năm học [ket_qua]" in lines
    assert "  A. Tình hình chung [chung]" in lines
    assert "    1. Đội ngũ [doi_ngu: khối so_lieu_doi_ngu]" in lines
    assert "        » Tổng số CBNGNLĐ, nữ, đoàn viên đến 31/5." in lines
    assert "      b) Thi đua [thi_dua: khối phong_trao, không bắt buộc]" in lines


def test_show_of_an_unknown_pack_lists_the_known_ones(runner, folder: Path) -> None:
    result = runner.invoke(main, ["huong-dan", "show", "thu-nghiem-2"])
    assert result.exit_code == 2
    assert "không có gói hướng dẫn «thu-nghiem-2»; có phải «thu-nghiem»?" in result.stderr
    assert "ninh-binh-hk1-2023-2024, thu-nghiem" in result.stderr


def test_check_reports_every_problem_located(runner, folder: Path) -> None:
    bad = folder / "hong.yaml"
    bad.write_text(SMALL_PACK.replace("khoi: khoan_chi", "khoi: khoan"), encoding="utf-8")
    result = runner.invoke(main, ["huong-dan", "check", str(bad)])
    assert result.exit_code == 1
    line = next(i for i, t in enumerate(SMALL_PACK.splitlines(), 1) if "khoi: khoan_chi" in t)
    assert f"{bad}:{line}:" in result.stderr
    assert "không có loại khối «khoan»" in result.stderr
    assert f"{bad}: gói hướng dẫn có 1 lỗi." in result.stderr
    good = runner.invoke(main, ["huong-dan", "check", "huong-dan/thu-nghiem.yaml"])
    assert good.exit_code == 0 and "gói hướng dẫn hợp lệ." in good.stdout


def test_check_of_a_broken_yaml_file_is_located(runner, folder: Path) -> None:
    bad = folder / "hong.yaml"
    bad.write_text("ma: [\n", encoding="utf-8")
    result = runner.invoke(main, ["huong-dan", "check", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{bad}:")
    assert "Traceback" not in result.output


def test_the_bundled_pack_is_valid(runner) -> None:
    from baocao.packs.find import bundled_folder

    path = bundled_folder() / "ninh-binh-hk1-2023-2024.yaml"
    assert runner.invoke(main, ["huong-dan", "check", str(path)]).exit_code == 0


def test_init_with_a_pack_writes_its_form(runner, folder: Path) -> None:
    result = runner.invoke(main, ["init", "--huong-dan", "thu-nghiem", "bc.yaml"])
    assert result.exit_code == 0, result.output
    text = (folder / "bc.yaml").read_text("utf-8")
    assert text.startswith("# yaml-language-server: $schema=baocao-thu-nghiem.schema.json\n")
    assert "# BÁO CÁO TỔNG KẾT NĂM HỌC 2023-2024 — tệp dữ liệu của baocao." in text
    assert "    # 1. Đội ngũ: Tổng số CBNGNLĐ, nữ, đoàn viên đến 31/5.\n" in text
    data = yaml.safe_load(text)
    assert data["huong_dan"] == "thu-nghiem"
    assert data["van_ban"]["kinh_gui"] == ["Ban Thường vụ Liên đoàn Lao động huyện Thử"]
    checked = check_source(folder / "bc.yaml")
    assert {p.message for p in checked.problems} == {"chưa điền", "chưa điền nội dung"}
    assert "ket_qua.chung.doi_ngu.tong_so" in {p.path for p in checked.problems}
    schema = json.loads((folder / "baocao-thu-nghiem.schema.json").read_text("utf-8"))
    assert schema["properties"]["ket_qua"]["title"] == "Phần thứ nhất Kết quả năm học"


def test_schema_with_a_pack(runner, folder: Path) -> None:
    result = runner.invoke(main, ["schema", "--huong-dan", "thu-nghiem"])
    assert result.exit_code == 0
    assert set(json.loads(result.stdout)["properties"]) == {
        "huong_dan",
        "van_ban",
        "ket_qua",
        "phuong_huong",
    }


# --- reports naming their pack -------------------------------------------------------------


def _report(folder: Path, huong_dan: str | None) -> Path:
    data = yaml.safe_load(MINIMAL.read_text("utf-8"))
    data.pop("huong_dan")
    if huong_dan is not None:
        data = {"huong_dan": huong_dan, **data}
    path = folder / "bc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_a_report_without_a_pack_is_ninh_binh_with_a_warning(folder: Path) -> None:
    checked = check_source(_report(folder, None))
    assert checked.ok and checked.kind is REPORT
    [warning] = checked.warnings
    assert str(warning) == (
        f"{folder / 'bc.yaml'}:1:1: huong_dan: cảnh báo: chưa ghi «huong_dan» (gói hướng dẫn "
        "của báo cáo); baocao dùng gói ninh-binh-hk1-2023-2024"
    )


def test_a_report_of_an_unknown_pack_is_a_located_error(runner, folder: Path) -> None:
    path = _report(folder, "ninh-binh-hk1-2024-2025")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert (
        f"{path}:1:12: huong_dan: không có gói hướng dẫn «ninh-binh-hk1-2024-2025»; có phải "
        "«ninh-binh-hk1-2023-2024»?"
    ) in result.stderr
    assert "các gói có: ke-hoach-nam-hoc, ninh-binh-hk1-2023-2024, thu-nghiem" in result.stderr


def test_a_report_names_its_pack_by_path(folder: Path) -> None:
    checked = check_source(_report(folder, "huong-dan/thu-nghiem.yaml"))
    assert checked.kind is not REPORT
    assert "van_ban" not in {p.path.split(".")[0] for p in checked.errors}
    assert "không có mục «tinh_hinh»" in " ".join(p.message for p in checked.errors)


def test_a_report_of_a_broken_pack_shows_the_pack_s_problems(folder: Path) -> None:
    pack = folder / "huong-dan" / "thu-nghiem.yaml"
    pack.write_text(SMALL_PACK.replace("khoi: khoan_chi", "khoi: khoan"), encoding="utf-8")
    checked = check_source(_report(folder, "thu-nghiem"))
    assert not checked.ok
    assert {p.file for p in checked.errors} == {folder / "bc.yaml", pack}


def test_a_pack_s_block_checks_run_on_its_reports(folder: Path) -> None:
    data = {
        "huong_dan": "thu-nghiem",
        "van_ban": yaml.safe_load(MINIMAL.read_text("utf-8"))["van_ban"],
        "ket_qua": {
            "chung": {
                "doi_ngu": {"thoi_diem": "20/12/2023", "tong_so": 10, "nu": 12, "doan_vien": 9},
                "hoat_dong": {"tham_hoi": {"mo_ta": "Thăm hỏi.", "khoan_chi": [{"noi_dung": "A"}]}},
            }
        },
        "phuong_huong": ["Một", "Hai"],
    }
    path = folder / "bc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    checked = check_source(path)
    found = {(p.path, p.severity) for p in checked.problems}
    assert found == {
        ("ket_qua.chung.doi_ngu.nu", "loi"),
        ("ket_qua.chung.doi_ngu.thoi_diem", "canh_bao"),  # the pack's «ngay_chot: 31/5»
        ("ket_qua.chung.hoat_dong.tham_hoi.khoan_chi[1]", "loi"),
    }


def _valid_report(folder: Path) -> Path:
    data = {
        "huong_dan": "thu-nghiem",
        "van_ban": yaml.safe_load(MINIMAL.read_text("utf-8"))["van_ban"],
        "ket_qua": {
            "chung": {
                "doi_ngu": {"thoi_diem": "31/05/2024", "tong_so": 10, "nu": 8, "doan_vien": 9},
                "hoat_dong": {"tham_hoi": {"mo_ta": "Thăm hỏi."}},
            }
        },
        "phuong_huong": ["Một", "Hai"],
    }
    path = folder / "bc.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def test_a_valid_report_of_another_pack_renders_with_its_headings(runner, folder: Path) -> None:
    from docx import Document

    path = _valid_report(folder)
    result = runner.invoke(main, ["render", str(path)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(path.with_suffix(".docx"))).paragraphs]
    headings = [t for t in texts if t.startswith(("Phần", "A.", "1.", "2.", "a)", "b)"))]
    assert headings == [
        "Phần thứ nhất Kết quả năm học",
        "A. Tình hình chung",
        "1. Đội ngũ",
        "2. Các hoạt động",
        "a) Thăm hỏi",
        "Phần thứ hai Phương hướng năm học mới",
    ]  # «b) Thi đua» is not required and left out: not printed
    assert "- Một;" in texts and "- Hai." in texts


def test_a_pack_s_text_is_printed_never_run(runner, folder: Path) -> None:
    from docx import Document

    pack = folder / "huong-dan" / "thu-nghiem.yaml"
    odd = "Đội ngũ {{ 7 * 7 }} {% if true %}x{% endif %} {#"
    pack.write_text(SMALL_PACK.replace("tieu_de: Đội ngũ", f"tieu_de: '{odd}'"), "utf-8")
    path = _valid_report(folder)
    result = runner.invoke(main, ["render", str(path)])
    assert result.exit_code == 0, result.output
    assert f"1. {odd}" in [p.text for p in Document(str(path.with_suffix(".docx"))).paragraphs]
