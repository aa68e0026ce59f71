"""Reading a pack file: located Vietnamese problems, every one in one run.

The file is read by the same safe reader as a report (`load.marked`) and
validated by the same machinery (`checks.messages`); then the outline is
checked as a whole: a point is a group or a block, its block type exists and
takes the parameters given, keys are unique among siblings, numbering counts up.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from baocao.checks.cross import Finding
from baocao.checks.messages import in_order, place, validate_model
from baocao.checks.partial import run_checks, salvage
from baocao.errors import DataError, PathKey, Problem, did_you_mean
from baocao.load.marked import load
from baocao.packs.blocks import BLOCKS
from baocao.packs.model import Goi, Muc
from baocao.packs.numbering import numbering_problems, same_kind

NOUN = "gói hướng dẫn"
RESERVED = ("huong_dan", "van_ban")
"""Top-level keys of every report, which no part of the outline may take."""
TEMPLATE_WORDS = frozenset(
    {"tinh_toan", "loop", "and", "or", "not", "in", "is", "if", "else", "true", "false", "none"}
)
"""Names a template reads otherwise (baocao's derived values, Jinja's own words): a
top-level key named so could not be printed."""


def load_pack(file: Path) -> Goi:
    """The pack in `file`; DataError with every problem, UsageError if it cannot be read."""
    goi, problems = check_pack(file)
    if goi is None or any(p.is_error for p in problems):
        raise DataError(problems)
    return goi


def check_pack(file: Path) -> tuple[Goi | None, list[Problem]]:
    """The pack in `file` when valid, and every problem found in it."""
    loaded = load(file)
    goi, problems, bad = validate_model(loaded, Goi, NOUN)
    document = goi if goi is not None else salvage(Goi, loaded.data, bad)
    found = run_checks([_outline, _plan_outline], document)
    return goi, in_order([*problems, *(place(loaded, f) for f in found)])


def _outline(goi: Goi) -> Iterator[Finding]:
    yield from _siblings(goi.noi_dung, ("noi_dung",), top=True)


def _plan_outline(goi: Goi) -> Iterator[Finding]:
    """A pack of the plan kind prints a plan file: its points are the file's parts."""
    from baocao.packs.plan import is_plan_pack, outline_findings

    if is_plan_pack(goi):
        yield from outline_findings(goi)


def _siblings(nodes: list[Muc], at: PathKey, *, top: bool = False) -> Iterator[Finding]:
    yield from run_checks([functools.partial(_numbering, at=at)], nodes)
    seen: set[str] = set()
    for i, node in enumerate(nodes):
        unique = functools.partial(_unique, at=(*at, i), seen=seen, top=top)
        yield from run_checks([unique, functools.partial(_node, at=(*at, i))], node)


def _numbering(nodes: list[Muc], at: PathKey) -> Iterator[Finding]:
    """Siblings count up; the points after a heading-only point (`de_muc`) are its own
    points, counted apart, up to the next one numbered as the heading is."""
    markers = [_marker(node) for node in nodes]
    outer: list[str | None] = list(markers)
    heading: str | None = None
    inner: list[int] = []
    for i, node in enumerate(nodes):
        if heading is not None and markers[i] is not None and same_kind(markers[i], heading):
            heading = None
        if heading is not None:
            inner.append(i)
            outer[i] = None
        if node.khoi == "de_muc" and markers[i] is not None:
            yield from _counted(nodes, markers, inner, at)
            heading, inner = markers[i], []
    yield from _counted(nodes, markers, inner, at)
    for i, message in numbering_problems(outer):
        yield Finding((*at, i, "so"), message)


def _counted(
    nodes: list[Muc], markers: list[str | None], inner: list[int], at: PathKey
) -> Iterator[Finding]:
    for j, message in numbering_problems([markers[i] for i in inner]):
        yield Finding((*at, inner[j], "so"), message)


def _marker(node: Muc) -> str | None:
    found: list[str | None] = run_checks([_so], node)
    return found[0] if found else None


def _so(node: Muc) -> list[str | None]:
    return [node.so]


def _unique(node: Muc, at: PathKey, seen: set[str], top: bool) -> Iterator[Finding]:
    ma = str(node.ma)
    if top and ma in RESERVED:
        yield Finding((*at, "ma"), f"mã «{ma}» đã dành cho phần chung của mọi báo cáo")
    elif top and ma in TEMPLATE_WORDS:
        yield Finding(
            (*at, "ma"), f"mã «{ma}» trùng một tên dành riêng của mẫu .docx; chọn mã khác"
        )
    elif ma in seen:
        yield Finding((*at, "ma"), f"mã «{ma}» đã dùng cho một mục khác cùng cấp")
    else:
        seen.add(ma)


def _node(node: Muc, at: PathKey) -> Iterator[Finding]:
    if node.khoi is not None and node.muc is not None:
        yield Finding(
            (*at, "muc"),
            "một mục có «khoi» (khối để điền) hoặc «muc» (các mục con), không có cả hai",
        )
    elif node.khoi is None and node.muc is None:
        yield Finding(at, "mục cần «khoi» (khối người viết điền) hoặc «muc» (các mục con)")
    elif node.muc is not None:
        yield from _siblings(node.muc, (*at, "muc"))
        yield from _no_params(node, at, "mục có các mục con")
    else:
        yield from _block(node, at)


def _block(node: Muc, at: PathKey) -> Iterator[Finding]:
    name = str(node.khoi)
    block = BLOCKS.get(name)
    if block is None:
        known = ", ".join(BLOCKS)
        hint = did_you_mean(name, BLOCKS) or f"; các loại khối: {known}"
        yield Finding((*at, "khoi"), f"không có loại khối «{name}»{hint}")
        return
    yield from _no_params(node, at, f"khối «{name}»", allowed=block.params)


def _no_params(
    node: Muc, at: PathKey, what: str, allowed: frozenset[str] = frozenset()
) -> Iterator[Finding]:
    given: dict[str, Any] = node.tham_so.model_dump(exclude_unset=True)
    for key in sorted(given.keys() - allowed):
        accepted = f" (chỉ có: {', '.join(sorted(allowed))})" if allowed else ""
        yield Finding(
            (*at, "tham_so", key), f"{what} không có tham số «{key}»{accepted}", at_key=True
        )
