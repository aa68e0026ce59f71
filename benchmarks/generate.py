"""Generate N realistic unit reports (and the same content as Markdown) for the benchmarks.

Each report is `examples/hk1.yaml` for another school: another name, other staff
figures (kept consistent: members never exceed staff, membership changes add up),
other spending, another signing date (some after the deadline, a warning only),
and prose and lists from half to four times as long. Seeded, so a run is repeatable.

    python benchmarks/generate.py 100 /tmp/bao-cao            # 100 .yaml files
    python benchmarks/generate.py 100 /tmp/bao-cao --markdown  # and a .md beside each
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
from pathlib import Path
from typing import Any

import yaml

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "hk1.yaml"

LEVELS = ("Mầm non", "Tiểu học", "THCS", "THPT", "Tiểu học và THCS")
PLACES = (
    "Phú Lạc", "Gia Lâm", "Yên Mạc", "Khánh Hòa", "Ninh Hải", "Trường Yên", "Đông Sơn",
    "Quỳnh Lưu", "Sơn Lai", "Gia Sinh", "Ân Hòa", "Đinh Tiên Hoàng", "Lương Văn Tụy",
    "Yên Khánh", "Kim Sơn", "Nho Quan", "Hoa Lư", "Tam Điệp", "Gia Viễn", "Yên Mô",
    "Xích Thổ", "Cúc Phương", "Văn Phương", "Lạng Phong", "Thạch Bình", "Đức Long",
    "Ninh Vân", "Khánh An", "Yên Thái", "Ân Thi",
)  # fmt: skip
SIZES = (0.5, 1, 1, 1.5, 2, 4)
"""How much longer than the example a report's prose and lists are."""


def unit_name(index: int) -> str:
    """A distinct, plausible name for every index: level × place, then «số 2», «số 3»…"""
    level = LEVELS[index % len(LEVELS)]
    place = PLACES[index // len(LEVELS) % len(PLACES)]
    series = index // (len(LEVELS) * len(PLACES))
    return f"CĐCS Trường {level} {place}" + (f" số {series + 1}" if series else "")


def report(base: dict[str, Any], index: int, seed: int = 0) -> dict[str, Any]:
    """The example turned into unit number `index`'s report."""
    rng = random.Random(seed * 100_003 + index)
    data = _resize(copy.deepcopy(base), rng.choice(SIZES))
    _header(data["van_ban"], index, rng)
    members = _staff(data["tinh_hinh"], rng)
    signed = int(data["van_ban"]["ngay"][:2])
    data["tinh_hinh"]["so_lieu"]["thoi_diem"] = f"{min(signed, 20):02d}/12/2023"
    for activity in ("tham_hoi", "ke_hoach_tet"):
        for line in data["ket_qua"]["cham_lo"][activity]["khoan_chi"]:
            _spend(line, members, rng)
    _targets(data["chi_tieu"]["ket_qua"], data["tinh_hinh"]["so_lieu"]["tong_so"], rng)
    return data


def _targets(actuals: dict[str, Any], staff: int, rng: random.Random) -> None:
    """Shares counted out of this unit's own staff, so that they stay possible."""
    for actual in actuals.values():
        if isinstance(actual, dict) and "dat" in actual and "tren" not in actual:
            actual["dat"] = rng.randint(staff * 4 // 5, staff)


def _header(van_ban: dict[str, Any], index: int, rng: random.Random) -> None:
    van_ban["co_quan_ban_hanh"] = unit_name(index)
    van_ban["so"] = rng.randint(1, 60)
    van_ban["ngay"] = f"{rng.randint(15, 28):02d}/12/2023"
    van_ban["kinh_gui"][1:] = [f"Chi bộ Trường {unit_name(index).split('Trường ', 1)[1]}"]


def _staff(tinh_hinh: dict[str, Any], rng: random.Random) -> int:
    """Staff figures and membership changes that agree with each other; the member count."""
    staff = rng.randint(15, 120)
    members = rng.randint(staff - 3, staff)
    tinh_hinh["so_lieu"].update(tong_so=staff, nu=rng.randint(staff // 2, staff), doan_vien=members)
    changes = {k: rng.randint(0, 3) for k in ("nghi_che_do", "chuyen_di", "chuyen_den")}
    changes["ket_nap_moi"] = rng.randint(0, 3)
    start = members - changes["ket_nap_moi"] - changes["chuyen_den"]
    start += changes["nghi_che_do"] + changes["chuyen_di"]
    tinh_hinh["bien_dong"].update(changes, dau_ky=start)
    return members


def _spend(line: dict[str, Any], members: int, rng: random.Random) -> None:
    """Other people and amounts, keeping the way the line states its amount."""
    if "muc_chi" in line:
        line["so_nguoi"] = rng.randint(1, members)
        line["muc_chi"] = rng.choice((50_000, 100_000, 200_000, 300_000, 500_000))
    elif "so_tien" in line:
        line["so_tien"] = rng.randrange(500_000, 10_000_000, 100_000)


def _resize(value: Any, factor: float) -> Any:
    """Prose paragraphs and list items cut or repeated `factor` times (at least one remains)."""
    if isinstance(value, dict):
        return {k: v if k == "van_ban" else _resize(v, factor) for k, v in value.items()}
    if isinstance(value, list):
        items = [_resize(item, factor) for item in value]
        return _stretch(items, factor) if _is_text_list(items) else items
    if isinstance(value, str) and "\n" in value.strip():
        return "\n".join(_stretch(value.strip().splitlines(), factor)) + "\n"
    return value


def _is_text_list(items: list[Any]) -> bool:
    return bool(items) and all(isinstance(item, str) for item in items)


def _stretch(items: list[Any], factor: float) -> list[Any]:
    count = max(1, round(len(items) * factor))
    return [items[i % len(items)] for i in range(count)]


def to_markdown(data: dict[str, Any]) -> str:
    """The same content as Markdown: a heading per section, paragraphs, bullet lists."""
    lines = [f"# {data['van_ban']['co_quan_ban_hanh']}", ""]
    _markdown(data, 2, lines)
    return "\n".join(lines) + "\n"


def _markdown(value: Any, depth: int, lines: list[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            lines += [f"{'#' * min(depth, 6)} {key.replace('_', ' ').capitalize()}", ""]
            _markdown(item, depth + 1, lines)
    elif isinstance(value, list) and _is_text_list(value):
        lines += [*(f"- {item}" for item in value), ""]
    elif isinstance(value, list):
        for number, item in enumerate(value, start=1):
            lines += [f"{'#' * min(depth, 6)} {number}", ""]
            _markdown(item, depth + 1, lines)
    else:
        lines += [*(p for line in str(value).splitlines() if (p := line.strip())), ""]


def generate(count: int, folder: Path, *, seed: int = 0, markdown: bool = False) -> list[Path]:
    """Write `count` reports into `folder` (and their Markdown if asked); return their paths."""
    base = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    folder.mkdir(parents=True, exist_ok=True)
    # The files every report names, shared as a province's folder would share them.
    shutil.copy2(EXAMPLE.with_name(base["chi_tieu"]["ke_hoach"]), folder)
    shutil.copytree(EXAMPLE.with_name("anh"), folder / "anh", dirs_exist_ok=True)
    paths = []
    for index in range(count):
        data = report(base, index, seed)
        path = folder / f"bc-{index + 1:04d}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        if markdown:
            path.with_suffix(".md").write_text(to_markdown(data), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("count", type=int, help="how many reports")
    parser.add_argument("folder", type=Path, help="where to write them")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", action="store_true", help="also write a .md per report")
    args = parser.parse_args()
    paths = generate(args.count, args.folder, seed=args.seed, markdown=args.markdown)
    print(f"{len(paths)} reports in {args.folder}")


if __name__ == "__main__":
    main()
