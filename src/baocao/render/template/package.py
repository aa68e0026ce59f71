"""The .docx package of a user template, checked before python-docx or docxtpl read it.

A .docx is a zip of XML parts. python-docx would inflate any part whole and
parse it, so a zip bomb, a 100 MB text node or an XML entity bomb would take
all memory before a single tag was checked. Here every part is inflated in
chunks against a cap (the sizes in the zip directory are only claims: the
reads are bounded by what actually comes out), every XML part is parsed with
entities and DTDs refused and without network access, and only then does the
template go on to python-docx.

External relationships are found here too: a relationship with
`TargetMode="External"` that Word or LibreOffice *loads* (a linked picture,
an OLE object, a frame, an attached template, a sub-document) would make
every report reach out to a path or server the template names when it is
opened or converted. Hyperlinks are only followed on a click, so they stay.
"""

from __future__ import annotations

import dataclasses
import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree  # type: ignore[import-untyped]

from baocao.errors import TemplateError
from baocao.render.source import Template

MAX_PARTS = 1_000
"""Parts in one package: Word writes a few dozen, plus one per picture."""

MAX_XML_PART = 20 * 1024 * 1024
"""Inflated bytes of one XML part: the built-in body is 50 kB, a long report from
Word a few MB; 20 MB leaves room for any real template, not for a bomb."""

MAX_PART = 50 * 1024 * 1024
"""Inflated bytes of any other part (pictures, fonts): a large photo is a few MB."""

MAX_TOTAL = 200 * 1024 * 1024
"""Inflated bytes of the whole package, so many medium parts cannot add up to a bomb."""

_CHUNK = 1024 * 1024

_HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

# Resolving nothing, loading nothing, keeping lxml's own limit on a single text node.
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, dtd_validation=False
)


@dataclasses.dataclass(frozen=True)
class ExternalLink:
    """A relationship that loads something from outside the package."""

    rels: str  # the relationships part, e.g. word/_rels/document.xml.rels
    source: str  # the part it belongs to, e.g. word/document.xml
    rel_id: str
    kind: str  # the last segment of the relationship type: image, oleObject, attachedTemplate…
    target: str


def check_package(template: Template) -> list[ExternalLink]:
    """Every external relationship of the template; TemplateError if the package is unsafe.

    Raises for a zip that is no zip, a part too large or malformed, or XML with
    a DTD; these stop the check, since nothing further can be read safely.
    """
    path = template.path
    try:
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            return list(_check_archive(path, archive))
    except zipfile.BadZipFile as error:
        raise TemplateError(path, "không phải tệp .docx hợp lệ (không đọc được tệp nén)") from error
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError) as error:
        raise TemplateError(
            path, "không đọc được tệp nén của mẫu (tệp hỏng hoặc nén lạ)"
        ) from error


def _check_archive(path: Path, archive: zipfile.ZipFile) -> Iterator[ExternalLink]:
    entries = archive.infolist()
    if len(entries) > MAX_PARTS:
        raise TemplateError(path, f"mẫu có {len(entries)} phần, quá nhiều (tối đa {MAX_PARTS})")
    declared = sum(entry.file_size for entry in entries)
    if declared > MAX_TOTAL:
        raise TemplateError(path, f"mẫu giải nén quá lớn (tối đa {_mb(MAX_TOTAL)})")
    total = 0
    for entry in entries:
        if entry.is_dir():
            continue
        is_xml = entry.filename.endswith((".xml", ".rels"))
        limit = MAX_XML_PART if is_xml else MAX_PART
        if entry.file_size > limit:
            raise _too_large(path, entry.filename, limit)
        data = _inflate(path, archive, entry, min(limit, MAX_TOTAL - total))
        total += len(data)
        if is_xml:
            root = _parse(path, entry.filename, data)
            if entry.filename.endswith(".rels"):
                yield from _external(entry.filename, root)


def _inflate(path: Path, archive: zipfile.ZipFile, entry: zipfile.ZipInfo, limit: int) -> bytes:
    """The part's bytes, read a chunk at a time and never more than `limit` (the header may lie)."""
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as stream:
            while chunk := stream.read(_CHUNK):
                size += len(chunk)
                if size > limit:
                    raise _too_large(path, entry.filename, limit)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        # zipfile stops at the claimed size and then finds the checksum wrong
        # zipfile's English is no help to a chair: the part is damaged, whatever the detail
        message = f"phần «{entry.filename}» của mẫu hỏng, không giải nén được"
        raise TemplateError(path, message) from None
    return b"".join(chunks)


def _too_large(path: Path, name: str, limit: int) -> TemplateError:
    return TemplateError(path, f"phần «{name}» của mẫu quá lớn khi giải nén (tối đa {_mb(limit)})")


def _mb(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def _parse(path: Path, name: str, data: bytes) -> Any:
    """The part's XML; a DTD (where entity bombs and external entities live) is refused."""
    no_dtd = f"phần «{name}» của mẫu có khai báo DTD/thực thể, không dùng được"
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data[:4096]:
        raise TemplateError(path, no_dtd)  # refused before lxml even reads the declarations
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        line, column = error.position  # lxml's message is English; where it broke is not
        message = f"phần «{name}» của mẫu hỏng, không phải XML hợp lệ (dòng {line}, cột {column})"
        raise TemplateError(path, message) from None
    info = root.getroottree().docinfo
    if info.internalDTD is not None or info.doctype:  # a DTD after a long comment
        raise TemplateError(path, no_dtd)
    return root


def _external(rels: str, root: Any) -> Iterator[ExternalLink]:
    """The external relationships in one .rels part that are loaded, not clicked."""
    folder, file = posixpath.split(rels)
    source = posixpath.join(posixpath.dirname(folder), file.removesuffix(".rels"))
    for rel in root.iter(f"{{{_RELS_NS}}}Relationship"):
        kind = rel.get("Type", "")
        if rel.get("TargetMode") == "External" and kind != _HYPERLINK:
            yield ExternalLink(
                rels, source, rel.get("Id", ""), kind.rsplit("/", 1)[-1], rel.get("Target", "")
            )
