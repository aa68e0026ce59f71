"""`baocao soan` over HTTP: the local server's safety rules, saving without loss, two tabs."""

from __future__ import annotations

import io
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("starlette")
pytest.importorskip("ruamel.yaml")

from starlette.testclient import TestClient

from baocao.checks.pipeline import check_bytes, check_source
from baocao.errors import UsageError
from baocao.schema import BaoCao
from baocao.soan.app import create_app
from baocao.soan.document import Document, Payload, apply
from baocao.soan.form import flatten
from tests.conftest import EXAMPLES, copy_example_attachments

PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
SAME = {"origin": BASE, "x-csrf-token": "csrf-secret", "sec-fetch-site": "same-origin"}
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


def _client(path: Path, *, logged_in: bool = True) -> TestClient:
    app = create_app(path, BaoCao, token="tok-secret", csrf="csrf-secret", port=PORT)
    client = TestClient(app, base_url=BASE)
    if logged_in:
        assert client.get("/?token=tok-secret", follow_redirects=False).status_code == 303
    return client


@pytest.fixture
def report(tmp_path: Path) -> Path:
    shutil.copy2(EXAMPLES / "hk1.yaml", tmp_path / "hk1.yaml")
    copy_example_attachments(tmp_path)
    return tmp_path / "hk1.yaml"


def _payload(client: TestClient) -> dict[str, Any]:
    """What the page would send untouched: every value it shows, every list as it is."""
    document = Document(client.app.app.state.session.document.path, BaoCao)  # type: ignore[attr-defined]
    raw = document.read()
    checked = check_source(document.path) if raw is not None else None
    values, lists = flatten(document.form(raw, checked.ke_hoach if checked else None))
    version = client.get("/kiem-tra").json()["version"]
    return {
        "version": version,
        "values": values,
        "lists": {k: list(range(n)) for k, n in lists.items()},
    }


# --- the safety rules ------------------------------------------------------------------------


def test_no_token_is_refused(report: Path) -> None:
    client = _client(report, logged_in=False)
    for url in ("/", "/kiem-tra", "/static/soan.js", "/tep/anh/01-hoi-nghi-vien-chuc.jpg"):
        assert client.get(url).status_code == 403
    assert client.get("/?token=wrong").status_code == 403


def test_token_becomes_a_strict_http_only_cookie(report: Path) -> None:
    client = _client(report, logged_in=False)
    answer = client.get("/?token=tok-secret", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("host", ["evil.example:8765", "127.0.0.1:9999", "localhost", ""])
def test_a_foreign_host_is_refused(report: Path, host: str) -> None:
    client = _client(report)
    assert client.get("/", headers={"host": host}).status_code == 400


def test_localhost_is_a_host_too(report: Path) -> None:
    client = _client(report)
    assert client.get("/kiem-tra", headers={"host": f"localhost:{PORT}"}).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {},  # no CSRF token
        {"x-csrf-token": "wrong", "origin": BASE},
        {"x-csrf-token": "csrf-secret", "origin": "https://evil.example"},
        {"x-csrf-token": "csrf-secret", "sec-fetch-site": "cross-site"},
    ],
)
def test_a_cross_site_post_is_refused(report: Path, headers: dict[str, str]) -> None:
    client = _client(report)
    before = report.read_bytes()
    answer = client.post("/luu", json=_payload(client), headers=headers)
    assert answer.status_code == 403
    assert report.read_bytes() == before


def test_an_oversized_upload_is_refused(report: Path) -> None:
    client = _client(report)
    big = PNG + b"\0" * (20 * 1024 * 1024)
    answer = client.post("/anh", files={"tep": ("lon.png", big, "image/png")}, headers=SAME)
    assert answer.status_code == 413
    assert "20 MB" in answer.json()["loi"]


def test_an_upload_that_is_no_picture_is_refused_whatever_its_name(report: Path) -> None:
    client = _client(report)
    fake = b"<script>alert(1)</script>"
    answer = client.post("/anh", files={"tep": ("anh.jpg", fake, "image/jpeg")}, headers=SAME)
    assert answer.status_code == 415
    assert answer.json()["loi"] == "Chỉ nhận ảnh JPEG hoặc PNG."


def test_a_picture_is_stored_under_anh(report: Path) -> None:
    client = _client(report)
    answer = client.post("/anh", files={"tep": ("Hội nghị.png", PNG, "image/png")}, headers=SAME)
    assert answer.status_code == 200
    assert answer.json() == {"tep": "anh/hoi-nghi.png"}
    assert (report.parent / "anh" / "hoi-nghi.png").read_bytes() == PNG


@pytest.mark.parametrize(
    "name",
    [
        "../secret.jpg",
        "..%2Fsecret.jpg",
        "anh/../../secret.jpg",
        "hk1.yaml",
        ".hidden.jpg",
        "link.jpg",
    ],
)
def test_nothing_outside_the_folder_is_served(report: Path, name: str) -> None:
    (report.parent.parent / "secret.jpg").write_bytes(b"\xff\xd8\xff secret")
    (report.parent / ".hidden.jpg").write_bytes(b"\xff\xd8\xff hidden")
    (report.parent / "link.jpg").symlink_to(report.parent.parent / "secret.jpg")
    client = _client(report)
    answer = client.get(f"/tep/{name}")
    assert answer.status_code in (403, 404)
    assert b"secret" not in answer.content and b"hidden" not in answer.content


def test_a_photo_of_the_folder_is_served(report: Path) -> None:
    client = _client(report)
    answer = client.get("/tep/anh/01-hoi-nghi-vien-chuc.jpg")
    assert answer.status_code == 200 and answer.content.startswith(b"\xff\xd8\xff")


# --- saving loses nothing --------------------------------------------------------------------


def test_saving_the_example_unchanged_keeps_it(report: Path) -> None:
    client = _client(report)
    before = report.read_bytes()
    answer = client.post("/luu", json=_payload(client), headers=SAME)
    assert answer.status_code == 200 and answer.json()["changed"] is False
    assert report.read_bytes() == before


def test_a_change_keeps_every_other_value_and_the_comments(report: Path) -> None:
    client = _client(report)
    before = yaml.safe_load(report.read_text(encoding="utf-8"))
    payload = _payload(client)
    payload["values"]["tinh_hinh.so_lieu.nu"] = "32"
    answer = client.post("/luu", json=payload, headers=SAME)
    assert answer.status_code == 200 and answer.json()["changed"] is True
    after_text = report.read_text(encoding="utf-8")
    after = yaml.safe_load(after_text)
    assert after["tinh_hinh"]["so_lieu"]["nu"] == 32
    after["tinh_hinh"]["so_lieu"]["nu"] = 31
    assert after == before
    assert "# 01 nhân viên bảo vệ mới ký hợp đồng tháng 11/2023 chưa là đoàn viên." in after_text
    assert (report.parent / "hk1.yaml.bak").read_text(encoding="utf-8").count("nu: 31") == 1
    assert list((report.parent / ".baocao-sao-luu").iterdir())


def test_every_value_written_as_the_form_sends_it_reads_back_the_same(report: Path) -> None:
    """As if the chair had retyped every field: the check pipeline reads the same report."""
    client = _client(report)
    payload = Payload.from_json(_payload(client))
    text = report.read_text(encoding="utf-8")
    checked = check_source(report)
    rewritten = apply(BaoCao, text, {}, payload, checked.ke_hoach)  # nothing shown: all is new
    assert rewritten != text
    again = check_bytes(report, rewritten.encode())
    assert again.ok, again.problems
    assert again.model == checked.model


def test_rows_added_removed_and_moved(report: Path) -> None:
    client = _client(report)
    payload = _payload(client)
    path = "ket_qua.cham_lo.tham_hoi.khoan_chi"
    payload["lists"][path] = [1, 0, None]  # the second first, three removed, one added
    values = {k: v for k, v in payload["values"].items() if not k.startswith(path)}
    values |= {f"{path}.0.noi_dung": "Phúng viếng", f"{path}.0.so_nguoi": "2"}
    values |= {f"{path}.0.muc_chi": "500000", f"{path}.1.noi_dung": "Thăm hỏi ốm đau"}
    values |= {f"{path}.1.so_nguoi": "4", f"{path}.1.muc_chi": "500000"}
    values |= {f"{path}.2.noi_dung": "Quà Tết Trung thu", f"{path}.2.so_tien": "1.900.000"}
    payload["values"] = values
    answer = client.post("/luu", json=payload, headers=SAME)
    assert answer.status_code == 200, answer.text
    lines = yaml.safe_load(report.read_text(encoding="utf-8"))["ket_qua"]["cham_lo"]["tham_hoi"]
    assert lines["khoan_chi"][0]["noi_dung"] == "Phúng viếng"
    assert lines["khoan_chi"][2] == {"noi_dung": "Quà Tết Trung thu", "so_tien": 1900000}
    assert len(lines["khoan_chi"]) == 3
    checked = check_source(report)
    assert checked.ok, checked.problems
    text = report.read_text(encoding="utf-8")
    # The next section's comment still comes before the next section, not inside the list.
    assert text.index("so_tien: 1900000") < text.index("# Hướng dẫn: «kèm cả dự trù")


def test_a_new_file_starts_from_the_commented_blank_form(tmp_path: Path) -> None:
    report = tmp_path / "moi.yaml"
    client = _client(report)
    assert "Tệp mới" in client.get("/").text
    assert not report.exists()
    payload = _payload(client)
    payload["values"]["van_ban.co_quan_ban_hanh"] = "CĐCS Trường THCS Phú Lạc"
    payload["values"]["van_ban.so"] = "05"
    answer = client.post("/luu", json=payload, headers=SAME)
    assert answer.status_code == 200
    text = report.read_text(encoding="utf-8")
    assert "so: 5" in text and "# Số văn bản:" in text
    messages = [p["message"] for p in answer.json()["problems"] if p["field"] == "van_ban.so"]
    assert messages == []


def test_numbers_are_written_as_every_yaml_reader_reads_them(tmp_path: Path) -> None:
    """`500.000` is 500000 for baocao but 500.0 for a YAML reader, `010` people 8: the file
    gets the number the chair meant; what baocao cannot read stays as typed, to be fixed."""
    report = tmp_path / "moi.yaml"
    client = _client(report)
    payload = _payload(client)
    path = "ket_qua.cham_lo.tham_hoi.khoan_chi"
    payload["lists"][path] = [None, None]
    payload["values"] |= {f"{path}.0.so_nguoi": "010", f"{path}.0.muc_chi": "500.000 đồng"}
    payload["values"] |= {f"{path}.1.so_nguoi": "1.200", f"{path}.1.so_tien": "1,5 triệu"}
    assert client.post("/luu", json=payload, headers=SAME).status_code == 200
    text = report.read_text(encoding="utf-8")
    lines = yaml.safe_load(text)["ket_qua"]["cham_lo"]["tham_hoi"]["khoan_chi"]
    assert lines[0] == {"so_nguoi": 10, "muc_chi": 500000}
    assert "so_nguoi: 1.200" in text and "so_tien: 1,5 triệu" in text
    messages = {p["field"]: p["message"] for p in client.get("/kiem-tra").json()["problems"]}
    assert "không viết 1.200" in messages[f"{path}.1.so_nguoi"]


def test_a_row_inside_a_row_not_saved_yet(tmp_path: Path) -> None:
    client = _client(tmp_path / "moi.yaml")
    answer = client.get("/hang", params={"path": "ket_qua.thi_dua.phong_trao.1.mo_hinh_hay.0"})
    assert answer.status_code == 200
    assert 'name="ket_qua.thi_dua.phong_trao.1.mo_hinh_hay.0"' in answer.text


def test_problems_are_placed_on_their_field_in_the_pipeline_s_words(report: Path) -> None:
    client = _client(report)
    payload = _payload(client)
    payload["values"]["tinh_hinh.so_lieu.nu"] = "45"
    result = client.post("/luu", json=payload, headers=SAME).json()
    mine = [p for p in result["problems"] if p["field"] == "tinh_hinh.so_lieu.nu"]
    assert mine and mine[0]["message"] == "số nữ (45) lớn hơn tổng số CBNGNLĐ (42)"
    assert result["ok"] is False and result["computed"] == []


def test_the_computed_figures_come_from_tinh_toan(report: Path) -> None:
    result = _client(report).get("/kiem-tra").json()
    figures = {c["name"]: c["value"] for c in result["computed"]}
    assert figures["ty_le_nu"] == "73,8%"
    assert figures["so_ky_hieu"] == "15/BC-CĐCS"
    assert "đồng" in figures["tham_hoi"]
    assert any(t["danh_gia"] for t in result["targets"])


# --- two tabs --------------------------------------------------------------------------------


def test_a_stale_tab_does_not_overwrite_the_other(report: Path) -> None:
    first, second = _client(report), _client(report)
    stale = _payload(second)
    fresh = _payload(first)
    fresh["values"]["tinh_hinh.so_lieu.nu"] = "30"
    assert first.post("/luu", json=fresh, headers=SAME).status_code == 200
    stale["values"]["tinh_hinh.so_lieu.doan_vien"] = "40"
    answer = second.post("/luu", json=stale, headers=SAME)
    assert answer.status_code == 409
    assert "Tệp đã được thay đổi ở một thẻ khác" in answer.json()["loi"]
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    assert data["tinh_hinh"]["so_lieu"] == {
        "thoi_diem": "20/12/2023",
        "tong_so": 42,
        "nu": 30,
        "doan_vien": 41,
    }


def test_export_writes_what_render_writes(report: Path) -> None:
    from docx import Document as Docx

    client = _client(report)
    answer = client.post("/xuat", json={"loai": "docx"}, headers=SAME)
    assert answer.status_code == 200
    assert answer.json()["tep"] == [{"ten": "hk1.docx", "href": "/tep/hk1.docx"}]
    served = client.get("/tep/hk1.docx").content
    assert served == (report.parent / "hk1.docx").read_bytes()
    text = "\n".join(p.text for p in Docx(io.BytesIO(served)).paragraphs)
    assert "Sơ kết hoạt động công đoàn học kỳ I" in text


def test_the_preview_shows_the_report(report: Path) -> None:
    page = _client(report).get("/xem-truoc").text
    assert "15/BC-CĐCS" in page and "I. Tình hình đội ngũ" in page


def test_the_form_follows_the_pack_a_report_names(tmp_path):
    """A pack's own model drives the form: its keys are the fields."""
    from baocao.schema import BaoCao
    from baocao.soan import form_model

    assert form_model(None, tmp_path) is BaoCao
    assert form_model("ninh-binh-hk1-2023-2024", tmp_path) is BaoCao
    with pytest.raises(UsageError, match="không có gói hướng dẫn «khong-co»"):
        form_model("khong-co", tmp_path)


def test_parts_left_empty_in_a_blank_form_are_no_errors(tmp_path: Path) -> None:
    """The blank form writes `chat_luong: |` and an empty `chi_tieu`: a chair who leaves them
    empty in the form does not get errors no field can clear; the next headings stay."""
    report = tmp_path / "moi.yaml"
    client = _client(report)
    payload = _payload(client)
    payload["values"]["van_ban.so"] = "7"
    result = client.post("/luu", json=payload, headers=SAME).json()
    fields = {p["field"] for p in result["problems"]}
    assert "chi_tieu.ke_hoach" not in fields and "tinh_hinh.bien_dong.chat_luong" not in fields
    text = report.read_text(encoding="utf-8")
    assert "chat_luong" not in text and "ke_hoach:" not in text
    assert "    ket_nap_moi: 0\n  # Diễn biến tư tưởng:" in text
    assert "\n# Ảnh hoạt động:" in text
    payload = _payload(client)
    payload["values"]["chi_tieu.ke_hoach"] = "ke-hoach-2023-2024.yaml"
    assert client.post("/luu", json=payload, headers=SAME).status_code == 200
    data = yaml.safe_load(report.read_text(encoding="utf-8"))
    assert data["chi_tieu"] == {"ke_hoach": "ke-hoach-2023-2024.yaml"}
    assert list(data)[-2:] == ["chi_tieu", "anh"]  # back in its place


# --- exports: the same files as `baocao render` --------------------------------------------


def _export(client: TestClient, kind: str) -> list[Path]:
    answer = client.post("/xuat", json={"loai": kind}, headers=SAME)
    assert answer.status_code == 200, answer.text
    folder = client.app.app.state.session.folder  # type: ignore[attr-defined]
    made = [folder / link["href"].removeprefix("/tep/") for link in answer.json()["tep"]]
    for path, link in zip(made, answer.json()["tep"], strict=True):
        assert path.is_file() and client.get(link["href"]).content == path.read_bytes()
    return made


def _cli(report: Path, *options: str) -> Path:
    """`baocao render` of the same file into a folder of its own; that folder."""
    from click.testing import CliRunner

    from baocao.cli import main

    out = report.parent / "cli"
    result = CliRunner().invoke(main, ["render", str(report), "-o", f"{out}/", *options])
    assert result.exit_code == 0, result.output
    return out


def _pdf_text(pdf: Path) -> tuple[int, str]:
    import subprocess

    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return pages, text.stdout


@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="LibreOffice (soffice) and poppler-utils are needed to make and read the PDF",
)
def test_pdf_export_is_the_pdf_of_render(report: Path) -> None:
    made = _export(_client(report), "pdf")
    assert [p.name for p in made] == ["hk1.docx", "hk1.pdf"]
    assert all(p.parent == report.parent for p in made)
    cli = _cli(report, "--pdf")
    pages, text = _pdf_text(made[1])
    assert pages > 1 and (pages, text) == _pdf_text(cli / "hk1.pdf")
    assert made[0].read_bytes() == (cli / "hk1.docx").read_bytes()


def test_bundle_export_is_the_bundle_of_render(report: Path) -> None:
    import zipfile

    made = _export(_client(report), "bundle")
    assert [p.suffix for p in made] == [".docx", ".zip"]
    assert all(p.parent == report.parent for p in made)
    cli = _cli(report, "--bundle")
    (theirs,) = cli.glob("*.zip")
    assert made[1].name == theirs.name
    with zipfile.ZipFile(made[1]) as ours, zipfile.ZipFile(theirs) as reference:
        assert ours.namelist() == reference.namelist()
        assert len(ours.namelist()) == 1 + 7  # the report and the example's photos
        for name in ours.namelist():
            assert ours.read(name) == reference.read(name), name
