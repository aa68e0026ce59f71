"""Drafting a guideline pack from the text of a guideline (`baocao huong-dan new`).

Pure functions, text in, YAML text out (only `read_guideline` touches a file):
`read_guideline` → `draft` (split the text, nest the outline, guess the blocks, take the
identity fields) → `to_yaml` (a commented pack, placeholders marked «# CẦN SỬA: …»).
The draft is a starting point for a person, never the finished pack; every guess says why.

Rules (the README's «Viết gói hướng dẫn» restates them for users):

* **Parts of the text.** The outline starts at the first line with a point marker (not
  `-`/`+`); what comes before (place-date line, «Kính gửi», «Thực hiện …») is the preamble.
  It ends at the first unmarked line that starts with «Trên đây» or «Nơi nhận» or that sets
  a deadline («trước ngày 25/12/2023», «hạn nộp/gửi/cuối … ngày …»): that line and the rest
  are the closing. Preamble and closing feed the identity fields only.
* **Markers**: `Phần thứ …`/`Phần I`, `A.`, Roman `I.`/`I-` (I to XX), `1.`, `1.1.`, `a)`,
  `-` (also `–`, `•`), `+`. Nesting follows the order in which marker kinds appear inside
  each enclosing point: a kind already open is a sibling (closing the deeper points), a new
  kind nests under the current point. (A level fixed once for the whole text would put
  seed 003's «- …» items of II.1 under II, because «-» appears, under I, before «1.».)
* **Headings and prompts** are verbatim. The heading is the marker line's text; a line that
  runs on after the first «: » (or ends with «:») is split there, the rest opening the
  prompt. A marker alone on its line («Phần thứ nhất») takes the next line as heading.
  Unmarked lines after a heading are its prompt, one line each.
* **Items** (`-`, `+`): a point with two or more items directly under it asks for several
  things, so each item becomes a leaf (heading: the item up to its first «: », without a
  final «;»; prompt: the whole item); a single item, and items under an item, stay in the
  prompt, marker included.
* **A point's own prompt** before its children: when its last line ends with «:» it
  introduces the children and stays the group's prompt; otherwise it asks for something of
  its own and becomes the group's first leaf (heading: its first clause, not printed).
* **Blocks**, the first rule that matches the leaf's heading and prompt (case ignored):
  «Kèm … ảnh» → `anh`; «tồn tại»/«hạn chế» … «nguyên nhân» in one sentence → `ton_tai`;
  «phong trào thi đua» and the word «tên» → `phong_trao`; «nhiệm vụ … giải pháp» in one
  sentence → `nhiem_vu`; «biến động … đoàn viên» in one sentence, unless it is a forecast
  («dự báo») → `bien_dong_doan_vien`; a line starting «Tổng số» → `so_lieu_doi_ngu` (with
  `tham_so.ngay_chot` from «thời điểm dd/mm»); anything else → `van_xuoi`. Shortcomings
  come before tasks because their remedy is a «giải pháp» too; membership changes before
  totals because a point naming the changes also counts the members.
* **Keys** (`ma`): the heading without diacritics, leading «công tác», «việc», «nêu rõ» and
  small words («và», «của», «các» …) dropped, first two syllables (a Vietnamese word is
  mostly two), two more while siblings collide (six at most), then «_2», «_3».
* **Identity**: issuer `co_quan` from «Ban Thường vụ …» in the preamble or closing
  (abbreviations CĐGD, LĐLĐ expanded, a trailing «tỉnh»/«huyện» … completed with the place of
  the date line, the longest wins), else from the header line naming a «Công đoàn …» or
  «Liên đoàn Lao động …» body (of two stacked header lines, the lower one issues); `ngay`
  and the place from «…, ngày dd tháng mm năm yyyy»; `so_hieu` from «Số: …»; the subject
  from a «HƯỚNG DẪN» title line and the line under it, or «hướng dẫn … báo cáo …» in the
  preamble; `nam_hoc` from «năm học yyyy-yyyy»; `ky` from the subject («học kỳ II», «học kỳ
  I», «kế hoạch», «cả năm»/«tổng kết năm học»); `van_ban.han_nop` from the deadline;
  `van_ban.anh` from «Kèm 5-10 ảnh»; `ma` from the issuer's place, the period and the year.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from baocao.errors import UsageError, os_error_text

TODO = "CẦN SỬA"
"""The mark of a placeholder a person must fill or check."""

DASHES = ("gach", "cong")
"""Marker kinds of list items («-», «+»), as opposed to points."""

# --------------------------------------------------------------------------- reading


MAX_GUIDELINE_BYTES = 10 * 1024 * 1024
"""A guideline is a few pages; a .docx with its pictures stays well under this."""


def read_guideline(path: Path) -> str:
    """The text of a guideline file: .docx paragraphs, or UTF-8 text; cleaned (`clean`)."""
    if path.suffix.lower() == ".doc":
        raise UsageError(f"{path}: tệp Word cũ (.doc); hãy lưu lại thành .docx hoặc .txt")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_GUIDELINE_BYTES + 1)
    except FileNotFoundError:
        raise UsageError(f"{path}: không tìm thấy tệp hướng dẫn") from None
    except IsADirectoryError:
        raise UsageError(f"{path}: đây là thư mục, không phải tệp hướng dẫn") from None
    except OSError as error:
        raise UsageError(f"{path}: {os_error_text(error)}") from None
    if len(raw) > MAX_GUIDELINE_BYTES:
        raise UsageError(f"{path}: tệp hướng dẫn quá lớn (tối đa 10 MB)")
    text = _docx_text(path, raw) if path.suffix.lower() == ".docx" else _decode(path, raw)
    text = clean(text)
    if not text.strip():
        raise UsageError(f"{path}: tệp không có chữ nào")
    return text


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UsageError(
            f"{path}: tệp không được lưu bằng mã UTF-8 (dòng {line}); hãy lưu lại tệp với "
            "bảng mã UTF-8, hoặc dùng tệp .docx"
        ) from None


def _docx_text(path: Path, raw: bytes) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError):
        raise UsageError(
            f"{path}: không đọc được tệp .docx (tệp hỏng hoặc không phải .docx)"
        ) from None
    return "\n".join(_paragraph_text(p) for p in document.paragraphs)


def _paragraph_text(paragraph: Any) -> str:
    """A paragraph's text; a Word list paragraph without a written marker becomes a «-» item,
    since Word's automatic numbering is not part of the text."""
    text = str(paragraph.text).strip()
    if text and _marker(text) is None and _is_list(paragraph):
        return f"- {text}"
    return text


def _is_list(paragraph: Any) -> bool:
    if _numbered(paragraph._p.pPr):
        return True
    style = paragraph.style
    while style is not None:
        if str(style.name or "").lower().startswith("list") or _numbered(style.element.pPr):
            return True
        style = style.base_style
    return False


def _numbered(ppr: Any) -> bool:
    """Whether paragraph properties carry a numbering (numId 0 switches it off)."""
    num = None if ppr is None else ppr.numPr
    return num is not None and (num.numId is None or num.numId.val != 0)


_NOT_YAML = re.compile("[^\t\n\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean(text: str) -> str:
    """NFC text, one kind of line break, without characters a YAML file may not hold
    (control characters from Word, zero-width spaces, byte-order marks)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"\r\n?|[\x0b\x0c\x85\u2028\u2029]", "\n", text)
    return _NOT_YAML.sub("", text.replace("\u200b", "").replace("\ufeff", ""))


# --------------------------------------------------------------------------- markers


@dataclass(frozen=True)
class Marker:
    """A line's outline marker: its kind, the marker as printed, the text after it."""

    kind: str
    so: str
    rest: str
    line: str


_ONES = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
_ROMANS = tuple(f"{'X' * (n // 10)}{ones}" for n in range(1, 21) for ones in [_ONES[n % 10]])
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "phan",
        re.compile(r"(Phần\s+thứ\s+\S+?|Phần\s+(?:[IVX]+|\d+))(?:\s*[.:\-–]\s*|\s+|$)(.*)", re.I),
    ),
    ("la_ma", re.compile(r"([IVX]+\s*[.\-–])\s*(?!\d)(.*)")),
    ("chu_hoa", re.compile(r"([A-ZĐ]\.)\s+(.*)")),
    ("so_cap", re.compile(r"(\d{1,2}(?:\.\d{1,2})+\.?)(?!\d)(?:\s+(.*))?")),
    ("so", re.compile(r"(\d{1,2}\.)(?!\d)\s*(.*)")),
    ("chu_thuong", re.compile(r"([a-zđ]\))\s*(.*)")),
    ("gach", re.compile(r"([-–—•])\s*(.*)")),
    ("cong", re.compile(r"(\+)\s*(.*)")),
)


def _marker(line: str) -> Marker | None:
    """The marker `line` starts with, if any (the first pattern that fits wins)."""
    for kind, pattern in _PATTERNS:
        match = pattern.fullmatch(line)
        if match is None:
            continue
        so, rest = match.group(1).strip(), (match.group(2) or "").strip()
        if kind == "la_ma" and re.sub(r"\s*[.\-–]$", "", so) not in _ROMANS:
            continue
        if kind == "so_cap":  # «1.1.» and «1.1.1.» are different kinds
            kind = f"so_{so.rstrip('.').count('.') + 1}"
        return Marker(kind, so, rest, line)
    return None


def _is_point(line: str) -> bool:
    found = _marker(line)
    return found is not None and found.kind not in DASHES


# --------------------------------------------------------------------------- parts


_DEADLINE = re.compile(
    r"(?:trước|thời hạn|hạn (?:nộp|gửi|cuối|chót))[^.\d]{0,40}?ngày\s*"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})",
    re.I,
)
_CLOSING = re.compile(r"^(?:Trên đây|Nơi nhận)", re.I)


@dataclass(frozen=True)
class Parts:
    """A guideline's non-empty lines, trimmed, in three runs."""

    preamble: tuple[str, ...]
    body: tuple[str, ...]
    closing: tuple[str, ...]


def split_parts(text: str) -> Parts:
    """Preamble (before the first point), body (the outline), closing (deadline, «Nơi nhận»)."""
    lines = [line for line in (raw.strip() for raw in clean(text).split("\n")) if line]
    start = next((i for i, line in enumerate(lines) if _is_point(line)), len(lines))
    end = next((i for i in range(start, len(lines)) if _closes(lines[i])), len(lines))
    return Parts(tuple(lines[:start]), tuple(lines[start:end]), tuple(lines[end:]))


def _closes(line: str) -> bool:
    return _marker(line) is None and bool(_CLOSING.match(line) or _DEADLINE.search(line))


# --------------------------------------------------------------------------- outline


@dataclass
class Muc:
    """A node of the drafted outline: a group (`muc`) or a leaf (`khoi`)."""

    tieu_de: str
    so: str | None = None
    huong_dan: tuple[str, ...] = ()
    muc: list[Muc] = field(default_factory=list)
    khoi: str | None = None
    ly_do: str = ""
    """Why `khoi` was chosen, for the comment above the node."""
    ma: str = ""
    tham_so: dict[str, str] = field(default_factory=dict)
    ghi_chu: list[str] = field(default_factory=list)
    """Further comments for the reader (headings taken from a prompt, dates to check)."""

    def leaves(self) -> Iterator[Muc]:
        if not self.muc:
            yield self
        for child in self.muc:
            yield from child.leaves()


@dataclass
class _Raw:
    """A marker line with the unmarked lines that follow it and the points nested in it."""

    mark: Marker
    lines: list[str] = field(default_factory=list)
    children: list[_Raw] = field(default_factory=list)

    def source(self) -> list[str]:
        """This node's lines as written, marker included, in the order of the text."""
        return [self.mark.line, *self.lines, *(s for c in self.children for s in c.source())]


def outline(body: Sequence[str]) -> list[Muc]:
    """The outline of the body's lines (see the module's rules), keys and blocks assigned."""
    nodes = [_shape(raw) for raw in _nest(body)]
    for leaf in (leaf for node in nodes for leaf in node.leaves()):
        _choose_block(leaf)
    _assign_keys(nodes)
    return nodes


def _nest(body: Sequence[str]) -> list[_Raw]:
    root = _Raw(Marker("", "", "", ""))
    stack = [root]
    for line in body:
        found = _marker(line)
        if found is None:
            stack[-1].lines.append(line)
            continue
        if found.kind in DASHES and not found.rest:
            continue  # a lone «-» marks nothing
        kinds = [node.mark.kind for node in stack]
        if found.kind in kinds:
            del stack[kinds.index(found.kind) :]
        node = _Raw(found)
        stack[-1].children.append(node)
        stack.append(node)
    return root.children


def _split_heading(text: str) -> tuple[str, list[str]]:
    """A marker line's text as heading and the prompt it runs on with, at the first «: »."""
    head, colon, tail = text.partition(": ")
    if not colon and text.endswith(":"):
        head = text[:-1]
    return head.strip(), [tail.strip()] if tail.strip() else []


def _shape(raw: _Raw) -> Muc:
    heading, prompt = _split_heading(raw.mark.rest)
    if raw.mark.kind in DASHES:
        label = re.sub(r"(?<!\.)[;.]$", "", heading).strip()  # list punctuation, not the heading
        title = label or heading or raw.mark.rest.strip()  # «- :» has no heading but itself
        return Muc(tieu_de=title, huong_dan=tuple(_item_prompt(raw)))
    prompt += raw.lines
    if not heading:
        heading = prompt.pop(0) if prompt else raw.mark.so
    several = sum(child.mark.kind in DASHES for child in raw.children) >= 2
    children: list[Muc] = []
    for child in raw.children:
        if child.mark.kind in DASHES and not several:
            prompt += child.source()
        else:
            children.append(_shape(child))
    if children and prompt and not prompt[-1].endswith(":"):
        children.insert(0, _lead_leaf(prompt))
        prompt = []
    return Muc(tieu_de=heading, so=raw.mark.so, huong_dan=tuple(prompt), muc=children)


def _item_prompt(raw: _Raw) -> list[str]:
    """An item leaf's prompt: the item's own text, then what is written under it."""
    return [raw.mark.rest, *raw.lines, *(s for c in raw.children for s in c.source())]


def _lead_leaf(prompt: list[str]) -> Muc:
    clause = re.split(r"[,;:.(]", prompt[0], maxsplit=1)[0].strip() or prompt[0]
    note = "tiêu đề lấy từ lời hướng dẫn của mục (không in ra); đặt lại cho gọn nếu cần"
    return Muc(tieu_de=clause, huong_dan=tuple(prompt), ghi_chu=[note])


# --------------------------------------------------------------------------- blocks


_PHOTOS = re.compile(
    r"\bkèm\s+(?:theo\s+)?(?:(?:từ\s+)?(\d+)(?:\s*(?:[-–]|đến)\s*(\d+))?\s+)?"
    r"(?:bức\s+|tấm\s+)?(?:hình\s+)?ảnh\b(?!\s+hưởng)",
    re.I,
)
_SHORTCOMINGS = re.compile(r"(?:tồn tại|hạn chế)[^.\n]*?nguyên nhân", re.I)
_TASKS = re.compile(r"nhiệm vụ[^.\n]*?giải pháp", re.I)
_MOVEMENT = re.compile(r"phong trào thi đua", re.I)
_NAME = re.compile(r"\btên\b", re.I)
_CHANGES = re.compile(r"biến động[^.\n]*?đoàn viên", re.I)
_FORECAST = re.compile(r"\bdự báo\b", re.I)
_TOTAL = re.compile(r"^(?:[-–—•+]\s*)?(tổng số\b(?:[ \t]+\S+){0,3})", re.I | re.M)
_AS_OF = re.compile(
    r"(?:thời điểm|tính đến(?: ngày)?)\s*(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?", re.I
)


def _photos(text: str) -> str | None:
    found = _PHOTOS.search(text)
    return f"vì mục ghi «{found.group(0)}»" if found else None


def _shortcomings(text: str) -> str | None:
    found = _SHORTCOMINGS.search(text)
    return f"vì mục hỏi «{found.group(0)}»" if found else None


def _movements(text: str) -> str | None:
    movement, name = _MOVEMENT.search(text), _NAME.search(text)
    if movement is None or name is None:
        return None
    return f"vì mục hỏi «{name.group(0)}» các «{movement.group(0)}»"


def _tasks(text: str) -> str | None:
    found = _TASKS.search(text)
    return f"vì mục hỏi «{found.group(0)}»" if found else None


def _changes(text: str) -> str | None:
    found = _CHANGES.search(text)
    if found is None or _FORECAST.search(text):
        return None
    return f"vì mục hỏi «{found.group(0)}»"


def _totals(text: str) -> str | None:
    found = _TOTAL.search(text)
    return f"vì mục hỏi «{found.group(1).rstrip(':;.,')} …»" if found else None


_RULES: tuple[tuple[str, Callable[[str], str | None]], ...] = (
    ("anh", _photos),
    ("ton_tai", _shortcomings),
    ("phong_trao", _movements),
    ("nhiem_vu", _tasks),
    ("bien_dong_doan_vien", _changes),
    ("so_lieu_doi_ngu", _totals),
)
_DEFAULT_REASON = "(mặc định: không khớp quy tắc nào)"


def _choose_block(leaf: Muc) -> None:
    text = "\n".join([leaf.tieu_de, *leaf.huong_dan])
    for khoi, rule in _RULES:
        reason = rule(text)
        if reason:
            leaf.khoi, leaf.ly_do = khoi, reason
            break
    else:
        leaf.khoi, leaf.ly_do = "van_xuoi", _DEFAULT_REASON
    as_of = _AS_OF.search(text) if leaf.khoi == "so_lieu_doi_ngu" else None
    if as_of:
        leaf.tham_so["ngay_chot"] = f"{int(as_of.group(1)):02d}/{int(as_of.group(2)):02d}"


def _check_as_of(leaf: Muc, nam_hoc: str | None) -> None:
    """Flag a cut-off date the text writes with a year outside the school year (a typo)."""
    as_of = _AS_OF.search("\n".join([leaf.tieu_de, *leaf.huong_dan]))
    if as_of is None or as_of.group(3) is None or nam_hoc is None:
        return
    day, month, year = (int(g) for g in as_of.groups())
    first = int(nam_hoc[:4])
    if not (first, 9) <= (year, month) <= (first + 1, 8):
        leaf.ghi_chu.append(
            f"{TODO}: văn bản ghi ngày chốt «{day:02d}/{month:02d}/{year}», ngoài năm học "
            f"{nam_hoc}; kiểm tra lại ngày chốt số liệu"
        )


# --------------------------------------------------------------------------- keys

_SMALL_WORDS = frozenset(
    ("và", "của", "các", "những", "đến", "về", "trong", "cho", "với", "theo", "tại", "đã", "được")
)
_LEADING = (("công", "tác"), ("việc",), ("nêu", "rõ"), ("nêu",))


def _ascii(text: str) -> str:
    """Vietnamese without diacritics: «Đời sống» → «Doi song»."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _key_words(heading: str) -> list[str]:
    words = re.findall(r"\w+", heading.casefold())
    stripped = True
    while stripped:
        stripped = False
        for lead in _LEADING:
            if tuple(words[: len(lead)]) == lead and len(words) > len(lead):
                words, stripped = words[len(lead) :], True
    kept = [w for w in words if w not in _SMALL_WORDS and not w.isdigit()]
    return [a for w in kept if (a := re.sub(r"[^a-z0-9]", "", _ascii(w)))]


def _key(words: Sequence[str], width: int) -> str:
    key = "_".join(words[:width]) or "muc"
    return f"muc_{key}" if key[0].isdigit() else key


def _assign_keys(nodes: Sequence[Muc]) -> None:
    """Short keys: two syllables, two more where siblings collide (six at most), then a suffix."""
    words = [_key_words(node.tieu_de) for node in nodes]
    widths = [2] * len(nodes)
    while True:
        keys = [_key(w, n) for w, n in zip(words, widths, strict=True)]
        twins = {k for k, count in Counter(keys).items() if count > 1}
        grow = [i for i, k in enumerate(keys) if k in twins and widths[i] < min(len(words[i]), 6)]
        if not grow:
            break
        for i in grow:
            widths[i] += 2
    taken: set[str] = set()
    for node, key in zip(nodes, keys, strict=True):
        unique, n = key, 1
        while unique in taken:
            n += 1
            unique = f"{key}_{n}"
        taken.add(unique)
        node.ma = unique
        _assign_keys(node.muc)


# --------------------------------------------------------------------------- identity


@dataclass
class Identity:
    """The pack's fields outside the outline; None where the text does not tell."""

    ma: str
    ten: str | None = None
    co_quan: str | None = None
    so_hieu: str | None = None
    ngay: str | None = None
    dia_danh: str | None = None
    nam_hoc: str | None = None
    ky: str | None = None
    loai: str | None = None
    ten_loai: str | None = None
    trich_yeu: str | None = None
    han_nop: str | None = None
    anh: tuple[int, int | None] | None = None
    notes: dict[str, str] = field(default_factory=dict)
    """Where a value came from, or why it is a guess, by field name."""


_DATE_LINE = re.compile(
    r"^(?P<place>[^,\d]{2,40}),\s*ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.I
)
_NUMBER = re.compile(r"^Số\s*:?\s*(\d+\s*/\s*[\w\-–]+)", re.I)
_SUBJECT = re.compile(
    r"hướng dẫn\b.*?\b(báo cáo\s+.+?)(?:,?\s*(?:cụ thể|như sau)\b|[:.]?\s*$)", re.I
)
_SCHOOL_YEAR = re.compile(r"năm học\s*(\d{4})\s*[-–]\s*(\d{4})", re.I)
_BODY_NAME = re.compile(r"^(?:công đoàn|liên đoàn lao động|lđlđ|cđgd)\b", re.I)
_ADMIN = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "phường", "xã")
_ABBREVIATIONS = {"CĐGD": "Công đoàn Giáo dục", "LĐLĐ": "Liên đoàn Lao động", "CĐ": "Công đoàn"}
_NAME_WORDS = frozenset(
    ("đoàn", "dục", "động", "ngành", "tỉnh", "thành", "phố", "huyện", "quận", "thị", "xã", "phường")
)
_PERIODS = {"hoc_ky_1": "hk1", "hoc_ky_2": "hk2", "ca_nam": "ca-nam", "ke_hoach": "ke-hoach"}


def identity(parts: Parts) -> Identity:
    """The identity fields the preamble and closing give (the body only for the school year
    and the photos)."""
    found = Identity(ma="")
    around = [*parts.preamble, *parts.closing]
    _take_date(found, parts.preamble or around)
    _take_subject(found, parts.preamble)
    _take_issuer(found, parts.preamble, around)
    number = next((m for line in parts.preamble if (m := _NUMBER.match(line))), None)
    found.so_hieu = re.sub(r"\s+", "", number.group(1)) if number else None
    everything = "\n".join([*parts.preamble, *parts.body, *parts.closing])
    year = _SCHOOL_YEAR.search(found.trich_yeu or "") or _SCHOOL_YEAR.search(everything)
    found.nam_hoc = f"{year.group(1)}-{year.group(2)}" if year else None
    _take_period(found, around)
    deadline = _DEADLINE.search("\n".join(parts.closing)) or _DEADLINE.search(everything)
    found.han_nop = _date(*deadline.groups()) if deadline else None
    photos = next((m for m in _PHOTOS.finditer(everything) if m.group(1)), None)
    if photos:
        found.anh = (int(photos.group(1)), int(photos.group(2)) if photos.group(2) else None)
    found.ma = _pack_key(found)
    return found


def _date(day: str, month: str, year: str) -> str:
    return f"{int(day):02d}/{int(month):02d}/{year}"


def _take_date(found: Identity, lines: Sequence[str]) -> None:
    match = next((m for line in lines if (m := _DATE_LINE.match(line))), None)
    if match:
        found.dia_danh = match.group("place").strip()
        found.ngay = _date(match.group(2), match.group(3), match.group(4))


def _take_subject(found: Identity, preamble: Sequence[str]) -> None:
    """The subject, from a «HƯỚNG DẪN» title and the line under it, or the «Thực hiện …,
    … hướng dẫn … báo cáo …» sentence."""
    subject = None
    for i, line in enumerate(preamble[:-1]):
        if line.casefold() == "hướng dẫn":
            subject = preamble[i + 1]
            break
    if subject is None:
        match = next((m for line in preamble if (m := _SUBJECT.search(line))), None)
        subject = match.group(1) if match else None
    if subject is None:
        return
    found.ten = f"Hướng dẫn {subject[0].lower()}{subject[1:]}"
    kind = subject.casefold()
    if kind.startswith(("báo cáo", "kế hoạch")):
        found.loai, found.ten_loai = ("KH", "KẾ HOẠCH") if kind[0] == "k" else ("BC", "BÁO CÁO")
        rest = subject.split(maxsplit=2)[2] if len(subject.split()) > 2 else ""
        found.trich_yeu = rest[:1].upper() + rest[1:] or None


def _take_issuer(found: Identity, preamble: Sequence[str], around: Sequence[str]) -> None:
    candidates = [c for line in around for c in _standing_committees(line, found.dia_danh)]
    if candidates:
        found.co_quan, found.notes["co_quan"] = max(candidates, key=lambda c: len(c[0]))
        return
    header = _header_body(preamble)
    if header:
        found.co_quan = header
        found.notes["co_quan"] = "từ dòng đầu văn bản; kiểm tra tên cơ quan ban hành" + (
            ", viết hoa đúng tên riêng" if header.isupper() else ""
        )


def _standing_committees(line: str, place: str | None) -> Iterator[tuple[str, str]]:
    """Each «Ban Thường vụ <body>» of `line`: the body's name completed, and where from."""
    for match in re.finditer(r"Ban Thường vụ\s+", line, re.I):
        words: list[str] = []
        for word in line[match.end() :].split():
            bare = word.rstrip(",.;:")
            if not bare or not (bare[0].isupper() or bare in _NAME_WORDS):
                break
            words.append(bare)
            if bare != word:
                break
        if len(words) < 2:
            continue
        name = " ".join(_ABBREVIATIONS.get(w, w) for w in words)
        note = f"từ «Ban Thường vụ {' '.join(words)}» trong văn bản"
        if place and name.endswith(_ADMIN):
            name, note = f"{name} {place}", f"{note}, thêm địa danh «{place}» của dòng ngày tháng"
        yield name, note


def _header_body(preamble: Sequence[str]) -> str | None:
    """The header's issuing body: of stacked lines naming bodies, the lowest one (the
    issuer stands under its superior, Decree 30/2020)."""
    names: list[str] = []
    for line in preamble:
        if _BODY_NAME.match(line) and len(line.split()) <= 12:
            names.append(line)
        elif names:
            break
    return names[-1] if names else None


def _take_period(found: Identity, around: Sequence[str]) -> None:
    text = found.trich_yeu or found.ten or "\n".join(around)
    if found.loai == "KH" or re.search(r"^Trên đây là kế hoạch", "\n".join(around), re.I | re.M):
        found.ky = "ke_hoach"
        found.loai, found.ten_loai = "KH", "KẾ HOẠCH"
    elif re.search(r"học kỳ II\b", text):
        found.ky = "hoc_ky_2"
    elif re.search(r"học kỳ I\b", text):
        found.ky = "hoc_ky_1"
    elif re.search(r"cả năm|tổng kết năm học", text, re.I):
        found.ky = "ca_nam"


def _pack_key(found: Identity) -> str:
    """«ninh-binh-hk1-2023-2024»: the issuer's place, the period, the school year."""
    issuer = found.co_quan or ""
    place = issuer
    for admin in _ADMIN:
        head, sep, tail = issuer.casefold().rpartition(f"{admin} ")
        if sep and tail:
            place = issuer[len(head) + len(sep) :]
            break
    pieces = [_ascii(place).lower(), _PERIODS.get(found.ky or "", ""), found.nam_hoc or ""]
    key = "-".join(p for p in (re.sub(r"[^a-z0-9]+", "-", p).strip("-") for p in pieces) if p)
    return key or "huong-dan"


# --------------------------------------------------------------------------- the draft


@dataclass
class Draft:
    """What `huong-dan new` makes of a guideline: identity fields and the outline."""

    identity: Identity
    noi_dung: list[Muc]

    def leaves(self) -> list[Muc]:
        return [leaf for node in self.noi_dung for leaf in node.leaves()]

    def summary(self) -> str:
        """One line for the terminal: parts, leaves, guessed blocks, places to fix."""
        guessed = Counter(leaf.khoi for leaf in self.leaves() if leaf.khoi != "van_xuoi")
        blocks = ", ".join(f"{k} ({n})" if n > 1 else str(k) for k, n in sorted(guessed.items()))
        header = len(_HEADER.splitlines())
        todo = sum(f"# {TODO}:" in line for line in to_yaml(self, "").splitlines()[header:])
        return (
            f"{len(self.noi_dung)} phần, {len(self.leaves())} mục để điền; khối đoán được: "
            f"{blocks or 'không có'} (còn lại van_xuoi); {todo} chỗ «{TODO}»."
        )


def draft(text: str) -> Draft:
    """The draft of a pack from a guideline's text."""
    parts = split_parts(text)
    found = identity(parts)
    nodes = outline(parts.body)
    result = Draft(found, nodes)
    for leaf in result.leaves():
        if leaf.khoi == "so_lieu_doi_ngu":
            _check_as_of(leaf, found.nam_hoc)
    return result


# --------------------------------------------------------------------------- YAML

_HEADER = """\
# BẢN NHÁP gói hướng dẫn, do «baocao huong-dan new» soạn từ {source}.
# Đây là bản nháp để sửa, chưa dùng được ngay. Cần xem lại:
#   * mọi chỗ «# {todo}: …»: thông tin văn bản không ghi, hoặc ghi chưa đúng;
#   * «khoi» của từng mục: mỗi khối được đoán theo lời văn (chú thích ngay trên mục ghi lý
#     do); mục văn xuôi (van_xuoi) có thể cần khối khác: danh_sach, khoan_chi,
#     phat_trien_dang, ket_qua_chi_tieu …;
#   * «ma» của từng mục (tên mục trong tệp báo cáo): ngắn, chữ thường không dấu, «_»;
#   * tiêu đề, lời hướng dẫn được chép nguyên văn: chỉ sửa lỗi chính tả của văn bản gốc;
#   * các mục có thể tách nhỏ hơn (một ý hỏi nhiều việc) hoặc gộp lại.
# Rồi kiểm tra gói: baocao huong-dan check <tệp gói>.
"""


def to_yaml(result: Draft, source: str) -> str:
    """The commented YAML text of the draft; `source` is named in the header comment."""
    lines = _HEADER.format(source=source or "văn bản hướng dẫn", todo=TODO).splitlines()
    lines += _identity_lines(result.identity)
    if result.noi_dung:
        lines.append("noi_dung:")
        for node in result.noi_dung:
            lines += _node_lines(node, 2)
    else:
        lines.append(f"noi_dung: []  # {TODO}: không tìm thấy mục nào (I., 1., a) …) trong văn bản")
    return "\n".join(lines) + "\n"


def _plain(text: str) -> bool:
    """Whether `text` reads back as itself when written unquoted."""
    if not text or text != text.strip() or "\n" in text:
        return False
    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def _scalar(text: str) -> str:
    """`text` as a YAML scalar: plain when safe, else double-quoted (JSON's quoting is YAML's)."""
    return text if _plain(text) else json.dumps(text, ensure_ascii=False)


def _field(key: str, value: str | None, note: str = "", *, required: bool, pad: str = "") -> str:
    """`key: value  # note`, or a placeholder: an empty value to fill when `required`, else a
    commented-out key."""
    if value is not None:
        return f"{pad}{key}: {_scalar(value)}" + (f"  # {note}" if note else "")
    if required:
        return f'{pad}{key}: ""  # {TODO}: {note or "văn bản không ghi"}'
    return f"{pad}# {key}:  # không bắt buộc; {note or 'văn bản không ghi'}"


def _identity_lines(found: Identity) -> list[str]:
    ky_note = "hoc_ky_1 | hoc_ky_2 | ca_nam | ke_hoach"
    return [
        _field("ma", found.ma, "mã gói: chữ thường không dấu, «-»", required=True),
        _field("ten", found.ten, "tên hướng dẫn (trích yếu của văn bản)", required=True),
        _field(
            "co_quan",
            found.co_quan,
            found.notes.get("co_quan", "cơ quan ra hướng dẫn"),
            required=True,
        ),
        _field("so_hieu", found.so_hieu, "số hiệu của văn bản hướng dẫn", required=False),
        _field("ngay", found.ngay, "ngày của văn bản hướng dẫn", required=False),
        _field("nam_hoc", found.nam_hoc, "năm học, ví dụ 2023-2024", required=True),
        _field("ky", found.ky, ky_note, required=True),
        "van_ban:",
        *_document_lines(found),
    ]


def _document_lines(found: Identity) -> list[str]:
    pad = "  "
    kinh_gui = f"Ban Thường vụ {found.co_quan}" if found.co_quan else None
    lines = [
        _field("loai", found.loai, "BC: báo cáo, KH: kế hoạch", required=True, pad=pad),
        _field("ten_loai", found.ten_loai, "dòng tên loại văn bản", required=True, pad=pad),
        _field("trich_yeu", found.trich_yeu, "dòng trích yếu", required=True, pad=pad),
    ]
    if kinh_gui:
        lines += [
            f"{pad}kinh_gui:  # đoán: gửi cơ quan ra hướng dẫn; kiểm tra lại",
            f"{pad}  - {_scalar(kinh_gui)}",
        ]
    else:
        lines.append(f"{pad}kinh_gui: []  # {TODO}: báo cáo gửi ai (Kính gửi)")
    lines += [
        f"{pad}noi_nhan:  # thường dùng; sửa theo đơn vị",
        f"{pad}  - Như trên",
        f"{pad}  - {_scalar('Lưu: VT, BCH')}",
        _field("han_nop", found.han_nop, "hạn nộp báo cáo", required=False, pad=pad),
    ]
    if found.anh:
        low, high = found.anh
        most = f", nhieu_nhat: {high}" if high else ""
        lines.append(f"{pad}anh: {{it_nhat: {low}{most}}}  # số ảnh văn bản yêu cầu")
    else:
        lines.append(
            f"{pad}# anh: {{it_nhat: 5, nhieu_nhat: 10}}  # không bắt buộc; văn bản không ghi"
        )
    return lines


def _node_lines(node: Muc, indent: int) -> list[str]:
    pad = " " * indent
    comments = ([f"khoi: {node.khoi} {node.ly_do}"] if node.khoi else []) + node.ghi_chu
    fields = [f"so: {_scalar(node.so)}"] if node.so else []
    fields += [f"tieu_de: {_scalar(node.tieu_de)}", f"ma: {_scalar(node.ma)}"]  # «no»: a bool
    fields += _prompt_lines(node.huong_dan)
    if node.khoi:
        fields.append(f"khoi: {node.khoi}")
    if node.tham_so:
        inner = ", ".join(f"{k}: {_scalar(v)}" for k, v in node.tham_so.items())
        fields.append(f"tham_so: {{{inner}}}")
    lines = [f"{pad}# {' '.join(comment.split())}" for comment in comments]  # one line each
    lines += [f"{pad}- {fields[0]}", *(f"{pad}  {f}" for f in fields[1:])]
    if node.muc:
        lines.append(f"{pad}  muc:")
        for child in node.muc:
            lines += _node_lines(child, indent + 4)
    return lines


def _prompt_lines(prompt: Sequence[str]) -> list[str]:
    """The prompt: inline when one plain line, else a literal block, a line per line."""
    if not prompt:
        return []
    if len(prompt) == 1 and _plain(prompt[0]):
        return [f"huong_dan: {prompt[0]}"]
    return ["huong_dan: |", *(f"  {line}" for line in prompt)]
