"""An import string for uvicorn's multi-worker mode, which cannot be handed an app object."""
from __future__ import annotations

import os
import sys

from svodka.api import create_app
from svodka.api.balance import SHARES_VARIABLE, ShedWhenAhead
from svodka.api.guard import LOCAL_HOSTS, ServerLimits

STORE_URL_VARIABLE = "SVODKA_DB"
ALLOWED_HOSTS_VARIABLE = "SVODKA_ALLOWED_HOSTS"
MAX_CHARS_VARIABLE = "SVODKA_SERVE_MAX_CHARS"
PAGE_CACHE_VARIABLE = "SVODKA_SERVE_PAGE_CACHE_MB"
SHARED_PAGES_VARIABLE = "SVODKA_SERVE_SHARED_PAGES"
# Searches run in threads that hand the GIL over every 5 ms by default; a short request
# waiting behind them then waits 5 ms at each step.
SWITCH_INTERVAL = 0.001


def app_from_env():
    """``create_app`` over the store named by ``$SVODKA_DB`` (default: svodka.db), answering
    the Host names in ``$SVODKA_ALLOWED_HOSTS`` (comma-separated; default: this machine),
    sharing kept answers with the other workers through ``$SVODKA_SERVE_SHARED_PAGES``."""
    hosts = [h for h in os.environ.get(ALLOWED_HOSTS_VARIABLE, "").split(",") if h]
    given = {}
    if os.environ.get(MAX_CHARS_VARIABLE):
        given["max_chars"] = int(os.environ[MAX_CHARS_VARIABLE])
    if os.environ.get(PAGE_CACHE_VARIABLE):
        given["page_cache_bytes"] = int(os.environ[PAGE_CACHE_VARIABLE]) * 1024 * 1024
    limits = ServerLimits(**given)
    # a worker is a fresh interpreter: the parent's setting does not reach it
    sys.setswitchinterval(SWITCH_INTERVAL)
    app = create_app(os.environ.get(STORE_URL_VARIABLE) or None,
                     allowed_hosts=hosts or LOCAL_HOSTS, limits=limits,
                     shared_pages=os.environ.get(SHARED_PAGES_VARIABLE) or None)
    if os.environ.get(SHARES_VARIABLE):
        app.add_middleware(ShedWhenAhead)     # outermost: kept answers never carry it
    return app
