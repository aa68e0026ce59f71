"""Rendering: the data is always text, never code; identical input gives identical bytes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from baocao.build import build_report
from baocao.checks.pipeline import check_source
from baocao.errors import TemplateError
from baocao.render.docx import render_docx
from baocao.render.source import read_template

from .conftest import MINIMAL, docx_paragraphs, replace_once


def test_values_are_data_never_template_code_or_xml(write_yaml, minimal_text, tmp_path):
    hostile = "{{ 7*7 }} {% raw %} & <w:p> \"quoted\" 'single' ]]> {# x #}"
    text = replace_once(
        minimal_text, "dac_diem: Trường có 20 lớp.", f"dac_diem: {json.dumps(hostile)}"
    )
    target = tmp_path / "r.docx"
    build_report(write_yaml(text), out=target)
    assert hostile in docx_paragraphs(target)


def test_multi_line_prose_becomes_paragraphs(write_yaml, minimal_text, tmp_path):
    text = replace_once(
        minimal_text,
        "dac_diem: Trường có 20 lớp.",
        "dac_diem: |\n    Đoạn thứ nhất.\n\n    Đoạn thứ hai.",
    )
    target = tmp_path / "r.docx"
    build_report(write_yaml(text), out=target)
    paragraphs = docx_paragraphs(target)
    first = paragraphs.index("Đoạn thứ nhất.")
    assert paragraphs[first + 1] == "Đoạn thứ hai."


def test_a_line_break_inside_a_list_item_is_a_break_not_a_new_item(
    write_yaml, minimal_text, tmp_path
):
    text = replace_once(
        minimal_text,
        "    - Được cấp ủy quan tâm.",
        '    - "Được cấp ủy quan tâm.\\nDòng thứ hai\\tcó tab."',
    )
    target = tmp_path / "r.docx"
    build_report(write_yaml(text), out=target)
    (item,) = [p for p in Document(str(target)).paragraphs if "cấp ủy" in p.text]
    assert item.text.endswith("Được cấp ủy quan tâm.\nDòng thứ hai\tcó tab.")
    assert item._p.xpath(".//w:br") and item._p.xpath(".//w:tab")


def test_a_very_long_paragraph_is_kept_whole(write_yaml, minimal_text, tmp_path):
    long = " ".join(f"Câu thứ {i} của một đoạn rất dài & <đặc biệt>." for i in range(2000))
    text = replace_once(
        minimal_text, "dac_diem: Trường có 20 lớp.", f"dac_diem: {json.dumps(long)}"
    )
    target = tmp_path / "r.docx"
    build_report(write_yaml(text), out=target)
    assert long in docx_paragraphs(target)


def test_rendering_is_byte_identical(tmp_path):
    checked = check_source(MINIMAL)
    assert checked.model is not None
    assert render_docx(checked.model) == render_docx(checked.model)


def test_output_is_identical_across_processes_time_zones_and_time(tmp_path):
    outputs = []
    for zone in ("UTC", "Asia/Ho_Chi_Minh"):
        if outputs:
            time.sleep(2.1)  # zip entries stamped by the clock (2 s resolution) would now differ
        target = tmp_path / f"{zone.replace('/', '-')}.docx"
        env = {**os.environ, "TZ": zone, "PYTHONHASHSEED": str(len(outputs))}
        command = [sys.executable, "-m", "baocao", "render", str(MINIMAL), "-o", str(target)]
        subprocess.run(command, env=env, check=True, capture_output=True)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_document_properties_come_from_the_report(tmp_path):
    target = tmp_path / "r.docx"
    build_report(MINIMAL, out=target)
    props = Document(str(target)).core_properties
    assert props.created.date().isoformat() == "2023-12-20"
    assert props.modified == props.created
    assert props.author == "CĐCS TRƯỜNG THCS THỬ NGHIỆM"


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ van_ban.__class__ }}",
        "{{ tinh_toan.__init__.__globals__ }}",
        # the derived values are dataclasses: their fields are data, nothing else of them
        "{{ tinh_toan.__dataclass_fields__ }}",
        "{{ tinh_toan.tham_hoi.__class__.__init__.__globals__ }}",
    ],
)
def test_templates_are_sandboxed(tmp_path: Path, tag: str):
    template = tmp_path / "mau.docx"
    document = Document()
    document.add_paragraph(tag)
    document.save(str(template))
    checked = check_source(MINIMAL)
    assert checked.model is not None
    with pytest.raises(TemplateError):  # rendered unchecked: the sandbox alone must hold
        render_docx(checked.model, read_template(template))
