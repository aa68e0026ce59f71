"""Reading a YAML data file into plain Python data, remembering where every key and value stands.

Safety first: only YAML's plain types are constructed (no `!!python/…` tags),
aliases are refused (they are how a "billion laughs" file explodes), the file
size is capped, and duplicate keys are errors rather than last-one-wins.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from baocao.errors import (
    FORBIDDEN as _FORBIDDEN,
)
from baocao.errors import (
    DataError,
    PathKey,
    Problem,
    Severity,
    UsageError,
    byte_size,
    format_path,
    megabytes,
    os_error_text,
)
from baocao.load.sources import broken_link

MAX_BYTES = 2 * 1024 * 1024
"""Larger than any real report by two orders of magnitude."""

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
    keys: dict[PathKey, yaml.Mark] = field(default_factory=dict)
    values: dict[PathKey, yaml.Mark] = field(default_factory=dict)
    """Where each key and value starts, as the parser marked it (0-based): made a `Mark` only
    for a problem, so that a file with hundreds of values costs no object per value."""
    problems: list[Problem] = field(default_factory=list)
    """What reading found (duplicate keys, refused tags, stripped characters)."""
    comma_splits: dict[PathKey, str] = field(default_factory=dict)
    """Keys without a value inside `{ … }` that were likely cut off the previous value by a
    comma (`{ghi_chu: Thăm hỏi kịp thời, chu đáo}`), each with the line written in quotes."""

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
                    return _one_based(marks[probe])
        return Mark(1, 1)


def load(file: Path) -> Loaded:
    """Read and parse `file`; raise DataError (located) or UsageError (unreadable)."""
    return parse(file, _read(file))


def parse(file: Path, raw: bytes) -> Loaded:
    """Parse `raw` as the contents of `file` (not read); raise DataError (located).

    For text not yet on disk: the form of `baocao soan` checks what it is about to save.
    """
    if len(raw) > MAX_BYTES:
        message = f"tệp quá lớn ({byte_size(len(raw))}; tối đa {megabytes(MAX_BYTES)})"
        raise DataError([Problem(file, 1, 1, "", message)])
    if kind := _other_format(file, raw):
        message = f"đây là {kind}, không phải tệp dữ liệu YAML; hãy chọn tệp .yaml"
        raise DataError([Problem(file, 1, 1, "", message)])
    text, warnings, as_is = _decode(file, raw)
    loaded = Loaded(file, None, problems=list(warnings))
    # libyaml reads UTF-8: the file's own bytes when they hold the text as it is.
    source = raw.removeprefix(codecs.BOM_UTF8) if as_is else text
    try:
        loaded.data = _build(file, _compose_in_c(source) or _compose(file, text), loaded)
    except _SharedNode:  # an alias, which libyaml's composer resolved: refused as always
        loaded = Loaded(file, None, problems=warnings)
        loaded.data = _build(file, _compose(file, text), loaded)
    if not isinstance(loaded.data, dict):
        raise DataError(
            [loaded.problem((), "tệp phải gồm các mục, mỗi mục một dòng «tên: nội dung»")]
        )
    return loaded


_FORMATS = (
    (b"%PDF-", "tệp PDF (.pdf)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "tệp Word hoặc Excel kiểu cũ (.doc, .xls)"),
    (b"{\\rtf", "tệp văn bản RTF (.rtf)"),
    (b"\xff\xd8\xff", "tệp ảnh JPEG"),
    (b"\x89PNG", "tệp ảnh PNG"),
)
_ZIPPED = {".docx": "tệp Word (.docx)", ".xlsx": "tệp Excel (.xlsx)", ".odt": "tệp Writer (.odt)"}


def _other_format(file: Path, raw: bytes) -> str | None:
    """What a file is when its first bytes say it is no text: a Word file, a PDF, a photo.

    The common slip is to give `validate` the report itself instead of its data.
    """
    if raw.startswith(b"PK\x03\x04"):  # .docx, .xlsx and .odt are zip files inside
        return _ZIPPED.get(file.suffix.lower(), "tệp nén (.zip, .docx)")
    return next((kind for magic, kind in _FORMATS if raw.startswith(magic)), None)


def _build(file: Path, composed: tuple[Node | None, SafeConstructor], loaded: Loaded) -> Any:
    node, constructor = composed
    if node is None:
        raise DataError([Problem(file, 1, 1, "", "tệp rỗng, chưa có dữ liệu nào")])
    return _Builder(constructor, loaded).build(node, ())


MAX_C_NESTING = 5_000
"""libyaml's own composer recurses in C and crashes the process somewhere past 10,000
levels; each level needs one of `-:?[{`, so a text with fewer of those is safe there."""

_NOT_NESTING = bytes(set(range(256)) - set(b"-:?[{"))


def _compose_in_c(source: str | bytes) -> tuple[Node | None, SafeConstructor] | None:
    """The node tree of `source` (text, or its UTF-8) by libyaml's parser *and* composer
    (half the time of composing its events in Python), when it cannot nest deep enough to
    crash it; None otherwise, or on any error, which `_compose` then reports. An alias
    comes out as a node shared by two parents, which `_Builder` refuses (`_SharedNode`)."""
    if _CComposer is None or _nesting_marks(source) > MAX_C_NESTING:
        return None
    try:
        return _parse(_CComposer, source)
    except (yaml.YAMLError, RecursionError):
        return None


def _nesting_marks(source: str | bytes) -> int:
    """How many of `-:?[{` `source` holds: in one pass over bytes, by deleting all else."""
    if isinstance(source, bytes):
        return len(source.translate(None, _NOT_NESTING))
    return sum(map(source.count, "-:?[{"))


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
        line, column = _position(text[: getattr(error, "position", 0)])
        message = "tệp có ký tự YAML không chấp nhận ở đây; hãy xoá hoặc gõ lại ký tự này"
        raise DataError([Problem(file, line, column, "", message)]) from error


def _parse(loader_class: type[Any], source: str | bytes) -> tuple[Node | None, SafeConstructor]:
    loader = loader_class(source)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


def _read(file: Path) -> bytes:
    """The file's bytes, refused when it is no regular file or larger than MAX_BYTES.

    Opened without blocking and checked with fstat before reading, so that a
    FIFO or a device (`/dev/zero`) is refused at once instead of blocking or
    reading forever; the read itself stops at MAX_BYTES + 1 whatever size the
    file system reports.
    """
    try:
        fd = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        raise UsageError(_unreadable(file, error)) from None
    try:
        status = os.fstat(fd)
        _refuse_special(file, status.st_mode)
        raw = _read_at_most(fd, MAX_BYTES + 1)
    except OSError as error:
        raise UsageError(_unreadable(file, error)) from None
    finally:
        os.close(fd)
    if len(raw) > MAX_BYTES:
        size = max(len(raw), status.st_size)
        message = f"tệp quá lớn ({byte_size(size)}; tối đa {megabytes(MAX_BYTES)})"
        raise DataError([Problem(file, 1, 1, "", message)])
    return raw


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0 and (chunk := os.read(fd, min(left, 1 << 16))):
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _unreadable(file: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return f"{file}: {broken_link(file) if file.is_symlink() else 'không tìm thấy tệp'}"
    if error.errno == errno.EISDIR:
        return f"{file}: đây là thư mục, không phải tệp YAML"
    return f"{file}: không đọc được tệp ({os_error_text(error)})"


def _refuse_special(file: Path, mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise UsageError(f"{file}: đây là thư mục, không phải tệp YAML")
    if not stat.S_ISREG(mode):
        raise UsageError(f"{file}: {_special_kind(mode)}, không phải tệp YAML; hãy chọn tệp .yaml")


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "đây là một ống dẫn (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "đây là một thiết bị"
    if stat.S_ISSOCK(mode):
        return "đây là một ổ cắm mạng (socket)"
    return "đây là một tệp đặc biệt"


def _decode(file: Path, raw: bytes) -> tuple[str, list[Problem], bool]:
    """UTF-8 (a BOM allowed) in NFC, with XML-forbidden control characters removed; and
    whether that is what `raw` holds as it is (most files), its BOM aside."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line, column = _position(raw[: error.start].decode("utf-8", "replace"))
        message = "tệp không được lưu bằng mã UTF-8; hãy lưu lại tệp với bảng mã UTF-8"
        raise DataError([Problem(file, line, column, "", message)]) from None
    if not _may_hold_forbidden(raw):  # most files: the scan of the text is not needed
        normal = unicodedata.normalize("NFC", text)
        return normal, [], normal is text  # the very same object when nothing changed
    warnings = [
        Problem(file, *_position(text[: m.start()]), "", _control_message(m.group()), "canh_bao")
        for m in _FORBIDDEN.finditer(text)
    ]
    return unicodedata.normalize("NFC", _FORBIDDEN.sub("", text)), warnings, False


_NOT_C0 = bytes(range(0x20, 0x7F)) + b"\t\n\r" + bytes(range(0x80, 0x100))
_C1 = re.compile(b"\xc2[\x80-\x84\x86-\x9f]")


def _may_hold_forbidden(raw: bytes) -> bool:
    """Whether valid UTF-8 `raw` holds a character `FORBIDDEN` matches, by its bytes: a C0 or
    DEL byte, «\\xc2» then a C1 byte, or U+FFFE, U+FFFF. Several times faster than the regex
    over the decoded text, which tests each character against its set."""
    return (
        bool(raw.translate(None, _NOT_C0))
        or _C1.search(raw) is not None
        or b"\xef\xbf\xbe" in raw
        or b"\xef\xbf\xbf" in raw
    )


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


class _Resolver(BaseResolver):
    """Plain scalars as people write them, not as YAML 1.1 reads them.

    PyYAML reads `010` as octal 8, `08` as text, `1:30` as 90 (base 60), `0x0F`,
    `1_5` and `500.000` (a float, 500.0) as numbers, `yes`/`no`/`on`/`off` as
    booleans and `2023-02-30` as a date it then fails to build. Here only a
    plain decimal integer (signed, leading zeros allowed) is a number, only
    `true`/`false` a boolean, and everything else stays text, so that the field's
    own type reads it (money with dot thousands, Vietnamese dates) or says how
    to write it. Both loaders share these rules.
    """

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        """`BaseResolver.resolve` with only plain scalars looked up, in one dict: every
        scalar of a file passes here, and baocao has no path resolvers."""
        if kind is not ScalarNode:
            return str(super().resolve(kind, value, implicit))  # type: ignore[no-untyped-call]
        if implicit[0]:
            for tag, pattern in self.yaml_implicit_resolvers.get(value[:1], ()):
                if pattern.match(value):
                    return str(tag)
        return _STR_TAG


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?[0-9]+$"), list("-+0123456789")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)

MAX_DIGITS = 30
"""Longer runs of digits are no count or amount; Python refuses to parse > 4300 anyway."""


class _Constructor(SafeConstructor):
    """Integers in decimal only: `010` is ten, as a person reading it means."""

    def construct_decimal_int(self, node: Node) -> int:
        text = str(self.construct_scalar(node))  # type: ignore[arg-type]
        if not re.fullmatch(r"[-+]?[0-9]+", text):
            raise ValueError(text)
        if len(text.lstrip("+-0")) > MAX_DIGITS:
            raise OverflowError(text)
        return int(text)


_Constructor.add_constructor(  # type: ignore[type-var]  # stubs expect a full Loader
    "tag:yaml.org,2002:int", _Constructor.construct_decimal_int
)


class _Loader(_RefuseAliases, Reader, Scanner, Parser, Composer, _Constructor, _Resolver):
    """PyYAML's pure-Python loader with baocao's resolver and constructor, refusing aliases."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


_FastLoader: type[Any] | None = None
_CComposer: type[Any] | None = None
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CComposerLoader(CParser, _Constructor, _Resolver):
        """libyaml's parser and composer, with baocao's resolver and constructor."""

        # The composer tells the resolver of each node it enters and leaves, for path
        # resolvers, which baocao has none of: built-in callables that do nothing with what
        # they are given take those calls (a thousand a report) instead of Python methods.
        descend_resolver = {}.get  # type: ignore[assignment,var-annotated]  # (parent, index)
        ascend_resolver = tuple  # type: ignore[assignment]  # ()

        def __init__(self, stream: str | bytes) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _CComposer = _CComposerLoader

    class _CLoader(_RefuseAliases, CParser, _Constructor, _Resolver):
        """libyaml's events composed in Python: as fast, but recursion stays bounded.

        libyaml's own composer recurses in C and crashes the process on deeply
        nested input; Python's composer raises RecursionError instead.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _FastLoader = _CLoader


class _SharedNode(Exception):
    """A node met twice: libyaml's composer made an alias point at its anchor's node."""


_STR_TAG = "tag:yaml.org,2002:str"


class _Builder:
    """Turns a composed node tree into data while recording each key's and value's mark."""

    def __init__(self, constructor: SafeConstructor, loaded: Loaded) -> None:
        self.constructor = constructor
        self.loaded = loaded
        self.problems = loaded.problems
        self.seen: set[int] = set()

    def build(self, node: Node, path: PathKey) -> Any:
        if id(node) in self.seen:
            raise _SharedNode
        self.seen.add(id(node))
        self.loaded.values[path] = node.start_mark
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
        if node.tag == _STR_TAG:  # most of a report: its text, as SafeConstructor makes it
            return self._clean(node.value, path, quoted=getattr(node, "style", None) == '"')
        try:
            value = self.constructor.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError:
            return self._refuse_tag(node, path)
        except OverflowError:
            digits = len(str(node.value).lstrip("+-0"))
            return self._refuse(path, f"số quá lớn ({digits} chữ số)")
        # An explicit tag whose text does not fit it (`!!int abc`, `!!timestamp x`):
        # PyYAML's constructors fail each in their own way.
        except (ValueError, TypeError, AttributeError, KeyError):
            tag = _short_tag(node.tag)
            return self._refuse(
                path, f"«{node.value}» không đúng với thẻ «{tag}»; hãy bỏ thẻ «{tag}» đi"
            )
        if isinstance(value, str):
            return self._clean(value, path, quoted=True)
        if not isinstance(value, _SCALARS):
            return self._refuse_tag(node, path)  # `!!binary`, `!!set`: bytes and sets
        return value

    def _clean(self, value: str, path: PathKey, *, quoted: bool) -> str:
        """Escapes such as "\\v" in quoted strings bring back what `_decode` removed.

        Only a double-quoted scalar has escapes (`quoted`; or a tag may have built the
        string); any other text is what `_decode` left, and only joining lines can have
        undone its normal form.
        """
        if not quoted:
            return unicodedata.normalize("NFC", value)
        for char in dict.fromkeys(_FORBIDDEN.findall(value)):
            self.problems.append(
                self.loaded.problem(path, _control_message(char), severity="canh_bao")
            )
        value, lone = _join_surrogates(value)
        for char in lone:
            message = (
                f"mã «\\u{ord(char):04x}» chỉ là một nửa của một ký tự (nửa cặp UTF-16), "
                "không in được; hãy bỏ mã này hoặc gõ thẳng ký tự cần viết"
            )
            self.problems.append(self.loaded.problem(path, message))
        return unicodedata.normalize("NFC", _FORBIDDEN.sub("", value))

    def _refuse(self, path: PathKey, message: str) -> None:
        self.problems.append(self.loaded.problem(path, message))

    def _refuse_tag(self, node: Node, path: PathKey) -> None:
        self._refuse(path, f"thẻ YAML «{_short_tag(node.tag)}» không được phép")

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
                first = _one_based(self.loaded.keys[child])
                self.loaded.keys[child] = key_node.start_mark
                self.problems.append(
                    self.loaded.problem(
                        child,
                        f"mục «{key}» bị lặp lại (đã có ở dòng {first.line}); "
                        "hãy gộp lại hoặc xoá một mục",
                        at_key=True,
                    )
                )
                continue
            self.loaded.keys[child] = key_node.start_mark
            result[key] = self.build(value_node, child)
            if node.flow_style and _is_blank(value_node):
                self._note_comma_split(node, key_node, child)
        return result

    def _note_comma_split(self, node: MappingNode, key_node: ScalarNode, child: PathKey) -> None:
        """Remember how `{a: x, y}` was probably meant: `a: "x, y"`."""
        index = next(i for i, (k, _) in enumerate(node.value) if k is key_node)
        if index == 0:
            return
        before_key, before_value = node.value[index - 1]
        if isinstance(before_value, ScalarNode) and before_value.value:
            text = f"{before_value.value}, {key_node.value}"
            self.loaded.comma_splits[child] = f'{before_key.value}: "{text}"'


def _is_blank(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.value == "" and not node.style


def _short_tag(tag: Any) -> str:
    return str(tag).replace("tag:yaml.org,2002:", "!!")


_SCALARS = (str, int, float, bool, type(None), date)
"""What a scalar may become; `datetime` is a `date` too, refused by the date fields."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


def _join_surrogates(value: str) -> tuple[str, list[str]]:
    """`"\\ud83d\\ude00"`, written as two escapes, is one character (😀): join such pairs.

    Returns the text without the halves left alone, which no file can hold, and those halves.
    """
    joined = _SURROGATE_PAIR.sub(
        lambda m: m.group().encode("utf-16-le", "surrogatepass").decode("utf-16-le"), value
    )
    return _SURROGATE.sub("", joined), list(dict.fromkeys(_SURROGATE.findall(joined)))


def _one_based(mark: yaml.Mark) -> Mark:
    return Mark(mark.line + 1, mark.column + 1)


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
    # PyYAML's own words are English; a place and a plain hint serve a chair better.
    message = hint or "lỗi cú pháp YAML ở đây; hãy xem lại dấu ngoặc, dấu «:» và thụt lề"
    return Problem(file, line, column, "", message)
