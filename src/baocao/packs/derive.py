"""What a pack implies for its reports: their validation model and their block checks.

The model is built with `pydantic.create_model` from the outline — a group is a
nested model, a point to fill its block's type — once per pack. Its fields carry
the pack's headings as titles and the guideline's prompts as descriptions, so
that the blank form, the JSON Schema and the messages all speak the pack's words.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterator
from typing import Any, Optional, TypeVar

from pydantic import BaseModel, Field, create_model
from pydantic.fields import FieldInfo

from baocao import caches
from baocao.checks.cross import Finding
from baocao.checks.partial import run_checks
from baocao.errors import PathKey
from baocao.packs.blocks import BLOCKS
from baocao.packs.blocks.base import Check
from baocao.packs.model import Goi, Muc
from baocao.schema import BaoCao
from baocao.schema.types import Model
from baocao.schema.van_ban import VanBan

M = TypeVar("M", bound=BaseModel)

_MODELS: dict[str, type[BaseModel]] = {}
"""Each pack's report model, keyed by the pack's content: an edited pack gets a new one."""
caches.register(f"{__name__}._MODELS", _MODELS.clear)


def pack_key(goi: Goi) -> str:
    """A pack's identity by content: what is built from a pack is built once per key."""
    return hashlib.sha256(goi.model_dump_json().encode()).hexdigest()


def report_model(goi: Goi) -> type[BaseModel]:
    """The model a report of `goi` is validated with, built on first use."""
    key = pack_key(goi)
    if key not in _MODELS:
        _MODELS[key] = _report_model(goi)
    return _MODELS[key]


def _report_model(goi: Goi) -> type[BaseModel]:
    shared = BaoCao.model_fields
    fields: dict[str, Any] = {
        "huong_dan": (shared["huong_dan"].annotation, shared["huong_dan"]),
        "van_ban": (_van_ban(goi), shared["van_ban"]),
        **{node.ma: _field(node, "") for node in goi.noi_dung},
    }
    return create_model(class_name(goi.ma), __base__=Model, __doc__=goi.ten, **fields)


def _van_ban(goi: Goi) -> type[VanBan]:
    """The header and closing, defaulting to the pack's issuer, type and addressees."""
    vb = goi.van_ban
    defaults: dict[str, dict[str, Any]] = {
        "co_quan_chu_quan": {"default": goi.co_quan.upper()},
        "ky_hieu": {"default": f"{vb.loai}-CĐCS"},
        "kinh_gui": {"default_factory": lambda: list(vb.kinh_gui)},
        "noi_nhan": {"default_factory": lambda: list(vb.noi_nhan)},
    }
    return with_defaults(VanBan, defaults)


def with_defaults(base: type[M], defaults: dict[str, dict[str, Any]]) -> type[M]:
    """`base` with other defaults for some fields (`{name: {"default": …}}`), in its order."""
    infos = base.model_fields
    fields: dict[str, Any] = {
        name: (infos[name].annotation, FieldInfo.merge_field_infos(infos[name], **changes))
        for name, changes in defaults.items()
    }
    return create_model(base.__name__, __base__=base, **fields)


def _field(node: Muc, parent: str) -> tuple[Any, FieldInfo]:
    docs: dict[str, Any] = {"title": node.heading, "description": node.huong_dan}
    if node.muc is not None:
        name = parent + class_name(node.ma)
        children: dict[str, Any] = {child.ma: _field(child, name) for child in node.muc}
        group = create_model(name, __base__=Model, __doc__=node.tieu_de, **children)
        if node.bat_buoc:
            return group, Field(**docs)
        return Optional[group], Field(default=None, **docs)  # noqa: UP045  (a runtime type)
    block = BLOCKS[str(node.khoi)]
    if block.many:
        least = node.tham_so.it_nhat
        items: Any = list[block.value]  # type: ignore[name-defined]  # a type made at run time
        if node.bat_buoc:
            return items, Field(min_length=1 if least is None else least, **docs)
        return items, Field(default_factory=list, min_length=least, **docs)
    if node.bat_buoc:
        return block.value, Field(**docs)
    if block.empty is not None:
        return block.value, Field(default_factory=block.empty, **docs)
    return Optional[block.value], Field(default=None, **docs)  # noqa: UP045


def class_name(ma: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[_-]", ma))


def leaves(goi: Goi) -> Iterator[tuple[PathKey, Muc]]:
    """Every point to fill, with its path in the report, in the outline's order."""

    def walk(nodes: list[Muc], at: PathKey) -> Iterator[tuple[PathKey, Muc]]:
        for node in nodes:
            if node.muc is not None:
                yield from walk(node.muc, (*at, node.ma))
            else:
                yield (*at, node.ma), node

    return walk(goi.noi_dung, ())


def block_checks(goi: Goi, document: Any) -> list[Finding]:
    """Every block's own checks, each at its point; a point left out has nothing to check."""
    found: list[Finding] = []
    for path, node in leaves(goi):
        block = BLOCKS[str(node.khoi)]
        checks = [functools.partial(_at, check=c, path=path, node=node) for c in block.checks]
        found += run_checks(checks, document)
    return found


def _at(document: Any, *, check: Check, path: PathKey, node: Muc) -> list[Finding]:
    value = value_at(document, path)
    return [] if value is None else list(check(value, path, node.tham_so))


def value_at(report: Any, path: PathKey) -> Any:
    """The value at `path` of a report (valid or salvaged); None if a part is left out."""
    for key in path:
        report = getattr(report, str(key))
        if report is None:
            return None
    return report


def report_checks(goi: Goi, document: Any) -> list[Finding]:
    """A report's checks: its blocks' own, and those across blocks, found by their type —
    membership against the staff figures, the dates against the school year."""
    checks = [functools.partial(_membership, goi=goi), functools.partial(_dates, goi=goi)]
    return [*block_checks(goi, document), *run_checks(checks, document)]


def paths_of(goi: Goi, khoi: str) -> list[PathKey]:
    """The points of `goi` that hold a `khoi` block, in the outline's order."""
    return [path for path, node in leaves(goi) if node.khoi == khoi]


def _first(goi: Goi, khoi: str) -> PathKey | None:
    return next(iter(paths_of(goi, khoi)), None)


def _membership(document: Any, goi: Goi) -> Iterator[Finding]:
    from baocao.checks.cross import membership

    staff, changes = _first(goi, "so_lieu_doi_ngu"), _first(goi, "bien_dong_doan_vien")
    if staff is None or changes is None:
        return
    so_lieu, bien_dong = value_at(document, staff), value_at(document, changes)
    if so_lieu is not None and bien_dong is not None:
        yield from membership(so_lieu, bien_dong, (*staff, "doan_vien"))


def _dates(document: Any, goi: Goi) -> Iterator[Finding]:
    from baocao.checks.cross import date_span, date_warnings

    figures = {}
    for path, node in leaves(goi):
        so_lieu = value_at(document, path) if node.khoi == "so_lieu_doi_ngu" else None
        if so_lieu is not None:
            figures[(*path, "thoi_diem")] = so_lieu.thoi_diem
    yield from date_span(document.van_ban, figures)
    yield from date_warnings(document.van_ban, figures)
