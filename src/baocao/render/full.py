"""docxtpl's full render: python-docx opens the whole package, docxtpl fills it, python-docx saves.

Kept for what only it does: a report with a photo appendix (each picture
becomes a new part of the package, with its relationship and content type,
through docxtpl's `InlineImage` and python-docx), and a template the direct
path does not take (`render.direct.prepare`). It is also the reference the
direct path is tested against (`tests/test_direct_render.py`). Its
pieces the direct path reuses: `repaired` (docxtpl's `patch_xml`, cached) and
`resolve_listing`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import zipfile
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any

import docxtpl
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Length
from docxtpl import DocxTemplate, InlineImage
from pydantic import BaseModel

from baocao import caches
from baocao.compute.derived import PhuLucAnh, VanBanTinh
from baocao.errors import TemplateError
from baocao.ooxml import deterministic_zip, stamp_properties
from baocao.render.docx import (
    COMPILED_LIMIT,
    context,
    document_title,
    jinja_env,
    signed_on,
    template_errors,
)
from baocao.render.sandbox import limits
from baocao.render.source import Template
from baocao.schema.anh import Anh


class RepairingTemplate(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, repairing each distinct XML part once per process."""

    def patch_xml(self, src_xml: str) -> str:
        return repaired(src_xml)

    def render(self, *args: Any, **kwargs: Any) -> None:
        with limits():  # one budget of steps, output and time for the whole document
            super().render(*args, **kwargs)

    def resolve_listing(self, xml: str) -> str:
        return resolve_listing(xml)


def resolve_listing(xml: str) -> str:
    """docxtpl's turning of \\n, \\t, \\a and \\f inside values into breaks, tabs, paragraphs
    and page breaks: three regex passes over the part, so only for a part that has one."""
    if any(char in xml for char in "\n\t\a\f"):
        return DocxTemplate.resolve_listing(None, xml)  # type: ignore[no-any-return]
    return xml


@functools.lru_cache(maxsize=COMPILED_LIMIT)
def repaired(src_xml: str) -> str:
    """docxtpl's repair of Word's split tags, kept on disk beside the compiled code.

    The repair is a dozen regex passes over the whole part, a tenth of a cold
    render; its result depends only on the part and on docxtpl's version.
    """
    name = "repaired-" + hashlib.sha256(f"{docxtpl.__version__}\0{src_xml}".encode()).hexdigest()
    if (stored := caches.recall(name)) is not None:
        with contextlib.suppress(UnicodeDecodeError):
            return stored.decode("utf-8")
    # docxtpl's patch_xml reads nothing from `self`, so no template object is needed.
    result: str = DocxTemplate.patch_xml(None, src_xml)
    caches.keep(name, result.encode("utf-8"))
    return result


def render(
    template: Template,
    bao_cao: BaseModel,
    derived: VanBanTinh,
    captions: Sequence[Anh] = (),
    anh: Sequence[Path] = (),
    anh_goc: bool = False,
) -> bytes:
    """The report as .docx bytes, by docxtpl (see `render.docx.render_docx`); `captions` are
    the photos' entries in the report, `anh` their files."""
    source = template.path
    try:
        doc = RepairingTemplate(io.BytesIO(template.data))
        photos = phu_luc_anh(doc, captions, anh, originals=anh_goc)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise TemplateError(source, "không phải tệp .docx hợp lệ") from error
    values = context(bao_cao, dataclasses.replace(derived, phu_luc_anh=photos))
    with template_errors(source):
        doc.render(values, jinja_env(), autoescape=True)
    issued = datetime.combine(signed_on(bao_cao), time())
    derived = values["tinh_toan"]
    stamp_properties(
        doc.docx.core_properties,
        issued,
        author=derived.co_quan_ban_hanh,
        title=document_title(derived),
    )
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue(), issued)


PHOTO_SHARE_OF_PAGE = 0.45
"""A photo is at most this share of the text's height, so that two fit on a page."""


def phu_luc_anh(
    doc: DocxTemplate, captions: Sequence[Anh], files: Sequence[Path], *, originals: bool = False
) -> list[PhuLucAnh]:
    """The photos as pictures docxtpl inserts, as wide as the template's text column allows.

    Each is print-ready (upright, at most 1600 pixels, no metadata), or with
    `originals` the file itself.
    """
    if not files:
        return []
    doc.init_docx()
    section = doc.docx.sections[-1]
    width = section.page_width - section.left_margin - section.right_margin
    height = (
        section.page_height - section.top_margin - section.bottom_margin
    ) * PHOTO_SHARE_OF_PAGE
    return [
        PhuLucAnh(stt, anh.chu_thich or "", _picture(doc, path, originals, width, height))
        for stt, (anh, path) in enumerate(zip(captions, files, strict=True), start=1)
    ]


def _picture(
    doc: DocxTemplate, path: Path, original: bool, width: int, height: float
) -> InlineImage:
    from baocao.render.photos import pixel_size, print_ready

    if original:
        return InlineImage(doc, str(path), width=_fit(pixel_size(path), width, height))
    photo = print_ready(path)
    return InlineImage(doc, io.BytesIO(photo.data), width=_fit(photo.size, width, height))


def _fit(pixels: tuple[int, int], width: int, height: float) -> Length:
    """The width at which a picture fills the column without growing taller than `height`."""
    pixels_wide, pixels_high = pixels
    return Length(int(min(width, height * pixels_wide / pixels_high)))
