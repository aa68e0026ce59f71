"""`baocao soan` end to end in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from baocao.checks.pipeline import check_source
from baocao.compute.derived import tinh_toan
from baocao.schema import BaoCao
from tests.conftest import EXAMPLES, MINIMAL
from tests.formatcheck import (
    all_text,
    figures_table,
    main_body,
    rows_text,
    run_italic,
    text_runs,
)

CHROMIUM = Path("/usr/bin/chromium")
WAIT = 30_000
"""Milliseconds a step may take on a busy machine."""
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
ARTIFACTS = Path(__file__).parent / "artifacts"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip("chromium is not installed (apt-get install chromium)", allow_module_level=True)
playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytest.importorskip("uvicorn", reason="baocao[soan] is not installed")


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """`baocao soan` on a new file, as a user starts it; its address and the file."""
    report = tmp_path / "hk1.yaml"
    process = subprocess.Popen(
        [sys.executable, "-m", "baocao", "soan", str(report), "--khong-mo-trinh-duyet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=ENV,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:\d+/\?token=\S+", line)
    assert match, line
    try:
        yield match.group(0), report
    finally:
        process.terminate()
        process.wait(timeout=20)


PHOTO = EXAMPLES / "anh" / "01-hoi-nghi-vien-chuc.jpg"
SPENDING = "ket_qua.cham_lo.tham_hoi.khoan_chi"
DETOURS = {"tinh_hinh.so_lieu.nu": ("45", "số nữ (45) lớn hơn tổng số CBNGNLĐ (40)")}
"""A wrong value typed first, and the check's words that must appear next to its field."""
LAYOUT_CHECKS = (
    "test_page_is_a4_portrait_with_the_margins",
    "test_every_run_is_times_new_roman_in_black",
    "test_page_number_centred_in_the_header",
    "test_no_page_number_on_the_first_page",
    "test_header_is_a_borderless_two_column_table_first",
    "test_header_right_cell",
    "test_lists_use_the_guideline_markers",
    "test_no_double_punctuation",
    "test_lead_ins_lead_somewhere",
    "test_body_ends_with_the_closing_mark",
    "test_tables_have_thin_borders_a_bold_centred_header_and_small_type",
)
"""The CLI's format tests (`test_format`) that hold for any report, not only the example."""


def semester() -> dict[str, Any]:
    """What the chair types: the minimal report, with spending written as people write it,
    a list inside a row, and a photo."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["ket_qua"]["cham_lo"]["tham_hoi"]["khoan_chi"] = [
        {"noi_dung": "Thăm hỏi đoàn viên ốm đau", "so_nguoi": "04", "muc_chi": "500.000"},
        {"noi_dung": "Hỗ trợ đoàn viên có hoàn cảnh khó khăn", "so_tien": "2.000.000"},
    ]
    data["ket_qua"]["thi_dua"]["phong_trao"][0]["mo_hinh_hay"] = ["Tiết dạy mẫu theo nhóm."]
    data["anh"] = [{"tep": PHOTO, "chu_thich": "Hội nghị viên chức"}]
    return data


def fill(page: Any, value: Any, path: str = "") -> None:
    """Type `value` into the form as a chair would: each field found by the name the form
    gives it, each list row added with that list's own button (photos: its file picker)."""
    if isinstance(value, dict):
        for key, item in value.items():
            fill(page, item, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            fill(page, add_row(page, path, index, item), f"{path}.{index}")
    else:
        field = page.locator(f'[name="{path}"]')
        if path in DETOURS:
            wrong, message = DETOURS[path]
            field.fill(wrong)
            slot = page.locator(f'[id="err-{path}"]')
            slot.get_by_text(message).wait_for(timeout=WAIT)
            field.fill(str(value))
            slot.get_by_text(message).wait_for(state="detached", timeout=WAIT)
        elif field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(str(value))
        else:
            field.fill(str(value))


def add_row(page: Any, path: str, index: int, item: Any) -> Any:
    """Row `index` of the list at `path`, added unless the blank form has it; what remains
    to be typed into it."""
    row = page.locator(f'[id="f-{path}.{index}"]')
    picker = page.locator(f'[data-tai-anh="{path}"]')
    if row.count():
        return item
    if picker.count():
        picker.set_input_files(str(item["tep"]))
        item = {key: value for key, value in item.items() if key != "tep"}
    else:
        page.locator(f'[data-them="{path}"]').click()
    row.wait_for()
    return item


UNLABELLED = """() => Array.from(document.querySelectorAll("#bieu-mau [name]"))
  .filter((el) => !document.querySelector(`label[for="${CSS.escape(el.id)}"]`))
  .map((el) => el.name)"""
"""The fields of the form that no `<label for>` names."""


def paragraphs(docx: Path) -> list[str]:
    from docx import Document as Docx

    return all_text(Docx(str(docx))).split("\n")


def test_a_chair_fills_a_semester_and_exports_it(served: tuple[str, Path]) -> None:
    url, report = served
    typed = semester()
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1366, "height": 768}, locale="vi-VN")
        page.set_default_timeout(WAIT)
        page.goto(url)
        assert "token=" not in page.url  # moved into the cookie, out of the address bar
        page.locator("#tt-chung").get_by_text("Còn").wait_for()
        fill(page, typed)
        assert page.input_value('[name="anh.0.tep"]') == f"anh/{PHOTO.name}"
        assert page.evaluate(UNLABELLED) == []
        page.locator("#tt-chung").get_by_text("Báo cáo hợp lệ").wait_for()
        ARTIFACTS.mkdir(exist_ok=True)
        shot = ARTIFACTS / "soan-filled-form.png"
        page.screenshot(path=str(shot), full_page=True)
        print(f"screenshot of the filled form: {shot}")
        page.get_by_role("button", name="Xuất .docx").click()
        link = page.locator("#ket-qua-xuat a")
        link.wait_for(timeout=60_000)
        with page.expect_download() as download:
            link.click()
        exported = report.parent / "tai-ve.docx"
        download.value.save_as(exported)
        made = export(page, "Đóng gói .zip", ".zip")
        if shutil.which("soffice"):  # the PDF itself is compared with render's in test_soan_http
            made += export(page, "Xuất PDF", ".pdf")
        browser.close()
    assert all((report.parent / name).is_file() for name in made)

    text = report.read_text(encoding="utf-8")
    assert "# Số văn bản:" in text  # the blank form's guideline comments are kept
    lines = yaml.safe_load(text)["ket_qua"]["cham_lo"]["tham_hoi"]["khoan_chi"]
    assert (lines[0]["so_nguoi"], lines[0]["muc_chi"], lines[1]["so_tien"]) == (4, 500000, 2000000)
    assert (report.parent / "anh" / PHOTO.name).read_bytes() == PHOTO.read_bytes()
    checked = check_source(report)
    typed["anh"][0]["tep"] = f"anh/{PHOTO.name}"
    assert checked.model == BaoCao.model_validate(typed)  # every value landed where it belongs
    assert baocao("validate", report).returncode == 0

    cli = report.parent / "cli"
    assert baocao("render", report, "-o", f"{cli}/").returncode == 0
    assert paragraphs(exported) == paragraphs(cli / "hk1.docx")
    assert exported.read_bytes() == (report.parent / "hk1.docx").read_bytes()
    printed = {key: value for key, value in yaml.safe_load(text).items() if key != "anh"}
    assert_laid_out_as_the_cli_s(exported, checked.require(), printed)


def export(page: Any, button: str, suffix: str) -> list[str]:
    """Click an export button; the names of the files it links to, one ending in `suffix`."""
    page.get_by_role("button", name=button).click()
    page.locator(f'#ket-qua-xuat a[download$="{suffix}"]').wait_for(timeout=120_000)
    names: list[str] = page.locator("#ket-qua-xuat a").all_inner_texts()
    return names


def assert_laid_out_as_the_cli_s(docx: Path, bao_cao: BaoCao, data: dict[str, Any]) -> None:
    """The format tests of `baocao render` (`test_format`), on this report and its figures."""
    from docx import Document as Docx

    from tests import test_format

    doc = Docx(str(docx))
    derived = tinh_toan(bao_cao)
    for name in LAYOUT_CHECKS:
        getattr(test_format, name)(doc)
    test_format.test_body_size_alignment_indent_and_spacing(doc, least=50)  # a short report
    test_format.test_header_left_cell(doc, derived)
    test_format.test_place_and_date_on_the_row_of_the_number(doc, bao_cao)
    test_format.test_title_summary_and_its_line(doc, derived)
    test_format.test_headings_word_for_word_in_order_and_bold(doc, bao_cao)
    test_format.test_figures_are_stated(doc, bao_cao, derived)
    test_format.test_closing_block_recipients(doc, derived)
    test_format.test_closing_block_signature(doc, bao_cao)
    test_format.test_every_text_of_the_yaml_is_in_the_report(doc, data)
    text = all_text(doc).split("\n")
    figures = {row[1]: row[2:] for row in rows_text(figures_table(doc))[1:]}
    assert figures["Trong đó: nữ"] == ["30", derived.ty_le_nu] == ["30", "75%"]
    assert "Tổng cộng: 4.000.000 đồng." in text
    (words,) = [p for p in main_body(doc) if p.text.startswith("Bằng chữ: ")]
    assert words.text == f"Bằng chữ: {derived.tham_hoi.bang_chu}." == "Bằng chữ: Bốn triệu đồng."
    assert all(run_italic(doc, run, words) for run in text_runs(words))


def baocao(*args: str | Path) -> subprocess.CompletedProcess[str]:
    """The CLI, as a chair would run it on the file the form wrote."""
    command = [sys.executable, "-m", "baocao", *map(str, args)]
    return subprocess.run(command, capture_output=True, text=True, env=ENV, timeout=300)


def test_export_from_the_page_writes_the_docx(served: tuple[str, Path]) -> None:
    from docx import Document as Docx

    url, report = served
    folder = report.parent
    shutil.copy2(EXAMPLES / "ke-hoach-2023-2024.yaml", folder)
    shutil.copytree(EXAMPLES / "anh", folder / "anh")
    shutil.copy2(EXAMPLES / "hk1.yaml", report)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
        page.goto(url)
        page.locator("#tt-chung").get_by_text("Báo cáo hợp lệ").wait_for(timeout=15_000)
        share = page.locator("#tinh-tinh_hinh\\.so_lieu")
        assert "73,8%" in share.inner_text()
        page.fill('[name="tinh_hinh.so_lieu.nu"]', "30")
        page.get_by_text("Đã lưu lúc").wait_for(timeout=10_000)
        page.wait_for_function(
            "() => document.getElementById('tinh-tinh_hinh.so_lieu').textContent.includes('71,4%')"
        )
        page.get_by_role("button", name="Xuất .docx").click()
        link = page.locator("#ket-qua-xuat a")
        link.wait_for(timeout=60_000)
        with page.expect_download() as download:
            link.click()
        saved = Path(download.value.path()).read_bytes()
        browser.close()
    document = Docx(io.BytesIO(saved))
    body = "\n".join(p.text for p in document.paragraphs)
    assert "I. TÌNH HÌNH ĐỘI NGŨ" in body.upper()
    assert "30" in body and "71,4%" in body
    assert (folder / "hk1.docx").read_bytes() == saved
