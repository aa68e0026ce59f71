"""Part II of the guideline: results of semester I, points 1 to 6."""

from __future__ import annotations

from typing import Any

from baocao.schema.types import DanhSach, Dong, Model, SoDem, SoTien, VanBan, field

_DANH_GIA = (
    "Đánh giá về công tác chỉ đạo, triển khai và các giải pháp đã thực hiện nội dung này "
    "trong học kỳ I của đơn vị."
)


def _danh_gia() -> Any:
    return field("Đánh giá chung", _DANH_GIA)


def _phoi_hop() -> Any:
    return field(
        "Phối hợp với chính quyền",
        "Những nội dung công đoàn phối hợp với chính quyền (Ban giám hiệu) thực hiện.",
        min_length=1,
    )


def _chu_dong() -> Any:
    return field(
        "Công đoàn chủ động",
        "Những nội dung công đoàn đã chủ động triển khai thực hiện.",
        min_length=1,
    )


class KhoanChi(Model):
    """One line of support or spending: people × amount per person, or a total."""

    noi_dung: Dong = field("Nội dung", "Ví dụ «Thăm hỏi đoàn viên ốm đau».")
    so_nguoi: SoDem | None = field("Số người", "Số người được hỗ trợ.", default=None)
    muc_chi: SoTien | None = field(
        "Mức chi mỗi người", "Số tiền cho mỗi người, tính bằng đồng.", default=None
    )
    so_tien: SoTien | None = field(
        "Tổng số tiền",
        "Tổng số tiền (đồng) khi không tính theo đầu người; bỏ trống nếu đã ghi số người "
        "và mức chi.",
        default=None,
    )


class HoatDongChi(Model):
    """An activity described in prose, with the spending it involved."""

    mo_ta: VanBan = field("Mô tả", "Nội dung, cách làm và kết quả.")
    khoan_chi: list[KhoanChi] = field("Các khoản chi", "Từng khoản chi.", default_factory=list)


class ChamLo(Model):
    """1. Care for staff, representation and protection of their rights, participation."""

    danh_gia: VanBan = _danh_gia()
    phoi_hop: DanhSach = _phoi_hop()
    chu_dong: DanhSach = _chu_dong()
    tham_hoi: HoatDongChi = field(
        "Hỗ trợ, thăm hỏi",
        "Công tác hỗ trợ, thăm hỏi, giúp đỡ CBNGNLĐ tháo gỡ khó khăn, vướng mắc trong cuộc "
        "sống, trong công tác.",
    )
    ke_hoach_tet: HoatDongChi = field(
        "Dự trù chăm lo Tết",
        "Dự trù chăm lo Tết Nguyên đán Giáp Thìn 2024 cho CBNGNLĐ tại đơn vị.",
    )
    de_xuat: VanBan = field(
        "Đề xuất, tác động",
        "Các đề xuất và tác động trở lại của các tổ chức, đoàn thể với các cơ quan quản lý "
        "nhằm đảm bảo quyền, lợi ích hợp pháp, chính đáng của CBNGNLĐ.",
    )
    dan_chu: VanBan = field(
        "Dân chủ cơ sở, hội nghị CBCCVC",
        "Việc thực hiện quy chế dân chủ ở cơ sở; phối hợp tổ chức hội nghị CBCCVC, hội nghị "
        "người lao động.",
    )


class TuyenTruyen(Model):
    """2. Propaganda and mobilisation; developing teachers and education managers."""

    danh_gia: VanBan = _danh_gia()
    duong_loi: VanBan = field(
        "Tuyên truyền đường lối, chính sách",
        "Tuyên truyền đường lối, chủ trương của Đảng, chính sách pháp luật của Nhà nước.",
    )
    nganh_nghe: VanBan = field(
        "Hoạt động mang tính ngành nghề",
        "Phổ biến, triển khai các nội dung hoạt động công đoàn mang tính ngành nghề: giáo dục "
        "pháp luật; chương trình sách giáo khoa mới; năng lực ứng xử, đạo đức nhà giáo.",
    )


class PhongTrao(Model):
    """One emulation movement or campaign."""

    ten: Dong = field("Tên phong trào", "Tên, nội dung phong trào thi đua hoặc cuộc vận động.")
    noi_phat_dong: Dong = field("Nơi phát động", "Ví dụ «Công đoàn Giáo dục Việt Nam».")
    giai_phap: VanBan = field("Giải pháp triển khai", "Giải pháp triển khai cụ thể.")
    muc_do_phu_hop: VanBan = field(
        "Mức độ phù hợp", "Mức độ phù hợp với đặc điểm đơn vị, địa phương, cơ sở."
    )
    ket_qua: VanBan = field("Kết quả đạt được", "Kết quả đạt được.")
    mo_hinh_hay: DanhSach = field(
        "Mô hình hay, cách làm sáng tạo",
        "Những mô hình hay, cách làm sáng tạo, kết quả nổi bật.",
        default_factory=list,
    )
    khen_thuong: DanhSach = field(
        "Tôn vinh, khen thưởng",
        "Việc tôn vinh, khen thưởng các tấm gương điển hình.",
        default_factory=list,
    )


class ThiDua(Model):
    """3. Patriotic emulation movements and campaigns."""

    danh_gia: VanBan = _danh_gia()
    phoi_hop: DanhSach = _phoi_hop()
    chu_dong: DanhSach = _chu_dong()
    phong_trao: list[PhongTrao] = field(
        "Các phong trào thi đua",
        "Từng phong trào thi đua, cuộc vận động: tên, nơi phát động, giải pháp, mức độ phù hợp, "
        "kết quả, mô hình hay, khen thưởng.",
        min_length=1,
    )
    xa_hoi_hoa: VanBan = field(
        "Xã hội hóa giáo dục", "Đánh giá về việc thực hiện công tác xã hội hóa giáo dục."
    )
    nhan_dao: VanBan = field(
        "Nhân đạo, từ thiện", "Triển khai và kết quả các hoạt động nhân đạo, từ thiện."
    )


class PhatTrien(Model):
    """Growth of union and Party membership (new union members come from part I)."""

    mo_ta: VanBan = field("Mô tả", "Kết quả công tác phát triển đoàn viên, đảng viên.")
    gioi_thieu_dang: SoDem = field(
        "Giới thiệu cho Đảng", "Số đoàn viên ưu tú được giới thiệu cho Đảng xem xét.", default=0
    )
    ket_nap_dang: SoDem = field(
        "Được kết nạp Đảng", "Số đoàn viên được kết nạp vào Đảng trong học kỳ.", default=0
    )


class ToChuc(Model):
    """4. New ways of working, cadre quality, a strong union, building the Party."""

    danh_gia: VanBan = _danh_gia()
    phoi_hop: DanhSach = _phoi_hop()
    chu_dong: DanhSach = _chu_dong()
    diem_moi: VanBan = field(
        "Điểm mới về nội dung, phương pháp",
        "Những điểm mới về nội dung, phương pháp hoạt động công đoàn đã thực hiện; kết quả "
        "và kinh nghiệm tổ chức thực hiện.",
    )
    can_bo: VanBan = field(
        "Chất lượng cán bộ công đoàn",
        "Các giải pháp đã thực hiện và kết quả nâng cao chất lượng đội ngũ cán bộ công đoàn.",
    )
    phat_trien: PhatTrien = field(
        "Phát triển đoàn viên, đảng viên", "Kết quả về công tác phát triển đoàn viên, đảng viên."
    )
    dao_tao: VanBan = field(
        "Đào tạo, bồi dưỡng", "Công tác đào tạo, bồi dưỡng, tập huấn cán bộ công đoàn các cấp."
    )
    thanh_tra_nhan_dan: VanBan = field(
        "Ban thanh tra nhân dân", "Hoạt động của Ban thanh tra nhân dân trường học."
    )


class KiemTra(Model):
    """5. Inspection work."""

    danh_gia: VanBan = field(
        "Hoạt động kiểm tra",
        "Hoạt động kiểm tra của công đoàn và của UBKT công đoàn; tham mưu, giúp Ban Chấp hành "
        "kiểm tra toàn diện và kiểm tra việc chấp hành Điều lệ Công đoàn; đánh giá kết quả.",
    )
    cuoc_kiem_tra: DanhSach = field(
        "Các cuộc kiểm tra", "Từng cuộc kiểm tra đã thực hiện và kết quả.", default_factory=list
    )


class NuCong(Model):
    """6. Women's work and gender equality."""

    hoat_dong: VanBan = field(
        "Hoạt động nữ công", "Những hoạt động mang màu sắc giới trong hoạt động nữ công."
    )
    gioi_viec_truong: VanBan = field(
        "Phong trào «Giỏi việc trường – Đảm việc nhà»", "Kết quả phong trào thi đua."
    )
    tam_guong: DanhSach = field(
        "Tấm gương điển hình", "Các tấm gương điển hình.", default_factory=list
    )


class KetQua(Model):
    """II. Kết quả hoạt động công đoàn học kỳ I."""

    cham_lo: ChamLo = field(
        "1. Chăm lo, đại diện, bảo vệ",
        "Công tác chăm lo đời sống, đại diện bảo vệ quyền, lợi ích hợp pháp, chính đáng của "
        "CBNGNLĐ; tham gia quản lý, xây dựng mối quan hệ lao động hài hòa, ổn định.",
    )
    tuyen_truyen: TuyenTruyen = field(
        "2. Tuyên truyền, vận động",
        "Công tác tuyên truyền, vận động đội ngũ CBNGNLĐ thực hiện đường lối, chủ trương của "
        "Đảng, chính sách pháp luật của Nhà nước; nghị quyết, chủ trương công tác công đoàn; "
        "phát triển đội ngũ nhà giáo và cán bộ quản lý giáo dục.",
    )
    thi_dua: ThiDua = field(
        "3. Phong trào thi đua",
        "Việc tổ chức các phong trào thi đua yêu nước, các cuộc vận động của ngành, "
        "của địa phương.",
    )
    to_chuc: ToChuc = field(
        "4. Đổi mới, xây dựng tổ chức",
        "Đổi mới nội dung, phương pháp hoạt động công đoàn; nâng cao chất lượng đội ngũ cán bộ "
        "và hiệu quả hoạt động; xây dựng tổ chức công đoàn vững mạnh; tham gia xây dựng Đảng.",
    )
    kiem_tra: KiemTra = field("5. Công tác kiểm tra", "Công tác kiểm tra.")
    nu_cong: NuCong = field(
        "6. Nữ công, bình đẳng giới",
        "Công tác nữ công và bình đẳng giới; phong trào «Giỏi việc trường – Đảm việc nhà».",
    )
