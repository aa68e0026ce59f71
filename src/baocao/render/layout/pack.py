"""The template of any guideline pack: the official frame, and a body walked from its outline.

Each point's heading is printed as the pack writes it, marker and words, bold
(`HEADING_1` for the outline's first level, `HEADING_2` below), unless the pack
says `in_tieu_de: false`; each point to fill is printed by its block's own
recipe (`Block.render`), and the blocks with an appendix (targets, photos) add
it after the signature. A point that is not required is printed only when the
report fills it. The pack's words are data: a «{» in a heading is printed,
never read as a tag.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx.document import Document as DocxDocument
from docx.shared import Pt

from baocao.errors import PathKey
from baocao.packs.blocks import BLOCKS
from baocao.packs.blocks.base import Slot
from baocao.packs.derive import leaves, pack_key
from baocao.packs.model import Goi, Muc
from baocao.packs.values import MUC
from baocao.render.layout.frame import (
    YEAR,
    closing_block,
    closing_sentence,
    header_block,
    title_block,
)
from baocao.render.layout.page import document_bytes, new_document
from baocao.render.layout.paragraphs import endif, heading1, heading2, if_, literal
from baocao.render.source import Template

PACK_YEAR = "{{ tinh_toan.nam_hoc }}"
"""The document's own school year in a pack's template: a report's, or a plan's (whose
header has none)."""

STAMP = datetime(2024, 1, 1)
"""The template's own date: fixed, so that one pack always gives the same bytes."""

_TEMPLATES: dict[str, bytes] = {}


def pack_template(goi: Goi) -> bytes:
    """The .docx template of `goi`, built once per pack (by content) in a process."""
    key = pack_key(goi)
    if key not in _TEMPLATES:
        _TEMPLATES[key] = document_bytes(build_pack_document(goi), STAMP)
    return _TEMPLATES[key]


def template_of(goi: Goi) -> Template:
    """The template of `goi` as a run uses it, named for messages by its pack."""
    return Template(Path(f"mẫu của gói {goi.ma}.docx"), pack_template(goi))


def build_pack_document(goi: Goi) -> DocxDocument:
    """The template of `goi` as a python-docx Document."""
    vb = goi.van_ban
    doc = new_document(
        f"Mẫu {vb.ten_loai.lower()} {vb.trich_yeu[:1].lower()}{vb.trich_yeu[1:]}",
        STAMP,
        f"Tạo bởi baocao từ gói hướng dẫn {goi.ma}.",
    )
    header_block(doc)
    title_block(doc, literal(vb.ten_loai), "{{ tinh_toan.trich_yeu }}")
    for i, node in enumerate(goi.noi_dung):
        _node(doc, goi, node, (node.ma,), first=i == 0)
    if vb.cau_ket:
        closing_sentence(
            doc,
            "Trên đây là ",
            literal(f"{vb.ten_loai.lower()} "),
            "{{ tinh_toan.tom_tat }}",
            " của ",
            "{{ van_ban.co_quan_ban_hanh }}",
        )
    closing_block(doc)
    _appendices(doc, goi)
    return doc


def heading_runs(goi: Goi, node: Muc, year: str = YEAR) -> list[str]:
    """The runs of a point's heading, word for word.

    The pack's text is data: a «{» in it is printed, never read as a tag. The
    pack's school year in a heading («… năm học 2023-2024») is the report's own.
    """
    pieces = node.heading.split(goi.nam_hoc)
    runs = [literal(pieces[0])]
    for piece in pieces[1:]:
        runs += [year, literal(piece)]
    return [run for run in runs if run]


def expression(path: PathKey) -> str:
    """The Jinja expression of the value at `path`: `ket_qua.doi_ngu` (a pack's top-level keys
    are never a word Jinja reads otherwise: `packs.load.RESERVED`)."""
    return ".".join(str(key) for key in path)


def _node(doc: DocxDocument, goi: Goi, node: Muc, path: PathKey, *, first: bool = False) -> None:
    value = expression(path)
    block = BLOCKS[str(node.khoi)] if node.muc is None else None
    conditional = not node.bat_buoc and not (block and block.heading_only)
    if conditional:
        if_(doc, value)
    if node.printed:
        runs = heading_runs(goi, node, PACK_YEAR)
        if len(path) == 1 and not (node.so or "")[:1].isdigit():  # «1.» is a sub-point's
            heading1(doc, *runs, **({"before": Pt(12)} if first else {}))
        else:
            heading2(doc, *runs)
    if node.muc is not None:
        for child in node.muc:
            _node(doc, goi, child, (*path, child.ma))
    elif block is not None and block.render is not None:
        block.render(doc, _slot(node, path))
    if conditional:
        endif(doc)


def _slot(node: Muc, path: PathKey) -> Slot:
    return Slot(node, expression(path), expression(("tinh_toan", MUC, *path)))


def _appendices(doc: DocxDocument, goi: Goi) -> None:
    """The targets' appendix first, then the photos' (their labels count them so)."""
    found = [(path, node) for path, node in leaves(goi) if BLOCKS[str(node.khoi)].appendix]
    found.sort(key=lambda item: item[1].khoi != "ket_qua_chi_tieu")
    for path, node in found:
        appendix = BLOCKS[str(node.khoi)].appendix
        assert appendix is not None
        appendix(doc, _slot(node, path))
