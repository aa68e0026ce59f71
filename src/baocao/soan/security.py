"""The rules that make a local web server safe to leave running on a chair's computer.

Any web page the browser opens can send requests to 127.0.0.1, and a DNS name
can be pointed at it (DNS rebinding); so every request must carry the session's
secret, name this server as its host, and — when it changes anything — come
from the form's own page with its CSRF token.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "baocao_soan"
CSRF_HEADER = "x-csrf-token"
_SAFE_METHODS = {"GET", "HEAD"}


class Guard:
    """ASGI middleware: Host, token (query once, then a cookie), Origin and CSRF token."""

    def __init__(self, app: App, *, token: str, csrf: str, port: int) -> None:
        self.app = app
        self.token = token
        self.csrf = csrf
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.hosts:
            await _refuse(send, 400, "Địa chỉ máy chủ không hợp lệ.")
            return
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [""])[0]
        if given and secrets.compare_digest(given, self.token):
            await self._set_cookie(scope, send)
            return
        if not secrets.compare_digest(_cookie(headers), self.token):
            await _refuse(send, 403, "Thiếu mã truy cập: hãy mở đúng địa chỉ baocao soan đã in.")
            return
        if scope["method"] not in _SAFE_METHODS and not self._same_site(headers):
            await _refuse(send, 403, "Yêu cầu không đến từ trang soạn báo cáo; đã từ chối.")
            return
        await self.app(scope, receive, send)

    def _same_site(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is not None and origin not in self.origins:
            return False
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return False
        return secrets.compare_digest(headers.get(CSRF_HEADER, ""), self.csrf)

    async def _set_cookie(self, scope: Scope, send: Send) -> None:
        """The token goes into a cookie and out of the address bar (and the history)."""
        cookie = f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/"
        await send(
            {
                "type": "http.response.start",
                "status": 303,
                "headers": [
                    (b"location", scope["path"].encode("latin-1")),
                    (b"set-cookie", cookie.encode("latin-1")),
                    (b"cache-control", b"no-store"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})


def _cookie(headers: dict[str, str]) -> str:
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(headers.get("cookie", ""))
    except Exception:  # a malformed cookie header is no token
        return ""
    morsel = jar.get(COOKIE)
    return morsel.value if morsel is not None else ""


async def _refuse(send: Send, status: int, message: str) -> None:
    body = message.encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": body})
