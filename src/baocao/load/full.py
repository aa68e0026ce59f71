"""The full YAML loader: PyYAML, with libyaml's parser when it is there, for the files
`block` declines — `[ ]` lists, `{ }` groups with quotes or lists inside, anchors, tags,
escapes — and for every error, whose messages it places and translates.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
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

from baocao.errors import FORBIDDEN as _FORBIDDEN
from baocao.errors import DataError, PathKey, Problem
from baocao.load.marked import Loaded, control_message, position
from baocao.load.plain import BOOLS, INT, MAX_DEPTH, MAX_DIGITS, NULLS, NUMBER_START, Spot

_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def read(file: Path, text: str, source: str | bytes, warnings: list[Problem]) -> Loaded:
    """`text` (`source`: the same, or its UTF-8) read into `Loaded`; raise DataError (located)."""
    loaded = Loaded(file, None, problems=list(warnings))
    try:
        loaded.data = _build(file, _compose_in_c(source) or _compose(file, text), loaded)
    except _SharedNode:  # an alias, which libyaml's composer resolved: refused as always
        loaded = Loaded(file, None, problems=list(warnings))
        loaded.data = _build(file, _compose(file, text), loaded)
    return loaded


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
        line, column = position(text[: getattr(error, "position", 0)])
        message = "tệp có ký tự YAML không chấp nhận ở đây; hãy xoá hoặc gõ lại ký tự này"
        raise DataError([Problem(file, line, column, "", message)]) from error


def _parse(loader_class: type[Any], source: str | bytes) -> tuple[Node | None, SafeConstructor]:
    loader = loader_class(source)
    try:
        return loader.get_single_node(), loader
    finally:
        loader.dispose()


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


def _words(words: Iterable[str]) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(map(re.escape, words)) + ")$")


_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", _words(BOOLS), list(dict.fromkeys(w[0] for w in BOOLS))
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(f"^{INT.pattern}$"), list(NUMBER_START)
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:null", _words(NULLS), list(dict.fromkeys(w[:1] for w in NULLS))
)


class _Constructor(SafeConstructor):
    """Integers in decimal only: `010` is ten, as a person reading it means."""

    def construct_decimal_int(self, node: Node) -> int:
        text = str(self.construct_scalar(node))  # type: ignore[arg-type]
        if not INT.fullmatch(text):
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
        self.loaded.values[path] = _spot(node.start_mark)
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
        """Escapes such as "\\v" in quoted strings bring back what `marked._cleaned` removed.

        Only a double-quoted scalar has escapes (`quoted`; or a tag may have built the
        string); any other text is what `marked._cleaned` left, and only joining lines can have
        undone its normal form.
        """
        if not quoted:
            return unicodedata.normalize("NFC", value)
        for char in dict.fromkeys(_FORBIDDEN.findall(value)):
            self.problems.append(
                self.loaded.problem(path, control_message(char), severity="canh_bao")
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
                first_line = self.loaded.keys[child][0] + 1
                self.loaded.keys[child] = _spot(key_node.start_mark)
                self.problems.append(
                    self.loaded.problem(
                        child,
                        f"mục «{key}» bị lặp lại (đã có ở dòng {first_line}); "
                        "hãy gộp lại hoặc xoá một mục",
                        at_key=True,
                    )
                )
                continue
            self.loaded.keys[child] = _spot(key_node.start_mark)
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


def _spot(mark: yaml.Mark) -> Spot:
    return mark.line, mark.column


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
