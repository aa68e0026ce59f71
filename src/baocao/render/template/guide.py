"""`baocao new-template`: an editable copy of the built-in template, and its guide.

The guide lists every name a template can use, with the Vietnamese title and
description the schema gives it, and every filter with an example whose result
is computed by the filter itself. It is generated at run time, so it can never
fall behind the schema or the filters.

The guide is a .txt file, not Markdown: its readers are union chairs editing
in Word on Windows, where a .txt opens in Notepad on a double click and a .md
opens nowhere. It is written with a byte-order mark and CRLF line ends so that
every Notepad, old ones included, shows its diacritics and lines correctly.
"""

from __future__ import annotations

import dataclasses
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from baocao.compute import filters
from baocao.render.template.data import (
    Member,
    context_members,
    has_members,
    is_optional,
    kind_name,
    list_item,
    members,
)

if TYPE_CHECKING:
    pass

WIDTH = 92
_LOOP_NAMES = "xyzuvw"
"""Loop variables the guide uses for lists, by how deep in lists a field is."""


def guide_path(template: Path) -> Path:
    """`mau-bao-cao.docx` → `mau-bao-cao.txt`, beside it."""
    return template.with_suffix(".txt")


def guide_text(template: str, names: dict[str, Member] | None = None) -> str:
    """The whole guide for a template file called `template` whose names are `names`
    (the built-in template's by default)."""
    sections = (
        _INTRO.format(template=template),
        _EDITING,
        _DATA,
        "\n".join(_variables(context_members() if names is None else names, "", 0)),
        _FILTERS,
        "\n".join(_filter_lines()),
    )
    return "\n".join(section.rstrip("\n") + "\n" for section in sections)


_INTRO = """\
HƯỚNG DẪN SỬA MẪU BÁO CÁO {template}

{template} là bản sao mẫu báo cáo có sẵn của baocao. Sửa nó trong Word, rồi chạy:
    baocao check-template {template}              (liệt kê mọi chỗ sai trong mẫu)
    baocao render hk1.yaml --template {template}  (xuất báo cáo theo mẫu đã sửa)
"""

_EDITING = """\
1. SỬA MẪU TRONG WORD

- Chữ, định dạng, lề, bảng đều sửa được. Chỉ giữ nguyên các thẻ {{ … }} và {% … %}: đủ hai
  dấu ngoặc mỗi bên, tên viết đúng như mục 2 (không dấu, có dấu gạch dưới).
- {{ tên }} in một giá trị; {{ tên|bộ_lọc }} in giá trị theo cách viết ở mục 3.
- Thẻ {%p for … %}, {%p endfor %}, {%p if … %}, {%p else %}, {%p endif %} phải đứng một mình
  một đoạn: đoạn chứa thẻ không được in, các đoạn ở giữa được lặp lại hoặc chỉ in khi điều kiện
  đúng. Trong một đoạn văn dùng {%r … %}; để lặp cả một hàng bảng dùng {%tr … %}.
- Trong vòng lặp, loop.index là số thứ tự (từ 1); loop.first, loop.last đúng ở mục đầu, mục cuối.
- Word tách một thẻ thành nhiều đoạn định dạng, hay đổi dấu nháy " ' thành “ ” ‘ ’: không sao,
  baocao tự sửa khi kiểm tra và khi xuất báo cáo.
"""

_DATA = """\
2. DỮ LIỆU DÙNG ĐƯỢC TRONG MẪU

Mỗi dòng: tên dùng trong thẻ (loại) — tiêu đề: giải thích.
- Mục «danh sách» được lặp: {%p for x in … %} … {{ x }} hoặc {{ x.tên_mục }} … {%p endfor %}.
- Mục «văn xuôi» có thể nhiều đoạn: {%p for d in …|doan %} … {{ d }} … {%p endfor %}.
"""

_FILTERS = """\
3. BỘ LỌC

Viết {{ giá_trị|bộ_lọc }}. Ngoài các bộ lọc dưới đây còn dùng được các bộ lọc sẵn có của Jinja,
ví dụ upper (viết hoa), lower (viết thường), length (đếm số mục), join(", ") (nối danh sách).
"""


def _variables(fields: dict[str, Member], prefix: str, depth: int, lists: int = 0) -> Iterator[str]:
    """A line per field below `prefix`, each followed by the fields inside it, indented.

    `lists` counts the lists around `prefix`, so that nested loops get distinct names.
    """
    for name, member in fields.items():
        path = f"{prefix}.{name}" if prefix else name
        item = list_item(member.annotation)
        loop = _LOOP_NAMES[min(lists, len(_LOOP_NAMES) - 1)]
        yield from _wrap(_describe(path, member, loop), depth)
        if has_members(member.annotation):
            yield from _variables(members(member.annotation), path, depth + 1, lists)
        elif item is not None and has_members(item):
            yield from _variables(members(item), loop, depth + 1, lists + 1)
        if depth == 0:
            yield ""


def _describe(path: str, member: Member, loop: str) -> str:
    """`van_ban.kinh_gui (danh sách chữ; for x in van_ban.kinh_gui) — Kính gửi: …`."""
    kind = kind_name(member.annotation)
    item = list_item(member.annotation)
    if item is not None:
        of = "" if has_members(item) else f" {kind_name(item)}"
        kind = f"{kind}{of}; {_kept(f'for {loop} in {path}')}"
    elif member.prose:
        kind = "văn xuôi"
    if is_optional(member.annotation):
        kind += ", có thể trống"
    docs = ": ".join(text.rstrip(".") for text in (member.title, member.description) if text)
    return f"{path} ({kind}) — {docs}." if docs else f"{path} ({kind})"


def _wrap(text: str, depth: int) -> list[str]:
    """`text` in lines of WIDTH, indented by `depth`; never broken inside a _kept() piece."""
    indent = "  " * depth
    lines = textwrap.wrap(text, WIDTH, initial_indent=indent, subsequent_indent=indent + "    ")
    return [line.replace(_NBSP, " ") for line in lines]


_NBSP = "\u00a0"  # textwrap breaks lines at ASCII spaces only


def _kept(text: str) -> str:
    """`text` made one word for `_wrap`: a tag or a loop split over two lines reads wrong."""
    return text.replace(" ", _NBSP)


@dataclasses.dataclass(frozen=True)
class _Example:
    """How the guide shows a filter: what it does, a tag using it, and a sample input."""

    description: str
    tag: str
    sample: tuple[Any, ...]


FILTER_EXAMPLES = {
    "ngay": _Example(
        "Ngày viết đủ, đúng thể thức văn bản.", "{{ van_ban.ngay|ngay }}", (date(2023, 12, 8),)
    ),
    "ngay_so": _Example(
        "Ngày viết gọn, dùng trong câu.",
        "{{ tinh_hinh.so_lieu.thoi_diem|ngay_so }}",
        (date(2023, 12, 20),),
    ),
    "so": _Example(
        "Số có dấu chấm ngăn cách hàng nghìn.", "{{ tinh_hinh.so_lieu.tong_so|so }}", (1250,)
    ),
    "tien": _Example("Số tiền kèm chữ «đồng».", "{{ tinh_toan.tham_hoi.tong|tien }}", (2500000,)),
    "tien_chu": _Example(
        "Số tiền viết bằng chữ.", "{{ tinh_toan.tham_hoi.tong|tien_chu }}", (2500000,)
    ),
    "so_chu": _Example(
        "Số viết bằng chữ, đọc đủ «không trăm», «lẻ» như khi viết số tiền.",
        "{{ tinh_hinh.so_lieu.tong_so|so_chu }}",
        (1021,),
    ),
    "phan_tram": _Example(
        "Tỷ lệ phần trăm của số này trên số kia, lấy một chữ số thập phân.",
        "{{ tinh_hinh.so_lieu.nu|phan_tram(tinh_hinh.so_lieu.tong_so) }}",
        (31, 42),
    ),
    "doan": _Example(
        "Tách văn xuôi thành từng đoạn, để mỗi đoạn in thành một đoạn văn.",
        "{%p for d in tinh_hinh.dac_diem|doan %}",
        ("Trường có 18 lớp.\nĐội ngũ đoàn kết.",),
    ),
}
"""Each filter of `filters.FILTERS` as the guide shows it; a test keeps the two in step."""


def _filter_lines() -> Iterator[str]:
    for name, function in filters.FILTERS.items():
        example = FILTER_EXAMPLES.get(name)
        if example is None:  # a new filter not yet described: its docstring, at least
            first_line = ((function.__doc__ or "").strip().splitlines() or [""])[0]
            yield from _wrap(f"{name} — {first_line}", 0)
            continue
        yield from _wrap(f"{name} — {example.description}", 0)
        yield from _wrap(f"{_kept(example.tag)} → {_shown(function(*example.sample))}", 2)


def _shown(result: Any) -> str:
    if isinstance(result, list):
        return "lần lượt " + ", ".join(f"«{item}»" for item in result)
    return f"«{result}»"
