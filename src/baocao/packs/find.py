"""Where packs are: bundled with baocao, or in a local packs folder, or named by path.

Local folders are `$BAOCAO_HUONG_DAN` (one or more, separated like PATH) and
`huong-dan/` beside the report; a local pack of the same id as a bundled one
takes its place, so that a province can correct a pack without a new release.
A pack is `ID.yaml`, or a folder `ID/` holding `huong-dan.yaml`.
"""

from __future__ import annotations

import os
from pathlib import Path

from baocao.errors import did_you_mean
from baocao.load.attachments import per_file_version
from baocao.load.sources import PACK_FOLDER
from baocao.packs.load import load_pack
from baocao.packs.model import Goi
from baocao.schema import DEFAULT_PACK
from baocao.schema.chi_tieu import DEFAULT_PLAN_PACK

DEFAULT = DEFAULT_PACK
ENV = "BAOCAO_HUONG_DAN"
LOCAL = PACK_FOLDER
PACK_FILE = "huong-dan.yaml"


def bundled_folder() -> Path:
    """The packs shipped inside the package, beside this module (as `render.source` finds the
    built-in template)."""
    return Path(__file__).parent / "bundled"


def folders(near: Path) -> list[Path]:
    """The folders searched for packs, bundled first, each later one overriding."""
    env = [Path(part) for part in os.environ.get(ENV, "").split(os.pathsep) if part]
    return [bundled_folder(), *env, near / LOCAL]


def known_packs(near: Path) -> dict[str, Path]:
    """Every pack id found from `near`, with its file, sorted by id."""
    found: dict[str, Path] = {}
    for folder in folders(near):
        if not folder.is_dir():
            continue
        for entry in sorted(folder.iterdir()):
            if entry.suffix in (".yaml", ".yml") and entry.is_file():
                found[entry.stem] = entry
            elif (entry / PACK_FILE).is_file():
                found[entry.name] = entry / PACK_FILE
    return dict(sorted(found.items()))


def is_path(ref: str) -> bool:
    """A reference written as a file path rather than an id."""
    return any(sep in ref for sep in ("/", "\\")) or ref.endswith((".yaml", ".yml"))


def locate(ref: str, near: Path) -> Path | str:
    """The pack file `ref` names (an id, or a path from `near`), or why there is none."""
    if is_path(ref):
        try:
            return _pack_file(near / ref)
        except (OSError, ValueError):  # a name too long, a NUL: no file can be called that
            return f"«{ref[:60]}» không phải tên tệp gói hướng dẫn dùng được"
    known = known_packs(near)
    if ref in known:
        return known[ref]
    return (
        f"không có gói hướng dẫn «{ref}»{did_you_mean(ref, known)} "
        f"(các gói có: {', '.join(known)}; xem «baocao huong-dan list»)"
    )


def _pack_file(path: Path) -> Path | str:
    if path.is_dir():
        path = path / PACK_FILE
    return path if path.is_file() else f"không tìm thấy tệp gói hướng dẫn {path}"


pack_at = per_file_version(load_pack)
"""A pack file read and checked once per version of it (a folder of reports shares one)."""


PLAN_PACK = DEFAULT_PLAN_PACK
"""The bundled pack a plan file (`checks.pipeline.PLAN`) that names none is rendered with."""


def bundled(ma: str = DEFAULT) -> Goi:
    """A pack shipped with baocao."""
    return pack_at(bundled_folder() / f"{ma}.yaml")
