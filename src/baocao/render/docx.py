"""Rendering a .docx template with the report's data.

One Jinja environment for every template: sandboxed (a template cannot reach
Python internals), limited (see `sandbox`: no template can hang a render or
take all memory), StrictUndefined (a missing value is an error, never a blank)
and autoescaped (a value is always text, never XML or template code).

Two ways to fill a template, giving the same document: `render.direct`, which
prepares the template once and then costs one Jinja render and one zip write
per report, and docxtpl's full render (`render.full`), which opens the whole
package with python-docx and is kept for what only it does: a photo appendix
(pictures added as new parts) and a template the direct path does not take
(one without core properties). Neither module is imported before a report
needs it, so that neither python-docx nor docxtpl is loaded for nothing.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel

from baocao import caches
from baocao.compute import filters
from baocao.compute.derived import VanBanTinh, tinh_toan
from baocao.errors import TemplateError
from baocao.render.sandbox import LIMITS_VERSION, LimitedEnvironment, LimitError
from baocao.render.source import Template, builtin
from baocao.render.template.failures import failure_message
from baocao.schema import BaoCao
from baocao.schema.anh import Anh
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.van_ban import VanBan

if TYPE_CHECKING:
    from baocao.packs.model import Goi


class _Environment(LimitedEnvironment):
    """A sandboxed, limited environment that compiles each distinct template source once.

    docxtpl calls `from_string` on every render, and compiling is most of a
    render's cost: compiled code is kept in memory for a batch, and on disk in
    Jinja's per-user bytecode cache for the next run of the command.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._compiled = functools.lru_cache(maxsize=COMPILED_LIMIT)(self._load)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        return self._compiled(source)

    def _load(self, source: str) -> jinja2.Template:
        cache = bytecode_cache()
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


COMPILED_LIMIT = 64
"""Parts kept compiled per process: a few templates' bodies, headers and footers."""


@caches.remember(maxsize=None)
def bytecode_cache() -> jinja2.FileSystemBytecodeCache | None:
    """Jinja's cache in baocao's private folder, or None where there is none."""
    folder = caches.private_folder()
    return jinja2.FileSystemBytecodeCache(str(folder)) if folder is not None else None


@functools.cache
def jinja_env() -> SandboxedEnvironment:
    """The one environment all templates render in, shared within a process."""
    env = _Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(filters.FILTERS)
    return env


def context(bao_cao: BaseModel, derived: VanBanTinh | None = None) -> dict[str, Any]:
    """What a template sees: the data as typed, and `tinh_toan`, what is derived from it."""
    if derived is None:
        assert isinstance(bao_cao, BaoCao), "a pack's report has its derived values given"
        derived = tinh_toan(bao_cao)
    return {**bao_cao.model_dump(), "tinh_toan": derived}


def render_docx(
    bao_cao: BaseModel,
    template: Template | None = None,
    *,
    ke_hoach: KeHoach | None = None,
    anh: Sequence[Path] = (),
    anh_goc: bool = False,
    goi: Goi | None = None,
) -> bytes:
    """The finished report as .docx bytes, identical for identical input.

    `goi` is the guideline pack of a report other than a `BaoCao` (the bundled
    pack's). `template` is the built-in one, or the one built from `goi`, unless
    given (a user's template is checked once, before a run:
    `render.template.check.prepare_template`). `ke_hoach` is the plan whose
    targets the report states; `anh` the photo files, in the report's order, to
    print with their captions in an appendix, made print-ready
    (`render.photos`) or, with `anh_goc`, as they are.
    """
    template, derived, captions = _layout(bao_cao, template, ke_hoach, goi)
    if not anh:
        from baocao.render import direct

        if (prepared := direct.prepare(template)) is not None:
            return direct.render(prepared, bao_cao, derived)
    from baocao.render import full

    return full.render(template, bao_cao, derived, captions, anh, anh_goc)


def _layout(
    report: BaseModel, template: Template | None, ke_hoach: KeHoach | None, goi: Goi | None
) -> tuple[Template, VanBanTinh, list[Anh]]:
    """The template, the derived values and the photos of a report of the bundled pack
    (`BaoCao`) or of `goi`."""
    if goi is None:
        assert isinstance(report, BaoCao)
        return template or builtin(), tinh_toan(report, ke_hoach), report.anh
    from baocao.packs.values import pack_values, photos_of
    from baocao.render.layout.pack import template_of

    return template or template_of(goi), pack_values(goi, report), photos_of(goi, report)


def signed_on(report: BaseModel) -> date:
    """The day a report is signed: every report model has the shared `van_ban`."""
    vb: VanBan = getattr(report, "van_ban")  # noqa: B009
    return vb.ngay


def document_title(derived: VanBanTinh) -> str:
    """The title in the document's properties: «Báo cáo sơ kết …»."""
    return f"Báo cáo {derived.trich_yeu[0].lower()}{derived.trich_yeu[1:]}"


@contextlib.contextmanager
def template_errors(source: Path) -> Iterator[None]:
    """Every failure of filling a template as a TemplateError naming it: never a traceback."""
    try:
        yield
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
