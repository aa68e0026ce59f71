"""A pack for people: one line in a list, its outline as a tree, its blank form."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from baocao.packs.blocks import BLOCKS
from baocao.packs.model import Goi, Muc
from baocao.schema.skeleton import Form

WIDTH = 92


def summary_line(goi: Goi) -> str:
    """`ID: title — issuer, năm học …`, for `baocao huong-dan list`."""
    return f"{goi.ma}: {goi.ten} — {goi.co_quan}, năm học {goi.nam_hoc}"


def outline(goi: Goi) -> Iterator[str]:
    """The pack's outline, indented by depth: headings, keys, block types and prompts."""
    yield summary_line(goi)
    vb = goi.van_ban
    yield f"Văn bản: {vb.ten_loai} — {vb.trich_yeu} (Số: …/{vb.loai}-CĐCS)"
    if vb.han_nop is not None:
        yield f"Hạn nộp: {vb.han_nop:%d/%m/%Y}"
    yield ""
    for node in goi.noi_dung:
        yield from _node(node, 0)


def _node(node: Muc, depth: int) -> Iterator[str]:
    pad = "  " * depth
    what = f"{node.ma}: khối {node.khoi}" if node.khoi else node.ma
    optional = ", không bắt buộc" if not node.bat_buoc else ""
    hidden = ", không in tiêu đề" if not node.printed else ""
    yield f"{pad}{node.heading} [{what}{optional}{hidden}]"
    if node.khoi in BLOCKS:
        yield f"{pad}    ({BLOCKS[str(node.khoi)].title})"
    for line in (node.huong_dan or "").splitlines():
        yield from textwrap.wrap(
            line, WIDTH, initial_indent=f"{pad}    » ", subsequent_indent=f"{pad}      "
        )
    for child in node.muc or []:
        yield from _node(child, depth + 1)


def form_for(goi: Goi) -> Form:
    """The blank form of a document of `goi`: its fields, the pack's prompts as comments; a
    plan's for a pack of the plan kind (`packs.plan`), a report's for any other."""
    from baocao.packs.plan import document_model, is_plan_pack
    from baocao.schema.skeleton import PLAN_WRITING, REPORT_WRITING

    vb = goi.van_ban
    plan = is_plan_pack(goi)
    return Form(
        model=document_model(goi),
        name=f"{vb.ten_loai.capitalize()} {vb.trich_yeu[0].lower()}{vb.trich_yeu[1:]}",
        source=f"{goi.ten} của {goi.co_quan}",
        pack=goi.ma,
        schema_file=f"baocao-{goi.ma}.schema.json",
        document="kế hoạch" if plan else "báo cáo",
        writing=PLAN_WRITING if plan else REPORT_WRITING,
    )
