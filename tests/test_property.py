"""Property: whatever a user does to a valid file, baocao gives a located error or a full report.

The example is mutated (keys deleted, values swapped for other types, junk
and unusual Unicode inserted). Each mutant must end either in a clean,
located validation error or in a .docx that python-docx opens and that holds
every line of text of the input. Bounded for the suite; for a longer run:

    HYPOTHESIS_PROFILE=long pytest tests/test_property.py
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from baocao.build import build_report
from baocao.errors import DataError

from .conftest import EXAMPLES, NOT_PRINTED, copy_example_attachments, data_paths, docx_paragraphs

settings.register_profile(
    "default",
    max_examples=25,
    deadline=None,
    derandomize=True,  # the suite's cases are the same every run; the long profile explores
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.register_profile(
    "long", parent=settings.get_profile("default"), max_examples=2000, derandomize=False
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

EXAMPLE = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text("utf-8"))
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")

# Vietnamese in both normal forms, XML's special characters, template-looking text,
# invisible and control characters as pasted from Word or Zalo, emoji.
_ALPHABET = st.sampled_from(
    [
        *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ áàảãạếềểễệ0123456789",
        *("\u0302", "\u0301", "\u0323", "&", "<", ">", '"', "'", "]]>", "{{", "}}", "{%", "%}"),
        *("\u200b", "\u00a0", "\t", "\x0b", "\x00", "\x1f", "😀", "\n"),
    ]
)
_TEXT = st.lists(_ALPHABET, min_size=1, max_size=40).map("".join)
_VALUE = st.one_of(
    _TEXT,
    st.integers(min_value=-5, max_value=10**12),
    st.none(),
    st.booleans(),
    st.lists(_TEXT, max_size=3),
    st.dictionaries(_TEXT, _TEXT, max_size=2),
)


def _copy(node: Any) -> Any:
    return yaml.safe_load(yaml.safe_dump(node, allow_unicode=True))


@st.composite
def mutants(draw: st.DrawFn) -> Any:
    data = _copy(EXAMPLE)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(data_paths(data)))
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        operation = draw(st.sampled_from(["delete", "replace", "junk_key", "text"]))
        if operation == "delete":
            del parent[path[-1]]
        elif operation == "replace":
            parent[path[-1]] = draw(_VALUE)
        elif operation == "junk_key" and isinstance(parent, dict):
            parent[draw(_TEXT)] = draw(_VALUE)
        elif operation == "text":
            parent[path[-1]] = draw(_TEXT)
        if not data_paths(data):
            break
    return data


_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4}")


def _texts(node: Any) -> list[str]:
    """Every text of the input that the report prints (dates are reprinted in words, or not)."""
    if isinstance(node, str):
        return [] if _DATE.fullmatch(node) else [node]
    if isinstance(node, dict):
        return [t for key, value in node.items() if key not in NOT_PRINTED for t in _texts(value)]
    if isinstance(node, list):
        return [t for value in node for t in _texts(value)]
    return []


def _lines(value: str) -> list[str]:
    """How a value's lines should read in the report (what the loader cleans, the rest kept)."""
    clean = unicodedata.normalize("NFC", _FORBIDDEN.sub("", value))
    return [line.strip(" -;.\t\u00a0\u200b") for line in clean.splitlines() if line.strip()]


def _squash(text: str) -> str:
    return " ".join(text.casefold().split())


@given(data=mutants())
def test_a_mutated_report_is_either_a_located_error_or_a_complete_report(
    data: Any, tmp_path: Path
) -> None:
    source = tmp_path / "hk1.yaml"
    target = tmp_path / "hk1.docx"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    copy_example_attachments(tmp_path)  # its plan and photos, named relative to it
    target.unlink(missing_ok=True)
    try:
        build_report(source, out=target, phu_luc_anh=True)  # captions are text of the input too
    except DataError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message
        assert not target.exists()
        return
    document = _squash("\n".join(docx_paragraphs(target)))
    for text in _texts(data):
        for line in _lines(text):
            assert _squash(line) in document, line
