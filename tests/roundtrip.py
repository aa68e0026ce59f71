"""The built-in template as a new user leaves it: edited, then saved by LibreOffice.

The edits are the ones a union's chair makes first (a fixed letterhead, a
sentence of their own, a lead-in they do not want), made with python-docx;
the save is a real LibreOffice's, which rewrites the whole file its own way:
styles renamed, borders moved onto cells, runs merged or split, and a
paragraph's own page break turned into a `w:br` in the paragraph before it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.text.paragraph import Paragraph

from baocao.render.source import builtin_template

LETTERHEAD = "CÔNG ĐOÀN GIÁO DỤC TỈNH NINH BÌNH"
"""The parent body typed into the template instead of its tag (the example's own, in capitals)."""
ADDED = "Ban Chấp hành công đoàn cơ sở báo cáo tình hình đội ngũ như sau."
"""A sentence of the user's own, added under heading I."""
DELETED = "Kết quả cụ thể:"
"""The lead-in of II.2, a paragraph without tags, deleted (the other parts keep theirs)."""

SOFFICE = shutil.which("soffice")


def edit_as_a_user(source: Path, target: Path) -> Path:
    """The three edits, saved by python-docx to `target`."""
    document = Document(str(source))
    parent = document.tables[0].cell(0, 0).paragraphs[0]
    _set_text(parent, LETTERHEAD)
    paragraphs = document.paragraphs
    heading = next(i for i, p in enumerate(paragraphs) if p.text.startswith("I. "))
    paragraphs[heading + 1].insert_paragraph_before(ADDED)
    lead_ins = [p for p in paragraphs if p.text == DELETED]
    doomed = lead_ins[1]._p  # II.2's; II.1, II.3 and II.4 keep theirs
    doomed.getparent().remove(doomed)
    document.save(str(target))
    return target


def _set_text(paragraph: Paragraph, text: str) -> None:
    """The paragraph's text replaced, its first run's formatting kept."""
    first, *others = paragraph.runs
    for run in others:
        run._r.getparent().remove(run._r)
    first.text = text


def libreoffice_round_trip(source: Path, folder: Path) -> Path:
    """`source` opened and saved as .docx by LibreOffice, in a throw-away profile."""
    assert SOFFICE is not None
    out = folder / "libreoffice"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{folder / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / source.name


def round_tripped_template(folder: Path) -> Path:
    """The built-in template edited as a user would, then saved by LibreOffice."""
    edited = edit_as_a_user(builtin_template(), folder / "mau-da-sua.docx")
    return libreoffice_round_trip(edited, folder)
