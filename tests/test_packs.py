"""Guideline packs: the pack file's checks, the bundled pack, the model a pack derives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from baocao.errors import DataError
from baocao.load.marked import load
from baocao.packs.blocks import BLOCKS
from baocao.packs.derive import leaves, report_model
from baocao.packs.find import bundled
from baocao.packs.load import check_pack, load_pack
from baocao.packs.model import ThamSo
from baocao.packs.numbering import numbering_problems
from baocao.schema import BaoCao
from baocao.schema.walk import is_model, item_type, unwrap_optional

from .conftest import EXAMPLES, GUIDELINE, MINIMAL

SMALL_PACK = """\
ma: thu-nghiem
ten: Hướng dẫn thử nghiệm
co_quan: Liên đoàn Lao động huyện Thử
nam_hoc: 2023-2024
ky: ca_nam
van_ban:
  loai: BC
  ten_loai: BÁO CÁO
  trich_yeu: Tổng kết năm học 2023-2024
  kinh_gui: [Ban Thường vụ Liên đoàn Lao động huyện Thử]
  noi_nhan: [Như trên, "Lưu: VT"]
noi_dung:
  - so: Phần thứ nhất
    tieu_de: Kết quả năm học
    ma: ket_qua
    muc:
      - so: A.
        tieu_de: Tình hình chung
        ma: chung
        muc:
          - so: "1."
            tieu_de: Đội ngũ
            ma: doi_ngu
            khoi: so_lieu_doi_ngu
            huong_dan: Tổng số CBNGNLĐ, nữ, đoàn viên đến 31/5.
            tham_so: {ngay_chot: 31/5}
          - so: "2."
            tieu_de: Các hoạt động
            ma: hoat_dong
            muc:
              - {so: a), tieu_de: Thăm hỏi, ma: tham_hoi, khoi: khoan_chi}
              - {so: b), tieu_de: Thi đua, ma: thi_dua, khoi: phong_trao, bat_buoc: false}
  - so: Phần thứ hai
    tieu_de: Phương hướng năm học mới
    ma: phuong_huong
    khoi: danh_sach
    tham_so: {it_nhat: 2}
"""


def _pack(tmp_path: Path, text: str = SMALL_PACK) -> Path:
    path = tmp_path / "goi.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_small_pack_loads(tmp_path: Path) -> None:
    goi = load_pack(_pack(tmp_path))
    assert [path for path, _ in leaves(goi)] == [
        ("ket_qua", "chung", "doi_ngu"),
        ("ket_qua", "chung", "hoat_dong", "tham_hoi"),
        ("ket_qua", "chung", "hoat_dong", "thi_dua"),
        ("phuong_huong",),
    ]


def test_every_problem_of_a_pack_in_one_run_located(tmp_path: Path) -> None:
    text = (
        SMALL_PACK.replace("khoi: so_lieu_doi_ngu", "khoi: so_lieu_doi_ngo")
        .replace("    tieu_de: Phương hướng năm học mới\n", "")
        .replace("so: b)", "so: c)")
        .replace("ma: thi_dua", "ma: tham_hoi")
        .replace("tham_so: {it_nhat: 2}", "tham_so: {it_nhat: 2, ngay_chot: 1/6}")
        .replace("ma: thu-nghiem\n", "ma: thu-nghiem\nma: khac\n")
    )
    path = _pack(tmp_path, text)
    _, problems = check_pack(path)
    lines = text.splitlines()

    def at(needle: str) -> int:
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    found = {(p.line, p.path, p.message) for p in problems}
    assert found == {
        (2, "ma", "mục «ma» bị lặp lại (đã có ở dòng 1); hãy gộp lại hoặc xoá một mục"),
        (
            at("so_lieu_doi_ngo"),
            "noi_dung[1].muc[1].muc[1].khoi",
            "không có loại khối «so_lieu_doi_ngo»; có phải «so_lieu_doi_ngu»?",
        ),
        (
            at("so: c)"),
            "noi_dung[1].muc[1].muc[2].muc[2].so",
            "«c)» sai thứ tự; mục này phải là «b)»",
        ),
        (
            at("ma: tham_hoi, khoi: phong"),
            "noi_dung[1].muc[1].muc[2].muc[2].ma",
            "mã «tham_hoi» đã dùng cho một mục khác cùng cấp",
        ),
        (
            at("so: Phần thứ hai"),
            "noi_dung[2].tieu_de",
            "thiếu mục bắt buộc «tieu_de» (Tiêu đề)",
        ),
        (
            at("ngay_chot: 1/6"),
            "noi_dung[2].tham_so.ngay_chot",
            "khối «danh_sach» không có tham số «ngay_chot» (chỉ có: it_nhat)",
        ),
    }
    assert all(str(p).startswith(f"{path}:{p.line}:{p.column}: ") for p in problems)
    with pytest.raises(DataError):
        load_pack(path)


@pytest.mark.parametrize(
    ("markers", "expected"),
    [
        (["I.", "II.", "III.", "IV."], []),
        (["Phần thứ nhất", "Phần thứ hai"], []),
        (["A.", "B.", None, "C."], []),
        (["1.1.", "1.2."], []),
        (["I.", "III."], [(1, "«III.» sai thứ tự; mục này phải là «II.»")]),
        (["a)", "2."], [(1, "«2.» không cùng kiểu đánh số với mục đầu («a)», «b)»…)")]),
        (["I.", "V."], [(1, "«V.» sai thứ tự; mục này phải là «II.»")]),
    ],
)
def test_numbering(markers: list[str | None], expected: list[tuple[int, str]]) -> None:
    assert list(numbering_problems(markers)) == expected


def test_unknown_marker_is_named() -> None:
    [(index, message)] = numbering_problems(["§1"])
    assert index == 0 and message.startswith("không nhận ra cách đánh số «§1»")


def test_every_block_parameter_is_a_field_of_tham_so() -> None:
    for block in BLOCKS.values():
        assert block.params <= ThamSo.model_fields.keys(), block.name


# --- the bundled pack ------------------------------------------------------------------------


def _guideline() -> str:
    return " ".join(GUIDELINE.read_text(encoding="utf-8").split())


def test_the_bundled_pack_quotes_the_guideline_word_for_word() -> None:
    goi = bundled()
    text = _guideline()
    for node in _nodes(goi.noi_dung):
        if node.so is not None:
            assert " ".join(node.heading.split()) in text, node.heading
        for line in (node.huong_dan or "").splitlines():
            assert " ".join(line.split()) in text, line


def test_the_bundled_pack_has_the_guideline_headings_in_order() -> None:
    goi = bundled()
    headings = [node.heading for node in _nodes(goi.noi_dung) if node.so is not None]
    positions = [_guideline().index(" ".join(h.split())) for h in headings]
    assert positions == sorted(positions)
    markers = ["I.", "II.", "1.", "2.", "3.", "4.", "5.", "6.", "III.", "IV."]
    assert [h.split()[0] for h in headings] == markers


def _nodes(nodes: list[Any]) -> list[Any]:
    return [n for node in nodes for n in [node, *_nodes(node.muc or [])]]


@pytest.mark.parametrize("source", [EXAMPLES / "hk1.yaml", MINIMAL])
def test_the_bundled_pack_derives_baocao(source: Path) -> None:
    data = load(source).data
    derived = report_model(bundled())
    assert derived.model_validate(data).model_dump() == BaoCao.model_validate(data).model_dump()


def _required(model: type[BaseModel], at: str = "") -> dict[str, bool]:
    found: dict[str, bool] = {}
    for key, info in model.model_fields.items():
        found[f"{at}{key}"] = info.is_required()
        inner = item_type(unwrap_optional(info.annotation))
        if is_model(inner):
            found.update(_required(inner, f"{at}{key}."))
    return found


def test_the_bundled_pack_requires_what_baocao_requires() -> None:
    assert _required(report_model(bundled())) == _required(BaoCao)


def test_the_derived_model_is_built_once_per_pack() -> None:
    assert report_model(bundled()) is report_model(bundled())


def test_derived_titles_and_descriptions_are_the_pack_s(tmp_path: Path) -> None:
    model = report_model(load_pack(_pack(tmp_path)))
    info = model.model_fields["ket_qua"]
    assert info.title == "Phần thứ nhất Kết quả năm học"
    chung = unwrap_optional(info.annotation).model_fields["chung"].annotation
    doi_ngu = chung.model_fields["doi_ngu"]
    assert (doi_ngu.title, doi_ngu.description) == (
        "1. Đội ngũ",
        "Tổng số CBNGNLĐ, nữ, đoàn viên đến 31/5.",
    )
    assert re.search("min_length=2", repr(model.model_fields["phuong_huong"]))
