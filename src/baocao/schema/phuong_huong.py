"""Parts III and IV of the guideline: what was hard, and the plan for semester II."""

from __future__ import annotations

from baocao.schema.types import DanhSach, Dong, Model, VanBan, field


class TonTai(Model):
    """A shortcoming, its cause and the remedy planned for semester II."""

    han_che: Dong = field("Tồn tại, hạn chế", "Tồn tại, hạn chế.")
    nguyen_nhan: Dong = field("Nguyên nhân", "Nguyên nhân của tồn tại, hạn chế.")
    giai_phap: Dong = field("Giải pháp khắc phục", "Giải pháp khắc phục trong học kỳ II.")


class DacThu(Model):
    """III. Kết quả thực hiện các nhiệm vụ theo đặc thù riêng."""

    kho_khan: DanhSach = field(
        "Khó khăn, vướng mắc",
        "Những khó khăn, vướng mắc trong quá trình triển khai, thực hiện nhiệm vụ học kỳ I.",
        min_length=1,
    )
    ton_tai: list[TonTai] = field(
        "Tồn tại, hạn chế",
        "Những tồn tại, hạn chế, nguyên nhân và giải pháp khắc phục trong học kỳ II.",
        min_length=1,
    )
    de_xuat: DanhSach = field(
        "Đề xuất, kiến nghị",
        "Những đề xuất, kiến nghị (bỏ trống nếu không có).",
        default_factory=list,
    )


class NhiemVu(Model):
    """A key task for semester II with how it will be carried out."""

    noi_dung: Dong = field("Nhiệm vụ", "Nhiệm vụ trọng tâm.")
    giai_phap: DanhSach = field("Giải pháp", "Giải pháp tổ chức thực hiện.", default_factory=list)


class HocKy2(Model):
    """IV. Nhiệm vụ trọng tâm hoạt động công đoàn học kỳ II."""

    du_bao: VanBan = field(
        "Dự báo tình hình",
        "Dự báo tình hình, biến động về cơ cấu tổ chức, số lượng, chất lượng đoàn viên công "
        "đoàn, các điều kiện chủ quan và khách quan ảnh hưởng đến công tác công đoàn của đơn vị "
        "trong học kỳ II.",
    )
    nhiem_vu: list[NhiemVu] = field(
        "Nhiệm vụ trọng tâm",
        "Nhiệm vụ trọng tâm công tác công đoàn và giải pháp tổ chức thực hiện trong học kỳ II.",
        min_length=1,
    )
