"""A template as a run uses it: read once, from the package or from the user's file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from baocao.caches import remember
from baocao.errors import TemplateError, UsageError, os_error_text

BUILTIN_TEMPLATE = "bao-cao-hk1.docx"

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
"""A letterhead and a few logos weigh well under a megabyte; a larger file is no template."""


@dataclass(frozen=True)
class Template:
    """A template's bytes, and the file they came from (for messages)."""

    path: Path
    data: bytes


def builtin_template() -> Path:
    """The path of the template shipped inside the package.

    The package's own folder, where `importlib.resources.files("baocao")` also finds it for
    an installed wheel or a source tree, without importing `importlib.resources`.
    """
    return Path(__file__).parent.parent / "templates" / BUILTIN_TEMPLATE


@remember(maxsize=1)
def builtin() -> Template:
    """The built-in template, checked by the test suite rather than at every run; read once
    (and so hashed once, as the key of its prepared form)."""
    return Template(builtin_template(), builtin_template().read_bytes())


def read_template(path: Path) -> Template:
    """The user's template, read once; UsageError if it cannot be."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_TEMPLATE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: không tìm thấy tệp mẫu") from None
    except OSError as error:
        raise UsageError(f"{path}: {os_error_text(error)}") from None
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateError(path, f"tệp mẫu quá lớn (tối đa {MAX_TEMPLATE_BYTES // 2**20} MB)")
    return Template(path, data)
