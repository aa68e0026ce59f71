"""What in a template would load something from outside it, or print a broken tag.

Word can make a document fetch content when it is opened, printed or
converted: a picture linked instead of inserted, an OLE object, an attached
template, and fields such as INCLUDEPICTURE or LINK. A report must be
self-contained (and converting it must not reach a server or read a file the
template names), so each of these is a problem of the template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from jinja2 import Environment, TemplateSyntaxError, nodes

from baocao.render.template.names import Finding
from baocao.render.template.package import ExternalLink

_KINDS = {
    "image": "ảnh liên kết",
    "oleObject": "đối tượng OLE liên kết",
    "package": "đối tượng nhúng liên kết",
    "attachedTemplate": "mẫu đính kèm (attachedTemplate)",
    "subDocument": "văn bản con (subDocument)",
    "frame": "khung (frame)",
    "audio": "âm thanh liên kết",
    "video": "video liên kết",
}


def link_message(link: ExternalLink) -> str:
    """What is wrong with an external relationship, for a person."""
    kind = _KINDS.get(link.kind, f"tài nguyên liên kết ({link.kind})")
    return (
        f"mẫu có {kind} trỏ ra ngoài tệp «{link.target}»: khi mở hoặc xuất PDF sẽ nạp tệp đó; "
        "hãy chèn hẳn vào mẫu thay vì liên kết"
    )


def external_problems(links: Iterable[ExternalLink]) -> list[tuple[str, str]]:
    """(where, message) for relationships not located in a paragraph: by their part."""
    return [(f"phần {link.source} ({link.rel_id})", link_message(link)) for link in links]


_LOADING = ("INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "LINK", "IMPORT", "DDEAUTO", "DDE")
_FIELD = re.compile(rf"(?<![\w\\]){'|'.join(_LOADING)}(?!\w)", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def field_message(name: str) -> str:
    return f"trường «{name.upper()}» nạp nội dung từ bên ngoài tệp, không dùng được trong mẫu"


def loading_fields(root: Any) -> Iterator[tuple[Any, str]]:
    """(element, field name) for each field that loads: simple fields and field codes.

    A field code may be split over several `w:instrText` runs, so a paragraph's
    codes are read joined.
    """
    for simple in root.iter(f"{_W}fldSimple"):
        for match in _FIELD.finditer(simple.get(f"{_W}instr", "")):
            yield simple, match[0]
    for paragraph in root.iter(f"{_W}p"):
        code = "".join(t.text or "" for t in paragraph.iter(f"{_W}instrText"))
        for match in _FIELD.finditer(code):
            yield paragraph, match[0]


def field_problems(parts: Iterable[tuple[str, Any]]) -> list[tuple[str, str]]:
    """(where, message) for loading fields in parts docxtpl does not render."""
    return [
        (f"phần {name}", field_message(field))
        for name, root in parts
        for _, field in loading_fields(root)
    ]


_UNSUPPORTED = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)
_TAG_NAMES = {
    nodes.Include: "include",
    nodes.Import: "import",
    nodes.FromImport: "from … import",
    nodes.Extends: "extends",
}


def unsupported_tags(tree: nodes.Template) -> list[Finding]:
    """`{% include %}`, `{% import %}`, `{% extends %}`: a template is one .docx, alone."""
    return [
        Finding(
            node.lineno,
            "",
            f"thẻ «{_TAG_NAMES[type(node)]}» không dùng được: mẫu phải nằm trọn trong một tệp "
            ".docx, không nạp mẫu khác",
        )
        for node in tree.find_all(_UNSUPPORTED)
    ]


_STRAY = re.compile(r"\{\s+[{%]|[%}]\s+\}|%\}|\}\}")
"""What is left of a tag Jinja did not see as one (`{ x }}`, `{ % x %}`, `{{ x } }`)."""
_XML_TAG = re.compile(r"<[^>]*>")


def stray_tags(env: Environment, source: str) -> list[Finding]:
    """Broken tags that Jinja takes for text, which would print literally in every report."""
    try:
        tokens = list(env.lex(source))
    except TemplateSyntaxError:
        return []  # the syntax error is reported; its line's text cannot be told apart
    findings = []
    for lineno, kind, value in tokens:
        if kind != "data":
            continue
        for offset, line in enumerate(value.split("\n")):
            match = _STRAY.search(_XML_TAG.sub("", line))
            if match:
                message = f"thẻ viết sai «{match[0]}»: sẽ in nguyên văn vào báo cáo"
                findings.append(Finding(lineno + offset, match[0], message))
    return findings
