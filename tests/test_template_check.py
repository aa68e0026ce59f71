"""Checking templates: every problem of a broken template, located, before anything is written."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from docx import Document

from baocao.checks.pipeline import check_source
from baocao.cli import main
from baocao.errors import TemplateError, TemplateProblem, TemplateProblems
from baocao.render.docx import context, jinja_env
from baocao.render.source import builtin_template, read_template
from baocao.render.template.check import check_template, prepare_template
from baocao.render.template.data import context_members
from baocao.render.template.guide import FILTER_EXAMPLES

from .conftest import MINIMAL
from .test_new_template import split_runs


def problems_of(template: Path) -> list[TemplateProblem]:
    return check_template(read_template(template), jinja_env())


def _template(
    path: Path, paragraphs: list[str], *, cells: Sequence[str] = (), header: str = ""
) -> Path:
    """A .docx whose body holds `paragraphs`, then a one-row table of `cells`, then a header."""
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if cells:
        row = document.add_table(rows=1, cols=len(cells)).rows[0]
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.save(str(path))
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "hk1.yaml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


BROKEN = {
    "bad syntax": (
        ["Báo cáo {{ van_ban.so }}", "Tổng số {{ tinh_hinh.so_lieu.tong_so } người"],
        ["đoạn 2 «Tổng số {{ tinh_hinh.so_lieu.tong_so }…»: thẻ viết sai: dấu «}» không đúng chỗ"],
    ),
    "block never closed": (
        ["{%p for x in van_ban.kinh_gui %}", "{{ x }}"],
        ["đoạn 1 «{%p for…»: thẻ «for» chưa được đóng: thiếu «{% endfor %}»"],
    ),
    "unknown top-level variable": (
        ["Kính gửi: {{ kinh_gui }}"],
        ["đoạn 1 «Kính gửi: {{ kinh_gui…»: không có «kinh_gui» trong dữ liệu của báo cáo"],
    ),
    "nested unknown attribute": (
        ["Tổng số CBNGNLĐ đến ngày {{ tinh_hinh.so_lieu.thoi_dem|ngay_so }} là 40 người."],
        [
            "đoạn 1 «Tổng số CBNGNLĐ đến ngày {{ tinh_hinh.so_lieu.thoi_dem…»: "
            "không có «thoi_dem» trong tinh_hinh.so_lieu; có phải «thoi_diem»?"
        ],
    ),
    "unknown attribute on a loop variable": (
        ["{%p for p in ket_qua.thi_dua.phong_trao %}", "- {{ p.tenn }}", "{%p endfor %}"],
        ["đoạn 2 «- {{ p.tenn…»: không có «tenn» trong p; có phải «ten»?"],
    ),
    "unknown filter": (
        ["Ngày {{ van_ban.ngay|ngay_thang }}, {{ van_ban.ngay|ngya }}"],
        [
            "đoạn 1 «Ngày {{ van_ban.ngay|ngay_thang…»: không có bộ lọc «ngay_thang»",
            "đoạn 1 «Ngày {{ van_ban.ngay|ngay_thang }}, {{ van_ban.ngay|ngya…»: "
            "không có bộ lọc «ngya»; có phải «ngay»?",
        ],
    ),
    "several problems at once": (
        [
            "{%p for d in tinh_hinh.dac_diem|doan %}",
            "{{ d.ten }} {{ loop.indx }}",
            "{{ d | }}",
            "{%p endfor %}",
            "{{ Tinh_hinh.so_lieu.nu }}",
            "{{ ket_qua.thi_dua.phong_trao.ten }}",
        ],
        [
            "đoạn 2 «{{ d.ten…»: d là chữ, không có «ten»",
            "đoạn 2 «{{ d.ten }} {{ loop.indx…»: không có «indx» trong loop; có phải «index»?",
            "đoạn 3 «{{ d | }}»: thẻ viết sai: có «}}» ở chỗ cần một tên",
            "đoạn 5 «{{ Tinh_hinh…»: không có «Tinh_hinh» trong dữ liệu của báo cáo; "
            "có phải «tinh_hinh»?",
            "đoạn 6 «{{ ket_qua.thi_dua.phong_trao.ten…»: ket_qua.thi_dua.phong_trao là danh "
            "sách, không có «ten»; dùng «{% for x in ket_qua.thi_dua.phong_trao %}» để lấy "
            "từng mục",
        ],
    ),
}


@pytest.mark.parametrize(("paragraphs", "expected"), BROKEN.values(), ids=BROKEN)
def test_check_template_lists_every_problem_located(runner, tmp_path, paragraphs, expected):
    template = _template(tmp_path / "mau.docx", paragraphs)
    result = runner.invoke(main, ["check-template", str(template)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        *(f"{template}: thân văn bản, {line}" for line in expected),
        f"{template}: mẫu có {len(expected)} lỗi.",
    ]


@pytest.mark.parametrize(("paragraphs", "expected"), BROKEN.values(), ids=BROKEN)
def test_render_refuses_a_broken_template_and_writes_nothing(
    runner, data, tmp_path, paragraphs, expected
):
    template = _template(tmp_path / "mau.docx", paragraphs)
    result = runner.invoke(main, ["render", str(data), "--template", str(template)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        *(f"{template}: thân văn bản, {line}" for line in expected),
        f"{template}: mẫu có {len(expected)} lỗi.",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hk1.yaml", "mau.docx"]


def test_table_cells_and_headers_are_located(tmp_path):
    template = _template(
        tmp_path / "mau.docx",
        ["Báo cáo"],
        cells=["Số: {{ tinh_toan.so_ky_hieu }}", "{{ tinh_toan.dia_danh_ngayy }}"],
        header="Trang {{ trang }}",
    )
    assert [str(p) for p in problems_of(template)] == [
        f"{template}: thân văn bản, bảng 1, hàng 1, ô 2 «{{{{ tinh_toan.dia_danh_ngayy…»: "
        "không có «dia_danh_ngayy» trong tinh_toan; có phải «dia_danh_ngay»?",
        f"{template}: đầu trang, đoạn 1 «Trang {{{{ trang…»: "
        "không có «trang» trong dữ liệu của báo cáo",
    ]


def test_a_syntax_error_inside_a_loop_does_not_hide_or_invent_problems(tmp_path):
    paragraphs = ["{%p for x in van_ban.kinh_gui %}", "{{ x | }}", "{{ x.y }}", "{%p endfor %}"]
    problems = problems_of(_template(tmp_path / "mau.docx", paragraphs))
    assert [p.message for p in problems] == [
        "thẻ viết sai: có «}}» ở chỗ cần một tên",
        "x là chữ, không có «y»",
    ]


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        ("{%p endif %}", "thẻ «endif» không có thẻ mở tương ứng"),
        ("{% foreach x in van_ban.kinh_gui %}", "không có thẻ «foreach»; có phải «for»?"),
        ("{{ van_ban.so is sô }}", "không có phép thử «sô»"),
        ("{{ van_ban.__class__ }}", "không có «__class__» trong van_ban"),
        ("{{ ''.__class__ }}", "«__class__» không dùng được trong mẫu"),
        ("{{ van_ban.ngay.yaer }}", "van_ban.ngay là ngày, không có «yaer»; có phải «year»?"),
    ],
)
def test_more_problems_in_vietnamese(tmp_path, paragraph, message):
    problems = problems_of(_template(tmp_path / "mau.docx", [paragraph]))
    assert [p.message for p in problems] == [message]


@pytest.mark.parametrize(
    "paragraph",
    [
        "{% set n = tinh_hinh.so_lieu %}{{ n.nu }}",
        "{% with s = tinh_toan.tham_hoi %}{% for d in s.dong %}{{ d.chi_tiet }}{% endfor %}"
        "{% endwith %}",
        "{% for d in (tinh_hinh.dac_diem|doan)[1:] %}{{ d.upper() }}{{ loop.index }}{% endfor %}",
        "{{ ket_qua.thi_dua.phong_trao[0].ten }} {{ van_ban['so'] }} {{ van_ban.items()|list }}",
        "{% if x is defined %}có{% endif %}{{ range(3)|join(', ') }}",
        "{% macro m(a) %}{{ a.b }}{{ caller() }}{% endmacro %}{% call m(1) %}c{% endcall %}",
    ],
)
def test_valid_jinja_is_not_reported(tmp_path, paragraph):
    assert problems_of(_template(tmp_path / "mau.docx", [paragraph])) == []


def _runs_template(path: Path, *pieces: str, after: Sequence[str] = ()) -> Path:
    """A paragraph of runs `pieces`, with Word's marks between them; then paragraphs `after`."""
    document = Document()
    split_runs(document.add_paragraph(), *pieces)
    for text in after:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.mark.parametrize(
    ("pieces", "after"),
    [
        (("{{ tinh_", "hinh.so_lieu.nu }}"), ()),
        (("{", "{ van_ban.so }", "}"), ()),
        (("{", "%p if van_ban.so %", "}"), ("có số", "{%p endif %}")),
        (
            (
                "{{ van_ban.noi_nhan|join(“, ”) }} {{ van_ban.dia_danh|replace(‘a’, ",
                "‘b’) }}",
            ),
            (),
        ),
    ],
)
def test_tags_word_split_or_curled_pass(tmp_path, pieces, after):
    template = _runs_template(tmp_path / "mau.docx", *pieces, after=after)
    assert problems_of(template) == []


def test_a_split_tag_is_located_by_its_whole_text(tmp_path):
    template = _runs_template(tmp_path / "mau.docx", "Nữ: {", "{ tinh_hinh.so_", "lieu.nuu }", "}")
    assert [str(p) for p in problems_of(template)] == [
        f"{template}: thân văn bản, đoạn 1 «Nữ: {{{{ tinh_hinh.so_lieu.nuu…»: "
        "không có «nuu» trong tinh_hinh.so_lieu; có phải «nu»?"
    ]


def test_text_beside_a_paragraph_tag_would_vanish(tmp_path):
    paragraphs = ["{%p for x in van_ban.kinh_gui %} Kính gửi:", "{{ x }}", "{%p endfor %}"]
    problems = problems_of(_template(tmp_path / "mau.docx", paragraphs))
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'mau.docx'}: thân văn bản, đoạn 1 «{{%p for x in van_ban.kinh_gui %}} "
        "Kính gửi:»: thẻ «{%p for x in van_ban.kinh_gui %}» phải đứng riêng một đoạn: khi "
        "xuất, cả đoạn bị xoá, chữ và thẻ khác trong đoạn sẽ mất"
    ]


def test_a_missing_file_or_a_non_docx_exits_2(runner, tmp_path):
    missing = runner.invoke(main, ["check-template", str(tmp_path / "x.docx")])
    assert missing.exit_code == 2
    assert missing.stderr == f"Lỗi: {tmp_path / 'x.docx'}: không tìm thấy tệp mẫu\n"
    text = tmp_path / "mau.docx"
    text.write_text("không phải docx", encoding="utf-8")
    wrong = runner.invoke(main, ["check-template", str(text)])
    assert wrong.exit_code == 2
    assert wrong.stderr == f"Lỗi: {text}: không phải tệp .docx hợp lệ\n"


@pytest.mark.skipif(
    not builtin_template().is_file(),
    reason="templates/bao-cao-hk1.docx not built yet (python tools/build_template.py)",
)
def test_the_built_in_template_passes(runner):
    result = runner.invoke(main, ["check-template", str(builtin_template())])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{builtin_template()}: mẫu hợp lệ.\n"


def test_validate_checks_the_template_too(runner, data, tmp_path):
    template = _template(tmp_path / "mau.docx", ["{{ van_ban.soo }}"])
    result = runner.invoke(main, ["validate", str(data), "--template", str(template)])
    assert result.exit_code == 1
    assert result.stdout == f"{data}: hợp lệ.\n"
    assert result.stderr.splitlines() == [
        f"{template}: thân văn bản, đoạn 1 «{{{{ van_ban.soo…»: "
        "không có «soo» trong van_ban; có phải «so»?",
        f"{template}: mẫu có 1 lỗi.",
    ]
    good = _template(tmp_path / "tot.docx", ["{{ van_ban.so }}"])
    passed = runner.invoke(main, ["validate", str(data), "--template", str(good)])
    assert passed.exit_code == 0, passed.output
    assert passed.stdout == f"{good}: mẫu hợp lệ.\n{data}: hợp lệ.\n"


def test_preparing_a_template_raises_with_every_problem(tmp_path):
    template = _template(tmp_path / "mau.docx", ["{{ a }}", "{{ b }}"])
    with pytest.raises(TemplateProblems) as raised:
        prepare_template(template, jinja_env())
    assert isinstance(raised.value, TemplateError)  # one of baocao's errors, exit code 1
    assert [p.message for p in raised.value.problems] == [
        "không có «a» trong dữ liệu của báo cáo",
        "không có «b» trong dữ liệu của báo cáo",
    ]


def test_the_checker_knows_exactly_the_names_a_template_gets():
    checked = check_source(MINIMAL)
    assert checked.model is not None
    assert set(context_members()) == set(context(checked.model))


def test_every_example_in_the_guide_passes_the_check(tmp_path):
    tags = [example.tag for example in FILTER_EXAMPLES.values()]
    paragraphs = [*tags, *("{%p endfor %}" for tag in tags if tag.startswith("{%p for"))]
    assert problems_of(_template(tmp_path / "mau.docx", paragraphs)) == []


FILL_FAILURES = {
    "division by zero": (
        "{{ van_ban.so / (van_ban.so - van_ban.so) }}",
        "không điền được mẫu: một phép chia của mẫu chia cho 0",
    ),
    "text plus a number": (
        "{{ van_ban.so + van_ban.ky_hieu }}",
        "không điền được mẫu: một phép tính hay bộ lọc của mẫu được cho sai kiểu giá trị (ví dụ "
        "cộng chữ với số, dùng bộ lọc số cho chữ)",
    ),
    "a number filter given text": (
        "{{ van_ban.ky_hieu | so }}",
        "không điền được mẫu: một phép tính hay bộ lọc số của mẫu được cho một giá trị không "
        "phải số",
    ),
    "a key that is not there": (
        "{{ van_ban[van_ban.ky_hieu] }}",
        "mẫu dùng mục «BC-CĐCS» không có trong dữ liệu",
    ),
    "an item past the end": (
        "{{ van_ban.kinh_gui[99] }}",
        "mẫu dùng phần tử 99 không có trong dữ liệu",
    ),
}


@pytest.mark.parametrize(("paragraph", "message"), FILL_FAILURES.values(), ids=FILL_FAILURES)
def test_a_template_failing_on_the_data_says_why_in_vietnamese(
    runner, data, tmp_path, paragraph, message
):
    """It passed its check; Jinja's and Python's English never reach the user."""
    template = _template(tmp_path / "mau.docx", [paragraph])
    result = runner.invoke(main, ["render", str(data), "--template", str(template)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == f"Lỗi: {template}: {message}"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hk1.yaml", "mau.docx"]
