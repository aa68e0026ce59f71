"""Writing the files a chair starts from: the blank form (`init`) and an editable template
(`new-template`), each checked before any file is written."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from baocao.errors import UsageError
from baocao.output.write import ensure_writable, write_atomic
from baocao.render.source import builtin_template
from baocao.render.template.data import pack_members
from baocao.render.template.guide import guide_path, guide_text
from baocao.schema.skeleton import Form, skeleton

if TYPE_CHECKING:
    from baocao.packs.model import Goi


def write_skeleton(target: Path, *, force: bool = False, form: Form | None = None) -> list[Path]:
    """Write the blank form to `target`, and the JSON Schema it names beside it if absent.

    The schema file is only created, never replaced: a user may keep one schema
    for many files, and `baocao schema -o` refreshes it on request.
    """
    form = form or Form()
    ensure_writable(target, force=force)
    schema_path = target.parent / form.schema_file
    written = [write_atomic(target, skeleton(target.name, form).encode(), force=force)]
    if not schema_path.exists():
        written.append(write_atomic(schema_path, form.schema_text().encode()))
    return written


def write_new_template(target: Path, *, force: bool = False, goi: Goi | None = None) -> list[Path]:
    """Write an editable copy of the built-in template — or of the template built from
    `goi`, its headings already in it — to `target`, and its guide beside it.

    Both paths are checked before either file is written, so a refusal leaves
    nothing half done.
    """
    if target.suffix.lower() != ".docx":
        raise UsageError(f"{target}: tệp mẫu phải có đuôi .docx")
    guide = guide_path(target)
    for path in (target, guide):
        ensure_writable(path, force=force)
    text = guide_text(target.name, pack_members(goi)).replace("\n", "\r\n")
    if goi is None:
        data = builtin_template().read_bytes()
    else:
        from baocao.render.layout.pack import pack_template

        data = pack_template(goi)
    return [
        write_atomic(target, data, force=force),
        write_atomic(guide, text.encode("utf-8-sig"), force=force),
    ]
