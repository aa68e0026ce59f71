"""Checking a .docx template before it renders: every problem, located for a person.

The check sees exactly what docxtpl renders: the same XML parts (body, headers,
footers, footnotes), repaired by docxtpl's own `patch_xml`. That repair joins
tags Word split across runs (`{{ tinh_` in one run, `hinh }}` in the next, or
`{` and `{` apart), drops the proofErr and bookmark elements Word puts between
them, and straightens Word's typographic quotes inside tags. Rendering goes
through the same `patch_xml`, so a template that passes the check renders as
checked, Word's edits included.

To say where a problem is, every paragraph, table row and cell gets a marker
just before it. docxtpl's repair removes `{%p %}` paragraphs and `{%tr %}` rows
from their start tag onwards, so the marker in front survives; each marker then
starts a line of the source Jinja parses, and a Jinja line number names the
paragraph or cell it came from.
"""

from __future__ import annotations

import ast
import copy
import dataclasses
import io
import itertools
import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2 import Environment, TemplateSyntaxError, nodes

from baocao.errors import TemplateProblem, TemplateProblems, UsageError, did_you_mean
from baocao.render.source import Template, read_template
from baocao.render.template.data import Member, context_members
from baocao.render.template.names import Finding, check_names
from baocao.render.template.outside import (
    external_problems,
    field_message,
    field_problems,
    link_message,
    loading_fields,
    stray_tags,
    unsupported_tags,
)
from baocao.render.template.package import ExternalLink, check_package


def check_template(
    template: Template, env: Environment, names: Mapping[str, Member] | None = None
) -> list[TemplateProblem]:
    """Every problem of `template`, its names checked against `names` (the built-in
    template's, `context_members()`, by default); UsageError if it is no .docx at all."""
    if not zipfile.is_zipfile(io.BytesIO(template.data)):
        raise UsageError(f"{template.path}: không phải tệp .docx hợp lệ")
    links = check_package(template)  # before python-docx inflates and parses any part
    doc = DocxTemplate(io.BytesIO(template.data))
    try:
        doc.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise UsageError(f"{template.path}: không phải tệp .docx hợp lệ") from error
    return check_document(doc, env, template.path, links, names)


def prepare_template(
    path: Path, env: Environment, names: Mapping[str, Member] | None = None
) -> Template:
    """The user's template read once and checked; TemplateProblems lists every problem."""
    template = read_template(path)
    if problems := check_template(template, env, names):
        raise TemplateProblems(path, problems)
    return template


def check_document(
    doc: DocxTemplate,
    env: Environment,
    template: Path,
    links: list[ExternalLink],
    names: Mapping[str, Member] | None = None,
) -> list[TemplateProblem]:
    """Every problem of an opened template, part by part, each reported once.

    `links` are the package's external relationships (from `check_package`,
    which must have passed before `doc` was opened).
    """
    doc.init_docx()
    parts = list(_parts(doc))
    located: set[ExternalLink] = set()
    known = context_members() if names is None else names
    found = [
        (where, message)
        for part in parts
        for where, message in _check_part(doc, part, env, links, located, known)
    ]
    rendered = {part.partname for part in parts}
    found += external_problems(link for link in links if link not in located)
    found += field_problems(_other_parts(doc, rendered))
    problems = (TemplateProblem(template, where, message) for where, message in found)
    return list(dict.fromkeys(problems))


# --- the parts docxtpl renders ------------------------------------------------

_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_PAGE_KIND = {"first": " của trang đầu", "even": " của trang chẵn"}


@dataclasses.dataclass(frozen=True)
class _Part:
    """One XML part as a person names it, and a private copy of its tree to mark."""

    name: str
    root: Any
    partname: str  # its name in the zip, e.g. word/header1.xml


def _parts(doc: DocxTemplate) -> Iterator[_Part]:
    """The body, headers, footers and footnotes, as docxtpl's `render` finds them."""
    body = doc.docx.element.body
    yield _Part("thân văn bản", copy.deepcopy(body), _zip_name(doc.docx.part))
    kinds: dict[str, str] = {
        ref.get(qn("r:id"), ""): _PAGE_KIND.get(ref.get(qn("w:type"), ""), "")
        for ref in body.iter(qn("w:headerReference"), qn("w:footerReference"))
    }
    for uri, name in ((doc.HEADER_URI, "đầu trang"), (doc.FOOTER_URI, "chân trang")):
        for rel_id, part in doc.get_headers_footers(uri):
            yield _Part(name + kinds.get(rel_id, ""), parse_xml(part.blob), _zip_name(part))
    for part in doc.docx.part.package.iter_parts():
        if part.content_type == _FOOTNOTES:
            yield _Part("chú thích cuối trang", parse_xml(part.blob), _zip_name(part))


def _zip_name(part: Any) -> str:
    return str(part.partname).lstrip("/")


def _other_parts(doc: DocxTemplate, rendered: set[str]) -> Iterator[tuple[str, Any]]:
    """(zip name, XML tree) of the XML parts docxtpl does not render: endnotes, comments…"""
    for part in doc.docx.part.package.iter_parts():
        name = _zip_name(part)
        if name not in rendered and part.content_type.endswith("+xml"):
            yield name, parse_xml(part.blob)


def _check_part(
    doc: DocxTemplate,
    part: _Part,
    env: Environment,
    links: list[ExternalLink],
    located: set[ExternalLink],
    names: Mapping[str, Member],
) -> Iterator[tuple[str, str]]:
    """(where, message) of every problem in one part, in reading order.

    External relationships of this part that it refers to are added to `located`.
    """
    order = {element: i for i, element in enumerate(part.root.iter(_P, _TR, _TC))}
    outside = _outside(part, [link for link in links if link.source == part.partname], located)
    places = _mark(part.root)
    for element, message in outside:
        owner = element if element in order else _ancestor(element, _P)
        place = places[order[owner]] if owner in order else None
        yield _where(part.name, place, ""), message
    source, line_places = _lines(doc.patch_xml(doc.xml_to_string(part.root)))
    tree, findings = _parse(env, source)
    findings += check_names(tree, env, names)
    findings += _crowded_tags(places, line_places)
    findings += unsupported_tags(tree)
    findings += stray_tags(env, source)
    for finding in sorted(findings, key=lambda f: f.lineno):
        index = line_places[min(finding.lineno, len(line_places)) - 1]
        place = None if index is None else places[index]
        yield _where(part.name, place, finding.needle), finding.message


def _outside(
    part: _Part, links: list[ExternalLink], located: set[ExternalLink]
) -> list[tuple[Any, str]]:
    """(element, message) for each field and external relationship of the part that loads."""
    by_id = {link.rel_id: link for link in links}
    found: list[tuple[Any, str]] = []
    for element in part.root.iter():
        for value in _relationship_ids(element):
            if value in by_id:
                located.add(by_id[value])
                found.append((element, link_message(by_id[value])))
    found += [(element, field_message(name)) for element, name in loading_fields(part.root)]
    return found


_R_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _relationship_ids(element: Any) -> list[str]:
    """The relationship ids an element refers to (`r:id`, `r:link`, `r:embed`, …)."""
    return [value for name, value in element.attrib.items() if name.startswith(_R_NS)]


# --- places: which paragraph or cell a line of the source comes from ------------

_P, _TR, _TC, _TBL, _T = (qn(tag) for tag in ("w:p", "w:tr", "w:tc", "w:tbl", "w:t"))
_OWNER = {_TBL: None, _TR: _TBL, _TC: _TR}
"""What a table, row and cell is numbered within: the part, its table, its row."""
_KINDS = {_P: "p", _TR: "tr", _TC: "tc"}

# Characters from a private-use plane: never in a Word document, and legal in XML.
_OPEN, _CLOSE = "\U000f0001", "\U000f0002"
_MARKER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


@dataclasses.dataclass(frozen=True)
class _Place:
    """A paragraph, row or cell: how a person finds it, and the text Word shows there."""

    kind: str  # "p", "tr" or "tc": what a `{%p %}`, `{%tr %}` or `{%tc %}` tag there removes
    label: str
    text: str


def _mark(root: Any) -> list[_Place]:
    """Put marker N before the N-th paragraph, row and cell of `root`; return their places."""
    numbers = _table_numbers(root)
    paragraphs = itertools.count(1)
    places = []
    for element in list(root.iter(_P, _TR, _TC)):
        in_table = element.tag != _P or _ancestor(element, _TC) is not None
        label = _table_label(element, numbers) if in_table else f"đoạn {next(paragraphs)}"
        text = "".join(t.text or "" for t in element.iter(_T))
        places.append(_Place(_KINDS[element.tag], label, text))
        _put_before(element, f"{_OPEN}{len(places) - 1}{_CLOSE}")
    return places


def _table_numbers(root: Any) -> dict[Any, int]:
    """Each table's number in the part, each row's in its table, each cell's in its row."""
    counts: Counter[tuple[Any, str]] = Counter()
    numbers = {}
    for element in root.iter(_TBL, _TR, _TC):
        owner = element.tag, _ancestor(element, _OWNER[element.tag])
        counts[owner] += 1
        numbers[element] = counts[owner]
    return numbers


def _table_label(element: Any, numbers: dict[Any, int]) -> str:
    """`bảng 1, hàng 2` for a row, `bảng 1, hàng 2, ô 3` for a cell or a paragraph in it."""
    cell = element if element.tag == _TC else _ancestor(element, _TC)
    row = element if element.tag == _TR else _ancestor(cell, _TR)
    label = f"bảng {numbers.get(_ancestor(row, _TBL), 0)}, hàng {numbers.get(row, 0)}"
    return label if cell is None else f"{label}, ô {numbers.get(cell, 0)}"


def _ancestor(element: Any, tag: str | None) -> Any:
    parent = element.getparent() if element is not None else None
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


def _put_before(element: Any, text: str) -> None:
    """Text just before `element`'s start tag: the tail of its previous sibling."""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent = element.getparent()
        parent.text = (parent.text or "") + text


def _lines(patched: str) -> tuple[str, list[int | None]]:
    """The source Jinja parses, a line per surviving marker, and each line's place index."""
    pieces = _MARKER.split(patched)
    line_places: list[int | None] = [None] * (pieces[0].count("\n") + 1)
    for index, text in zip(pieces[1::2], pieces[2::2], strict=True):
        line_places += [int(index)] * (text.count("\n") + 1)
    return "\n".join(pieces[::2]), line_places


_NOUNS = {"p": "đoạn", "tr": "hàng", "tc": "ô"}


def _crowded_tags(places: list[_Place], line_places: list[int | None]) -> list[Finding]:
    """A `{%p %}` tag deletes its whole paragraph (`{%tr %}` its row, `{%tc %}` its cell)
    when rendered: anything else typed there would silently vanish from every report."""
    first_line = {index: number for number, index in reversed(list(enumerate(line_places, 1)))}
    findings = []
    for index, place in enumerate(places):
        tag = re.compile(rf"(?:{{%|{{{{){place.kind} [^}}%]*(?:%}}|}}}})")
        tags, rest = tag.findall(place.text), tag.sub(" ", place.text).strip()
        if index in first_line and (len(tags) > 1 or (tags and rest)):
            noun = _NOUNS[place.kind]
            message = (
                f"thẻ «{tags[0]}» phải đứng riêng một {noun}: khi xuất, cả {noun} bị xoá, "
                f"chữ và thẻ khác trong {noun} sẽ mất"
            )
            findings.append(Finding(first_line[index], "", message))
    return findings


_SNIPPET = 60
"""Characters of a paragraph's text shown to locate a problem."""


def _where(part: str, place: _Place | None, needle: str) -> str:
    """`thân văn bản, đoạn 12 «Tổng số … {{ tinh_hinh.so_lieu.thoi_dem…»`."""
    if place is None:
        return part
    if not place.text.strip():
        return f"{part}, {place.label}"
    return f"{part}, {place.label} «{_snippet(place.text, needle)}»"


def _snippet(text: str, needle: str) -> str:
    """Up to _SNIPPET characters of `text` ending just after `needle` (or its first tag)."""
    match = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", text) if needle else None
    end = match.end() if match else min(len(text), max(text.find("{"), 0) + _SNIPPET)
    start = max(0, end - _SNIPPET)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


# --- syntax: every error, by parsing again after each one -------------------------

_MAX_SYNTAX_ERRORS = 20
_UNCLOSED = re.compile(r"Unexpected end of template\..*needs to be closed is '(\w+)'", re.S)
_BLOCKS = frozenset({"for", "if", "macro", "call", "filter", "with", "block", "autoescape", "set"})
"""Jinja tags that open a block closed by `end…`; `set` only without `=`."""


def _parse(env: Environment, source: str) -> tuple[nodes.Template, list[Finding]]:
    """The syntax tree of `source` and its syntax errors.

    Jinja stops at the first error; to report them all, each error's line is
    neutralised (or, for a block never closed, the closing tag added at the end)
    and the source parsed again.
    """
    findings: list[Finding] = []
    neutralised: set[int] = set()
    for _ in range(_MAX_SYNTAX_ERRORS):
        try:
            return env.parse(source), findings
        except TemplateSyntaxError as error:
            finding, source = _recover(env, source, error, neutralised)
            findings.append(finding)
    return nodes.Template([], lineno=1), findings


def _recover(
    env: Environment, source: str, error: TemplateSyntaxError, neutralised: set[int]
) -> tuple[Finding, str]:
    """The finding for `error`, and `source` changed so that parsing gets past it."""
    unclosed = _UNCLOSED.match(error.message or "")
    if unclosed:
        name, lineno = (_open_blocks(env, source) or [(unclosed[1], error.lineno)])[-1]
        message = f"thẻ «{name}» chưa được đóng: thiếu «{{% end{name} %}}»"
        return Finding(lineno, name, message), f"{source}{{% end{name} %}}"
    message, needle = syntax_message(error.message or "")
    # The first time, keep the line's block tags so that their blocks still match.
    keep_blocks = error.lineno not in neutralised
    neutralised.add(error.lineno)
    return Finding(error.lineno, needle, message), _neutralise(
        env, source, error.lineno, keep_blocks
    )


def _open_blocks(env: Environment, source: str) -> list[tuple[str, int]]:
    """The blocks left open at the end of `source`, innermost last: (tag, line)."""
    stack: list[tuple[str, int]] = []
    try:
        for lineno, name, rest in _block_tags(env, source):
            if name.startswith("end") and stack and stack[-1][0] == name[3:]:
                stack.pop()
            elif name in _BLOCKS and not (name == "set" and "=" in rest):
                stack.append((name, lineno))
    except TemplateSyntaxError:
        return []
    return stack


def _block_tags(env: Environment, source: str) -> Iterator[tuple[int, str, list[str]]]:
    """Each `{% name … %}` of `source` from Jinja's lexer: (line, name, the other tokens)."""
    tokens = (token for token in env.lex(source) if token[1] != "whitespace")
    for lineno, kind, _ in tokens:
        if kind == "block_begin":
            inside = [value for _, k, value in itertools.takewhile(_in_block, tokens)]
            if inside:
                yield lineno, inside[0], inside[1:]


def _in_block(token: tuple[int, str, str]) -> bool:
    return token[1] != "block_end"


def _neutralise(env: Environment, source: str, lineno: int, keep_blocks: bool) -> str:
    """`source` with line `lineno` emptied, keeping its `{% … %}` tags if `keep_blocks`."""
    lines = source.split("\n")
    index = min(lineno, len(lines)) - 1
    lines[index] = _block_tags_only(env, lines[index]) if keep_blocks else ""
    return "\n".join(lines)


def _block_tags_only(env: Environment, line: str) -> str:
    kept: list[str] = []
    inside = False
    try:
        for _, kind, value in env.lex(line):
            inside = inside or kind == "block_begin"
            if inside:
                kept.append(value)
            inside = inside and kind != "block_end"
    except TemplateSyntaxError:
        return ""
    return "".join(kept)


_TOKENS = {
    "end of print statement": "«}}»",
    "end of statement block": "«%}»",
    "end of template": "cuối mẫu",
    "name": "một tên",
}
"""Jinja's names for what it expected or met, as the messages show them."""
_TAGS = ("for", "if", "elif", "else", "set", "with", "macro", "call", "filter", "raw")


def _token(description: str) -> str:
    return _TOKENS.get(description, f"«{description}»")


def _unknown_tag(match: re.Match[str]) -> tuple[str, str]:
    tag, opened = match["tag"], match["open"]
    if opened:
        return f"thẻ «{tag}» không khớp: khối «{opened}» chưa được đóng bằng «end{opened}»", tag
    if tag.startswith("end") or tag in ("else", "elif"):
        return f"thẻ «{tag}» không có thẻ mở tương ứng", tag
    return f"không có thẻ «{tag}»{did_you_mean(tag, _TAGS)}", tag


def _unexpected_char(match: re.Match[str]) -> tuple[str, str]:
    char = ast.literal_eval(match["char"])
    if char in "\"'":
        return "thẻ có chuỗi chữ thiếu dấu nháy đóng", ""
    shown = f"«{char}»" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    return f"thẻ có ký tự {shown} không dùng được", char


_SYNTAX_MESSAGES: tuple[tuple[re.Pattern[str], Any], ...] = tuple(
    (re.compile(pattern, re.S), make)
    for pattern, make in (
        (
            r"Encountered unknown tag '(?P<tag>\w+)'(?:.*closed is '(?P<open>\w+)')?",
            _unknown_tag,
        ),
        (
            r"unexpected end of template, expected '(?P<token>.+?)'",
            lambda m: (f"thẻ chưa được đóng: thiếu {_token(m['token'])}", ""),
        ),
        (
            r"expected token '(?P<token>.+?)', got '(?P<got>.+?)'",
            lambda m: (
                f"thẻ viết sai: có {_token(m['got'])} ở chỗ cần {_token(m['token'])}",
                m["got"],
            ),
        ),
        (
            r"unexpected '(?P<got>.+?)'",
            lambda m: (f"thẻ viết sai: dấu «{m['got']}» không đúng chỗ", m["got"]),
        ),
        (r"unexpected char (?P<char>'.+') at \d+", _unexpected_char),
        (r"Missing end of comment tag", lambda m: ("ghi chú «{#» thiếu «#}» đóng lại", "{#")),
        (
            r"Expected an expression, got '(?P<got>.+?)'",
            lambda m: (f"thẻ thiếu biểu thức trước {_token(m['got'])}", ""),
        ),
        (
            r"expected name or number",
            lambda m: ("thẻ viết sai: sau dấu «.» phải là tên một mục", ""),
        ),
    )
)


def syntax_message(message: str) -> tuple[str, str]:
    """Jinja's English syntax error in Vietnamese, and the word to show it by."""
    for pattern, make in _SYNTAX_MESSAGES:
        match = pattern.match(message)
        if match:
            return make(match)  # type: ignore[no-any-return]
    return f"thẻ viết sai cú pháp (Jinja: {message})", ""
