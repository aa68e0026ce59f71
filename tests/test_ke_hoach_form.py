"""The blank form of a pack of the plan kind (`init --huong-dan ke-hoach-nam-hoc`): the plan's
own shape, worded for a plan, which once filled in is the plan semester reports point at."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from docx import Document

from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.packs.find import bundled_folder

from .conftest import EXAMPLES
from .formatcheck import header_table
from .test_ke_hoach import EXAMPLE_PLAN

PACK = "ke-hoach-nam-hoc"
SCHEMA = f"baocao-{PACK}.schema.json"


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def _write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _init(runner: CliRunner, folder: Path, pack: str = PACK, name: str = "kh.yaml") -> Path:
    result = runner.invoke(main, ["init", "--huong-dan", pack, str(folder / name)])
    assert result.exit_code == 0, result.output
    return folder / name


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("BAOCAO_HUONG_DAN", raising=False)
    return tmp_path


@pytest.fixture
def form(runner: CliRunner, folder: Path) -> Path:
    """The untouched form `kh.yaml` of the bundled plan pack."""
    return _init(runner, folder)


def fill(form: Path) -> Path:
    """`form` with the example plan's value of each of its keys (its own pack kept)."""
    example, blank = _yaml(EXAMPLE_PLAN), _yaml(form)
    return _write_yaml(form, {k: v if k == "huong_dan" else example[k] for k, v in blank.items()})


def _report_of(plan: Path) -> Path:
    """The example report, with its photos, beside `plan` and pointing at it."""
    folder = plan.parent
    shutil.copytree(EXAMPLES / "anh", folder / "anh", dirs_exist_ok=True)
    text = (EXAMPLES / "hk1.yaml").read_text("utf-8")
    pointed = text.replace("ke_hoach: ke-hoach-2023-2024.yaml", f"ke_hoach: {plan.name}")
    assert pointed != text
    report = folder / "hk1.yaml"
    report.write_text(pointed, "utf-8")
    return report


# --- the form -----------------------------------------------------------------------------------


def test_the_form_has_the_keys_and_shape_of_the_example_plan(form: Path) -> None:
    data, example = _yaml(form), _yaml(EXAMPLE_PLAN)
    assert list(data) == list(example)
    assert list(data["van_ban"]) == list(example["van_ban"])
    assert list(data["van_ban"]["nguoi_ky"]) == list(example["van_ban"]["nguoi_ky"])
    assert data["huong_dan"] == PACK
    assert data["van_ban"]["ky_hieu"] == "KH-CĐCS"
    assert data["van_ban"]["noi_nhan"] == ["Lưu: VT, BCH"]  # the pack's recipients
    [target] = data["chi_tieu"]
    assert {"ma", "noi_dung", "loai"} <= target.keys()
    assert "muc_dich_yeu_cau" not in data  # the pack's heading «I.» is printed, never filled


def test_the_form_is_worded_for_a_plan_in_the_pack_s_words(runner: CliRunner, folder: Path) -> None:
    result = runner.invoke(main, ["init", "--huong-dan", PACK, "kh.yaml"])
    assert result.exit_code == 0, result.output
    assert "Điền các mục của kế hoạch rồi chạy «baocao validate kh.yaml»" in result.stdout
    text = (folder / "kh.yaml").read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={SCHEMA}\n")
    for words in (
        "baocao render kh.yaml     xuất kế hoạch .docx",
        "Số thứ tự của kế hoạch",
        "Ngày ký kế hoạch",
        "# Mở đầu: Căn cứ, chỉ đạo của cấp trên; mỗi dòng một đoạn.",  # the pack's prompt
        "# I.1. Mục đích:",  # under the pack's heading «I. MỤC ĐÍCH, YÊU CẦU»
        "# II. Phấn đấu thực hiện các nhiệm vụ, chỉ tiêu trong năm học 2023-2024: Các chỉ tiêu",
        "Gói ke-hoach-nam-hoc không in phần này.",  # loi_dan_chi_tieu, which it has no point for
    ):
        assert words in text, words
    for words in ("xuất báo cáo", "của báo cáo", "Ngày ký báo cáo", "Kính gửi", "Hạn nộp"):
        assert words not in text, words
    assert "số tiền" not in text  # a plan sums no money


def test_the_schema_file_matches_the_form(runner: CliRunner, form: Path) -> None:
    schema = json.loads((form.parent / SCHEMA).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    assert list(schema["properties"]) == list(_yaml(form))
    assert schema["title"] == "Kế hoạch hoạt động công đoàn năm học 2023-2024 (baocao)"
    jsonschema.validate(_yaml(fill(form)), schema)
    printed = runner.invoke(main, ["schema", "--huong-dan", PACK])
    assert printed.exit_code == 0 and json.loads(printed.stdout) == schema


def test_the_untouched_form_lists_only_what_is_not_filled_in(runner: CliRunner, form: Path) -> None:
    result = runner.invoke(main, ["validate", str(form)])
    assert result.exit_code == 1
    *problems, summary = result.stderr.splitlines()
    pattern = re.compile(rf"{re.escape(str(form))}:\d+:\d+: ([\w.\[\]]+): chưa điền( nội dung)?")
    paths = []
    for line in problems:
        match = pattern.fullmatch(line)
        assert match, line
        paths.append(match.group(1))
    assert {"nam_hoc", "van_ban.so", "van_ban.ngay", "chi_tieu[1].ma"} <= set(paths)
    assert summary == f"{form} (tệp kế hoạch): Có {len(problems)} lỗi; chưa tạo kế hoạch."


def test_rendering_the_untouched_form_lists_its_problems(runner: CliRunner, form: Path) -> None:
    result = runner.invoke(main, ["render", str(form)])
    assert result.exit_code == 1
    assert f"{form}:" in result.stderr and "nam_hoc: chưa điền" in result.stderr
    assert result.stderr.splitlines()[-1].endswith("lỗi; chưa tạo kế hoạch.")
    assert "không phải báo cáo" not in result.stderr
    assert not form.with_suffix(".docx").exists()


# --- the form filled in ---------------------------------------------------------------------------


def test_the_filled_form_validates_and_renders_as_the_example(
    runner: CliRunner, form: Path
) -> None:
    fill(form)
    checked = runner.invoke(main, ["validate", str(form)])
    assert checked.exit_code == 0, checked.output
    assert checked.stdout == f"{form} (tệp kế hoạch): hợp lệ.\n"
    result = runner.invoke(main, ["render", str(form)])
    assert result.exit_code == 0, result.output
    doc = Document(str(form.with_suffix(".docx")))
    header = "\n".join(c.text for row in header_table(doc).rows for c in row.cells)
    assert "Số: 01/KH-CĐCS" in header
    texts = [p.text for p in doc.paragraphs]
    assert "KẾ HOẠCH" in texts and "Hoạt động công đoàn năm học 2023-2024" in texts
    assert "I. MỤC ĐÍCH, YÊU CẦU" in texts and "III. Nhiệm vụ, giải pháp trọng tâm" in texts


def test_a_report_takes_the_filled_form_as_its_plan(runner: CliRunner, form: Path) -> None:
    report = _report_of(fill(form))
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 0, result.output
    checked = check_source(report)
    assert checked.ke_hoach_file == form and checked.ke_hoach is not None
    assert len(checked.ke_hoach.chi_tieu) == 19


def test_in_a_folder_of_reports_the_filled_form_is_a_plan(runner: CliRunner, form: Path) -> None:
    report = _report_of(fill(form))
    folder = form.parent
    result = runner.invoke(main, ["validate", str(folder)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"{report}: hợp lệ.", f"{form} (tệp kế hoạch): hợp lệ."]
    out = folder / "out"
    result = runner.invoke(main, ["render", str(folder), "-o", f"{out}/", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "Đã tạo 1/1 báo cáo." in result.stdout
    assert "Bỏ qua 1 tệp kế hoạch (không phải báo cáo)." in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["hk1.docx"]
    result = runner.invoke(main, ["tong-hop", str(folder), "-o", str(folder / "th.xlsx")])
    assert result.exit_code == 0, result.output
    assert "1 đơn vị" in result.stdout and "lỗi" not in result.stdout


# --- any pack of the plan kind ------------------------------------------------------------------


def _own_pack(folder: Path) -> Path:
    """A copy of the bundled plan pack under another id, with one heading of its own."""
    text = (bundled_folder() / f"{PACK}.yaml").read_text("utf-8")
    own = text.replace(f"ma: {PACK}", "ma: kh-rieng").replace(
        "tieu_de: Nhiệm vụ, giải pháp trọng tâm", "tieu_de: NHIỆM VỤ VÀ GIẢI PHÁP"
    )
    assert own.count("kh-rieng") == 1 and "NHIỆM VỤ VÀ GIẢI PHÁP" in own
    path = folder / "kh-rieng.yaml"
    path.write_text(own, "utf-8")
    return path


def test_a_plan_pack_of_one_s_own_gives_its_form_and_prints_its_plans(
    runner: CliRunner, folder: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch
) -> None:
    packs = tmp_path_factory.mktemp("goi")
    _own_pack(packs)
    monkeypatch.setenv("BAOCAO_HUONG_DAN", str(packs))  # seen by the batch's workers too
    form = _init(runner, folder, "kh-rieng")
    assert "# III. NHIỆM VỤ VÀ GIẢI PHÁP: Các nhóm nhiệm vụ" in form.read_text("utf-8")
    assert list(_yaml(form)) == list(_yaml(EXAMPLE_PLAN))
    fill(form)
    checked = check_source(form)
    assert checked.ok and checked.kind.is_plan and checked.kind.pack is not None
    assert checked.kind.pack.ma == "kh-rieng"
    result = runner.invoke(main, ["render", str(form)])
    assert result.exit_code == 0, result.output
    texts = [p.text for p in Document(str(form.with_suffix(".docx"))).paragraphs]
    assert "III. NHIỆM VỤ VÀ GIẢI PHÁP" in texts
    _report_of(form)
    result = runner.invoke(main, ["render", str(folder), "-o", f"{folder / 'out'}/", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "Bỏ qua 1 tệp kế hoạch" in result.stdout


def test_a_plan_pack_s_points_are_the_plan_s_parts(runner: CliRunner, folder: Path) -> None:
    text = _own_pack(folder).read_text("utf-8")
    for old, new in [
        ("ma: muc_dich\n    khoi: danh_sach", "ma: muc_dich\n    khoi: van_xuoi"),
        (
            "ma: yeu_cau\n    khoi: danh_sach\n    bat_buoc: false",
            "ma: yeu_cau\n    khoi: danh_sach",
        ),
        ("ma: ket_luan\n", "ma: ket_luann\n"),
    ]:
        assert old in text, old
        text = text.replace(old, new)
    pack = folder / "kh-rieng.yaml"
    pack.write_text(text, "utf-8")
    result = runner.invoke(main, ["huong-dan", "check", str(pack)])
    assert result.exit_code == 1
    messages = [line.split(": ", 2)[1:] for line in result.stderr.splitlines()[:-1]]
    assert messages == [
        [
            "noi_dung[3].khoi",
            "phần «muc_dich» của tệp kế hoạch được in bằng khối «danh_sach», không phải «van_xuoi»",
        ],
        [
            "noi_dung[4].bat_buoc",
            "phần «yeu_cau» của tệp kế hoạch không bắt buộc: ghi «bat_buoc: false»",
        ],
        [
            "noi_dung[7].ma",
            "«ket_luann» không phải một phần của tệp kế hoạch; có phải «ket_luan»? (các phần: "
            "mo_dau, muc_dich, yeu_cau, loi_dan_chi_tieu, chi_tieu, nhiem_vu, ket_luan; một đề "
            "mục thì dùng khối de_muc)",
        ],
    ]


def test_a_plan_is_told_by_the_plan_pack_it_names(runner: CliRunner, form: Path) -> None:
    fill(form)
    typo = {k if k != "muc_dich" else "muc_dichh": v for k, v in _yaml(form).items()}
    other = {**_yaml(form), "huong_dan": "ninh-binh-hk1-2023-2024"}
    typo_file = _write_yaml(form.parent / "go-sai.yaml", typo)
    other_file = _write_yaml(form.parent / "goi-khac.yaml", other)
    result = runner.invoke(main, ["validate", str(typo_file), str(other_file)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert lines[0].endswith(
        "muc_dichh: không có mục «muc_dichh» trong tệp kế hoạch; có phải «muc_dich»?"
    )
    assert lines[1] == f"{typo_file} (tệp kế hoạch): Có 1 lỗi; chưa tạo kế hoạch."
    assert lines[2] == (
        f"{other_file}:1:12: huong_dan: gói hướng dẫn «ninh-binh-hk1-2023-2024» là gói báo cáo "
        "(ky: hoc_ky_1), không phải gói kế hoạch (ky: ke_hoach)"
    )
    assert lines[3] == f"{other_file} (tệp kế hoạch): Có 1 lỗi; chưa tạo kế hoạch."


def test_the_template_guide_of_a_plan_pack_names_the_plan_s_fields(
    runner: CliRunner, folder: Path
) -> None:
    result = runner.invoke(main, ["new-template", "--huong-dan", PACK, "mau.docx"])
    assert result.exit_code == 0, result.output
    guide = (folder / "mau.txt").read_text("utf-8-sig")
    assert re.search(r"^nam_hoc \(chữ\)", guide, re.MULTILINE)
    assert "van_ban.kinh_gui" not in guide and "muc_dich_yeu_cau" not in guide
    result = runner.invoke(main, ["check-template", "--huong-dan", PACK, "mau.docx"])
    assert result.exit_code == 0, result.output


def test_the_browser_form_refuses_a_plan_pack_and_says_how_to_start_a_plan(
    runner: CliRunner, folder: Path
) -> None:
    pytest.importorskip("starlette")
    result = runner.invoke(main, ["soan", "kh.yaml", "--huong-dan", PACK, "--khong-mo-trinh-duyet"])
    assert result.exit_code == 2
    assert f"tạo tệp kế hoạch bằng «baocao init --huong-dan {PACK} TỆP.yaml»" in result.stderr
    assert not (folder / "kh.yaml").exists()
