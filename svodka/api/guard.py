"""ASGI middleware that protects the server: the Host names it answers, a request size and
time limit, and strict browser headers."""
from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 2 * 1024 * 1024
# Names this machine answers to; a page from elsewhere that rebinds its DNS to 127.0.0.1
# still sends its own name as Host, and gets 400.
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True, slots=True)
class ServerLimits:
    """What one request may cost the server."""
    max_body_bytes: int = MAX_BODY_BYTES
    max_chars: int = 100_000            # /extract and the paste page: ~5 s of extraction
    extract_wait_seconds: float = 30.0  # for the one extraction slot; then 503
    query_seconds: float = 3.0          # a search's time in the database; then 422
    search_slots: int = 2               # searches at once; the rest wait (query_seconds,
                                        # then 503), leaving the GIL to other requests; two,
                                        # as a search is now mostly SQLite, without the GIL
    body_seconds: float = 10.0          # the longest pause while a body arrives; then 408
    header_seconds: float = 10.0        # a request's headers, from the connection or the
                                        # previous response; then the connection is closed
    keep_alive_seconds: int = 5         # an idle connection between requests
    page_cache_bytes: int = 64 * 1024 * 1024   # answers to GETs kept per worker (0: none),
                                               # see svodka/api/cache.py


def host_name(header: bytes) -> str:
    """The name in a Host header, port and IPv6 brackets removed, lowercased."""
    host = header.decode("latin-1").strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class HostCheck:
    """400 for a Host header not among ``allowed`` (a request without one passes: no
    browser sends such a request, so it cannot carry a rebinding attack)."""

    def __init__(self, app, allowed: tuple[str, ...] | list[str] = LOCAL_HOSTS):
        self.app = app
        self.allowed = {name.lower().strip("[]") for name in allowed}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http":
            header = dict(scope.get("headers") or []).get(b"host")
            if header is not None and host_name(header) not in self.allowed:
                log.info("refused Host %r", header[:100])
                body = b"Invalid host header"
                await send({"type": "http.response.start", "status": 400,
                            "headers": [(b"content-type", b"text/plain"),
                                        (b"content-length", str(len(body)).encode()),
                                        (b"connection", b"close")]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)

# Pages use only their own CSS/JS; the offline API docs need one inline bootstrap script.
PAGE_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
DOCS_POLICY = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
               "script-src 'self' 'unsafe-inline'; object-src 'none'; frame-ancestors 'none'")
DOCS_PATHS = ("/docs", "/redoc")


class BodyTooLarge(Exception):
    pass


class BodyTooSlow(Exception):
    pass


def _too_large_message(limit: int) -> str:
    return (f"Запрос больше допустимого: не более {limit // 1024} КБ "
            f"(request body exceeds {limit} bytes)")


class BodyLimit:
    """Refuse bodies over ``limit`` bytes with 413, by Content-Length or while streaming,
    and bodies that pause longer than ``seconds`` with 408."""

    def __init__(self, app, limit: int = MAX_BODY_BYTES, seconds: float = 10.0):
        self.app = app
        self.limit = limit
        self.seconds = seconds

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
        body_done = False

        async def counting_receive():
            nonlocal received, body_done
            if body_done:          # later calls wait for the client to leave: no limit
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.seconds)
            except asyncio.TimeoutError:
                raise BodyTooSlow from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
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
        except BodyTooSlow:
            log.info("a request body paused over %s s: cut off", self.seconds)
            if not started:
                await self._refuse(send, 408, "Тело запроса передаётся слишком медленно "
                                   f"(no body data for {self.seconds:g} s)", wants_html)

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
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
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
