"""Packs of the plan kind (`ky: ke_hoach`): the parts of a plan file, printed in the pack's
order under its headings, and the plan's blank form in the pack's words.

A plan file is read with the plan's own model (`KeHoach`) whatever its pack: the
semester reports read their targets from it, and its shape tells it from a report
(`checks.pipeline.kind_of`). So a pack of the plan kind adds no field of its own:
each point of its outline is a part of the plan file (`mo_dau`, `chi_tieu`…) with a
block that prints it, or a heading over the points after it (`de_muc`). What the
pack gives the form is its words: a part's heading and prompt become the title and
description of its field (`plan_model`).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Annotated, Any, get_args, get_origin

from pydantic import BaseModel, create_model
from pydantic.fields import FieldInfo

from baocao import caches
from baocao.checks.cross import Finding
from baocao.checks.partial import run_checks
from baocao.errors import PathKey, did_you_mean
from baocao.packs.blocks import BLOCKS
from baocao.packs.blocks.base import Block
from baocao.packs.derive import class_name, pack_key, report_model, with_defaults
from baocao.packs.model import Goi, Muc
from baocao.packs.numbering import same_kind
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.ke_hoach import VanBanKeHoach
from baocao.schema.walk import unwrap_optional

PLAN_KY = "ke_hoach"
"""The `ky` of a pack whose documents are plans, not reports."""

FRAME = ("huong_dan", "van_ban", "nam_hoc")
"""The plan file's parts outside the outline: its pack, its header and closing, its year."""


def is_plan_pack(goi: Goi) -> bool:
    return goi.ky == PLAN_KY


def parts() -> dict[str, FieldInfo]:
    """The parts of a plan file that a pack's points print, in the file's order."""
    return {name: info for name, info in KeHoach.model_fields.items() if name not in FRAME}


def fits(block: Block, annotation: Any) -> bool:
    """Whether `block` prints a value of type `annotation`: a list of its items, or a text."""
    kind = unwrap_optional(annotation)
    if get_origin(kind) is list:
        return block.many and get_args(kind)[0] == block.value
    return not block.many and _is_text(kind) and _is_text(block.value)


def _is_text(kind: Any) -> bool:
    while get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    return kind is str


def _heading_only(node: Muc) -> bool:
    block = BLOCKS.get(str(node.khoi))
    return block is not None and block.heading_only


# --- the outline a plan pack may have --------------------------------------------------------


def outline_findings(goi: Goi) -> Iterator[Finding]:
    """What keeps a pack of the plan kind from printing a plan file, each at its point."""
    known = parts()
    for i, node in enumerate(goi.noi_dung):
        yield from run_checks([functools.partial(_point, at=("noi_dung", i), known=known)], node)
    yield from run_checks([_has_targets], goi)


def _has_targets(goi: Goi) -> Iterator[Finding]:
    if "chi_tieu" not in {node.ma for node in goi.noi_dung if not _heading_only(node)}:
        yield Finding(
            ("noi_dung",),
            "gói kế hoạch phải có mục «chi_tieu» (khối chi_tieu): các chỉ tiêu mà báo cáo ghi "
            "kết quả",
            at_key=True,
        )


def _point(node: Muc, at: PathKey, known: dict[str, FieldInfo]) -> Iterator[Finding]:
    if _heading_only(node):
        return
    block = BLOCKS.get(str(node.khoi))
    info = known.get(node.ma)
    if node.muc is not None:
        yield Finding(
            (*at, "muc"),
            "mục của gói kế hoạch không có mục con: mỗi mục là một phần của tệp kế hoạch, "
            "hoặc một đề mục (khối de_muc)",
            at_key=True,
        )
    elif info is None:
        yield Finding(
            (*at, "ma"),
            f"«{node.ma}» không phải một phần của tệp kế hoạch{did_you_mean(node.ma, known)} "
            f"(các phần: {', '.join(known)}; một đề mục thì dùng khối de_muc)",
        )
    elif block is not None and not fits(block, info.annotation):
        fitting = ", ".join(name for name, b in BLOCKS.items() if fits(b, info.annotation))
        yield Finding(
            (*at, "khoi"),
            f"phần «{node.ma}» của tệp kế hoạch được in bằng khối «{fitting}», "
            f"không phải «{node.khoi}»",
        )
    elif node.bat_buoc and not info.is_required():
        yield Finding(
            (*at, "bat_buoc"),
            f"phần «{node.ma}» của tệp kế hoạch không bắt buộc: ghi «bat_buoc: false»",
        )


# --- the plan in the pack's words --------------------------------------------------------------

_MODELS: dict[str, type[KeHoach]] = {}
"""Each plan pack's wording of the plan model, keyed by the pack's content."""
caches.register(f"{__name__}._MODELS", _MODELS.clear)


def document_model(goi: Goi) -> type[BaseModel]:
    """The model of a document of `goi` as its form, JSON Schema and template names show it:
    the plan's in the pack's words for a pack of the plan kind, else the report's it derives."""
    return plan_model(goi) if is_plan_pack(goi) else report_model(goi)


def plan_model(goi: Goi) -> type[KeHoach]:
    """`KeHoach` in the words of `goi`, for the blank form and the JSON Schema, built once.

    The same fields in the same order, each part titled by its point's heading and
    described by its prompt (a part the pack does not print says so); the header
    defaults to the pack's type («KH-CĐCS») and recipients. A plan file is checked
    with `KeHoach` itself (`checks.pipeline.PLAN`), which this changes nothing of.
    """
    key = pack_key(goi)
    if key not in _MODELS:
        _MODELS[key] = _plan_model(goi)
    return _MODELS[key]


def _plan_model(goi: Goi) -> type[KeHoach]:
    labels = {node.ma: (label, node) for label, node in _labelled(goi)}
    van_ban = KeHoach.model_fields["van_ban"]
    fields: dict[str, Any] = {"van_ban": (_van_ban(goi) | None, van_ban)}
    for name, info in parts().items():
        words = _words(goi, info, labels.get(name))
        fields[name] = (info.annotation, FieldInfo.merge_field_infos(info, **words))
    return create_model(class_name(goi.ma), __base__=KeHoach, __doc__=goi.ten, **fields)


def _van_ban(goi: Goi) -> type[VanBanKeHoach]:
    vb = goi.van_ban
    defaults: dict[str, dict[str, Any]] = {
        "ky_hieu": {"default": f"{vb.loai}-CĐCS"},
        "noi_nhan": {"default_factory": lambda: list(vb.noi_nhan)},
    }
    return with_defaults(VanBanKeHoach, defaults)


def _labelled(goi: Goi) -> Iterator[tuple[str, Muc]]:
    """Each point to fill with its heading as the form shows it, without a trailing colon;
    under a heading-only point its marker follows the heading's («I.», «1.»: «I.1. …»)."""
    heading: str | None = None
    for node in goi.noi_dung:
        if heading is not None and node.so is not None and same_kind(node.so, heading):
            heading = None
        if _heading_only(node):
            heading = node.so
            continue
        marker = f"{heading}{node.so}" if heading and node.so else node.so
        label = f"{marker} {node.tieu_de}" if marker else node.tieu_de
        yield label.rstrip(" :"), node


def _words(goi: Goi, info: FieldInfo, point: tuple[str, Muc] | None) -> dict[str, Any]:
    if point is None:
        return {"description": f"{info.description} Gói {goi.ma} không in phần này."}
    label, node = point
    return {"title": label, "description": node.huong_dan or info.description}
