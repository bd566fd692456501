"""Extractors: plain functions over one shared :class:`~svodka.analysis.Analysis`, no I/O.

Order matters only through their arguments: amounts read dates (for the period), quotes
read entities (for the speaker).
"""
from svodka.extractors.amounts import extract_amounts
from svodka.extractors.dates import extract_dates
from svodka.extractors.entities import extract_entities
from svodka.extractors.quotes import extract_quotes

__all__ = ["extract_amounts", "extract_dates", "extract_entities", "extract_quotes"]
