"""Rendering a .docx template with the report's data.

One Jinja environment for every template: sandboxed (a template cannot reach
Python internals), StrictUndefined (a missing value is an error, never a blank)
and autoescaped (a value is always text, never XML or template code).
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, time
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from . import filters
from .compute import TinhToan, tinh_toan
from .errors import TemplateError
from .schema import BaoCao
from .write import deterministic_zip

BUILTIN_TEMPLATE = "bao-cao-hk1.docx"


def builtin_template() -> Path:
    """The path of the template shipped inside the package."""
    return Path(str(resources.files("baocao") / "templates" / BUILTIN_TEMPLATE))


def jinja_env() -> SandboxedEnvironment:
    """The one environment all templates render in."""
    env = SandboxedEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)
    env.filters.update(filters.FILTERS)
    return env


def context(bao_cao: BaoCao) -> dict[str, Any]:
    """What a template sees: the data as typed, and `tinh_toan`, what is derived from it."""
    return {**bao_cao.model_dump(), "tinh_toan": tinh_toan(bao_cao)}


def render_docx(bao_cao: BaoCao, template: Path | None = None) -> bytes:
    """The finished report as .docx bytes, identical for identical input."""
    source = template or builtin_template()
    values = context(bao_cao)
    try:
        doc = DocxTemplate(source)
        doc.render(values, jinja_env(), autoescape=True)
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError) as error:
        raise TemplateError(source, "không phải tệp .docx hợp lệ") from error
    except jinja2.TemplateSyntaxError as error:
        raise TemplateError(source, f"lỗi cú pháp mẫu: {error.message}") from error
    except jinja2.UndefinedError as error:
        raise TemplateError(
            source, f"mẫu dùng biến không có trong dữ liệu: {error.message}"
        ) from error
    except jinja2.TemplateError as error:
        raise TemplateError(source, f"không điền được mẫu: {error}") from error
    issued = datetime.combine(bao_cao.van_ban.ngay, time())
    _stamp_properties(doc, issued, values["tinh_toan"])
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue(), issued)


def _stamp_properties(doc: DocxTemplate, issued: datetime, derived: TinhToan) -> None:
    """Core properties from the report itself, not from the clock, so output is reproducible."""
    props = doc.docx.core_properties
    props.created = props.modified = props.last_printed = issued
    props.revision = 1
    props.author = props.last_modified_by = derived.co_quan_ban_hanh
    props.title = f"Báo cáo {derived.trich_yeu[0].lower()}{derived.trich_yeu[1:]}"
