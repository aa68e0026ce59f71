"""Photos sent with the report: the guideline asks for 5 to 10, «gửi file riêng»."""

from __future__ import annotations

from baocao.schema.types import Dong, Model, field


class Anh(Model):
    """One photo of the semester's activities, and its caption."""

    tep: Dong = field(
        "Tệp ảnh",
        "Đường dẫn tệp ảnh (JPEG, PNG), tính từ thư mục chứa tệp báo cáo, "
        "ví dụ anh/01-hoi-nghi.jpg.",
    )
    chu_thich: Dong = field(
        "Chú thích", "Ảnh chụp hoạt động gì, ở đâu, khi nào, ví dụ «Hội nghị viên chức năm học»."
    )
