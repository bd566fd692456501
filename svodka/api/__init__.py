"""``svodka serve``'s application: a JSON API and the analyst's pages over one corpus store.

>>> from svodka.api import create_app
>>> app = create_app("sqlite:///corpus.db")      # doctest: +SKIP

JSON lives under ``/api`` (plus ``POST /extract``), HTML pages at the other paths,
OpenAPI docs at ``/docs`` (served from the package: no CDN). Bodies are accepted by
``/extract`` and the paste form, which store nothing, and by the analysts' corrections
(:mod:`svodka.api.correction_routes`, :mod:`svodka.api.correction_pages`), which only
take requests from this server's own pages or from clients that are no browser.
"""
from __future__ import annotations

from collections.abc import Callable
from contextlib import asynccontextmanager
from datetime import date

import logging
import os
import threading

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from fastapi.exceptions import RequestValidationError
from fastapi.exception_handlers import (http_exception_handler,
                                        request_validation_exception_handler)
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

import svodka
from svodka.api.cache import PageCache
from svodka.api import (correction_pages, correction_routes, exports, json_routes, pages,
                        relations)
from svodka.api.guard import (LOCAL_HOSTS, MAX_BODY_BYTES, BodyLimit, HostCheck, SecurityHeaders,
                              ServerLimits)
from svodka.errors import QueryTooCostly
from svodka.store.lemmas import query_terms
from svodka.web import (STATIC, TEMPLATES, amount_value, number, path_segment, plural,
                        plural_word, russian_date, type_label)

__all__ = ["create_app", "MAX_BODY_BYTES", "ServerLimits"]

log = logging.getLogger(__name__)

JSON_PREFIXES = ("/api", "/extract", "/openapi.json", "/docs", "/redoc")


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES))
    # Compiled once: with auto_reload Jinja2 stats each template file (and base.html, the
    # macros) on every render to see if it changed — ~5 % of an article page's time.
    templates.env.auto_reload = False
    templates.env.filters.update(russian_date=russian_date, number=number,
                                 amount_value=amount_value, type_label=type_label,
                                 path_segment=path_segment)
    templates.env.globals.update(plural=plural, plural_word=plural_word, version=svodka.__version__)
    return templates


def create_app(store_url: str | None = None, *, store=None,
               allowed_hosts: tuple[str, ...] | list[str] = LOCAL_HOSTS,
               limits: ServerLimits = ServerLimits(),
               today: Callable[[], date] = date.today, close_store: bool = False,
               shared_pages: str | os.PathLike | None = None):
    """The ASGI app over ``store`` or, when none is given, ``open_store(store_url)`` (which
    must exist: serving never creates a store).

    Only requests with a Host among ``allowed_hosts`` are answered; ``limits`` bound what
    one request may cost. ``today`` decides what "this month" means on the home page.
    A store opened here, or handed over with ``close_store``, is closed at shutdown.
    ``shared_pages``: a directory, private to this server, through which its worker
    processes share the answers they keep (:class:`svodka.api.cache.SharedPages`).
    """
    owns_store = store is None or close_store
    if store is None:
        from svodka.store import open_store
        store = open_store(store_url, create=False)

    @asynccontextmanager
    async def lifespan(app):
        # The dictionaries load on the first search otherwise (~0.3 s idle, seconds under
        # load), and every request behind that search waits with it.
        query_terms("прогрев")
        yield
        if owns_store:
            app.state.store.close()

    app = FastAPIOffline(title="svodka", version=svodka.__version__, lifespan=lifespan,
                         description="Facts from Russian news: entities, quotes, amounts, "
                                     "dates, each pointing at its place in the text.")
    app.state.store = store
    app.state.limits = limits
    app.state.search_slots = threading.BoundedSemaphore(limits.search_slots)
    app.state.today = today
    app.state.templates = _templates()
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.include_router(json_routes.router)
    app.include_router(exports.router)
    app.include_router(relations.router)
    app.include_router(correction_routes.router)
    app.include_router(pages.router)
    app.include_router(correction_pages.router)
    _add_error_pages(app)
    # innermost: a kept answer still passes the Host check and gets the security headers
    app.add_middleware(PageCache, store=store, today=today, max_bytes=limits.page_cache_bytes,
                       shared_directory=shared_pages)
    app.add_middleware(BodyLimit, limit=limits.max_body_bytes, seconds=limits.body_seconds)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(HostCheck, allowed=allowed_hosts)
    return app


def _wants_page(request: Request) -> bool:
    return not request.url.path.startswith(JSON_PREFIXES)


def _add_error_pages(app) -> None:
    """Pages answer errors with a page in Russian; the JSON API keeps FastAPI's JSON errors."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException):
        if not _wants_page(request):
            return await http_exception_handler(request, error)
        message = str(error.detail)
        if error.status_code == 404 and message == "Not Found":   # no route matched at all
            message = "Такой страницы нет."
        return pages.render(request, "error.html", status=error.status_code, message=message)

    @app.exception_handler(QueryTooCostly)
    async def query_too_costly(request: Request, error: QueryTooCostly):
        detail = {"reason": error.reason, "message": str(error)}
        if not _wants_page(request):
            return JSONResponse({"detail": detail}, status_code=422)
        return pages.render(request, "error.html", status=422,
                            message=f"Слишком сложный запрос ({error}).")

    @app.exception_handler(ClientDisconnect)
    async def client_left(request: Request, error: ClientDisconnect):
        # nobody is left to answer: not a server error
        log.info("the client left during %s %s", request.method, request.url.path)
        return Response(status_code=499)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, error: RequestValidationError):
        if not _wants_page(request):
            return await request_validation_exception_handler(request, error)
        fields = ", ".join(str(e.get("loc", ["?"])[-1]) for e in error.errors())
        return pages.render(request, "error.html", status=422,
                            message=f"Неверные параметры запроса: {fields}.")
