"""Running the form: a free port on 127.0.0.1, a fresh secret, the browser opened on it."""

from __future__ import annotations

import secrets
import socket
import threading
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path

import uvicorn
from pydantic import BaseModel

from baocao.soan.app import Session, create_app

IDLE_AFTER_CLOSE = 120.0
"""Seconds without a heartbeat from any page (it sends one every 15 s) before stopping."""


def serve(
    path: Path,
    model: type[BaseModel],
    *,
    open_browser: bool,
    tell: Callable[[str], None],
    idle: float = IDLE_AFTER_CLOSE,
) -> None:
    """Serve the form for `path` until Ctrl+C, or until the page has been closed a while."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))  # only this computer; a free port chosen by the system
    port = listener.getsockname()[1]
    token, csrf = secrets.token_urlsafe(24), secrets.token_urlsafe(24)
    app = create_app(path, model, token=token, csrf=csrf, port=port)
    url = f"http://127.0.0.1:{port}/?token={token}"
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    tell(f"Đang mở biểu mẫu soạn {path} tại {url}")
    tell("Giữ cửa sổ này mở trong khi soạn; bấm Ctrl+C để dừng.")
    session: Session = app.app.state.session
    threading.Thread(target=_stop_when_idle, args=(server, session, idle), daemon=True).start()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(url,)).start()
    server.run(sockets=[listener])
    tell("Đã dừng baocao soan.")


def _stop_when_idle(server: uvicorn.Server, session: Session, idle: float) -> None:
    while not server.should_exit:
        time.sleep(min(5.0, idle / 4))
        if session.seen and time.monotonic() - session.last_seen > idle:
            server.should_exit = True
