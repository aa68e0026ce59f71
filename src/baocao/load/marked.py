"""Reading a YAML data file into plain Python data, remembering where every key and value stands.

Safety first: only YAML's plain types are constructed (no `!!python/…` tags),
aliases are refused (they are how a "billion laughs" file explodes), the file
size is capped, and duplicate keys are errors rather than last-one-wins.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from baocao.errors import DataError, PathKey, Problem, Severity, UsageError, format_path

MAX_BYTES = 2 * 1024 * 1024
"""Larger than any real report by two orders of magnitude."""

# Control characters (C0 but tab and newlines, DEL, C1 but NEL) and non-characters: XML or
# YAML forbid them, and they arrive invisibly with text pasted from Word or Zalo.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff]")
_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
MAX_DEPTH = 40
"""Nesting deeper than any report needs; deeper files are refused before recursion can fail."""


@dataclass(frozen=True)
class Mark:
    """A 1-based position in the source file."""

    line: int
    column: int


@dataclass
class Loaded:
    """A parsed file: its data and the positions of its keys and values."""

    file: Path
    data: Any
    keys: dict[PathKey, Mark] = field(default_factory=dict)
    values: dict[PathKey, Mark] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    """What reading found (duplicate keys, refused tags, stripped characters)."""

    def problem(
        self, path: PathKey, message: str, *, at_key: bool = False, severity: Severity = "loi"
    ) -> Problem:
        """A problem at `path`, placed on its value (or key), else on its nearest ancestor."""
        mark = self._mark(path, at_key)
        return Problem(self.file, mark.line, mark.column, format_path(path), message, severity)

    def _mark(self, path: PathKey, at_key: bool) -> Mark:
        table = (self.keys, self.values) if at_key else (self.values, self.keys)
        for probe in (path[:i] for i in range(len(path), 0, -1)):
            for marks in table:
                if probe in marks:
                    return marks[probe]
        return Mark(1, 1)


def load(file: Path) -> Loaded:
    """Read and parse `file`; raise DataError (located) or UsageError (unreadable)."""
    raw = _read(file)
    text, warnings = _decode(file, raw)
    node, constructor = _compose(file, text)
    if node is None:
        raise DataError([Problem(file, 1, 1, "", "tệp rỗng, chưa có dữ liệu nào")])
    loaded = Loaded(file, None, problems=warnings)
    loaded.data = _Builder(constructor, loaded).build(node, ())
    if not isinstance(loaded.data, dict):
        raise DataError([loaded.problem((), "tệp phải là một bảng các mục dạng «khoá: giá trị»")])
    return loaded


def _compose(file: Path, text: str) -> tuple[Node | None, SafeConstructor]:
    """The node tree of `text`, parsed by libyaml when available.

    On a syntax error the text is parsed again in pure Python, whose messages
    are the ones `_SYNTAX_HINTS` translates; speed matters only for valid files.
    """
    if _FastLoader is not None:
        try:
            return _parse(_FastLoader, text)
        except (yaml.YAMLError, RecursionError):
            pass
    try:
        return _parse(_Loader, text)
    except RecursionError:
        raise DataError([Problem(file, 1, 1, "", "dữ liệu lồng nhau quá sâu")]) from None
    except yaml.MarkedYAMLError as error:
        raise DataError([_syntax_problem(file, error)]) from error
    except yaml.YAMLError as error:  # ReaderError has a position but no mark
        raise DataError([Problem(file, 1, 1, "", f"lỗi cú pháp YAML: {error}")]) from error


def _parse(loader_class: type[Any], text: str) -> tuple[Node | None, SafeConstructor]:
    loader = loader_class(text)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _read(file: Path) -> bytes:
    try:
        size = file.stat().st_size
        if size > MAX_BYTES:
            raise DataError(
                [Problem(file, 1, 1, "", f"tệp quá lớn ({size:,} byte; tối đa {MAX_BYTES:,})")]
            )
        return file.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{file}: không tìm thấy tệp") from None
    except IsADirectoryError:
        raise UsageError(f"{file}: đây là thư mục, không phải tệp YAML") from None
    except OSError as error:
        raise UsageError(f"{file}: không đọc được tệp ({error.strerror})") from None


def _decode(file: Path, raw: bytes) -> tuple[str, list[Problem]]:
    """UTF-8 (a BOM allowed) in NFC, with XML-forbidden control characters removed."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(raw[: error.start].decode("utf-8", "replace"))
        message = "tệp không được lưu bằng mã UTF-8; hãy lưu lại tệp với bảng mã UTF-8"
        raise DataError([Problem(file, line, column, "", message)]) from None
    warnings = [
        Problem(file, *_position(text[: m.start()]), "", _control_message(m.group()), "canh_bao")
        for m in _FORBIDDEN.finditer(text)
    ]
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", text)), warnings


def _control_message(char: str) -> str:
    return f"đã bỏ ký tự điều khiển U+{ord(char):04X} (thường do sao chép từ Word, Zalo)"


def _position(before: str) -> tuple[int, int]:
    """1-based line and column just after `before`."""
    return before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1


class _RefuseAliases(Composer):
    """Composition that refuses aliases before they can be expanded."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(yaml.AliasEvent):  # type: ignore[attr-defined]
            event = self.peek_event()  # type: ignore[attr-defined]
            raise yaml.composer.ComposerError(
                None, None, "found alias, which baocao does not accept", event.start_mark
            )
        return super().compose_node(parent, index)


class _Loader(_RefuseAliases, yaml.SafeLoader):
    """PyYAML's pure-Python safe loader, refusing aliases."""


_FastLoader: type[Any] | None = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CLoader(_RefuseAliases, CParser, SafeConstructor, Resolver):
        """libyaml's events composed in Python: as fast, but recursion stays bounded.

        libyaml's own composer recurses in C and crashes the process on deeply
        nested input; Python's composer raises RecursionError instead.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

    _FastLoader = _CLoader


class _Builder:
    """Turns a composed node tree into data while recording each key's and value's mark."""

    def __init__(self, constructor: SafeConstructor, loaded: Loaded) -> None:
        self.constructor = constructor
        self.loaded = loaded
        self.problems = loaded.problems

    def build(self, node: Node, path: PathKey) -> Any:
        self.loaded.values[path] = _mark(node)
        if len(path) > MAX_DEPTH:
            self.problems.append(self.loaded.problem(path, "dữ liệu lồng nhau quá sâu"))
            return None
        if not isinstance(node, ScalarNode) and node.tag not in _PLAIN_TAGS:
            return self._refuse_tag(node, path)
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: PathKey) -> Any:
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            return self._refuse_tag(node, path)
        return self._clean(value, path) if isinstance(value, str) else value

    def _clean(self, value: str, path: PathKey) -> str:
        """Escapes such as "\\v" in quoted strings bring back what `_decode` removed."""
        for char in dict.fromkeys(_FORBIDDEN.findall(value)):
            self.problems.append(
                self.loaded.problem(path, _control_message(char), severity="canh_bao")
            )
        return unicodedata.normalize("NFC", _FORBIDDEN.sub("", value))

    def _refuse_tag(self, node: Node, path: PathKey) -> None:
        tag = str(node.tag).replace("tag:yaml.org,2002:", "!!")
        self.problems.append(self.loaded.problem(path, f"thẻ YAML «{tag}» không được phép"))

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    self.loaded.problem(
                        path, "tên mục phải là một chữ đơn, không phải bảng hay danh sách"
                    )
                )
                continue
            key = str(key_node.value)
            child = (*path, key)
            if key in result:
                first = self.loaded.keys[child]
                self.loaded.keys[child] = _mark(key_node)
                self.problems.append(
                    self.loaded.problem(
                        child,
                        f"mục «{key}» bị lặp lại (đã có ở dòng {first.line}); "
                        "hãy gộp lại hoặc xoá một mục",
                        at_key=True,
                    )
                )
                continue
            self.loaded.keys[child] = _mark(key_node)
            result[key] = self.build(value_node, child)
        return result


def _mark(node: Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


_SYNTAX_HINTS = (
    ("found character '\\t'", "dùng phím Tab để thụt lề; YAML chỉ chấp nhận dấu cách"),
    ("found alias", "không dùng bí danh YAML (ký hiệu «*»); hãy viết đầy đủ giá trị"),
    ("found undefined alias", "không dùng bí danh YAML (ký hiệu «*»); hãy viết đầy đủ giá trị"),
    (
        "mapping values are not allowed",
        "dấu «:» không đúng chỗ; nếu nội dung có dấu «: », hãy đặt cả câu trong ngoặc kép",
    ),
    ("could not find expected ':'", "thiếu dấu «:» sau tên mục"),
    ("found unexpected end of stream", "chuỗi mở ngoặc kép nhưng chưa đóng"),
    (
        "found unknown escape character",
        "ký tự «\\» trong ngoặc kép không hợp lệ; dùng ngoặc đơn hoặc bỏ «\\»",
    ),
    ("did not find expected key", "thụt lề không thẳng hàng với các mục cùng cấp"),
    ("expected <block end>", "thụt lề không thẳng hàng với các mục cùng cấp"),
    ("did not find expected '-'", "thụt lề không thẳng hàng với các dòng «- » cùng danh sách"),
    ("could not determine a constructor", "thẻ YAML này không được phép"),
    ("tab character", "dùng phím Tab để thụt lề; YAML chỉ chấp nhận dấu cách"),
    ("flow sequence", "danh sách trong ngoặc «[ ]» chưa đúng: thiếu dấu phẩy hoặc dấu «]»"),
    ("flow mapping", "nhóm trong ngoặc «{ }» chưa đúng: thiếu dấu phẩy hoặc dấu «}»"),
    ("expected the node content", "thiếu nội dung ở đây, hoặc ngoặc «[», «{» chưa đóng"),
    (
        "that cannot start any token",
        "ký tự này không được đứng đầu nội dung; hãy đặt cả câu trong ngoặc kép",
    ),
    ("block scalar", "sau dấu «|» hoặc «>» phải xuống dòng rồi mới viết nội dung"),
    ("anchor", "không dùng neo YAML (ký hiệu «&»); hãy đặt nội dung có «&» trong ngoặc kép"),
    ("expected a single document", "tệp chỉ được chứa một tài liệu YAML (bỏ dòng «---» thứ hai)"),
)


def _syntax_problem(file: Path, error: yaml.MarkedYAMLError) -> Problem:
    """A YAML syntax error as a located Vietnamese message."""
    # An unclosed quote or bracket is found at the end of the file; point at where it opened.
    unclosed = any(
        w in (error.context or "") for w in ("quoted scalar", "flow sequence", "flow mapping")
    )
    mark = (error.context_mark if unclosed else None) or error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    problem = f"{error.context or ''} {error.problem or ''}"
    hint = next((text for needle, text in _SYNTAX_HINTS if needle in problem), None)
    message = hint or f"lỗi cú pháp YAML ({(error.problem or '').strip()})"
    return Problem(file, line, column, "", message)
