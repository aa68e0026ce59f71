"""Fuzz: whatever is done to the example's structure, the CLI never crashes, and agrees with itself.

The example report (with its plan and photos) is mutated at the data level
(keys deleted, duplicated and retyped, lists and maps swapped, huge and odd
numbers, odd Unicode, deep nesting) and at the text level (explicit tags,
anchors and aliases, lone surrogates as escapes, control characters, CRLF, a
BOM, cut and doubled lines, other encodings), then run through the real CLI.
For every case: no uncaught exception, `validate` and `render` agree, a failed
run leaves no file behind, and every .docx made opens and names the unit.

The suite runs a few dozen cases; the long run, which must find nothing:

    HYPOTHESIS_PROFILE=long FUZZ_PROGRESS=fuzz.log pytest tests/test_fuzz.py -k no_mutation \
        -p no:cacheprovider --hypothesis-seed=9 --hypothesis-show-statistics
"""

from __future__ import annotations

import copy
import datetime
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

from baocao.cli import GENERIC, main

from .conftest import EXAMPLES, FIXTURES, copy_example_attachments, data_paths, docx_paragraphs

settings.register_profile(
    "fuzz-default",
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=None,
    database=None,  # a failure is kept as a regression test instead (fixtures/fuzz/)
    derandomize=True,  # the suite's cases are the same every run: exploring is the long run's job
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "fuzz-long",
    parent=settings.get_profile("fuzz-default"),
    max_examples=10_000,
    derandomize=False,
)
_PROFILE = {"long": "fuzz-long"}.get(os.environ.get("HYPOTHESIS_PROFILE", ""), "fuzz-default")

EXAMPLE_TEXT = (EXAMPLES / "hk1.yaml").read_text("utf-8")
EXAMPLE = yaml.safe_load(EXAMPLE_TEXT)

# --- what goes in ----------------------------------------------------------------------------

_ODD_CHARS = (
    *"aăâđêôơưAĐ áàảãạếềểễệ0123456789",
    *("\u0302", "\u0301", "\u0323", "\u200f", "\u202e", "\u200b", "\u2028", "\u00a0"),
    *("\x00", "\x01", "\x1b", "\x7f", "\x85", "\t", "\n", "\r", "\ufeff", "\ufffe"),
    *(
        "😀",
        "👩\u200d👩\u200d👧",
        "&",
        "<",
        "]]>",
        "{{",
        "}}",
        "{%",
        "%}",
        ":",
        "#",
        "- ",
        "'",
        '"',
    ),
)
_ODD_TEXT = st.lists(st.sampled_from(_ODD_CHARS), min_size=1, max_size=30).map("".join)
_LONG_TEXT = st.builds(lambda s, n: s * n, _ODD_TEXT, st.integers(1_000, 20_000))
_NUMBERS_AS_TEXT = st.sampled_from(
    ["007", "0", "-0", "+5", "1.200", "1.5", ".5", "5.", "1,5", "1e3", "1e308", "0x1F", "1_000",
     "500.000 đồng", "1.500.000đ", "10" * 20, "9" * 40, "-1", "١٢", "１２"]
)  # fmt: skip
_DATES_AS_TEXT = st.sampled_from(
    ["30/02/2023", "2023-02-30", "31/12/9999", "1/1/1", "0/0/2023", "29/02/2024", "29/02/2023",
     "2023-12-20 10:00", "2023-12-20T10:00:00Z", "20-12-2023", "20.12.2023", "32/13/2023"]
)  # fmt: skip
_ODD_SCALARS = st.one_of(
    st.sampled_from([10**30, -1, 2**63, -(2**63), 10**28, 10**28 - 1, 0, 2**31, 10**12 + 1]),
    st.sampled_from([1e308, -0.0, 1.5, float("inf"), float("nan")]),
    st.sampled_from([True, False, None, "", " ", "\t"]),
    st.sampled_from([datetime.date(1, 1, 1), datetime.datetime(2023, 12, 20, 10, 0)]),
    _NUMBERS_AS_TEXT,
    _DATES_AS_TEXT,
    _ODD_TEXT,
    _ODD_TEXT.map(lambda s: unicodedata.normalize("NFD", "Trường THCS " + s)),
)
_ODD_VALUES = st.one_of(
    _ODD_SCALARS,
    st.lists(_ODD_SCALARS, max_size=3),
    st.dictionaries(_ODD_TEXT, _ODD_SCALARS, max_size=2),
    st.just([]),
    st.just({}),
)

# Values written as YAML text: what the data level cannot express.
_TEXT_PAYLOADS = st.sampled_from(
    [
        '!!int "abc"', "!!int 1.5", "!!float abc", "!!bool maybe", "!!null x", "!!str 5",
        "!!timestamp 2023-02-30", "!!timestamp x", "!!binary aGVsbG8=", "!!binary ###",
        "!!set {a, b}", "!!omap [a: 1]", "!!pairs [a: 1]", "!!python/object:os.system ls",
        '!!python/object/apply:os.system ["true"]', "!!python/name:os.system", "!foo bar",
        "!<tag:yaml.org,2002:int> 12", '"\\ud800"', '"a\\udfff b"', '"\\ud83d\\ude00"',
        '"\\udc00\\ud800"', '"a\\0b"', '"\\x01\\x1b"', '"\\u202eabc"', '"\\N\\_\\L\\P"', "~",
        "null", "true", "&a 5", "*a", "*undefined", "1" * 5000, "-" + "9" * 4400, "1e308",
        "1" + "0" * 30, "00012", "1.200", ".5", "0o17", "0b101", "+12", "30/02/2023",
        "2023-02-30", "[" * 60 + "]" * 60, "[" * 2000 + "]" * 2000, "{a: " * 300 + "1" + "}" * 300,
        '"unclosed', "'unclosed", "[1, 2", "{a: 1", "| \n", "> x", "@at", "`tick", "%percent",
        "- - - x", "? complex key", "a: b: c", "x #comment", "\"\\", "<<: {a: 1}",
    ]
)  # fmt: skip
_RAW_CHARS = st.sampled_from(
    ["\x00", "\x01", "\x08", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ufffe", "\t",
     "\r", "\u200f", "\u0301", "😀", ":", "#", "&", "*", "!", "|", ">", "'", '"', "[", "{", "-"]
)  # fmt: skip


def _get(data: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        data = data[key]
    return data


def _nested(depth: int, leaf: Any) -> Any:
    for _ in range(depth):
        leaf = [leaf] if depth % 2 else {"a": leaf}
    return leaf


def _swapped(value: Any) -> Any:
    """A map as a list of its values, a list as a map of its items, a scalar in a list."""
    if isinstance(value, dict):
        return list(value.values())
    if isinstance(value, list):
        return {f"muc_{i}": item for i, item in enumerate(value)}
    return [value]


def _mutate_data(draw: st.DrawFn, data: Any) -> None:
    paths = data_paths(data)
    if not paths:
        return
    path = draw(st.sampled_from(paths))
    parent, key = _get(data, path[:-1]), path[-1]
    operation = draw(
        st.sampled_from(
            ["delete", "replace", "swap", "wrap", "duplicate", "move", "junk_key", "deep", "long"]
        )
    )
    if operation == "delete":
        del parent[key]
    elif operation == "replace":
        parent[key] = draw(_ODD_VALUES)
    elif operation == "swap":
        parent[key] = _swapped(parent[key])
    elif operation == "wrap":
        parent[key] = {key if isinstance(key, str) else "muc": parent[key]}
    elif operation == "duplicate" and isinstance(parent, list):
        parent.insert(key, _copy(parent[key]))
    elif operation == "move":  # another field's value here: a mapping in a text field, say
        parent[key] = _copy(_get(data, draw(st.sampled_from(paths))))
    elif operation == "junk_key" and isinstance(parent, dict):
        parent[draw(st.sampled_from([*map(str, parent), "x", ""]) | _ODD_TEXT)] = draw(_ODD_VALUES)
    elif operation == "deep":
        parent[key] = _nested(draw(st.integers(2, 120)), parent[key])
    elif operation == "long":
        parent[key] = draw(_LONG_TEXT)


def _copy(node: Any) -> Any:
    return copy.deepcopy(node)  # not through YAML: generating must stay cheaper than running


_VALUE_LINE = re.compile(r"^( *(?:- )?(?:[\w.]+: )?)(\S.*)$")


def _mutate_text(draw: st.DrawFn, text: str) -> str:
    lines = text.split("\n")
    index = draw(st.integers(0, max(len(lines) - 1, 0)))
    operation = draw(
        st.sampled_from(
            ["payload", "payload", "payload", "char", "delete_line", "double_line", "indent",
             "truncate", "crlf", "cr", "bom", "anchor_alias"]
        )
    )  # fmt: skip
    if operation == "payload":
        line = lines[index]
        match = _VALUE_LINE.match(line)
        prefix = match.group(1) if match else line + " "
        lines[index] = prefix + draw(_TEXT_PAYLOADS)
    elif operation == "char":
        line = lines[index]
        at = draw(st.integers(0, len(line)))
        lines[index] = line[:at] + draw(_RAW_CHARS) + line[at:]
    elif operation == "delete_line" and lines:
        del lines[index]
    elif operation == "double_line" and lines:  # a duplicate key, or a doubled list item
        lines.insert(index, lines[index])
    elif operation == "indent" and lines:
        lines[index] = draw(st.sampled_from(["  ", "\t", " "])) + lines[index]
    elif operation == "truncate":
        joined = "\n".join(lines)
        return joined[: draw(st.integers(0, len(joined)))]
    elif operation == "crlf":
        return "\r\n".join(lines)
    elif operation == "cr":
        return "\r".join(lines)
    elif operation == "bom":
        return "\ufeff" + "\n".join(lines)
    elif operation == "anchor_alias":
        values = [i for i, line in enumerate(lines) if _VALUE_LINE.match(line)]
        if len(values) >= 2:
            first, second = sorted(draw(st.lists(st.sampled_from(values), min_size=2, max_size=2)))
            lines[first] = _VALUE_LINE.sub(r"\1&x \2", lines[first])
            lines[second] = _VALUE_LINE.sub(r"\1*x", lines[second])
    return "\n".join(lines)


@dataclass(frozen=True)
class Case:
    """One mutated report, as bytes on disk, and how it is rendered."""

    raw: bytes
    options: tuple[str, ...]
    summed: bool = True
    """Whether `tong-hop` reads it too (not always: the slowest of the three commands)."""

    def __repr__(self) -> str:  # what a failing run prints: enough to write the regression test
        return f"Case(raw={self.raw!r}, options={self.options!r}, summed={self.summed!r})"


@st.composite
def cases(draw: st.DrawFn) -> Case:
    from_text = draw(st.booleans())  # the commented original, or the data dumped back
    data = _copy(EXAMPLE)
    data_steps = 0 if from_text and draw(st.booleans()) else draw(st.integers(1, 4))
    for _ in range(data_steps):
        _mutate_data(draw, data)
    text = EXAMPLE_TEXT if from_text and not data_steps else ""
    if not text:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=draw(st.booleans()))
    for _ in range(draw(st.integers(0 if data_steps else 1, 3))):
        text = _mutate_text(draw, text)
    encoding = draw(st.sampled_from(["utf-8"] * 8 + ["utf-8-sig", "utf-16", "cp1258"]))
    raw = text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "replace")
    options = draw(st.sampled_from([(), ("--phu-luc-anh",), ("--bundle",)]))
    return Case(raw, options, summed=draw(st.booleans()))


# --- what must hold --------------------------------------------------------------------------

_OUTPUTS = (".docx", ".zip", ".tmp", ".pdf", ".xlsx")


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """One folder for every case, cleaned between them: photos keep their path, so Pillow
    decodes each once rather than once per case."""
    with tempfile.TemporaryDirectory(prefix="baocao-fuzz-") as name:
        path = Path(name)
        copy_example_attachments(path)
        yield path


def _reset(folder: Path) -> None:
    for entry in folder.iterdir():
        if entry.name not in {"anh", "ke-hoach-2023-2024.yaml"}:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    copy_example_attachments(folder)


def _no_crash(result: Result, command: str) -> None:
    output = result.output + (result.stderr or "")
    assert result.exit_code in (0, 1, 2), (command, result.exit_code, output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        command,
        repr(result.exception),
    )
    assert GENERIC not in output, (command, output)
    assert "Traceback" not in output, (command, output)


def _left_behind(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.suffix.lower() in _OUTPUTS or ".tmp" in p.name]


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text.upper().casefold()).split())


def _unit_name(source: Path) -> str:
    """The unit as baocao read it (its loader cleans what the printed name lacks)."""
    from baocao.load.marked import load

    return str(load(source).data["van_ban"]["co_quan_ban_hanh"])


def run_case(case: Case, folder: Path) -> None:
    """Every property, for one case, on the real CLI."""
    _reset(folder)
    source = folder / "hk1.yaml"
    source.write_bytes(case.raw)
    runner = CliRunner()
    checked = runner.invoke(main, ["validate", str(source)])
    _no_crash(checked, "validate")
    rendered = runner.invoke(main, ["render", str(source), *case.options])
    _no_crash(rendered, "render")
    if currently_in_test_context():  # the statistics of a run: how deep its cases get
        event(f"validate {checked.exit_code}, render {rendered.exit_code}")
    assert (checked.exit_code == 0) == (rendered.exit_code == 0), (
        checked.output,
        rendered.output,
    )
    if checked.exit_code == 1:
        assert rendered.exit_code == 1, rendered.output
    assert source.read_bytes() == case.raw  # the input is never touched
    if rendered.exit_code != 0:
        assert not _left_behind(folder), rendered.output
    else:
        document = _fold("\n".join(docx_paragraphs(source.with_suffix(".docx"))))
        assert _fold(_unit_name(source)) in document
        if "--bundle" in case.options:
            assert len(list(folder.glob("*.zip"))) == 1
    if not case.summed:
        return
    summed = runner.invoke(main, ["tong-hop", str(source), "-o", str(folder / "th.xlsx")])
    _no_crash(summed, "tong-hop")
    assert summed.exit_code == (0 if checked.exit_code == 0 else 1), summed.output


@settings(settings.get_profile(_PROFILE))
@given(case=cases())
def test_no_mutation_of_the_example_crashes_the_cli_or_splits_validate_from_render(
    case: Case, folder: Path
) -> None:
    run_case(case, folder)
    if progress := os.environ.get("FUZZ_PROGRESS"):  # a file to follow a long run by
        with open(progress, "a", encoding="utf-8") as log:
            log.write(".")


def test_the_unmutated_example_passes_every_property(folder: Path) -> None:
    run_case(Case(EXAMPLE_TEXT.encode(), ("--bundle",)), folder)


FOUND = {
    # tong-hop crashed: a quoted key's "\x01" escape reached a cell of the «Lỗi» sheet
    "control-character-in-a-key.yaml": ("--bundle",),
    # validate crashed: a pack path too long for the file system (NULs dropped as it was read)
    "pack-path-too-long.yaml": (),
}
"""What the long runs found (fixtures/fuzz/): the input as generated, or cut to what fails."""


@pytest.mark.parametrize(("name", "options"), FOUND.items(), ids=list(FOUND))
def test_what_the_fuzzer_found_stays_fixed(name: str, options: tuple[str, ...], folder: Path):
    run_case(Case((FIXTURES / "fuzz" / name).read_bytes(), options), folder)
