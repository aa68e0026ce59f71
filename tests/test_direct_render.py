"""The direct render path gives the document docxtpl's full render gives, part for part.

docxtpl's full render (`render.full`) is the reference: every example is
rendered both ways and the two packages compared as XML (every part,
canonicalised) and as Word reads them (paragraph texts, run properties,
tables, sections, headers and footers, core properties). Templates that take
the rarer branches of the direct path are compared too: a picture (drawing ids
renumbered), a loop over table cells (docxtpl's `fix_tables`), a nested table,
a value with line breaks (docxtpl's `resolve_listing`).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from docx import Document
from lxml import etree

from baocao.checks.pipeline import check_source
from baocao.compute.derived import tinh_toan
from baocao.render import direct, full
from baocao.render.docx import render_docx
from baocao.render.source import Template, builtin
from baocao.schema import BaoCao

from .conftest import EXAMPLES, MINIMAL
from .test_template_safety import _png

REPORTS = [EXAMPLES / "hk1.yaml", MINIMAL]


def _both(template: Template, source: Path) -> tuple[bytes, bytes]:
    checked = check_source(source)
    bao_cao = checked.require()
    derived = tinh_toan(bao_cao, checked.ke_hoach)
    prepared = direct.prepare(template)
    assert prepared is not None
    return full.render(template, bao_cao, derived), direct.render(prepared, bao_cao, derived)


def _canonical(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: etree.tostring(etree.fromstring(archive.read(name)), method="c14n")
            if name.endswith((".xml", ".rels"))
            else archive.read(name)
            for name in archive.namelist()
        }


def _runs(paragraphs: Any) -> list[Any]:
    return [
        (
            p.style.name,
            p.text,
            [(r.text, r.bold, r.italic, r.font.size, r.font.name) for r in p.runs],
        )
        for p in paragraphs
    ]


def _run(run: Any) -> tuple[Any, ...]:
    font = run.font
    return (run.text, run.style.name, font.bold, font.italic, font.size, font.name, font.color.rgb)


def _as_word_reads(data: bytes) -> dict[str, Any]:
    doc = Document(io.BytesIO(data))
    props = doc.core_properties
    names = ("author", "title", "subject", "comments", "created", "modified", "revision")
    return {
        "paragraphs": _runs(doc.paragraphs),
        "tables": [
            [[cell.text for cell in row.cells] for row in table.rows] for table in doc.tables
        ],
        "grids": [[col.width for col in table.columns] for table in doc.tables],
        "sections": [
            (s.page_width, s.page_height, s.left_margin, s.top_margin, s.orientation)
            for s in doc.sections
        ],
        "headers": [_runs(s.header.paragraphs) + _runs(s.footer.paragraphs) for s in doc.sections],
        "core": {name: getattr(props, name) for name in names},
    }


def _assert_same(reference: bytes, fast: bytes) -> None:
    assert _canonical(fast) == _canonical(reference)
    assert _as_word_reads(fast) == _as_word_reads(reference)


@pytest.mark.parametrize("source", REPORTS, ids=lambda p: p.name)
def test_every_example_renders_the_same_both_ways(source: Path) -> None:
    _assert_same(*_both(builtin(), source))


def test_line_breaks_in_values_render_the_same_both_ways(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["tinh_hinh"]["dac_diem"] = "Dòng một\nDòng hai\tcó tab\n"
    source = tmp_path / "bc.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    reference, fast = _both(builtin(), source)
    assert b"<w:tab/>" in zipfile.ZipFile(io.BytesIO(fast)).read("word/document.xml")
    _assert_same(reference, fast)


def _template(tmp_path: Path, build: Any) -> Template:
    document = Document()
    build(document)
    path = tmp_path / "mau.docx"
    document.save(path)
    return Template(path, path.read_bytes())


def _picture_twice(document: Any) -> None:
    document.add_paragraph("{{ van_ban.co_quan_ban_hanh }}").add_run().add_picture(
        io.BytesIO(_png())
    )
    document.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    document.sections[0].header.paragraphs[0].text = "{{ van_ban.so }}"


def _cells_in_a_loop(document: Any) -> None:
    row = document.add_table(rows=1, cols=3).rows[0]
    tags = ("{%tc for x in 'abcde' %}", "{{ x }}", "{%tc endfor %}")
    for cell, text in zip(row.cells, tags, strict=True):
        cell.text = text


def _nested_table(document: Any) -> None:
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "{{ van_ban.so }}"
    outer.cell(0, 1).text = "{{ van_ban.co_quan_ban_hanh }}"


@pytest.mark.parametrize(
    ("build", "count", "needle"),
    [
        (_picture_twice, 1, b'<wp:docPr id="1002"'),  # renumbered as docxtpl does
        (_cells_in_a_loop, 5, b"<w:gridCol "),  # the grid widened to the five cells
        (_nested_table, 2, b"<w:tbl>"),
    ],
    ids=["picture", "cells-in-a-loop", "nested-table"],
)
def test_templates_taking_the_rarer_branches_render_the_same(
    tmp_path: Path, build: Any, count: int, needle: bytes
) -> None:
    reference, fast = _both(_template(tmp_path, build), MINIMAL)
    assert zipfile.ZipFile(io.BytesIO(fast)).read("word/document.xml").count(needle) == count
    _assert_same(reference, fast)


def test_a_report_with_photos_takes_the_full_render() -> None:
    checked = check_source(EXAMPLES / "hk1.yaml")
    bao_cao: BaoCao = checked.require()
    document = render_docx(bao_cao, ke_hoach=checked.ke_hoach, anh=checked.photos)
    names = zipfile.ZipFile(io.BytesIO(document)).namelist()
    assert sum(name.startswith("word/media/") for name in names) == len(checked.photos)


def test_a_template_is_prepared_once_per_process() -> None:
    assert direct.prepare(builtin()) is direct.prepare(builtin())
