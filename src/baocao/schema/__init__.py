"""The input schema: one pydantic model per part of the Ninh Bình guideline."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from baocao.schema.anh import Anh
from baocao.schema.chi_tieu import ChiTieuBaoCao
from baocao.schema.ket_qua import KetQua
from baocao.schema.phuong_huong import DacThu, HocKy2
from baocao.schema.tinh_hinh import TinhHinh
from baocao.schema.types import Dong, Model, field
from baocao.schema.van_ban import VanBan

DEFAULT_PACK = "ninh-binh-hk1-2023-2024"
"""The guideline pack of a report that names none: the one `BaoCao` is written for."""


class BaoCao(Model):
    """Báo cáo sơ kết hoạt động công đoàn học kỳ I."""

    huong_dan: Dong | None = field(
        "Gói hướng dẫn",
        "Mã gói hướng dẫn mà báo cáo theo (xem «baocao huong-dan list»), hoặc đường dẫn tệp gói; "
        f"không ghi thì baocao dùng gói {DEFAULT_PACK} và cảnh báo.",
        default=None,
    )
    van_ban: VanBan = field("Thông tin văn bản", "Cơ quan, số, ngày, nơi nhận, người ký.")
    tinh_hinh: TinhHinh = field(
        "I. Tình hình đội ngũ", "Tình hình đội ngũ cán bộ, nhà giáo và người lao động."
    )
    ket_qua: KetQua = field("II. Kết quả hoạt động", "Kết quả hoạt động công đoàn học kỳ I.")
    dac_thu: DacThu = field(
        "III. Nhiệm vụ đặc thù", "Kết quả thực hiện các nhiệm vụ theo đặc thù riêng."
    )
    hoc_ky_2: HocKy2 = field(
        "IV. Nhiệm vụ học kỳ II", "Nhiệm vụ trọng tâm hoạt động công đoàn học kỳ II."
    )
    chi_tieu: ChiTieuBaoCao | None = field(
        "Chỉ tiêu năm học",
        "Kết quả thực hiện các chỉ tiêu của kế hoạch năm học; baocao tự đánh giá từng chỉ tiêu "
        "và in bảng ở phụ lục. Bỏ cả mục nếu không có tệp kế hoạch.",
        default=None,
    )
    anh: list[Anh] = field(
        "Ảnh hoạt động",
        "Hướng dẫn yêu cầu kèm 5-10 ảnh gửi file riêng: mỗi ảnh một tệp và chú thích.",
        default_factory=list,
    )


def json_schema(
    model: type[BaseModel] = BaoCao,
    title: str = "Báo cáo sơ kết hoạt động công đoàn học kỳ I",
) -> dict[str, Any]:
    """The JSON Schema of the data file, for editors that check YAML as it is typed.

    Pydantic describes each model with its (English) docstring; a field's own
    Vietnamese description already says the same to the user, so those go.
    """
    schema = model.model_json_schema()
    for definition in [schema, *schema.get("$defs", {}).values()]:
        definition.pop("description", None)
    schema["title"] = f"{title} (baocao)"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return schema


__all__ = ["DEFAULT_PACK", "BaoCao", "json_schema"]
