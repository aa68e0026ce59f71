"""The report file the form edits: read, changed in place, written back without losing anything.

The form sends every value it shows; only those that differ from what the file
holds are written, into the file's own YAML tree (ruamel.yaml round-trip mode),
so that comments, key order, quoting and block style stay as the chair or
`baocao init` wrote them. A file saved without changes is not touched at all.
Each save names the version it was based on (a hash of the file's bytes): a
save from a stale tab is refused rather than silently overwriting.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.resolver import VersionedResolver
from ruamel.yaml.scalarstring import LiteralScalarString

from baocao.errors import DataError, UsageError
from baocao.load.marked import parse
from baocao.output.write import write_atomic
from baocao.schema.chi_tieu import KeHoach
from baocao.schema.skeleton import skeleton
from baocao.soan.form import LEAVES, Node, build_form, flatten, join, pattern, split

BACKUP_FOLDER = ".baocao-sao-luu"
NEW = "moi"
"""The version of a file that does not exist yet."""


class Conflict(Exception):
    """The file changed since the form read it (another tab, another program)."""


class Unsavable(Exception):
    """The file cannot be saved by the form (a YAML error to fix by hand, a bad request)."""


class _Plain(str):
    """A value written as typed, without quotes: `20/12/2023`, `có`, or a number baocao
    cannot read (`1.200` people), for `validate` to point at.

    baocao's loader reads these as people mean them (the field's type parses
    them); ruamel.yaml would otherwise quote what YAML 1.2 reads as a number.
    A number baocao reads is written as that number instead (see `Node.number`).
    """


_RESOLVER = VersionedResolver()


def _represent_plain(representer: RoundTripRepresenter, data: _Plain) -> Any:
    tag = _RESOLVER.resolve(ScalarNode, str(data), (True, False))
    return representer.represent_scalar(tag, str(data))


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # long lines stay one line, as the chair wrote them
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(_Plain, _represent_plain)
    return yaml


def version_of(raw: bytes | None) -> str:
    return hashlib.sha256(raw).hexdigest()[:20] if raw is not None else NEW


@dataclass
class Payload:
    """What the form sends: the version it was based on, every value, each list's rows.

    `lists` gives, for each list (by its path in the form), the index in the file
    of each row as it now stands, None for a row added in the form.
    """

    version: str
    values: dict[str, str]
    lists: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def from_json(cls, body: Any) -> Payload:
        if not isinstance(body, dict):
            raise Unsavable("yêu cầu không hợp lệ")
        values, lists = body.get("values"), body.get("lists", {})
        ok = isinstance(values, dict) and all(isinstance(v, str) for v in values.values())
        ok = ok and isinstance(lists, dict) and all(isinstance(v, list) for v in lists.values())
        if not ok or not isinstance(body.get("version"), str):
            raise Unsavable("yêu cầu không hợp lệ")
        if not all(_rows_ok(rows) for rows in lists.values()):
            raise Unsavable("yêu cầu không hợp lệ")
        return cls(body["version"], cast(dict[str, str], values), lists)


def _rows_ok(rows: list[Any]) -> bool:
    """Each row from the file at most once, each an index (or None for a new row)."""
    given = [o for o in rows if o is not None]
    indexes = all(isinstance(o, int) and not isinstance(o, bool) and o >= 0 for o in given)
    return indexes and len(set(given)) == len(given)


class Document:
    """One report file, edited by the form; saves are serialised."""

    def __init__(self, path: Path, model: type[BaseModel]) -> None:
        self.path = path
        self.model = model
        self.lock = threading.Lock()
        self.session_backup: Path | None = None

    def read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def text_of(self, raw: bytes | None) -> str:
        """The file's text; for a file yet to be made, the commented blank form of `init`."""
        return raw.decode("utf-8-sig") if raw is not None else skeleton(self.path.name)

    def data_of(self, raw: bytes | None) -> Any:
        """The data as baocao reads it; DataError when the file is no valid YAML."""
        return parse(self.path, self.text_of(raw).encode()).data

    def form(self, raw: bytes | None, plan: KeHoach | None) -> Node:
        try:
            data = self.data_of(raw)
        except DataError:
            data = {}
        return build_form(self.model, data, plan)

    def save(self, payload: Payload, plan: KeHoach | None) -> tuple[bytes, bool]:
        """Write the payload's changes; the file's bytes after, and whether anything changed."""
        with self.lock:
            raw = self.read()
            if payload.version != version_of(raw):
                raise Conflict
            text = self.text_of(raw)
            new = apply(self.model, text, self._data(raw), payload, plan)
            if new == text:
                return text.encode(), False
            self._backup(raw)
            data = new.encode()
            try:
                write_atomic(self.path, data, force=True)
            except UsageError as error:
                raise Unsavable(str(error)) from error
            return data, True

    def _data(self, raw: bytes | None) -> Any:
        try:
            return self.data_of(raw)
        except DataError as error:
            raise Unsavable(_yaml_problem(error)) from error

    def _backup(self, raw: bytes | None) -> None:
        """The previous version beside the file (`hk1.yaml.bak`), and the file as it was
        when this session first changed it in `.baocao-sao-luu/` (never replaced)."""
        if raw is None:
            return
        write_atomic(self.path.with_name(self.path.name + ".bak"), raw, force=True)
        if self.session_backup is None:
            folder = self.path.parent / BACKUP_FOLDER
            folder.mkdir(exist_ok=True)
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = folder / f"{self.path.stem}-{stamp}{self.path.suffix}"
            shutil.copy2(self.path, target)
            self.session_backup = target


def _yaml_problem(error: DataError) -> str:
    first = error.problems[0] if error.problems else None
    where = f" (dòng {first.line}, cột {first.column}: {first.message})" if first else ""
    return f"tệp có lỗi cú pháp YAML{where}; hãy sửa tệp trong trình soạn thảo rồi tải lại trang"


def apply(
    model: type[BaseModel], text: str, data: Any, payload: Payload, plan: KeHoach | None
) -> str:
    """`text` with the payload's changes made in place; `data` is `text` as baocao reads it."""
    yaml = _yaml()
    try:
        document = yaml.load(text)
    except YAMLError as error:
        raise Unsavable(f"tệp có chỗ chưa đọc được ({error}); hãy sửa tệp rồi tải lại") from None
    if not isinstance(document, CommentedMap):
        document = CommentedMap()
    _Edit(
        document, build_form(model, data, plan), payload, _kinds(model, data, payload, plan)
    ).run()
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _kinds(
    model: type[BaseModel], data: Any, payload: Payload, plan: KeHoach | None
) -> dict[str, Node]:
    """Every node the form can send, by pattern: those shown, and those of rows it may add."""
    shaped: dict[str, Any] = {}
    for path in sorted(payload.lists, key=lambda p: p.count(".")):
        _shape(shaped, split(path), len(payload.lists[path]))
    kinds = {pattern(n.path): n for n in build_form(model, shaped, plan).walk()}
    kinds.update({pattern(n.path): n for n in build_form(model, data, plan).walk()})
    return kinds


def _shape(data: dict[str, Any], parts: tuple[str | int, ...], rows: int) -> None:
    current: Any = data
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(part, int):
            if not isinstance(current, list) or part >= len(current):
                return
            current[part] = current[part] if isinstance(current[part], dict) else {}
            current = current[part]
        elif isinstance(current, dict):
            current = current.setdefault(part, [None] * rows if last else {})
        else:
            return


def _has(parent: Any, key: str | int) -> bool:
    if isinstance(parent, list):
        return isinstance(key, int) and key < len(parent)
    return key in parent


class _Edit:
    """The payload's changes made to one YAML tree."""

    def __init__(
        self, document: CommentedMap, shown: Node, payload: Payload, kinds: dict[str, Node]
    ) -> None:
        self.document = document
        self.shown = shown
        self.values = flatten(shown)[0]
        self.payload = payload
        self.kinds = kinds
        self.trailing: list[tuple[str, Any]] = []
        """Comments that followed a list reordered or grown, to put back after its end."""

    def run(self) -> None:
        lists = self.payload.lists
        for path in sorted(lists, key=lambda p: p.count(".")):
            self.reorder(path, lists[path])
        for path, value in self.payload.values.items():
            node = self.kinds.get(pattern(path))
            if node is None or node.kind not in LEAVES:
                continue  # not a field of the form: nothing the form may write
            before = self.origin(path)
            if before is None and not value.strip():
                continue
            unchanged = before is not None and _same(self.values.get(before, ""), value, node)
            # an optional field written blank (`chat_luong: |`) is an error: it is taken out
            if unchanged and (value.strip() or node.required or not self.written_blank(path)):
                continue
            self.set(path, value, node)
        for path, token in self.trailing:
            parts = split(path)
            parent = self.container(parts, create=False)
            if parent is not None and _has(parent, parts[-1]):
                _attach(parent, parts[-1], token)
        for node in list(self.kinds.values()):
            self.leave_out(node)

    def leave_out(self, node: Node) -> None:
        """Take out an optional part with required fields that the form left wholly empty, as
        its guideline comment says to do by hand («Bỏ cả mục nếu không có tệp kế hoạch»):
        left in, empty, it is an error the chair could not clear. Typing in it writes it back."""
        optional = node.kind == "group" and not node.required and "*" not in pattern(node.path)
        if not optional or not any(child.required for child in node.children):
            return
        sent = [v for p, v in self.payload.values.items() if p.startswith(node.path + ".")]
        if not sent or any(value.strip() for value in sent):
            return
        parts = split(node.path)
        parent = self.container(parts, create=False)
        if parent is None or not _has(parent, parts[-1]) or not _empty(parent[parts[-1]]):
            return
        _remove(parent, parts[-1])

    def written_blank(self, path: str) -> bool:
        parts = split(path)
        parent = self.container(parts, create=False)
        value = parent[parts[-1]] if parent is not None and _has(parent, parts[-1]) else None
        return isinstance(value, str) and not value.strip()

    def origin(self, path: str) -> str | None:
        """Where a value of the form (rows as they now stand) stood in the file; None if new."""
        parts = split(path)
        old: list[str | int] = []
        for i, part in enumerate(parts):
            rows = self.payload.lists.get(join(parts[:i]))
            if isinstance(part, int) and rows is not None:
                if part >= len(rows) or rows[part] is None:
                    return None
                old.append(rows[part])  # type: ignore[arg-type]
            else:
                old.append(part)
        return join(tuple(old))

    def reorder(self, path: str, rows: list[int | None]) -> None:
        parts = split(path)
        parent = self.container(parts, create=bool(rows))
        if parent is None:
            return
        key = parts[-1]
        current = parent[key] if _has(parent, key) else None
        items = list(current) if isinstance(current, list) else []
        if isinstance(current, list) and rows == list(range(len(items))):
            return  # untouched: the list stays as it is written
        if any(o is not None and o >= len(items) for o in rows):
            raise Unsavable("danh sách trong tệp đã thay đổi; hãy tải lại trang")
        node = self.kinds.get(pattern(path))
        rows_of_groups = node is not None and node.kind == "rows"
        new = [
            items[o] if o is not None else CommentedMap() if rows_of_groups else "" for o in rows
        ]
        if isinstance(current, CommentedSeq):
            if (token := _detach(current)) is not None:
                self.trailing.append((path, token))
            del current[:]
            current.extend(new)
        else:
            self.put(parent, key, CommentedSeq(new), path)

    def container(self, parts: tuple[str | int, ...], *, create: bool) -> Any:
        """The map or list holding the value at `parts`, made (in the schema's order) where
        missing if `create`."""
        current: Any = self.document
        for i, part in enumerate(parts[:-1]):
            wanted = list if isinstance(parts[i + 1], int) else dict
            child = current[part] if _has(current, part) else None
            if not isinstance(child, wanted):
                if not create or (isinstance(current, list) and not _has(current, part)):
                    return None
                path = join(parts[: i + 1])
                child = CommentedSeq() if wanted is list else self.expand(path)
                self.put(current, part, child, path)
            current = child
        return current

    def expand(self, path: str) -> CommentedMap:
        """A group the file wrote as a shorthand (`phan_mem: có`, `- anh/01.jpg`) as the
        fields it stands for; an empty group where there was none."""
        before = self.origin(path)
        node = self.shown.find(before) if before is not None else None
        expanded = CommentedMap()
        for child in node.children if node is not None else []:
            if child.kind in LEAVES and child.value:
                expanded[child.key] = _scalar(child.value, child)
        return expanded

    def put(self, parent: Any, key: str | int, value: Any, path: str) -> None:
        """Set `parent[key]`; a new key goes where the schema has it, not at the end."""
        if isinstance(parent, list) or key in parent:
            parent[key] = value  # type: ignore[index]  # a list is only given int keys
            return
        group = self.kinds.get(pattern(path.rsplit(".", 1)[0])) if "." in path else self.shown
        order = [c.key for c in group.children] if group is not None else []
        if key in order:
            before = set(order[: order.index(str(key))])
            parent.insert(sum(1 for k in parent if k in before), key, value)
        else:
            parent[key] = value

    def set(self, path: str, value: str, node: Node) -> None:
        parts = split(path)
        parent = self.container(parts, create=bool(value.strip()))
        if parent is None:
            return
        key = parts[-1]
        if value.strip():
            self.put(parent, key, _scalar(value, node), path)
        elif isinstance(parent, list) and isinstance(key, int):
            parent[key] = ""
        elif node.required:
            self.put(parent, key, None, path)
        elif _has(parent, key):
            _remove(parent, key)


def _remove(parent: Any, key: Any) -> None:
    """Delete `parent[key]`, keeping the comment written after it (the next key's heading)."""
    keys = list(parent)
    value = parent[key]
    token = _detach(value) if isinstance(value, CommentedMap | CommentedSeq) else _take(parent, key)
    del parent[key]
    at = keys.index(key)
    if token is not None and at > 0:
        _attach(parent, keys[at - 1], token)


def _empty(value: Any) -> bool:
    """Nothing written: no value, or only groups and lists of no value."""
    if isinstance(value, dict):
        return all(_empty(item) for item in value.values())
    if isinstance(value, list):
        return all(_empty(item) for item in value)
    return value is None or (isinstance(value, str) and not value.strip())


def _detach(node: Any) -> Any:
    """Take the comment written after the last item of `node` (the next section's heading,
    as ruamel.yaml keeps it), so that it can follow the list's new last item."""
    if isinstance(node, CommentedSeq | CommentedMap) and len(node):
        key = len(node) - 1 if isinstance(node, CommentedSeq) else list(node)[-1]
        return (
            _detach(node[key])
            if isinstance(node[key], CommentedMap | CommentedSeq)
            else (_take(node, key))
        )
    return None


def _take(parent: Any, key: Any) -> Any:
    """Take the comment after the scalar `parent[key]`, written as after a plain one."""
    entry = parent.ca.items.get(key)
    slot = 0 if isinstance(parent, CommentedSeq) else 2
    if not entry or len(entry) <= slot or entry[slot] is None:
        return None
    token, entry[slot] = entry[slot], None
    if isinstance(parent[key], LiteralScalarString):  # a block `|` ends with its own newline
        token.value = "\n" + " " * token.column + token.value
    return token


def _attach(parent: Any, key: Any, token: Any) -> None:
    """Put `token` after the last item below `parent[key]` (or after the value itself)."""
    value = parent[key]
    if isinstance(value, CommentedSeq | CommentedMap) and len(value):
        last = len(value) - 1 if isinstance(value, CommentedSeq) else list(value)[-1]
        _attach(value, last, token)
        return
    if isinstance(value, LiteralScalarString) and token.value.startswith("\n"):
        token.value = token.value[1:].lstrip(" ")
    slot = 0 if isinstance(parent, CommentedSeq) else 2
    parent.ca.items.setdefault(key, [None, None, None, None])[slot] = token


def _same(shown: str, sent: str, node: Node) -> bool:
    if node.kind == "prose":
        return shown.replace("\r\n", "\n").strip() == sent.replace("\r\n", "\n").strip()
    return shown.strip() == sent.strip()


def _scalar(value: str, node: Node) -> Any:
    if node.kind == "prose":
        return LiteralScalarString(value.replace("\r\n", "\n").strip() + "\n")
    if node.kind == "text":
        return value.strip()
    if node.kind == "number" and (number := node.number(value)) is not None:
        return number
    return _Plain(value.strip())  # as typed: `validate` then says what is wrong, at its line
