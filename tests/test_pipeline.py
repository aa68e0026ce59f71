"""The one check pipeline: every problem in one run, files read once, nothing outside the folder."""

from __future__ import annotations

import os
import shutil
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from baocao.checks.pipeline import PLAN, check_source
from baocao.cli import main

from .conftest import EXAMPLES, FIXTURES, MINIMAL, copy_example_attachments, line_of, replace_once
from .test_photos import picture

ACTUALS = "chi_tieu:\n  ke_hoach: ke-hoach.yaml\n  ket_qua:\n    tuyen_truyen: {dat: 38}\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A report folder: the minimal report, the test plan and one photo."""
    shutil.copy(FIXTURES / "ke-hoach.yaml", tmp_path / "ke-hoach.yaml")
    picture(tmp_path / "anh" / "01.jpg")
    return tmp_path


def _report(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hk1.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_of_problem_in_one_run(runner, folder):
    """A type error, a cross-check, a target, a plan file and a photo, all in the same run."""
    text = MINIMAL.read_text("utf-8")
    text = replace_once(text, "so: 7", "so: bảy")  # schema: not a number
    text = replace_once(text, "nu: 30", "nu: 45")  # cross-check: more women than staff
    text += ACTUALS + "    khong_co: 1\n"  # target: no such id in the plan
    text += "anh:\n  - tep: anh/khong-co.jpg\n    chu_thich: Ảnh\n"  # photo: missing
    plan = (folder / "ke-hoach.yaml").read_text("utf-8")
    (folder / "ke-hoach.yaml").write_text(plan.replace("lon_hon: 90", "lon_hon: 190"), "utf-8")
    report = _report(folder, text)
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any("van_ban.so: " in line for line in lines)
    assert any("tinh_hinh.so_lieu.nu: số nữ (45) lớn hơn tổng số CBNGNLĐ (40)" in x for x in lines)
    assert any("chi_tieu.ket_qua.khong_co: kế hoạch không có chỉ tiêu" in x for x in lines)
    assert any(
        x.startswith(f"{report}:") and "anh[1].tep: không tìm thấy tệp ảnh" in x for x in lines
    )
    assert any(x.startswith(f"{folder / 'ke-hoach.yaml'}:") and "lon_hon" in x for x in lines)


def test_a_check_whose_input_is_invalid_is_skipped_alone(write_yaml, minimal_text):
    """`tong_so` broken: the staff checks that need it are skipped, the membership check is not."""
    text = replace_once(minimal_text, "tong_so: 40", "tong_so: nhiều")
    text = replace_once(text, "dau_ky: 39", "dau_ky: 30")
    problems = [(p.path, p.message) for p in check_source(write_yaml(text)).problems]
    assert [path for path, _ in problems] == [
        "tinh_hinh.so_lieu.tong_so",
        "tinh_hinh.so_lieu.doan_vien",
    ]
    assert "không khớp với biến động" in problems[1][1]


def test_a_plan_file_is_checked_as_a_plan(runner, folder):
    result = runner.invoke(main, ["validate", str(folder / "ke-hoach.yaml")])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{folder / 'ke-hoach.yaml'} (tệp kế hoạch): hợp lệ.\n"
    assert check_source(folder / "ke-hoach.yaml").kind is PLAN


def test_a_file_named_as_the_plan_is_never_echoed(runner, folder, minimal_text):
    """A readable file that is not a plan: one message, none of its lines."""
    (folder / "bi-mat.yaml").write_text("mat_khau: hunter2\nmay_chu: 10.0.0.1\n", "utf-8")
    report = _report(folder, minimal_text + ACTUALS.replace("ke-hoach.yaml", "bi-mat.yaml"))
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    assert "hunter2" not in result.output and "mat_khau" not in result.output
    line = line_of(report.read_text("utf-8"), "bi-mat.yaml")
    assert f"{report}:{line}:13: chi_tieu.ke_hoach: tệp bi-mat.yaml không phải tệp kế hoạch" in (
        result.stderr
    )


@pytest.mark.parametrize(
    "written",
    [
        "../ngoai.jpg",
        "/tmp/ngoai.jpg",
        "anh/lien-ket.jpg",
        "thu-muc-ngoai/ngoai.jpg",
        "../bao-cao-khac/ngoai.jpg",  # a folder beside it whose name starts with its name
    ],
)
def test_files_outside_the_report_folder_are_refused(runner, tmp_path, minimal_text, written):
    folder = tmp_path / "bao-cao"
    outside = picture(tmp_path / "ngoai.jpg")
    (tmp_path / "bao-cao-khac").mkdir()
    picture(tmp_path / "bao-cao-khac" / "ngoai.jpg")
    if written.startswith("/"):
        written = str(outside)
    (folder / "anh").mkdir(parents=True)
    picture(folder / "anh" / "01.jpg")
    os.symlink(outside, folder / "anh" / "lien-ket.jpg")  # a link inside that points out
    os.symlink(tmp_path, folder / "thu-muc-ngoai")  # and a folder inside that leads out
    photos = "".join(f"  - tep: {name}\n    chu_thich: Ảnh\n" for name in ("anh/01.jpg", written))
    report = _report(folder, minimal_text + "anh:\n" + photos)
    result = runner.invoke(main, ["render", str(report), "--bundle"])
    assert result.exit_code == 1
    refused = [line for line in result.stderr.splitlines() if "nằm ngoài thư mục" in line]
    assert len(refused) == 1  # the photo inside is fine, beside one that is not
    assert f"anh[2].tep: tệp {written} nằm ngoài thư mục của báo cáo" in refused[0]
    assert list(folder.glob("*.docx")) == list(folder.glob("*.zip")) == []
    allowed = runner.invoke(main, ["render", str(report), "--cho-phep-ngoai-thu-muc"])
    assert allowed.exit_code == 0, allowed.output


def test_a_plan_outside_the_folder_is_refused(runner, tmp_path, minimal_text):
    shutil.copy(FIXTURES / "ke-hoach.yaml", tmp_path / "ke-hoach.yaml")
    report = _report(tmp_path / "don-vi", minimal_text + ACTUALS.replace("ke-hoach", "../ke-hoach"))
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    assert "chi_tieu.ke_hoach: tệp ../ke-hoach.yaml nằm ngoài thư mục của báo cáo" in result.stderr


@pytest.fixture
def opened() -> Iterator[Counter[str]]:
    """How many times each file was opened in this process while the test ran."""
    counts: Counter[str] = Counter()
    active = [True]

    def hook(event: str, args: tuple[object, ...]) -> None:
        if event == "open" and active[0] and isinstance(args[0], str | Path):
            counts[os.path.realpath(args[0])] += 1

    sys.addaudithook(hook)  # hooks cannot be removed: this one is switched off after the test
    yield counts
    active[0] = False


def test_render_opens_the_report_its_plan_and_template_once_each(runner, tmp_path, opened):
    copy_example_attachments(tmp_path)
    report = tmp_path / "hk1.yaml"
    shutil.copy(EXAMPLES / "hk1.yaml", report)
    template = tmp_path / "mau.docx"
    assert runner.invoke(main, ["new-template", str(template)]).exit_code == 0
    opened.clear()
    pdf = ["--pdf"] if shutil.which("soffice") else []  # LibreOffice reads only our .docx copy
    args = ["render", str(report), "--template", str(template), "--bundle", *pdf]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    for name in ("hk1.yaml", "ke-hoach-2023-2024.yaml", "mau.docx"):
        assert opened[os.path.realpath(tmp_path / name)] == 1, name


@pytest.mark.parametrize("key", ["anh", "chi_tieu"])
def test_a_name_too_long_for_the_file_system_is_a_located_error(runner, folder, minimal_text, key):
    long = "a" * 300 + ".yaml"
    extra = f"anh:\n  - tep: {long}\n    chu_thich: Ảnh\n" if key == "anh" else ACTUALS
    report = _report(folder, minimal_text + extra.replace("ke-hoach.yaml", long))
    result = runner.invoke(main, ["validate", str(report)])
    assert result.exit_code == 1
    assert "255 byte" in result.stderr
    assert "Traceback" not in result.output and "không mong đợi" not in result.output


def test_a_windows_path_is_read_as_a_path(runner, folder, minimal_text):
    report = _report(folder, minimal_text + "anh:\n  - tep: anh\\01.jpg\n    chu_thich: Ảnh\n")
    checked = check_source(report)
    assert checked.photos == (folder / "anh" / "01.jpg",)


def _error_sheet(workbook: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    return [[c.value for c in row] for row in load_workbook(workbook)["Lỗi"].iter_rows()]


SECRETS = {
    "a system file": "root:x:0:0:hunter2:/root:/bin/bash\n",
    "a mapping": "mat_khau: hunter2\nmay_chu: !!int hunter2\n",
    "a syntax error": "mat_khau: hunter2\n  sai: [hunter2\n",
}


@pytest.mark.parametrize("secret", SECRETS.values(), ids=SECRETS)
def test_a_plan_that_links_to_any_other_file_is_never_echoed(
    runner, tmp_path, minimal_text, secret
):
    """Allowed outside the folder, through a link inside it: validate and tong-hop's «Lỗi»
    sheet say what the file is not, never what it holds."""
    (tmp_path / "bi-mat").write_text(secret, "utf-8")
    folder = tmp_path / "don-vi"
    report = _report(folder, minimal_text + ACTUALS.replace("ke-hoach.yaml", "ke-hoach-moi.yaml"))
    (folder / "ke-hoach-moi.yaml").symlink_to(tmp_path / "bi-mat")
    outside = "--cho-phep-ngoai-thu-muc"
    checked = runner.invoke(main, ["validate", str(report), outside])
    summed = runner.invoke(
        main, ["tong-hop", str(report), "-o", str(tmp_path / "th.xlsx"), outside]
    )
    assert checked.exit_code == summed.exit_code == 1
    sheet = _error_sheet(tmp_path / "th.xlsx")
    assert len(sheet) == 2  # its header, one row for the one failed report
    for shown in (checked.output, summed.output, str(sheet)):
        assert "hunter2" not in shown and "mat_khau" not in shown and "root:x" not in shown


def test_tong_hop_takes_files_outside_the_folder_only_when_allowed(runner, tmp_path, minimal_text):
    shutil.copy(FIXTURES / "ke-hoach.yaml", tmp_path / "ke-hoach.yaml")
    report = _report(tmp_path / "don-vi", minimal_text + ACTUALS.replace("ke-hoach", "../ke-hoach"))
    out = tmp_path / "th.xlsx"
    refused = runner.invoke(main, ["tong-hop", str(report), "-o", str(out)])
    assert refused.exit_code == 1
    assert "chi_tieu.ke_hoach: tệp ../ke-hoach.yaml nằm ngoài thư mục của báo cáo" in refused.stderr
    assert "nằm ngoài thư mục" in str(_error_sheet(out)[1])
    allowed = runner.invoke(
        main, ["tong-hop", str(report), "-o", str(out), "--force", "--cho-phep-ngoai-thu-muc"]
    )
    assert allowed.exit_code == 0, allowed.output
    assert allowed.stdout.startswith(f"Đã tạo {out}: 1 đơn vị")


LINKS = {
    "a loop": ("vong.yaml", "đường dẫn có liên kết tắt vòng quanh chính nó"),
    "to nothing": ("khong-co.yaml", "liên kết tắt trỏ tới khong-co.yaml, tệp này không có"),
}


@pytest.mark.parametrize(("target", "reason"), LINKS.values(), ids=LINKS)
def test_a_link_that_leads_nowhere_says_why(runner, tmp_path, target, reason):
    link = tmp_path / "vong.yaml"
    link.symlink_to(target)
    for command in (["validate"], ["render"], ["tong-hop", "-o", str(tmp_path / "th.xlsx")]):
        result = runner.invoke(main, [*command, str(link)])
        assert result.exit_code == 2, result.output
        assert result.stderr.startswith(f"Lỗi: {link}: "), result.stderr
        assert reason in result.stderr
        assert "không tìm thấy tệp hoặc thư mục" not in result.stderr


def test_a_reader_of_errors_alone_skips_only_checks_that_warn(folder):
    """`doubts=False` (tong-hop's reading) gives every error; what it skips only ever warns."""
    text = MINIMAL.read_text("utf-8")
    text = replace_once(text, "nu: 30", "nu: 45")  # an error: more women than staff
    text = replace_once(text, "ngay: 20/12/2023", "ngay: 28/12/2023")  # after the deadline
    text = replace_once(text, "gioi_thieu_dang: 1", "gioi_thieu_dang: 41")  # a likely slip
    text = replace_once(text, "Trường có 20 lớp.", "Trường có 20 lớp (năm học 2019-2020).")
    report = _report(folder, text)
    whole, errors_only = check_source(report), check_source(report, doubts=False)
    assert [p.message for p in whole.errors] == ["số nữ (45) lớn hơn tổng số CBNGNLĐ (40)"]
    assert errors_only.errors == whole.errors
    skipped = [p for p in whole.problems if p not in errors_only.problems]
    assert {p.path for p in skipped} == {
        "van_ban.ngay",
        "ket_qua.to_chuc.phat_trien.gioi_thieu_dang",
        "tinh_hinh.dac_diem",
    }
    assert {p.severity for p in skipped} == {"canh_bao"}
    assert all(p in whole.problems for p in errors_only.problems)
