"""An import string for uvicorn's multi-worker mode, which cannot be handed an app object."""
from __future__ import annotations

import os

from svodka.api import create_app

STORE_URL_VARIABLE = "SVODKA_DB"


def app_from_env():
    """``create_app`` over the store named by ``$SVODKA_DB`` (default: svodka.db)."""
    return create_app(os.environ.get(STORE_URL_VARIABLE) or None)
