"""Reading the block-style YAML that reports are written in, without a YAML library.

A report is `tên: nội dung` lines, `- ` lists, text after `|` or `>`, plain or quoted
text over several lines and comments. libyaml reads that through an event, a node and
two marks per value, each a Python object, and importing PyYAML is a tenth of a cold
`render`; this reader matches each value with one regular expression over the text. It
knows only that part of YAML and declines (None) anything else — `[ ]` and `{ }`,
anchors, tags, escapes, tabs, keys that are no plain names, duplicate keys, every
error — which the full loader (`full`) then reads, so that nothing this reader returns
can differ from what libyaml reads: tests compare the two on every example, generated
report and thousands of random documents and edits of them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from baocao.errors import PathKey

Spot = tuple[int, int]
"""A 0-based line and column, as YAML parsers mark them."""

MAX_DEPTH = 40
"""Nesting deeper than any report needs; deeper files are refused before recursion can fail."""

MAX_DIGITS = 30
"""Longer runs of digits are no count or amount; Python refuses to parse > 4300 anyway."""


class _Declined(Exception):
    """The text goes beyond what this reader knows."""


_OUTSIDE = "\t\x85\u2028\u2029\ufeff"
"""Tabs, which YAML refuses in indentation, the line breaks only YAML 1.1 counts, and a
byte-order mark past the start."""

_NOT_PLAIN_START = frozenset("[]{},#&*!|>'\"%@`?:-")
"""Characters that make a value more than plain text when it starts with them."""

_BLOCK_HEADER = re.compile(r"([|>])([+-]?)(?: +#[^\n]*| *)(?=\n|\Z)")
_LEADING = re.compile(r"((?:[ ]*\n)*)([ ]*)")
_SINGLE = re.compile(r"'([^']*(?:''[^']*)*)'")
_DOUBLE = re.compile(r'"([^"\\]*)"')
_FLOW = re.compile(r"\{([^][{}'\"#]*)\}(?: +#[^\n]*| *)(?=\n|\Z)")
"""A `{ }` group without quotes, brackets or comments inside, on one line or more."""

_FLOW_ENTRY = re.compile(r"[ \n]*(\w[\w.-]{0,199}): +([^ \n][^,]*?)[ \n]*")
"""`tên: nội dung` between the commas of a `{ }` group."""

_AFTER_QUOTE = re.compile(r"(?: +#[^\n]*| *)(?=\n|\Z)")
_BREAK = re.compile(r" *\n *")
_BLANK_LINE = re.compile(r"\n *\n")
INT = re.compile(r"[-+]?[0-9]+")
"""The only plain text read as a number: a decimal integer, signed or not (`010` is ten)."""
NUMBER_START = "+-0123456789"
NULLS = ("", "~", "null", "Null", "NULL")
BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
"""What plain text YAML 1.1 reads as empty or as true/false, as people write it: not `yes`,
`no`, `on`, `off`. `full` builds its resolver from these, so both readers share them."""


_GAP_TEXT = r"(?:[ ]*(?:#[^\n]*)?\n)*"
_GAP = re.compile(_GAP_TEXT + r"(?:[ ]*(?:#[^\n]*)?\Z)?")
"""Blank and comment lines, up to the next line with content or the end."""

_KEY_TEXT = r"(\w[\w.-]{0,199}):(?: +|(?=\n)|\Z)"
_ITEM_TEXT = r"(-)(?: +|(?=\n)|\Z)"
_KEY = re.compile(_KEY_TEXT)
"""`tên:` then a space or the end of the line: a key that no YAML reader reads otherwise
(libyaml refuses keys longer than 1024 characters; a name is far shorter)."""

_ITEM = re.compile(_ITEM_TEXT)
"""`-` then a space or the end of the line: an item of a list."""


@cache
def _entry(indent: int) -> re.Pattern[str]:
    """The next key of a mapping at `indent`, past blank and comment lines."""
    return re.compile(_GAP_TEXT + " " * indent + _KEY_TEXT)


@cache
def _item(indent: int) -> re.Pattern[str]:
    """The next item of a list at `indent`, past blank and comment lines."""
    return re.compile(_GAP_TEXT + " " * indent + _ITEM_TEXT)


@cache
def _plain_lines(indent: int) -> re.Pattern[str]:
    """Plain text in a block at `indent`: the rest of its line, then the lines that go on
    with it (deeper, and no comment)."""
    return re.compile(rf"([^\n]*)((?:\n(?:[ ]*\n)*[ ]{{{indent + 1},}}[^ \n#][^\n]*)*)")


@cache
def _deeper_than(indent: int) -> re.Pattern[str]:
    """A line of quoted text that is not deeper than its block (YAML wants it deeper)."""
    return re.compile(rf"\n[ ]{{0,{indent}}}[^ \n]")


@cache
def _body(width: int) -> re.Pattern[str]:
    """The lines of `|` or `>` text indented by `width`: each deep enough, or blank."""
    deep = rf"[ ]{{{width}}}[^\n]*"
    return re.compile(rf"(?:(?:{deep}|[ ]*)\n)*(?:{deep}\Z)?")


def read(text: str) -> tuple[dict[str, Any], dict[PathKey, Spot], dict[PathKey, Spot]] | None:
    """`text` as data with where each key and value starts, or None if it is more than
    block-style YAML (or wrong): then the full loader reads it.

    `text` is as `marked` decodes it, without the control characters YAML refuses.
    """
    if any(char in text for char in _OUTSIDE):  # each `in` a scan at C speed
        return None
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    reader = _Reader(text)
    try:
        return reader.document(), reader.keys, reader.values
    except (_Declined, RecursionError):
        return None


class _Reader:
    """One pass over the text: `pos` is the start of the next line to read, `line` its number."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0
        self.line = 0
        self.keys: dict[PathKey, Spot] = {}
        self.values: dict[PathKey, Spot] = {}

    def document(self) -> dict[str, Any]:
        indent = self._next()
        if indent is None or not _KEY.match(self.text, self.pos + indent):
            raise _Declined  # empty, or no mapping: the full loader says what it is
        data = self._mapping(indent, ())
        if self._next() is not None:
            raise _Declined  # a line that belongs to no entry
        return data

    def _move(self, to: int) -> None:
        self.line += self.text.count("\n", self.pos, to)
        self.pos = to

    def _next(self) -> int | None:
        """Skip blank and comment lines; the indentation of the next line, None at the end."""
        self._move(_GAP.match(self.text, self.pos).end())  # type: ignore[union-attr]
        if self.pos >= len(self.text):
            return None
        text, pos = self.text, self.pos
        at = pos
        while text[at] == " ":
            at += 1
        return at - pos

    def _past(self, end: int) -> None:
        """Move past the line break at `end` (or to the end of the text), from the line
        that holds it."""
        if end < len(self.text):
            self.pos = end + 1
            self.line += 1
        else:
            self.pos = end

    def _mapping(self, indent: int, path: PathKey) -> dict[str, Any]:
        if len(path) >= MAX_DEPTH:  # its entries would be deeper than the bound
            raise _Declined
        self.values[path] = (self.line, indent)
        result: dict[str, Any] = {}
        entry = _entry(indent)
        # The first key may follow a `- ` on its line; each next one starts its own line.
        found = _KEY.match(self.text, self.pos + indent)
        while found:
            key = found.group(1)
            if key in result:
                raise _Declined  # the full loader's message places both
            line_start = found.start(1) - indent
            if line_start != self.pos:  # blank or comment lines before it
                self._move(line_start)
            child = (*path, key)
            self.keys[child] = (self.line, indent)
            result[key] = self._value(found.end(), indent, child, in_mapping=True)
            found = entry.match(self.text, self.pos)
        return result

    def _sequence(self, indent: int, path: PathKey) -> list[Any]:
        if len(path) >= MAX_DEPTH:
            raise _Declined
        self.values[path] = (self.line, indent)
        items: list[Any] = []
        item = _item(indent)
        found = item.match(self.text, self.pos)
        while found:
            line_start = found.start(1) - indent
            if line_start != self.pos:
                self._move(line_start)
            start = found.end()
            child = (*path, len(items))
            if _KEY.match(self.text, start):  # `- tên: …` opens a mapping in the list
                items.append(self._mapping(start - self.pos, child))
            else:
                items.append(self._value(start, indent, child, in_mapping=False))
            found = item.match(self.text, self.pos)
        return items

    def _value(self, start: int, indent: int, path: PathKey, *, in_mapping: bool) -> Any:
        """The value that starts at `start` in a block at `indent`; moves past it."""
        text = self.text
        first = text[start : start + 1]
        if first in ("", "\n", "#"):
            return self._below(start, indent, path, in_mapping=in_mapping)
        self.values[path] = (self.line, start - self.pos)
        if first == "|" or first == ">":
            return self._block_text(start, indent)
        if first == "'" or first == '"':
            return self._quoted(start, indent)
        if first == "{":
            return self._flow_mapping(start, indent, path)
        if first in _NOT_PLAIN_START and (first != "-" or text[start + 1 : start + 2] in " \n"):
            raise _Declined
        return self._plain(start, indent)

    def _below(self, start: int, indent: int, path: PathKey, *, in_mapping: bool) -> Any:
        """Nothing after the `:` or `-`: the value is the block under it, or empty."""
        # libyaml places an empty value just after its `:` or `-`.
        mark = self.text.rfind(":" if in_mapping else "-", 0, start) + 1
        spot = (self.line, mark - self.pos)
        end = self.text.find("\n", start)
        self._past(len(self.text) if end < 0 else end)
        below = self._next()
        if below is not None and (below > indent or (below == indent and in_mapping)):
            if _ITEM.match(self.text, self.pos + below):
                return self._sequence(below, path)
            if below > indent:
                if _KEY.match(self.text, self.pos + below):
                    return self._mapping(below, path)
                raise _Declined  # text on the line below its key
        self.values[path] = spot
        return None

    def _plain(self, start: int, indent: int) -> Any:
        """Plain text, folded over the lines deeper than its block."""
        found = _plain_lines(indent).match(self.text, start)
        first, more = found.groups()  # type: ignore[union-attr]
        cut = first.find(" #")
        if cut >= 0:
            if more:
                raise _Declined  # lines after a comment: YAML fails there
            first = first[:cut]
        first = first.rstrip(" ")
        if not _plain_text(first):
            raise _Declined  # YAML reads a key there, or fails
        if not more:
            self._past(found.end())  # type: ignore[union-attr]
            return _resolve(first)
        if not _plain_text(more):
            raise _Declined
        self.line += more.count("\n")
        self._past(found.end())  # type: ignore[union-attr]
        if _BLANK_LINE.search(more):
            return _resolve(_fold([first, *(part.strip(" ") for part in more[1:].split("\n"))]))
        return _resolve(first + _BREAK.sub(" ", more).rstrip(" "))

    def _flow_mapping(self, start: int, indent: int, path: PathKey) -> dict[str, Any]:
        """`{tên: nội dung, …}` with plain text only, as the guides show it for small groups."""
        text = self.text
        found = _FLOW.match(text, start)
        if found is None or _deeper_than(indent).search(text, start, found.end()):
            raise _Declined  # quotes, brackets or comments inside, or lines not deep enough
        result: dict[str, Any] = {}
        line_start = self.pos
        at = start + 1
        for piece in found.group(1).split(","):
            entry = _FLOW_ENTRY.fullmatch(piece)
            if entry is None:
                raise _Declined  # `{a: x, y}`, an empty value, a trailing comma
            key, value = entry.groups()
            if key in result or not _plain_text(value) or value[0] in _NOT_PLAIN_START:
                raise _Declined
            child = (*path, key)
            self.keys[child] = self._spot(line_start, at + entry.start(1))
            self.values[child] = self._spot(line_start, at + entry.start(2))
            result[key] = _resolve(_fold([part.strip(" ") for part in value.split("\n")]))
            at += len(piece) + 1
        self.line += found.group(1).count("\n")
        self._past(found.end())
        return result

    def _spot(self, line_start: int, at: int) -> Spot:
        """Where `at` stands, on the current line (which starts at `line_start`) or below."""
        breaks = self.text.count("\n", line_start, at)
        if not breaks:
            return self.line, at - line_start
        return self.line + breaks, at - self.text.rfind("\n", line_start, at) - 1

    def _quoted(self, start: int, indent: int) -> str:
        """Text in '…' (`''` is one quote) or in "…" without escapes, on one line or more."""
        text = self.text
        single = text[start] == "'"
        found = (_SINGLE if single else _DOUBLE).match(text, start)
        if found is None:
            raise _Declined  # never closed, or an escape
        after = _AFTER_QUOTE.match(text, found.end())
        if after is None:
            raise _Declined  # `'…'x`, `'…':` (a key) or `'…'#`
        content = found.group(1)
        if "\n" in content:
            if _deeper_than(indent).search(text, start, found.end()):
                raise _Declined
            lines = content.split("\n")
            parts = [lines[0].rstrip(" "), *(part.strip(" ") for part in lines[1:-1])]
            content = _fold([*parts, lines[-1].lstrip(" ")])
            self.line += len(lines) - 1
        self._past(after.end())
        if single:
            content = content.replace("''", "'")
        return unicodedata.normalize("NFC", content)

    def _block_text(self, start: int, indent: int) -> str:
        """Text after `|` (lines kept) or `>` (lines folded), as YAML 1.1 reads it."""
        text = self.text
        header = _BLOCK_HEADER.match(text, start)
        if header is None:
            raise _Declined  # an indentation digit, or something after the header
        self._past(header.end())
        leading, first = _LEADING.match(text, self.pos).groups()  # type: ignore[union-attr]
        width = max(max(map(len, leading.split("\n"))), len(first), indent + 1)
        body = _body(width).match(text, self.pos).group()  # type: ignore[union-attr]
        lines = [line[width:] for line in body.split("\n")]
        broken = body.endswith("\n")  # the last line has its break
        if broken:
            lines.pop()
        blank_after = len(lines)
        while lines and lines[-1] == "":
            lines.pop()
        blank_after -= len(lines)
        if not lines:
            raise _Declined  # no text, or blank first lines deeper than it: rare, subtle
        self._move(self.pos + len(body))
        value = (_literal if header.group(1) == "|" else _folded)(lines)
        chomping = header.group(2)
        if chomping != "-" and (blank_after or broken):
            value += "\n"
        if chomping == "+" and blank_after:
            value += "\n" * (blank_after - (not broken))
        return unicodedata.normalize("NFC", value)


def _plain_text(text: str) -> bool:
    """Whether lines of plain text hold nothing YAML would read as a key or a comment."""
    return ": " not in text and " #" not in text and ":\n" not in text and text[-1:] != ":"


def _fold(parts: list[str]) -> str:
    """Lines of plain or quoted text, trimmed, joined as YAML joins them: by a space,
    except that each blank line between the first and the last becomes a line break."""
    if "" not in parts[1:-1]:
        return " ".join(parts)
    out = [parts[0]]
    blank = 0
    last = len(parts) - 1
    for i in range(1, len(parts)):
        if not parts[i] and i < last:
            blank += 1
            continue
        out.append("\n" * blank if blank else " ")
        out.append(parts[i])
        blank = 0
    return "".join(out)


def _literal(lines: list[str]) -> str:
    return "\n".join(lines)


def _folded(lines: list[str]) -> str:
    """Lines joined by a space, except around blank lines and lines that start with a space;
    blank lines before the first stay line breaks."""
    leading = 0
    while lines[leading] == "":
        leading += 1
    parts = ["\n" * leading, lines[leading]]
    before = lines[leading]
    breaks = 0
    for line in lines[leading + 1 :]:
        if line == "":
            breaks += 1
            continue
        if before[0] == " " or line[0] == " ":
            parts.append("\n" * (breaks + 1))
        else:
            parts.append("\n" * breaks if breaks else " ")
        parts.append(line)
        before = line
        breaks = 0
    return "".join(parts)


def _resolve(text: str) -> Any:
    """A plain value as `full._Resolver` reads it: decimal integers, true/false, empty."""
    if len(text) <= 5:  # the longest word YAML reads as more than text
        if text in NULLS:
            return None
        if text in BOOLS:
            return BOOLS[text]
    if text[:1] in NUMBER_START and INT.fullmatch(text):
        if len(text.lstrip("+-0")) > MAX_DIGITS:
            raise _Declined  # the full loader says the number is too long
        return int(text)
    return unicodedata.normalize("NFC", text)
