"""Part I of the guideline: the staff (đội ngũ CBNGNLĐ) and their situation."""

from __future__ import annotations

from baocao.schema.types import DanhSach, Model, Ngay, SoDem, VanBan, field


class KhoKhan(Model):
    """Difficulties, split the way the guideline asks."""

    chu_quan: DanhSach = field("Khó khăn chủ quan", "Khó khăn do chính đơn vị.", min_length=1)
    khach_quan: DanhSach = field(
        "Khó khăn khách quan", "Khó khăn do điều kiện bên ngoài.", min_length=1
    )


class SoLieu(Model):
    """Staff figures at a given date."""

    thoi_diem: Ngay = field(
        "Thời điểm số liệu", "Số liệu tính đến ngày nào (hướng dẫn: đến thời điểm 20/12)."
    )
    tong_so: SoDem = field("Tổng số CBNGNLĐ", "Tổng số cán bộ, nhà giáo và người lao động.")
    nu: SoDem = field("Số nữ", "Số nữ CBNGNLĐ.")
    doan_vien: SoDem = field("Số đoàn viên công đoàn", "Tổng số đoàn viên công đoàn.")


class BienDong(Model):
    """Changes in membership over semester I."""

    dau_ky: SoDem | None = field(
        "Đoàn viên đầu học kỳ",
        "Số đoàn viên đầu học kỳ I; khi có, baocao kiểm tra số cuối kỳ có khớp với biến động.",
        default=None,
    )
    nghi_che_do: SoDem = field("Nghỉ chế độ", "Số đoàn viên nghỉ hưu, nghỉ chế độ.", default=0)
    chuyen_di: SoDem = field("Chuyển đi", "Số đoàn viên thuyên chuyển công tác đi.", default=0)
    chuyen_den: SoDem = field("Chuyển đến", "Số đoàn viên chuyển đến.", default=0)
    ket_nap_moi: SoDem = field("Kết nạp mới", "Số đoàn viên kết nạp mới, bổ sung.", default=0)
    chat_luong: VanBan | None = field(
        "Biến động về chất lượng", "Biến động về chất lượng đoàn viên trong học kỳ I.", default=None
    )


class TinhHinh(Model):
    """I. Tình hình đội ngũ cán bộ, nhà giáo và người lao động."""

    dac_diem: VanBan = field(
        "Đặc điểm, tình hình",
        "Nêu rõ đặc điểm, tình hình của địa phương, đơn vị tác động đến đội ngũ CBNGNLĐ, "
        "ảnh hưởng đến hiệu quả hoạt động công đoàn.",
    )
    thuan_loi: DanhSach = field("Thuận lợi", "Những thuận lợi.", min_length=1)
    kho_khan: KhoKhan = field("Khó khăn", "Những khó khăn chủ quan và khách quan.")
    so_lieu: SoLieu = field("Số liệu đội ngũ", "Tổng số CBNGNLĐ, nữ, đoàn viên công đoàn.")
    bien_dong: BienDong = field(
        "Biến động đoàn viên",
        "Biến động về số lượng, chất lượng đoàn viên học kỳ I: nghỉ chế độ, thuyên chuyển, "
        "kết nạp mới bổ sung.",
        default_factory=BienDong,
    )
    tu_tuong: VanBan = field(
        "Diễn biến tư tưởng",
        "Diễn biến tư tưởng, thái độ của đội ngũ trước tình hình chính trị, kinh tế xã hội "
        "của đất nước, của địa phương, đơn vị.",
    )
    doi_song: VanBan = field("Đời sống, thu nhập, việc làm", "Đời sống, thu nhập, việc làm.")
