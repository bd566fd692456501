"""Errors a caller can act on. Batch ingest records them as rejections instead of crashing."""


class SvodkaError(Exception):
    """Base class for every error svodka raises on purpose."""


class InputRejected(SvodkaError, ValueError):
    """The input cannot become an article; ``reason`` is a short machine-readable code."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason
        self.message = message

    def __str__(self) -> str:
        return f"{self.reason}: {self.message}"


class QueryTooCostly(SvodkaError, ValueError):
    """A search with too many words, or one that ran out of its time in the database."""

    reason = "query_too_costly"
