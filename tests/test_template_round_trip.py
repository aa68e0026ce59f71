"""The built-in template, edited by a user and saved by LibreOffice, still makes a proper report.

`test_format` checks every layout rule on the report this template makes; here,
that the template stays valid, that the user's edits are what changed, and
that each appendix really starts a page once LibreOffice lays the report out.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from docx import Document

from baocao.cli import main

from .conftest import render_example
from .formatcheck import all_text, header_table
from .roundtrip import ADDED, DELETED, LETTERHEAD


def test_check_template_passes_after_libreoffice(libreoffice_template: Path) -> None:
    result = CliRunner().invoke(main, ["check-template", str(libreoffice_template)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{libreoffice_template}: mẫu hợp lệ.\n"


def test_the_users_edits_are_in_the_report(libreoffice_report: Path) -> None:
    document = Document(str(libreoffice_report))
    assert header_table(document).cell(0, 0).paragraphs[0].text == LETTERHEAD
    lines = all_text(document).split("\n")
    assert ADDED in lines
    assert lines.count(DELETED) == 3  # II.1, II.3 and II.4 keep theirs


def one_task_for_semester_ii(data: dict[str, Any]) -> None:
    """A shorter report, whose signature ends mid-page: room for an appendix to creep up."""
    del data["hoc_ky_2"]["nhiem_vu"][1:]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler) reads the PDF")
def test_each_appendix_starts_a_page_in_the_pdf(libreoffice_template: Path, tmp_path: Path) -> None:
    """LibreOffice's own layout: «PHỤ LỤC» heads a page, never right under the signature."""
    report = render_example(tmp_path, libreoffice_template, "--pdf", edit=one_task_for_semester_ii)
    text = subprocess.run(
        ["pdftotext", "-layout", str(report.with_suffix(".pdf")), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = [
        [line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")
    ]
    signed = next(i for i, page in enumerate(pages) if "Phạm Thị Thu Hằng" in page)
    assert pages[signed][-1] == "Phạm Thị Thu Hằng", "nothing after the signature on its page"
    heads = [page[1] if page[0].isdigit() else page[0] for page in pages[signed + 1 :] if page]
    assert heads[0] == "PHỤ LỤC I"
    assert "PHỤ LỤC II" in heads
