"""The bundle sent up with the report: the report and its photos in one deterministic .zip.

The guideline asks for 5-10 photos «gửi file riêng»; the bundle is that file.
It is named by unit and semester (`cdcs-truong-thcs-phu-lac-hk1-2023-2024.zip`)
and holds the report under the same name (.docx, and .pdf when made) and the
photos numbered in the report's order with a slug of their caption
(`01-hoi-nghi-vien-chuc.jpg`), so that whoever opens it at the province knows
each file without opening it. Entries are stamped with the report's date:
equal input gives an equal .zip.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from datetime import datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

from baocao.ooxml import zip_entries
from baocao.render.photos import photo_bytes
from baocao.schema import BaoCao
from baocao.schema.anh import Anh
from baocao.schema.van_ban import VanBan

if TYPE_CHECKING:
    from baocao.packs.model import Goi

SEMESTER = "hk1"
"""baocao writes the semester-I review."""

SLUG_LENGTH = 60
"""Long captions are cut at a word, so that names stay readable in any file manager."""


def slug(text: str, limit: int = SLUG_LENGTH) -> str:
    """`Hội nghị viên chức` → `hoi-nghi-vien-chuc`: lowercase, no diacritics, đ → d, hyphens."""
    # đ is a letter of its own, not d with a mark, so decomposition alone would drop it.
    plain = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    words = re.findall(r"[a-z0-9]+", plain.encode("ascii", "ignore").decode().lower())
    name = ""
    for word in words:
        longer = f"{name}-{word}" if name else word
        if len(longer) > limit:
            break
        name = longer
    return name or (words[0][:limit] if words else "")


PERIODS = {"hoc_ky_1": "hk1", "hoc_ky_2": "hk2", "ca_nam": "ca-nam", "ke_hoach": "ke-hoach"}
"""A pack's period (`ky`) as it appears in a bundle's name."""


def bundle_name(report: BaseModel, goi: Goi | None = None) -> str:
    """`cdcs-truong-thcs-phu-lac-hk1-2023-2024.zip`: the unit, the period, the school year.

    `goi` is the report's guideline pack when not the bundled one (whose period is `hk1`).
    """
    vb: VanBan = getattr(report, "van_ban")  # noqa: B009  (every report model has it)
    period = PERIODS[goi.ky] if goi is not None else SEMESTER
    from baocao.packs.values import document_year

    return f"{slug(vb.co_quan_ban_hanh)}-{period}-{document_year(report)}.zip"


def _captions(report: BaseModel, goi: Goi | None) -> list[Anh]:
    if goi is None:
        assert isinstance(report, BaoCao)
        return report.anh
    from baocao.packs.values import photos_of

    return photos_of(goi, report)


def photo_names(report: BaseModel, goi: Goi | None = None) -> list[str]:
    """`01-hoi-nghi-vien-chuc.jpg` …: the report's order, a slug of the caption, the extension."""
    captions = _captions(report, goi)
    digits = max(2, len(str(len(captions))))
    names = []
    for number, anh in enumerate(captions, start=1):
        stem = "-".join(filter(None, [f"{number:0{digits}d}", slug(anh.chu_thich or "")]))
        names.append(stem + Path(anh.tep).suffix.lower())
    return names


def bundle_bytes(
    report: BaseModel,
    documents: Sequence[Path],
    photos: Sequence[Path],
    *,
    originals: bool = False,
    goi: Goi | None = None,
) -> bytes:
    """The .zip: the report's files under the bundle's name, then the photos renamed.

    The photos are print-ready (`output.photos`), or with `originals` the files themselves.
    """
    stem = bundle_name(report, goi).removesuffix(".zip")
    entries = [(stem + document.suffix.lower(), document.read_bytes()) for document in documents]
    entries += [
        (name, photo_bytes(photo, original=originals))
        for name, photo in zip(photo_names(report, goi), photos, strict=True)
    ]
    vb: VanBan = getattr(report, "van_ban")  # noqa: B009
    return zip_entries(entries, datetime.combine(vb.ngay, time()))
