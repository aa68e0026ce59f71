"""Templates that would hang a render or take all memory: refused fast, with a clear message."""

from __future__ import annotations

import re
import time

import pytest

from baocao.cli import main

from .conftest import docx_paragraphs, plain_docx

BIG = "x" * 10_000

ABUSE = {
    "huge range": ("{{ range(100000)|list|length }}", "mẫu dùng range() quá lớn (tối đa 10.000"),
    "nested loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
        "mẫu lặp hoặc gọi macro quá nhiều lần",
    ),
    "static text in nested loops": (
        "{% for i in range(10000) %}{% for j in range(10000) %}" + BIG + "{% endfor %}{% endfor %}",
        "mẫu tạo ra quá nhiều nội dung",
    ),
    "string times a billion": ("{{ 'a' * 10**9 }}", "mẫu nhân chuỗi hoặc danh sách «*» quá lớn"),
    "list times 10**8": ("{{ (['a'] * 10**8)|length }}", "mẫu nhân chuỗi hoặc danh sách «*»"),
    "huge power": ("{{ 2 ** 1000000000 }}", "mẫu tính số quá lớn bằng lũy thừa «**»"),
    "huge lipsum": ("{{ lipsum(1000000) }}", "mẫu dùng lipsum() quá lớn"),
    "doubling by ~": (
        "{% set ns = namespace(s='ab') %}{% for i in range(100) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "mẫu nối chuỗi «~» quá lớn",
    ),
    "printed text in a loop": (
        "{% set s = 'x' * 100000 %}{% for i in range(1000) %}{{ s }}{% endfor %}",
        "mẫu tạo ra quá nhiều nội dung",
    ),
    "percent padding": ("{{ '%1000000000s' % 1 }}", "mẫu định dạng chuỗi «%» với độ rộng quá lớn"),
    "format padding": (
        "{{ '{:>1000000000}'.format(1) }}",
        "mẫu định dạng chuỗi «format» với độ rộng quá lớn",
    ),
    "ljust": ("{{ 'a'.ljust(10**9) }}", "mẫu dùng «ljust()» với độ rộng quá lớn"),
    "center filter": ("{{ 'a'|center(10**9) }}", "mẫu dùng bộ lọc «center» với độ rộng quá lớn"),
    "join of a repeated long string": (
        "{% set s = 'a' * 1000000 %}{{ ([s] * 1000)|join }}",
        "mẫu nối chuỗi bằng bộ lọc «join» quá lớn",
    ),
    "endless recursion": (
        "{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}",
        "mẫu có macro gọi lại chính nó quá nhiều tầng",
    ),
    "exponential recursion": (
        "{% macro f(n) %}{% if n < 60 %}{{ f(n + 1) }}{{ f(n + 1) }}{% endif %}{% endmacro %}"
        "{{ f(0) }}",
        "mẫu lặp hoặc gọi macro quá nhiều lần",
    ),
}


@pytest.mark.parametrize(("tag", "message"), ABUSE.values(), ids=ABUSE)
def test_render_refuses_a_runaway_template_quickly(runner, report, tmp_path, tag, message):
    template = plain_docx(tmp_path / "mau.docx", "Báo cáo", tag)
    started = time.monotonic()
    result = runner.invoke(main, ["render", str(report), "--template", str(template)])
    assert time.monotonic() - started < 30
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(f"Lỗi: {template}: {message}"), result.stderr
    assert "không mong đợi" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hk1.yaml", "mau.docx"]


def _rendered_with(runner, report, tmp_path, *paragraphs: str) -> list[str]:
    """The paragraphs of `report` rendered with a template of these `paragraphs`."""
    template = plain_docx(tmp_path / "mau.docx", *paragraphs)
    result = runner.invoke(main, ["render", str(report), "--template", str(template)])
    assert result.exit_code == 0, result.output
    return docx_paragraphs(report.with_suffix(".docx"))


def test_reasonable_loops_and_arithmetic_still_render(runner, report, tmp_path):
    text = _rendered_with(
        runner,
        report,
        tmp_path,
        "{% for i in range(3) %}{{ i * 2 }}{{ 'ab' * 2 }}{{ 2 ** 10 }}{{ 'a' ~ i }}{% endfor %}",
        "{{ '%5s' % 'x' }}{{ '{:>4}'.format(7) }}{{ 'x'|center(5) }}"
        "{{ lipsum(1, False)|length > 0 }}",
    )
    assert text[0] == "0abab1024a02abab1024a14abab1024a2"
    assert text[1] == "    x   7  x  True"


def test_a_filter_on_an_empty_optional_field_prints_nothing(runner, report, tmp_path):
    text = report.read_text(encoding="utf-8")
    report.write_text(re.sub(r"(?m)^\s*han_nop:.*\n", "", text), encoding="utf-8")
    assert "han_nop" not in report.read_text(encoding="utf-8")
    paragraphs = ("Hạn nộp: {{ van_ban.han_nop|ngay }}.", "{{ van_ban.han_nop|ngay_so }}")
    text = _rendered_with(runner, report, tmp_path, *paragraphs)
    assert text[:2] == ["Hạn nộp: .", ""]


def test_printed_values_are_escaped_once_and_a_macro_s_output_not_again(runner, report, tmp_path):
    """Each `{{ … }}` is printed through one call (`sandbox.printed`): text with `&`, `<`, `>`
    or quotes is escaped for the XML, other text is as it is, and what a macro printed is
    not escaped twice."""
    text = _rendered_with(
        runner,
        report,
        tmp_path,
        # The characters made at run time: `&` written in a Word template's tag is its own
        # case (the tag's XML holds `&amp;`).
        "{% set s = '%c%c%c%c%c' % (38, 60, 62, 34, 39) %}{{ s }}|{{ 'Công đoàn' }}|{{ 12 }}",
        "{% macro m(x) %}[{{ x }}]{% endmacro %}{{ m(s) }}{{ m('a') }}",
    )
    assert text[:2] == ["""&<>"'|Công đoàn|12""", """[&<>"'][a]"""]
