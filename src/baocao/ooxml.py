"""Office Open XML packages as bytes: deterministic zips and Word's core properties.

Shared by every stage that makes a .docx, .xlsx or .zip (render, output, province): equal
input gives equal bytes, whatever the clock, the time zone or the system that wrote them.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any


def deterministic_zip(data: bytes, when: datetime) -> bytes:
    """An OOXML zip whose headers no longer depend on when and where it was written.

    python-docx stamps each entry with the clock and the writing system; the
    entries' date and time become `when` (the report's own date) and the other
    host-dependent fields are fixed, in place: the compressed data is already
    the same for the same content, so nothing is compressed twice.
    """
    patched = bytearray(data)
    stamp = _dos_stamp(when)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        central = archive.start_dir
        for entry in archive.infolist():
            struct.pack_into("<HH", patched, entry.header_offset + 10, *stamp)
            central = _patch_central(patched, central, stamp)
    return bytes(patched)


def _dos_stamp(when: datetime) -> tuple[int, int]:
    """The (time, date) fields of a zip header for midnight of `when`'s day."""
    return 0, (max(when.year, 1980) - 1980) << 9 | when.month << 5 | when.day


def _patch_central(patched: bytearray, offset: int, stamp: tuple[int, int]) -> int:
    """Fix one central-directory record at `offset`; return where the next one starts."""
    (made_by,) = struct.unpack_from("<H", patched, offset + 4)
    struct.pack_into("<H", patched, offset + 4, made_by & 0xFF)  # made on "MS-DOS", as on Windows
    struct.pack_into("<HH", patched, offset + 12, *stamp)
    struct.pack_into("<I", patched, offset + 38, 0o644 << 16)
    lengths: tuple[int, int, int] = struct.unpack_from("<HHH", patched, offset + 28)
    return offset + 46 + sum(lengths)  # the fixed part, then name, extra field and comment


PROPERTY_LIMIT = 255
"""Word's limit on a core property; the document's text itself keeps the whole name."""


def property_text(text: str) -> str:
    """`text` as a core property holds it: at most PROPERTY_LIMIT characters."""
    return text[:PROPERTY_LIMIT]


def stamp_properties(props: Any, when: datetime, *, author: str, title: str) -> None:
    """A Word document's core properties from its content, not the clock: equal in, equal out."""
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.author = props.last_modified_by = property_text(author)
    props.title = property_text(title)


@dataclass(frozen=True)
class ZipEntry:
    """One file of a zip as it is stored: its data already compressed (or not) by `method`."""

    name: str
    method: int
    """zipfile.ZIP_DEFLATED or zipfile.ZIP_STORED."""
    crc: int
    size: int
    """Bytes once inflated."""
    data: bytes


def deflated(name: str, content: bytes, level: int = 6) -> ZipEntry:
    """`content` compressed as zipfile compresses it (deflate, level 6 unless told): equal in,
    equal out."""
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    data = packer.compress(content) + packer.flush()
    return ZipEntry(name, zipfile.ZIP_DEFLATED, zlib.crc32(content), len(content), data)


def stored_entries(archive: zipfile.ZipFile, data: bytes) -> dict[str, ZipEntry]:
    """Every file of `archive` (whose bytes are `data`) as stored, read without inflating it.

    zipfile can only hand out inflated data; the compressed bytes are sliced from
    behind each local header instead. An entry compressed some other way
    (bzip2, LZMA) is inflated by zipfile and deflated again.
    """
    entries = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            entries[info.filename] = deflated(info.filename, archive.read(info))
            continue
        if info.flag_bits & 1:
            raise zipfile.BadZipFile(f"{info.filename}: encrypted")
        name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
        start = info.header_offset + 30 + name_length + extra_length
        raw = data[start : start + info.compress_size]
        if len(raw) != info.compress_size:
            raise zipfile.BadZipFile(f"{info.filename}: truncated")
        entries[info.filename] = ZipEntry(
            info.filename, info.compress_type, info.CRC, info.file_size, raw
        )
    return entries


def write_zip(entries: Sequence[ZipEntry], when: datetime) -> bytes:
    """A zip of `entries` in their order, every header fixed: equal in, equal out.

    The headers are those zipfile writes (version 2.0, made on "MS-DOS", as on
    Windows, mode 644), dated midnight of `when`'s day; the data is copied as
    stored, so an entry kept from a template is never inflated nor deflated again.
    """
    time_, date_ = _dos_stamp(when)
    out, central = bytearray(), bytearray()
    for entry in entries:
        plain = entry.name.isascii()
        name = entry.name.encode("ascii" if plain else "utf-8")
        flags = 0 if plain else 0x800  # bit 11: the name is UTF-8
        if max(len(entry.data), entry.size, len(out)) >= 0xFFFFFFFF:
            raise ValueError(f"{entry.name}: too large for a zip without ZIP64")
        fields = (20, flags, entry.method, time_, date_, entry.crc, len(entry.data), entry.size)
        central += struct.pack("<4sH", b"PK\x01\x02", 20)
        central += struct.pack("<HHHHHIII", *fields)
        central += struct.pack("<HHHHHII", len(name), 0, 0, 0, 0, 0o644 << 16, len(out)) + name
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, len(name), 0) + name
        out += entry.data
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(central), len(out), 0
    )
    return bytes(out + central + end)


def zip_entries(entries: Sequence[tuple[str, bytes]], when: datetime) -> bytes:
    """A zip of `(name, bytes)` entries in their order, deflated, every header fixed."""
    return write_zip([deflated(name, content) for name, content in entries], when)
