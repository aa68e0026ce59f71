"""The block-style reader against libyaml: the same data and the same marks, or it declines.

`load.block` (compiled from `block.pyx`) reads reports without a YAML library and hands
every file it is not sure of to `load.full` (PyYAML with libyaml). Each text here is read
both ways: whenever the block reader returns something, it must be exactly what the full
loader reads — data, where each key and value stands — and the full loader must have
found nothing wrong.
"""

from __future__ import annotations

import random
import unicodedata
from pathlib import Path
from typing import Any

import pytest
import yaml

from baocao.errors import FORBIDDEN
from baocao.load import block, full, marked

from .conftest import EXAMPLES, FIXTURES

PACKS = Path(marked.__file__).resolve().parent.parent / "packs" / "bundled"
SHIPPED = sorted([*EXAMPLES.glob("*.yaml"), *PACKS.glob("*.yaml"), *FIXTURES.glob("*.yaml")])


def fully_read(text: str) -> Any:
    """What the full loader reads: data and marks, or None when it finds any problem."""
    try:
        loaded = full.read(Path("x.yaml"), text, text, [])
    except marked.DataError:
        return None
    if loaded.problems or not isinstance(loaded.data, dict):
        return None
    return loaded.data, loaded.keys, loaded.values


def same_or_declined(text: str) -> bool:
    """Whether the block reader read `text` (True) or declined it (False); fails the test
    when what it read differs from the full loader's reading in any way.

    Both are given the text as `marked` gives it: in NFC (the full loader also puts each
    value in NFC; the block reader relies on its text being so).
    """
    text = unicodedata.normalize("NFC", text)
    read = block.read(text)
    if read is None:
        return False
    assert read == fully_read(text), text
    return True


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_yaml_file_is_read_without_pyyaml_as_libyaml_reads_it(path: Path) -> None:
    assert same_or_declined(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("width", [30, 50, 80, 200])
def test_reports_as_pyyaml_writes_them_are_read_as_libyaml_reads_them(width: int) -> None:
    """The benchmark's reports are written so: long text over several plain or quoted lines."""
    data = yaml.safe_load((EXAMPLES / "hk1.yaml").read_text(encoding="utf-8"))
    for indent in (2, 4):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=width, indent=indent)
        assert same_or_declined(text)
        assert same_or_declined(text.replace("\n", "\r\n"))


WORDS = ("Công", "đoàn", "x", "a:b", "- y", "# z", "'q'", '"d"', "it''s", "#", ":", "10", "é")
VALUES = ("1", "010", "-5", "+3", "true", "False", "null", "~", "", "a b", "10:30", "e\u0301")
ODD = ("Lưu: VT", "a #b", "a#b", "- x", "-", "[a]", "{}", "[]", "&a x", "*a", "!!str 5", "a:")
ODD += ("---", "--x", "...", "x\x85y", "\ufeffx", "x\u2028y", "x\u2029y")
MORE = ('"a\\nb"', "? x", ":x", "%x", "@x", "x'", "|2", "x # c", "'open", '"open')


class Documents:
    """Random block-style documents: every kind of value, indented right and wrong."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def text(self) -> str:
        lines: list[str] = []
        self.mapping(0, 0, lines)
        return "\n".join(lines) + self.rng.choice(["", "\n", "\n\n", "\n  "])

    def mapping(self, indent: int, depth: int, lines: list[str]) -> None:
        rng = self.rng
        for key in rng.sample(["a", "b", "ten", "so_1", "k.x", "a-b", "é"], rng.randint(1, 4)):
            pad = " " * indent
            kind = rng.random()
            if kind < 0.6 or depth > 2:
                self.value(indent, lines, f"{pad}{key}:{rng.choice([' ', '  '])}")
            elif kind < 0.8:
                lines.append(f"{pad}{key}:")
                self.mapping(indent + rng.choice([1, 2, 4]), depth + 1, lines)
            else:
                lines.append(f"{pad}{key}:")
                self.sequence(indent + rng.choice([0, 2]), lines)
            if rng.random() < 0.2:
                lines.append(rng.choice(["", "   ", "# c", "  # c", " " * (indent + 2)]))

    def sequence(self, indent: int, lines: list[str]) -> None:
        for _ in range(self.rng.randint(1, 3)):
            if self.rng.random() < 0.3:
                lines.append(" " * indent + "- z: 1")
                self.value(indent + 2, lines, " " * (indent + 2) + "w: ")
            else:
                self.value(indent, lines, " " * indent + self.rng.choice(["- ", "-  ", "-"]))

    def value(self, indent: int, lines: list[str], head: str) -> None:
        rng = self.rng
        kinds = (self.block_text, self.quoted, self.plain, self.flow, self.odd)
        rng.choices(kinds, weights=(3, 3, 4, 1, 0.3))[0](indent, lines, head)

    def words(self, most: int = 4) -> str:
        return " ".join(self.rng.choice(WORDS) for _ in range(self.rng.randint(0, most)))

    def block_text(self, indent: int, lines: list[str], head: str) -> None:
        rng = self.rng
        lines.append(head + rng.choice(["|", "|-", "|+", ">", ">-", ">+", "| # c", "|-  "]))
        deep = indent + rng.choice([1, 2, 4])
        for _ in range(rng.randint(0, 5)):
            shape = rng.random()
            if shape < 0.15:
                lines.append("")
            elif shape < 0.25:
                lines.append(" " * rng.randint(0, deep + 3))
            else:
                lines.append(" " * (deep + rng.choice([0, 0, 0, 1, 2, -1])) + self.words())

    def quoted(self, indent: int, lines: list[str], head: str) -> None:
        rng = self.rng
        quote = rng.choice(["'", '"'])
        parts = [self.words(3) for _ in range(rng.randint(1, 4))]
        if quote == '"':
            parts = [part.replace('"', "") for part in parts]
        lines.append(head + quote + parts[0])
        for part in parts[1:]:
            if rng.random() < 0.3:
                lines.append(" " * rng.randint(0, 3))
            lines.append(" " * (indent + rng.choice([0, 1, 2, 3])) + part)
        lines[-1] += quote + rng.choice(["", " ", " # c", "", " ", "x", ":"])

    def plain(self, indent: int, lines: list[str], head: str) -> None:
        rng = self.rng
        lines.append(head + rng.choice(VALUES) + rng.choice(["", " ", " # c"]))
        for _ in range(rng.choice([0, 0, 1, 2])):
            if rng.random() < 0.3:
                lines.append("")
            lines.append(" " * (indent + rng.choice([0, 1, 2])) + self.words(3))

    def flow(self, indent: int, lines: list[str], head: str) -> None:
        rng = self.rng
        entries = [
            f"{rng.choice(['a', 'b', 'ma', 'x y', ''])}:{rng.choice([' ', ''])}{rng.choice(VALUES)}"
            for _ in range(rng.randint(1, 3))
        ]
        comma = rng.choice([", ", ",", ",\n" + " " * (indent + rng.choice([0, 2, 4]))])
        text = head + "{" + comma.join(entries) + rng.choice(["", ","]) + "}"
        lines.extend((text + rng.choice(["", " # c", "x"])).split("\n"))

    def odd(self, indent: int, lines: list[str], head: str) -> None:
        lines.append(head + self.rng.choice(ODD + MORE))


def test_random_documents_read_by_the_block_reader_are_read_as_libyaml_reads_them() -> None:
    documents = Documents(seed=2026)
    read = sum(same_or_declined(documents.text()) for _ in range(3000))
    assert read > 300  # enough of them are block style for the comparison to mean something


def edited(text: str, rng: random.Random) -> str:
    """`text` with a few lines deleted, doubled, indented, shortened or typed into."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        edit = rng.random()
        if edit < 0.25:
            del lines[i]
        elif edit < 0.45:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif edit < 0.65:
            lines[i] = " " + lines[i]
        elif edit < 0.75:
            lines[i] = lines[i][1:]
        else:
            at = rng.randint(0, len(lines[i]))
            typed = rng.choice([*VALUES, *ODD, *MORE, " ", ":", "'", '"', "#", "-"])
            lines[i] = lines[i][:at] + typed + lines[i][at:]
    return "\n".join(lines)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_random_edits_of_shipped_files_are_read_as_libyaml_reads_them(path: Path) -> None:
    rng = random.Random(path.name)
    text = path.read_text(encoding="utf-8")
    read = sum(same_or_declined(edited(text, rng)) for _ in range(150))
    assert read > 10


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",  # anchors and aliases
        "a: !!str 5\n",  # tags
        "a: 1\na: 2\n",  # a key twice: the full loader's message places both
        "a:\n\tb: 1\n",  # a tab
        "a: [1, 2]\n",  # a flow list
        'a: "x\\ty"\n',  # an escape
        "a: |2\n   x\n",  # an indentation digit
        "a:\n  x\n",  # text on the line below its key
        "a: {x: 1, y}\n",  # a comma inside `{ }`, which the full loader explains
        "'a b': 1\n",  # a quoted key
        "a: b: c\n",  # a key inside a value
        "- a\n- b\n",  # no mapping
        "# only a comment\n",
        "a: 1\n  b: 2\n",  # a line deeper than its block
        "a: " + "9" * 31 + "\n",  # a number too long
        "k" * 1100 + ": 1\n",  # a key longer than libyaml takes
        "a: x\x00y\n",  # NUL, which `marked` never lets through
    ],
)
def test_what_the_block_reader_declines_goes_to_the_full_loader(text: str) -> None:
    assert block.read(text) is None


def test_the_block_reader_declines_every_character_marked_removes_first() -> None:
    """`marked` gives the block reader the text as it is and scans it for nothing else: a
    character that must be removed (and told) first must make the reader decline."""
    forbidden = [chr(c) for c in range(0x110000) if FORBIDDEN.fullmatch(chr(c))]
    assert len(forbidden) > 60
    for char in forbidden:
        assert block.read(f"a: x{char}y\n") is None, hex(ord(char))
    assert block.read("a: Công đoàn\n") is not None


def test_the_block_reader_is_compiled_and_is_the_one_files_are_read_with() -> None:
    assert Path(block.__file__).suffix in {".so", ".pyd"}
    assert marked._read_block is block.read


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_without_the_compiled_reader_every_file_is_read_alike(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An install without a C compiler has no `block`: the full loader reads every file."""
    fast = marked.load(path)
    monkeypatch.setattr(marked, "_read_block", lambda _text: None)
    slow = marked.load(path)
    assert (slow.data, slow.keys, slow.values) == (fast.data, fast.keys, fast.values)
    assert [str(p) for p in slow.problems] == [str(p) for p in fast.problems]
