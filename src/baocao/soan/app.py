"""The web application of `baocao soan`: pages, saving, checking, photos, preview, export."""

from __future__ import annotations

import re
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from baocao.checks.pipeline import Checked, check_bytes
from baocao.compute import filters
from baocao.errors import BaocaoError, DataError
from baocao.soan import view
from baocao.soan.document import Conflict, Document, Payload, Unsavable, version_of
from baocao.soan.form import blank_row
from baocao.soan.security import Guard

HERE = Path(__file__).parent
MAX_UPLOAD = 20 * 1024 * 1024
"""The largest photo accepted, as `baocao validate` accepts (20 MB)."""
SERVED = {".jpg", ".jpeg", ".png", ".docx", ".pdf", ".zip"}
"""What the report's folder may serve: its photos and what `render` wrote; never its data."""
_PICTURES = ((b"\xff\xd8\xff", ".jpg"), (b"\x89PNG\r\n\x1a\n", ".png"))
CONFLICT = (
    "Tệp đã được thay đổi ở một thẻ khác hoặc trong chương trình khác sau khi trang này mở; "
    "chưa lưu để không ghi đè. Hãy tải lại trang để soạn tiếp trên bản mới nhất."
)


@dataclass
class Session:
    """One running form: the file it edits, its secrets, when the page was last seen."""

    document: Document
    token: str
    csrf: str
    port: int
    last_seen: float = field(default_factory=time.monotonic)
    seen: bool = False
    """Whether a page has sent a heartbeat: until then the server waits, however long."""

    @property
    def folder(self) -> Path:
        return self.document.path.parent


def create_app(path: Path, model: type[BaseModel], *, token: str, csrf: str, port: int) -> Any:
    """The ASGI app editing `path`, every request guarded (see `security`)."""
    session = Session(Document(path, model), token, csrf, port)
    pages = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    pages.filters["tien"] = filters.tien
    handlers = _Handlers(session, pages)
    app = Starlette(
        routes=[
            Route("/", handlers.page),
            Route("/kiem-tra", handlers.check),
            Route("/hang", handlers.row),
            Route("/luu", handlers.save, methods=["POST"]),
            Route("/anh", handlers.upload, methods=["POST"]),
            Route("/xuat", handlers.export, methods=["POST"]),
            Route("/nhip", handlers.heartbeat, methods=["POST"]),
            Route("/xem-truoc", handlers.preview),
            Route("/tep/{name:path}", handlers.file),
            Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        ]
    )
    app.state.session = session
    return Guard(app, token=token, csrf=csrf, port=port)


class _Handlers:
    def __init__(self, session: Session, pages: jinja2.Environment) -> None:
        self.session = session
        self.document = session.document
        self.pages = pages

    def _checked(self, raw: bytes | None) -> Checked[Any]:
        text = self.document.text_of(raw).encode()
        return check_bytes(self.document.path, text)

    async def page(self, request: Request) -> Response:
        raw = self.document.read()
        checked = self._checked(raw)
        form = self.document.form(raw, checked.ke_hoach)
        problem = None
        try:
            self.document.data_of(raw)
        except DataError as error:
            problem = str(error.problems[0].message) if error.problems else "tệp có lỗi"
        html = self.pages.get_template("form.html").render(
            form=form,
            nav=view.navigation(form),
            file=self.document.path.name,
            folder=str(self.session.folder),
            new=raw is None,
            version=version_of(raw),
            csrf=self.session.csrf,
            unreadable=problem,
        )
        return HTMLResponse(html, headers={"cache-control": "no-store"})

    async def check(self, request: Request) -> Response:
        raw = self.document.read()
        return JSONResponse(self._result(raw))

    def _result(self, raw: bytes | None) -> dict[str, Any]:
        checked = self._checked(raw)
        form = self.document.form(raw, checked.ke_hoach)
        return {"version": version_of(raw), **view.results(checked, form)}

    async def row(self, request: Request) -> Response:
        path = request.query_params.get("path", "")
        raw = self.document.read()
        checked = self._checked(raw)
        try:
            data = self.document.data_of(raw)
        except DataError:
            data = {}
        node = blank_row(self.document.model, data, path, checked.ke_hoach)
        if node is None:
            return Response("Không có danh sách này trong mẫu báo cáo.", status_code=404)
        html = self.pages.get_template("row.html").render(n=node)
        return HTMLResponse(html)

    async def save(self, request: Request) -> Response:
        try:
            payload = Payload.from_json(await request.json())
        except ValueError:
            return _message(400, "yêu cầu không hợp lệ")
        except Unsavable as error:
            return _message(400, str(error))
        checked = self._checked(self.document.read())
        try:
            raw, changed = self.document.save(payload, checked.ke_hoach)
        except Conflict:
            return _message(409, CONFLICT)
        except Unsavable as error:
            return _message(422, f"Chưa lưu: {error}")
        result = self._result(raw)
        result["changed"] = changed
        if self.document.session_backup is not None:
            result["backup"] = self.document.session_backup.name
        return JSONResponse(result)

    async def upload(self, request: Request) -> Response:
        length = request.headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > MAX_UPLOAD + 64 * 1024:
            return _message(413, "Ảnh quá lớn: mỗi ảnh tối đa 20 MB.")
        async with request.form(max_files=1, max_fields=4, max_part_size=MAX_UPLOAD + 1) as form:
            upload = form.get("tep")
            if upload is None or isinstance(upload, str):
                return _message(400, "Chưa chọn tệp ảnh.")
            data = await upload.read(MAX_UPLOAD + 1)
            name = upload.filename or "anh"
        if len(data) > MAX_UPLOAD:
            return _message(413, "Ảnh quá lớn: mỗi ảnh tối đa 20 MB.")
        suffix = next((s for magic, s in _PICTURES if data.startswith(magic)), None)
        if suffix is None:
            return _message(415, "Chỉ nhận ảnh JPEG hoặc PNG.")
        target = _free_name(self.session.folder / "anh", _slug(Path(name).stem) or "anh", suffix)
        target.parent.mkdir(exist_ok=True)
        from baocao.output.write import write_atomic

        write_atomic(target, data)
        return JSONResponse({"tep": target.relative_to(self.session.folder).as_posix()})

    async def export(self, request: Request) -> Response:
        body = await request.json()
        kind = body.get("loai") if isinstance(body, dict) else None
        if kind not in ("docx", "pdf", "bundle"):
            return _message(400, "yêu cầu không hợp lệ")
        from baocao.build import Options, render_reports

        options = Options(force=True, pdf=kind == "pdf", bundle=kind == "bundle")
        try:
            summary = render_reports([self.document.path], None, options)
        except BaocaoError as error:
            return _message(422, str(error))
        outcome = summary.outcomes[0] if summary.outcomes else None
        if outcome is None or not outcome.ok:
            errors = len([p for p in outcome.problems if p.is_error]) if outcome else 0
            why = outcome.error if outcome and outcome.error else f"báo cáo còn {errors} lỗi"
            return _message(422, f"Chưa xuất được: {why}; hãy sửa theo danh sách bên cạnh.")
        made = [outcome.job.output, *summary.pdfs, *summary.bundles]
        links = [
            {"ten": p.name, "href": f"/tep/{p.relative_to(self.session.folder).as_posix()}"}
            for p in made
        ]
        return JSONResponse({"tep": links, "ghi_chu": summary.notes})

    async def heartbeat(self, request: Request) -> Response:
        self.session.last_seen = time.monotonic()
        self.session.seen = True
        return Response(status_code=204)

    async def preview(self, request: Request) -> Response:
        raw = self.document.read()
        checked = self._checked(raw)
        form = self.document.form(raw, checked.ke_hoach)
        html = self.pages.get_template("preview.html").render(
            form=form, doc=view.preview(checked), errors=len(checked.errors)
        )
        return HTMLResponse(html, headers={"cache-control": "no-store"})

    async def file(self, request: Request) -> Response:
        target = inside(self.session.folder, request.path_params["name"])
        if target is None:
            return Response("Không có tệp này.", status_code=404)
        return FileResponse(target, headers={"cache-control": "no-store"})


def inside(folder: Path, name: str) -> Path | None:
    """The file `name` inside `folder`, or None: nothing outside it (`..`, a link leading
    out), nothing hidden, nothing but photos and the outputs of `render`."""
    parts = Path(name).parts
    if not parts or any(p in ("..", "") or p.startswith(".") for p in parts):
        return None
    root = folder.resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root) or target.suffix.lower() not in SERVED:
        return None
    return target if target.is_file() else None


def _slug(text: str) -> str:
    """A file name any system accepts: `Hội nghị 01` → `hoi-nghi-01`."""
    plain = unicodedata.normalize("NFKD", text.lower().replace("đ", "d"))
    ascii_only = plain.encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60]


def _free_name(folder: Path, stem: str, suffix: str) -> Path:
    candidate = folder / f"{stem}{suffix}"
    count = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{count}{suffix}"
        count += 1
    return candidate


def _message(status: int, text: str) -> JSONResponse:
    return JSONResponse({"loi": text}, status_code=status)
