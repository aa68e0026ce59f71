"""The blank form `baocao init` writes: every field of the schema, commented from its docs.

Generated from the pydantic models at run time, so the form can never fall
behind the schema. Placeholders are chosen so that `baocao validate` on the
untouched form reports each field still to fill as «chưa điền», and nothing else.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from baocao.schema import DEFAULT_PACK, BaoCao, json_schema
from baocao.schema.types import is_prose
from baocao.schema.walk import is_model, unwrap_optional

WIDTH = 92
SCHEMA_FILE = "baocao.schema.json"

_HEADER = """\
# yaml-language-server: $schema={schema}
#
# {title} — tệp dữ liệu của baocao.
# Điền từng mục theo chú thích (trích {source}), rồi chạy:
#   baocao validate {name}   liệt kê những mục còn thiếu hoặc chưa đúng
#   baocao render {name}     xuất {document} .docx
# Cách viết:
#   * Giữ nguyên tên mục (bên trái dấu «:»); mục lạ hoặc gõ sai tên là lỗi.
#   * Văn xuôi: viết các dòng dưới dấu «|», thụt vào sâu hơn tên mục 2 dấu cách;
#     mỗi dòng là một đoạn văn.
#   * Danh sách: mỗi mục một dòng «- …»; dòng có dấu «: » thì đặt trong ngoặc kép.
"""

REPORT_WRITING = (
    "Ngày viết 20/12/2023; số tiền là số nguyên tính bằng đồng (500000).",
    "Mục «(không bắt buộc)» có thể để trống.",
)
PLAN_WRITING = (
    "Ngày viết 10/10/2023.",
    "Không gõ đề mục và số thứ tự (I., 1., II., …): baocao tự in theo gói hướng dẫn.",
    "Mục «(không bắt buộc)» có thể để trống.",
)
"""The last lines of «Cách viết»: a plan has no sums of money, and its headings are printed."""


@dataclass(frozen=True)
class Form:
    """What a blank form is made of: the document's model, its title, the pack it follows."""

    model: type[BaseModel] = BaoCao
    name: str = "Báo cáo sơ kết hoạt động công đoàn học kỳ I"
    """What the document is, as a sentence starts; the form's header has it in capitals."""
    source: str = "hướng dẫn của Công đoàn Giáo dục tỉnh"
    pack: str = DEFAULT_PACK
    """Written as the form's `huong_dan`, so that the filled form names its pack."""
    schema_file: str = SCHEMA_FILE
    document: str = "báo cáo"
    """The kind of document in the form's words: «báo cáo», «kế hoạch»."""
    writing: tuple[str, ...] = REPORT_WRITING

    def schema_text(self) -> str:
        """The JSON Schema of the data file, as written to disk."""
        schema = json_schema(self.model, self.name)
        return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def schema_text() -> str:
    """The JSON Schema of the data file of the default pack, as written to disk."""
    return Form().schema_text()


def skeleton(name: str, form: Form = Form()) -> str:
    """The commented blank form for a data file called `name`."""
    header = _HEADER.format(
        schema=form.schema_file,
        name=name,
        title=form.name.upper(),
        source=form.source,
        document=form.document,
    )
    lines = [*header.splitlines(), *(f"#   * {line}" for line in form.writing)]
    lines += _model_lines(form.model, 0, {"huong_dan": form.pack})
    return "\n".join(lines) + "\n"


def _model_lines(
    model: type[BaseModel], indent: int, preset: dict[str, str] | None = None
) -> list[str]:
    """The lines of each field; `preset` fields are written with their value, not blank."""
    lines: list[str] = []
    for key, info in model.model_fields.items():
        if indent == 0:
            lines.append("")
        lines += _comment(info, indent)
        if preset and key in preset:
            lines.append(f"{key}: {_scalar(preset[key])}")
        else:
            lines += _field_lines(key, info, indent)
    return lines


def _comment(info: FieldInfo, indent: int) -> list[str]:
    text = f"{info.title}: {info.description}" if info.description else str(info.title)
    if not info.is_required():
        text += " (không bắt buộc)"
    prefix = " " * indent + "# "
    return textwrap.wrap(text, WIDTH, initial_indent=prefix, subsequent_indent=prefix + "  ")


def _field_lines(key: str, info: FieldInfo, indent: int) -> list[str]:
    pad = " " * indent
    kind = unwrap_optional(info.annotation)
    default = None if info.is_required() else info.get_default(call_default_factory=True)
    if is_model(kind):
        return [f"{pad}{key}:", *_model_lines(kind, indent + 2)]
    if get_origin(kind) is list:
        return _list_lines(key, get_args(kind)[0], default, indent)
    if is_prose(info):
        return [f"{pad}{key}: |"]
    return [f"{pad}{key}:{_after_colon(default)}"]


def _list_lines(key: str, item: Any, default: list[Any] | None, indent: int) -> list[str]:
    pad = " " * indent
    if default:
        return [f"{pad}{key}:", *(f"{pad}  - {_scalar(value)}" for value in default)]
    if default is not None:  # optional and empty by default
        return [f"{pad}{key}: []"]
    if not is_model(item):
        return [f"{pad}{key}:", f"{pad}  - {_scalar('')}"]
    body = _model_lines(item, indent + 4)
    first = next(i for i, line in enumerate(body) if not line.lstrip().startswith("#"))
    body[first] = f"{pad}  - {body[first].lstrip()}"
    return [f"{pad}{key}:", *body]


def _after_colon(value: Any) -> str:
    return "" if value is None else f" {_scalar(value)}"


def _scalar(value: Any) -> str:
    """`value` as YAML: plain when it reads back the same, double-quoted otherwise."""
    plain = str(value)
    try:
        if plain and yaml.safe_load(f"k: {plain}") == {"k": value}:
            return plain
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)
