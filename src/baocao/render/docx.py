"""Rendering a .docx template with the report's data.

One Jinja environment for every template: sandboxed (a template cannot reach
Python internals), limited (see `sandbox`: no template can hang a render or
take all memory), StrictUndefined (a missing value is an error, never a blank)
and autoescaped (a value is always text, never XML or template code).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import io
import os
import tempfile
import zipfile
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import Any

import docxtpl
import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docx.shared import Length
from docxtpl import DocxTemplate, InlineImage
from jinja2.sandbox import SandboxedEnvironment

from baocao.compute import filters
from baocao.compute.derived import PhuLucAnh, TinhToan, tinh_toan
from baocao.errors import TemplateError
from baocao.output.write import deterministic_zip
from baocao.render.sandbox import LIMITS_VERSION, LimitedEnvironment, LimitError, limits
from baocao.render.source import Template, builtin
from baocao.render.template.failures import failure_message
from baocao.schema import BaoCao
from baocao.schema.chi_tieu import KeHoach


class _Environment(LimitedEnvironment):
    """A sandboxed, limited environment that compiles each distinct template source once.

    docxtpl calls `from_string` on every render, and compiling is most of a
    render's cost: compiled code is kept in memory for a batch, and on disk in
    Jinja's per-user bytecode cache for the next run of the command.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled = functools.lru_cache(maxsize=_COMPILED_LIMIT)(self._load)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        return self._compiled(source)

    def _load(self, source: str) -> jinja2.Template:
        cache = _bytecode_cache()
        if cache is None:
            return super().from_string(source)
        # The limits' version is in the key: code compiled without today's guards is not reused.
        name = hashlib.sha256(f"{LIMITS_VERSION}\0{source}".encode()).hexdigest()
        bucket = cache.get_bucket(self, name, None, source)
        if bucket.code is None:
            bucket.code = self.compile(source, name)
            with contextlib.suppress(OSError):  # a full or read-only disk only costs speed
                cache.set_bucket(bucket)
        return self.template_class.from_code(self, bucket.code, self.make_globals(None))


_COMPILED_LIMIT = 64
"""Parts kept compiled per process: a few templates' bodies, headers and footers."""


@functools.cache
def _bytecode_cache() -> jinja2.FileSystemBytecodeCache | None:
    """Jinja's cache in a private per-user folder, or None where none can be made."""
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


class _Template(DocxTemplate):  # type: ignore[misc]
    """docxtpl's template, repairing each distinct XML part once per process."""

    def patch_xml(self, src_xml: str) -> str:
        return _repaired(src_xml)

    def render(self, *args: Any, **kwargs: Any) -> None:
        with limits():  # one budget of steps, output and time for the whole document
            super().render(*args, **kwargs)

    def resolve_listing(self, xml: str) -> str:
        # docxtpl turns \n, \t, \a and \f inside values into breaks, tabs, paragraphs and
        # page breaks in three regex passes over the part; a part with none needs none.
        if any(char in xml for char in "\n\t\a\f"):
            return super().resolve_listing(xml)  # type: ignore[no-any-return]
        return xml


@functools.lru_cache(maxsize=_COMPILED_LIMIT)
def _repaired(src_xml: str) -> str:
    """docxtpl's repair of Word's split tags, kept on disk beside the compiled code.

    The repair is a dozen regex passes over the whole part, a tenth of a cold
    render; its result depends only on the part and on docxtpl's version.
    """
    cache = _bytecode_cache()
    key = hashlib.sha256(f"{docxtpl.__version__}\0{src_xml}".encode()).hexdigest()
    stored = Path(cache.directory) / f"baocao-{key}.xml" if cache else None
    with contextlib.suppress(OSError):
        if stored is not None and stored.is_file():
            return stored.read_text(encoding="utf-8")
    # docxtpl's patch_xml reads nothing from `self`, so no template object is needed.
    repaired: str = DocxTemplate.patch_xml(None, src_xml)
    if stored is not None:
        with contextlib.suppress(OSError):  # a full or read-only disk only costs speed
            _write_private(stored, repaired)
    return repaired


def _write_private(path: Path, text: str) -> None:
    """Write `text` whole or not at all, readable by the user alone, like Jinja's own cache."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".baocao-")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(temporary, path)


@functools.cache
def jinja_env() -> SandboxedEnvironment:
    """The one environment all templates render in, shared within a process."""
    env = _Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(filters.FILTERS)
    return env


def context(bao_cao: BaoCao, derived: TinhToan | None = None) -> dict[str, Any]:
    """What a template sees: the data as typed, and `tinh_toan`, what is derived from it."""
    return {**bao_cao.model_dump(), "tinh_toan": derived or tinh_toan(bao_cao)}


def render_docx(
    bao_cao: BaoCao,
    template: Template | None = None,
    *,
    ke_hoach: KeHoach | None = None,
    anh: Sequence[Path] = (),
    anh_goc: bool = False,
) -> bytes:
    """The finished report as .docx bytes, identical for identical input.

    `template` is the built-in one unless given (a user's template is checked
    once, before a run: `render.template.check.prepare_template`). `ke_hoach` is
    the plan whose targets the report states; `anh` the photo files, in the
    report's order, to print with their captions in an appendix, made
    print-ready (`render.photos`) or, with `anh_goc`, as they are.
    """
    template = template or builtin()
    source = template.path
    derived = tinh_toan(bao_cao, ke_hoach)
    try:
        doc = _Template(io.BytesIO(template.data))
        photos = appendix_photos(doc, bao_cao, anh, originals=anh_goc)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise TemplateError(source, "không phải tệp .docx hợp lệ") from error
    values = context(bao_cao, dataclasses.replace(derived, phu_luc_anh=photos))
    _render(doc, values, source)
    issued = datetime.combine(bao_cao.van_ban.ngay, time())
    _stamp_properties(doc, issued, values["tinh_toan"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue(), issued)


def _render(doc: DocxTemplate, values: dict[str, Any], source: Path) -> None:
    """Fill the template, every failure a TemplateError naming it: never a traceback."""
    try:
        doc.render(values, jinja_env(), autoescape=True)
    except LimitError as error:
        raise TemplateError(source, error.message or str(error)) from error
    except RecursionError as error:
        raise TemplateError(
            source, "mẫu có macro gọi lại chính nó quá nhiều tầng (đệ quy không dừng)"
        ) from error
    except MemoryError as error:
        raise TemplateError(source, "mẫu cần quá nhiều bộ nhớ khi điền dữ liệu") from error
    except _FILL_FAILURES as error:
        raise TemplateError(source, failure_message(error)) from error


_FILL_FAILURES = (
    jinja2.TemplateError,
    # a filter given the wrong kind of value, a division by zero, a number too large
    ArithmeticError,
    LookupError,
    TypeError,
    ValueError,
    AttributeError,
)


def _stamp_properties(doc: DocxTemplate, issued: datetime, derived: TinhToan) -> None:
    """Core properties from the report itself, not from the clock, so output is reproducible."""
    props = doc.docx.core_properties
    props.created = props.modified = props.last_printed = issued
    props.revision = 1
    props.author = props.last_modified_by = derived.co_quan_ban_hanh
    props.title = f"Báo cáo {derived.trich_yeu[0].lower()}{derived.trich_yeu[1:]}"


PHOTO_SHARE_OF_PAGE = 0.45
"""A photo is at most this share of the text's height, so that two fit on a page."""


def appendix_photos(
    doc: DocxTemplate, bao_cao: BaoCao, files: Sequence[Path], *, originals: bool = False
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
        for stt, (anh, path) in enumerate(zip(bao_cao.anh, files, strict=True), start=1)
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
