"""Reading YAML: located syntax errors, safety against hostile files, clean text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.errors import DataError, UsageError, format_path
from baocao.load.marked import MAX_BYTES, load


def _only_problem(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load(path)
    (problem,) = caught.value.problems
    return str(problem)


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ("a:\n\tb: 1\n", "2:1", "dùng phím Tab để thụt lề"),
        ('a: "chưa đóng\nb: 1\n', "1:4", "chuỗi mở ngoặc kép nhưng chưa đóng"),
        ("a:\n  b: 1\n c: 2\n", "3:2", "thụt lề không thẳng hàng"),
        ("a: Ghi chú: sai\n", "1:11", "dấu «:» không đúng chỗ"),
        ("a: 1\n---\nb: 2\n", "2:1", "tệp chỉ được chứa một tài liệu YAML"),
        ("a: &x [1]\nb: *x\n", "2:4", "không dùng bí danh YAML"),
    ],
)
def test_syntax_errors_are_located_in_vietnamese(write_yaml, text, where, message):
    path = write_yaml(text)
    problem = _only_problem(path)
    assert problem.startswith(f"{path}:{where}: {message}")


def test_duplicate_key_names_both_lines(write_yaml):
    path = write_yaml("a: 1\nb: 2\na: 3\n")
    (problem,) = load(path).problems
    assert str(problem) == (
        f"{path}:3:1: a: mục «a» bị lặp lại (đã có ở dòng 1); hãy gộp lại hoặc xoá một mục"
    )


def test_duplicate_key_keeps_the_first_value(write_yaml):
    assert load(write_yaml("a: 1\na: 3\n")).data == {"a": 1}


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!!set {{x: null}}",
        "!custom '{marker}'",
    ],
)
def test_unknown_tags_are_refused_and_nothing_runs(write_yaml, tmp_path, tagged):
    marker = tmp_path / "executed"
    path = write_yaml(f"a: {tagged.format(marker=marker)}\n")
    problems = load(path).problems
    assert len(problems) == 1
    assert "không được phép" in problems[0].message
    assert (problems[0].line, problems[0].column) == (1, 4)
    assert not marker.exists()


def test_alias_bomb_is_refused_at_the_first_alias(write_yaml):
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}]" for i in range(8)]
    path = write_yaml("\n".join(lines) + "\n")
    assert "không dùng bí danh YAML" in _only_problem(path)


def test_oversized_file_is_refused_before_parsing(write_yaml):
    path = write_yaml("a: " + "x" * MAX_BYTES + "\n")
    assert "tệp quá lớn" in _only_problem(path)


def test_non_utf8_file_is_located(tmp_path):
    path = tmp_path / "cp1258.yaml"
    path.write_bytes("a: đúng\nb: ".encode() + "Trường".encode("cp1258", "replace") + b"\n")
    message = _only_problem(path)
    assert message.startswith(f"{path}:2:")
    assert "UTF-8" in message


def test_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes("\ufeffa: Hòa\n".encode())
    assert load(path).data == {"a": "Hòa"}


def test_decomposed_unicode_is_normalised(write_yaml):
    decomposed = "Nguye\u0302\u0303n Thi\u0323 Hoa"
    assert load(write_yaml(f"a: {decomposed}\n")).data == {"a": "Nguyễn Thị Hoa"}


def test_control_characters_are_removed_with_a_located_warning(write_yaml):
    path = write_yaml("a: một\nb: hai\x0bba\x00\n")
    loaded = load(path)
    assert loaded.data == {"a": "một", "b": "haiba"}
    assert [(p.line, p.column, p.severity) for p in loaded.problems] == [
        (2, 7, "canh_bao"),
        (2, 10, "canh_bao"),
    ]
    assert "U+000B" in loaded.problems[0].message


def test_escaped_control_characters_are_removed_too(write_yaml):
    loaded = load(write_yaml('a: "x\\vy\\0z"\nb: "e\\u0302"\n'))
    assert loaded.data == {"a": "xyz", "b": "ê"}
    assert [(p.line, p.column, p.path) for p in loaded.problems] == [(1, 4, "a"), (1, 4, "a")]


def test_positions_of_keys_and_values(write_yaml):
    loaded = load(write_yaml("a:\n  b:\n    - x\n    - c: 1\n"))

    def at(path: tuple[str | int, ...], at_key: bool = False) -> tuple[int, int]:
        problem = loaded.problem(path, "?", at_key=at_key)
        return problem.line, problem.column

    assert at(("a", "b"), at_key=True) == (2, 3)
    assert at(("a", "b", 0)) == (3, 7)
    assert at(("a", "b", 1, "c"), at_key=True) == (4, 7)
    assert at(("a", "b", 1, "c")) == (4, 10)
    assert at(("a", "b", 1, "d")) == (4, 7)  # a path with no mark: its nearest ancestor's


@pytest.mark.parametrize("text", ["", "# chỉ có chú thích\n", "- a\n", "chữ\n"])
def test_a_file_must_hold_a_mapping(write_yaml, text):
    message = _only_problem(write_yaml(text))
    assert "tệp rỗng" in message or "mỗi mục một dòng" in message


def test_missing_file_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="không tìm thấy tệp"):
        load(tmp_path / "khong-co.yaml")


def test_a_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="thư mục"):
        load(tmp_path)


def test_paths_count_list_items_from_one():
    assert format_path(("ket_qua", "thi_dua", "phong_trao", 0, "ten")) == (
        "ket_qua.thi_dua.phong_trao[1].ten"
    )


def test_an_alias_of_a_scalar_is_refused_too(write_yaml):
    # libyaml's composer resolves it to its anchor's very node: refused all the same
    assert "không dùng bí danh YAML" in _only_problem(write_yaml("a: &x 1\nb: *x\n"))


@pytest.mark.parametrize("depth", [4_000, 20_000])
def test_deep_nesting_is_refused_without_crashing(write_yaml, depth):
    # below MAX_C_NESTING libyaml composes it; above, Python does, its recursion bounded
    path = write_yaml("a: " + "[" * depth + "]" * depth + "\n")
    try:
        problems = load(path).problems
    except DataError as error:
        problems = error.problems
    assert any("lồng nhau quá sâu" in problem.message for problem in problems)


@settings(max_examples=500, deadline=None, derandomize=True)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_the_byte_prefilter_finds_what_the_forbidden_pattern_finds(text: str) -> None:
    """The shortcut for files without control characters agrees with the pattern it skips."""
    from baocao.errors import FORBIDDEN
    from baocao.load.marked import _may_hold_forbidden

    assert _may_hold_forbidden(text.encode()) == (FORBIDDEN.search(text) is not None)


@pytest.mark.parametrize(
    "char", ["\x00", "\x1f", "\x7f", "\x80", "\x84", "\x9f", "\ufffe", "\uffff"]
)
def test_the_byte_prefilter_finds_each_kind_of_forbidden_character(char: str) -> None:
    from baocao.load.marked import _may_hold_forbidden

    assert _may_hold_forbidden(f"«Hòa» {char} x".encode())
    assert not _may_hold_forbidden("«Hòa»\t\n\r\x85 x".encode())
