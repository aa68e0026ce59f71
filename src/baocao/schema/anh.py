"""Photos sent with the report: the guideline asks for 5 to 10, «gửi file riêng»."""

from __future__ import annotations

from typing import Any

from pydantic import ConfigDict, model_validator

from baocao.schema.types import Dong, DuongDan, Model, field


def _or_a_bare_path(schema: dict[str, Any]) -> None:
    """The JSON Schema of a photo as `_bare_file` reads it: a mapping, or just its path."""
    mapping = {key: value for key, value in schema.items() if key != "description"}
    schema.clear()
    bare = {
        "type": "string",
        "minLength": 1,
        "description": "Chỉ đường dẫn tệp ảnh, khi ảnh không có chú thích: «- anh/01.jpg».",
    }
    schema.update(title=mapping["title"], anyOf=[bare, mapping])


class Anh(Model):
    """One photo of the semester's activities, and its caption if it has one."""

    model_config = ConfigDict(json_schema_extra=_or_a_bare_path)

    tep: DuongDan = field(
        "Tệp ảnh",
        "Đường dẫn tệp ảnh (JPEG, PNG), tính từ thư mục chứa tệp báo cáo, "
        "ví dụ anh/01-hoi-nghi.jpg.",
    )
    chu_thich: Dong | None = field(
        "Chú thích",
        "Ảnh chụp hoạt động gì, ở đâu, khi nào, ví dụ «Hội nghị viên chức năm học»; "
        "không bắt buộc.",
        default=None,
    )

    @model_validator(mode="before")
    @classmethod
    def _bare_file(cls, value: Any) -> Any:
        """`- anh/01.jpg` in the list is a photo without caption."""
        return {"tep": value} if isinstance(value, str) else value
