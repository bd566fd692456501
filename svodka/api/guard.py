"""ASGI middleware that protects the server: a request size limit and strict browser headers."""
from __future__ import annotations

import json

MAX_BODY_BYTES = 2 * 1024 * 1024

# Pages use only their own CSS/JS; the offline API docs need one inline bootstrap script.
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DOCS_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
               "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(Exception):
    pass


def _too_large_message(limit: int) -> str:
    return (f"Запрос больше допустимого: не более {limit // 1024} КБ "
            f"(request body exceeds {limit} bytes)")


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with 413, by Content-Length or while streaming."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES):
        self.app = app
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        wants_html = b"text/html" in headers.get(b"accept", b"")
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                return await self._refuse(send, 400, "Bad Content-Length", wants_html)
            if too_large:
                return await self._refuse(send, 413, _too_large_message(self.limit), wants_html)
        received = 0
        started = False

        async def counting_receive():
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(send, 413, _too_large_message(self.limit), wants_html)

    @staticmethod
    async def _refuse(send, status: int, message: str, wants_html: bool) -> None:
        if wants_html:
            body = (f'<!doctype html><html lang="ru"><meta charset="utf-8"><title>{status}</title>'
                    f"<p>{message}</p><p><a href=\"/\">На главную</a></p></html>").encode()
            content_type = b"text/html; charset=utf-8"
        else:
            body = json.dumps({"detail": message}, ensure_ascii=False).encode()
            content_type = b"application/json"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", content_type),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """A content security policy and the usual hardening headers on every response.

    The referrer policy is ``same-origin``: other sites learn nothing, while the browser
    names this server as the Origin of its own form posts (under ``no-referrer`` Chromium
    sends ``Origin: null``, and the correction forms could not tell their own pages from
    another site's)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        path = scope.get("path", "")
        policy = DOCS_POLICY if path.startswith(DOCS_PATHS) else PAGE_POLICY

        async def with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [(b"content-security-policy", policy.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"x-frame-options", b"DENY"),
                            (b"referrer-policy", b"same-origin")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def same_origin(headers, require: bool) -> bool:
    """A state-changing request comes from this server's own pages: its Origin (or, when a
    browser sends none, its Referer) names the host it was sent to. ``require`` refuses a
    request with neither (a form); without it, a client that is no browser may post."""
    from urllib.parse import urlsplit

    claimed = headers.get("origin") or headers.get("referer")
    if not claimed:
        return not require
    return urlsplit(claimed).netloc == headers.get("host")
