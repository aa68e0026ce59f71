"""The direct render path: a template prepared once, then per report one Jinja render, one zip.

docxtpl's own render opens the whole package with python-docx for every
report (parsing the 343 KiB `styles.xml` each time), re-parses the rendered
body to fix its tables, and serialises and deflates every part again on save.
Here a template is *prepared* once per process:

- the parts docxtpl renders (the main document's body, the headers and footers
  it links, the footnotes) are read exactly as docxtpl reads them, repaired by
  docxtpl's own `patch_xml` and compiled in the limited sandbox; the sources are
  kept on disk beside Jinja's bytecode, keyed by the template's bytes, so that
  a later run loads neither python-docx nor docxtpl;
- every other entry of the zip (styles, fonts, settings, media) is kept as it
  is stored, compressed, and copied into each report untouched.

Each report then costs: one Jinja render of each tagged part, all inside one
`limits()` budget (the same sandbox and budget as docxtpl's render);
docxtpl's post-processing of each rendered part as `render_xml_part` does it
(paragraph markers removed, `{_{` unescaped, and docxtpl's `resolve_listing`
only when a value brought a line break or tab); for the body, a scan of its
tables (docxtpl's `fix_tables`, which re-parses the whole body, runs only when
a table's cells no longer match its grid) and docxtpl's renumbering of
drawing ids; the core properties rendered and stamped as the full render does;
and one zip write (`output.write.write_zip`) deflating only the parts that
changed.

docxtpl stays where it does real work: `patch_xml` (at preparation),
`resolve_listing`, `fix_tables` (for the rare table whose columns vary), and the
whole render (`render.full`) for a report with a photo appendix, whose
pictures become new parts through `InlineImage` and python-docx. Footnotes are
rendered once; docxtpl renders them once per section, each time over its own
output, so that a value's `{{ … }}` would run as template code there.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.util
import io
import itertools
import marshal
import os
import re
import zipfile
from dataclasses import dataclass
from datetime import datetime, time
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel

from baocao import caches
from baocao.compute.derived import VanBanTinh
from baocao.errors import TemplateError
from baocao.ooxml import ZipEntry, deflated, property_text, stored_entries, write_zip
from baocao.render.docx import (
    context,
    document_title,
    jinja_env,
    signed_on,
    template_errors,
)
from baocao.render.sandbox import limits
from baocao.render.source import Template

PREPARED_VERSION = "1"
"""Part of the on-disk key: sources prepared by an older version of this module are not reused."""

RENDERED_LEVEL = 1
"""Deflate level of the rendered parts: a third of level 6's time (0.7 against 2.2 ms for a
110 kB body), for a report of 44 kB instead of 39 kB."""

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
"""The XML declaration python-docx writes in front of every part it serialises."""


@dataclass(frozen=True)
class _Source:
    """A tagged part as Jinja renders it, and the text around what is rendered."""

    name: str
    head: str
    source: str
    tail: str
    body: bool
    """The main document's body, whose tables and drawings docxtpl fixes after rendering."""


@dataclass(frozen=True)
class _Sources:
    """What preparing a template finds; plain data, so that it can be kept on disk."""

    parts: list[_Source]
    core: str
    """The zip name of the core properties part."""
    properties: dict[str, str]
    """The template's own core properties, by python-docx's names."""
    present: list[str]
    """The core properties the template has an element for, in its order."""


@dataclass(frozen=True)
class _Part:
    source: _Source
    template: jinja2.Template


@dataclass(frozen=True)
class Prepared:
    """A template ready to fill: its compiled parts and its zip entries as stored."""

    path: Path
    parts: tuple[_Part, ...]
    """In the order docxtpl renders them: body, headers, footers, footnotes."""
    entries: dict[str, ZipEntry]
    """Every entry of the template, in its order."""
    core: str
    properties: dict[str, str]
    present: list[str]


@functools.lru_cache(maxsize=8)
def prepare(template: Template) -> Prepared | None:
    """`template` ready to fill, once per process; None if only the full render can fill it."""
    try:
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            entries = stored_entries(archive, template.data)
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise TemplateError(template.path, "không phải tệp .docx hợp lệ") from error
    sources = _cached_sources(template)
    if sources is None or not {s.name for s in sources.parts} | {sources.core} <= set(entries):
        return None
    env = jinja_env()
    with template_errors(template.path):
        parts = tuple(_Part(source, env.from_string(source.source)) for source in sources.parts)
    return Prepared(
        template.path, parts, entries, sources.core, sources.properties, sources.present
    )


def render(prepared: Prepared, bao_cao: BaseModel, derived: VanBanTinh) -> bytes:
    """The report as .docx bytes: each tagged part rendered, every other entry copied."""
    values = context(bao_cao, derived)
    changed: dict[str, str] = {}
    with template_errors(prepared.path), limits():  # one budget for the whole document
        for part in prepared.parts:
            rendered = _finished(part.template.render(values), body=part.source.body)
            changed[part.source.name] = part.source.head + rendered + part.source.tail
        properties = {
            name: _property(jinja_env().from_string(prepared.properties.get(name, "")), values)
            for name in _RENDERED_PROPERTIES
        }
    issued = datetime.combine(signed_on(bao_cao), time())
    changed[prepared.core] = _core_xml(
        {**prepared.properties, **properties}, prepared.present, issued, derived
    )
    entries = [
        deflated(name, changed[name].encode("utf-8"), RENDERED_LEVEL) if name in changed else entry
        for name, entry in prepared.entries.items()
    ]
    return write_zip(entries, issued)


# --- after Jinja: docxtpl's post-processing, in as few passes as it needs ------------------------

_UNESCAPED = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))


def _finished(xml: str, *, body: bool) -> str:
    """What docxtpl's `render_xml_part` (and, for the body, `render`) makes of a rendered part."""
    # the markers docxtpl puts before each paragraph (its `\n<w:p([ >])`, without a regex)
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    if "{_" in xml or "_}" in xml:  # what each escape holds: two scans rather than four
        for escaped, tag in _UNESCAPED:
            xml = xml.replace(escaped, tag)
    if any(char in xml for char in "\n\t\a\f"):
        from baocao.render.full import resolve_listing

        xml = resolve_listing(xml)
    if not body:
        return xml
    if _tables_need_fixing(xml):
        from docxtpl import DocxTemplate
        from lxml import etree  # type: ignore[import-untyped]

        fixed = etree.tostring(DocxTemplate.fix_tables(None, xml), encoding="unicode")
        xml = str(fixed)
    return _renumber_drawings(xml)


_TABLE_MARKUP = re.compile(r"<(/?)w:(tbl|tr|tc|gridCol|gridSpan)(?=[\s/>])([^>]*)>")
_SPAN = re.compile(r'w:val="(\d+)"')


def _tables_need_fixing(xml: str) -> bool:
    """Whether docxtpl's `fix_tables` would change a table of the rendered body.

    It would when a row has more cells than the table's grid has columns (a loop
    over cells), or when no row spans all the columns. A nested table, or
    anything this scan cannot read, is left to `fix_tables` itself. The scan jumps
    from one table to the next: most of a body is paragraphs.
    """
    at = xml.find("<w:tbl")
    while at >= 0:
        needs, end = _table_needs_fixing(xml, at)
        if needs:
            return True
        at = xml.find("<w:tbl", end)
    return False


def _table_needs_fixing(xml: str, at: int) -> tuple[bool, int]:
    """`_tables_need_fixing` of the table starting at `at`, and where it ends."""
    depth, columns = 0, 0
    rows: list[list[int]] = []  # per row: its cells, and the columns they span
    for match in _TABLE_MARKUP.finditer(xml, at):
        closing, tag, attributes = match.groups()
        if tag == "tbl" and closing:
            spans = max((span for _, span in rows), default=0)
            if any(cells > columns for cells, _ in rows) or spans < columns:
                return True, match.end()
            return False, match.end()
        if tag == "tbl":
            depth, columns, rows = depth + 1, 0, []
            if depth > 1:
                return True, match.end()
        elif closing or depth == 0:
            continue
        elif tag == "gridCol":
            columns += 1
        elif tag == "tr":
            rows.append([0, 0])
        elif not rows:  # a cell outside any row
            return True, match.end()
        elif tag == "tc":
            rows[-1][0] += 1
            rows[-1][1] += 1
        elif (span := _SPAN.search(attributes)) is None:
            return True, match.end()
        else:
            rows[-1][1] += int(span.group(1)) - 1
    return True, len(xml)  # a table never closed


_DRAWING = re.compile(r"<wp:docPr\b([^>]*)>")
_ID = re.compile(r'(?<=\s)id="[^"]*"')


def _renumber_drawings(xml: str) -> str:
    """docxtpl's `fix_docpr_ids`: every drawing of the body numbered from 1001, none twice."""
    if "<wp:docPr" not in xml:
        return xml
    numbers = itertools.count(1001)

    def renumber(match: re.Match[str]) -> str:
        number = f'id="{next(numbers)}"'
        attributes, found = _ID.subn(number, match.group(1), count=1)
        return f"<wp:docPr{attributes if found else f' {number}' + attributes}>"

    return _DRAWING.sub(renumber, xml)


# --- core properties -------------------------------------------------------------------------

_RENDERED_PROPERTIES = ("comments", "identifier", "language", "subject")
"""The properties docxtpl renders as templates and the full render does not then replace
(it renders `author` and `title` too, but both are stamped from the report)."""

MAX_PROPERTY = 255
"""python-docx refuses a longer text property."""

_CORE_ELEMENTS = {  # python-docx's name: the element, and whether it is a W3CDTF date
    "author": ("dc:creator", False),
    "category": ("cp:category", False),
    "comments": ("dc:description", False),
    "content_status": ("cp:contentStatus", False),
    "created": ("dcterms:created", True),
    "identifier": ("dc:identifier", False),
    "keywords": ("cp:keywords", False),
    "language": ("dc:language", False),
    "last_modified_by": ("cp:lastModifiedBy", False),
    "last_printed": ("cp:lastPrinted", False),
    "modified": ("dcterms:modified", True),
    "revision": ("cp:revision", False),
    "subject": ("dc:subject", False),
    "title": ("dc:title", False),
    "version": ("cp:version", False),
}
_SET_ORDER = (
    *("author", "comments", "identifier", "language", "subject", "title"),
    *("created", "modified", "last_printed", "revision", "last_modified_by"),
)
"""The properties the full render sets, in its order: python-docx appends each one missing."""
_KEPT_PROPERTIES = ("category", "content_status", "keywords", "version", *_RENDERED_PROPERTIES)

_CORE_ROOT = (
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)


_W3CDTF = ' xsi:type="dcterms:W3CDTF"'


def _property(template: jinja2.Template, values: dict[str, Any]) -> str:
    text = template.render(values)
    if len(text) > MAX_PROPERTY:  # as python-docx refuses it in the full render
        raise ValueError(f"exceeded {MAX_PROPERTY} char limit for property, got:\n\n'{text}'")
    return text


def _core_xml(
    properties: dict[str, str], present: list[str], issued: datetime, derived: VanBanTinh
) -> str:
    """docProps/core.xml as the full render writes it: the template's properties in their
    order, those it lacks after them, dated and signed by the report itself."""
    when = issued.strftime("%Y-%m-%dT%H:%M:%SZ")
    stamped = {
        **properties,
        "title": property_text(document_title(derived)),
        "author": property_text(derived.co_quan_ban_hanh),
        "last_modified_by": property_text(derived.co_quan_ban_hanh),
        "revision": "1",
        "created": when,
        "modified": when,
        "last_printed": when,
    }
    names = [*present, *(name for name in _SET_ORDER if name not in present)]
    elements = "".join(_core_element(name, stamped.get(name, "")) for name in names)
    return f"{DECLARATION}{_CORE_ROOT}{elements}</cp:coreProperties>"


def _core_element(name: str, text: str) -> str:
    tag, dated = _CORE_ELEMENTS[name]
    return f"<{tag}{_W3CDTF if dated else ''}>{_escaped(text)}</{tag}>"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- preparing: what docxtpl would render, read once and kept on disk ------------------------


def _cached_sources(template: Template) -> _Sources | None:
    """The template's sources, from disk when an earlier run prepared the same bytes."""
    key = hashlib.sha256(_versions().encode() + b"\0" + template.data).hexdigest()
    name = f"prepared-{key}"
    # marshal, as Jinja's own bytecode cache in the same private folder: built in, no import.
    with contextlib.suppress(ValueError, KeyError, TypeError, EOFError):
        if (stored := caches.recall(name)) is not None:
            return _from_plain(marshal.loads(stored))
    sources = _prepare_sources(template)
    caches.keep(name, marshal.dumps(_to_plain(sources)))
    return sources


@functools.cache
def _versions() -> str:
    """What the prepared sources depend on besides the template: this module, and docxtpl's
    and python-docx's code (by size and date, found without importing them)."""
    marks = [PREPARED_VERSION, str(marshal.version)]
    for module, code in (("docxtpl", "template.py"), ("docx", "oxml/parser.py")):
        spec = importlib.util.find_spec(module)
        if spec is None or spec.origin is None:
            raise TemplateError(Path(module), f"thiếu thư viện {module}")
        status = os.stat(Path(spec.origin).parent / code)
        marks.append(f"{spec.origin}:{status.st_size}:{status.st_mtime_ns}")
    return "\0".join(marks)


def _to_plain(sources: _Sources | None) -> Any:
    if sources is None:
        return None
    parts = [[p.name, p.head, p.source, p.tail, p.body] for p in sources.parts]
    return {
        "parts": parts,
        "core": sources.core,
        "properties": sources.properties,
        "present": sources.present,
    }


def _from_plain(data: Any) -> _Sources | None:
    if data is None:
        return None
    parts = [_Source(str(n), str(h), str(s), str(t), bool(b)) for n, h, s, t, b in data["parts"]]
    properties = {str(k): str(v) for k, v in data["properties"].items()}
    present = [str(name) for name in data["present"]]
    return _Sources(parts, str(data["core"]), properties, present)


_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_CORE_RELATIONSHIP = (
    "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
)


def _prepare_sources(template: Template) -> _Sources | None:
    """The parts as docxtpl's `render` reads and repairs them; None without core properties
    (python-docx would add a part, with its relationship and content type) or with one
    this module does not write."""
    from docx.opc.exceptions import PackageNotFoundError

    from baocao.render.full import RepairingTemplate

    doc = RepairingTemplate(io.BytesIO(template.data))
    try:
        doc.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise TemplateError(template.path, "không phải tệp .docx hợp lệ") from error
    package = doc.docx.part.package
    if not any(rel.reltype == _CORE_RELATIONSHIP for rel in package.rels.values()):
        return None
    parts = [_body(doc)]
    for uri in (doc.HEADER_URI, doc.FOOTER_URI):
        for _, part in doc.get_headers_footers(uri):
            parts.append(_source(part, DECLARATION, doc.get_part_xml(part), body=False))
    for part in package.iter_parts():
        if part.content_type == _FOOTNOTES:
            parts.append(_source(part, "", part.blob.decode("utf-8"), body=False))
    props = doc.docx.core_properties
    properties = {name: str(getattr(props, name) or "") for name in _KEPT_PROPERTIES}
    present = _present_properties(props._element)
    if present is None:
        return None
    core = str(package.part_related_by(_CORE_RELATIONSHIP).partname).lstrip("/")
    return _Sources(parts, core, properties, present)


def _present_properties(element: Any) -> list[str] | None:
    """The core properties `element` holds, in its order; None if it holds any other."""
    from docx.oxml.ns import qn

    names = {qn(tag): name for name, (tag, _) in _CORE_ELEMENTS.items()}
    present = [names.get(child.tag) for child in element]
    return None if None in present else [name for name in present if name]


_BODY_MARK = "baocao-body"


def _body(doc: Any) -> _Source:
    """The body as docxtpl renders it, and the document around it as python-docx writes it."""
    import copy

    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from lxml import etree

    document = copy.deepcopy(doc.docx.element)
    document.replace(document.find(qn("w:body")), etree.Comment(_BODY_MARK))
    head, tail = serialize_part_xml(document).decode("utf-8").split(f"<!--{_BODY_MARK}-->")
    return _source(doc.docx.part, head, doc.get_xml(), body=True, tail=tail)


def _source(part: Any, head: str, xml: str, *, body: bool, tail: str = "") -> _Source:
    """One part's Jinja source, exactly as docxtpl's `render_xml_part` compiles it."""
    from baocao.render.full import repaired

    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", repaired(xml))
    return _Source(str(part.partname).lstrip("/"), head, source, tail, body)
