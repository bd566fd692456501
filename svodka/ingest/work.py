"""The per-document work, run in worker processes: extract, then prepare for the store."""
from __future__ import annotations

import logging

from svodka.errors import InputRejected
from svodka.reading import Document, Rejection
from svodka.store.prepare import Prepared, prepare

log = logging.getLogger(__name__)


def load_worker_models() -> None:
    """Process-pool initializer: load the models once per worker, before the first task."""
    from svodka.analysis import load_models
    load_models()


def process(document: Document, locator: str) -> Prepared | Rejection:
    """One document to a prepared record, or a rejection saying why; never raises."""
    from svodka.analysis import load_models
    from svodka.pipeline import extract_document

    def reject(reason: str, message: str) -> Rejection:
        return Rejection(reason, message, document.path, locator,
                         document.text[:1000].encode("utf-8", errors="replace"))

    try:
        return prepare(extract_document(document, models=load_models()))
    except InputRejected as error:
        return reject(error.reason, error.message)
    except Exception as error:  # one bad document must not end a batch of thousands
        log.warning("extraction failed on %s %s", document.path, locator, exc_info=True)
        return reject("extract_error", f"{type(error).__name__}: {error}")
