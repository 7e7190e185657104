"""Small constructors for provenance-carrying values that every parser builds."""

from __future__ import annotations

from datetime import date

from ..model import Fact, Provenance
from .text import file_name_date


def fact(label: str, page: int | None, text: str, value: object) -> Fact:  # type: ignore[type-arg]
    """A value read from `text` on `page` of the document `label`."""
    return Fact(value, Provenance(label, page, " ".join(text.split())))


def file_name_publication(label: str) -> Fact[date] | None:
    """The publication date from the file name, for reports that print none (page is None)."""
    name = label.rsplit("/", 1)[-1]
    value = file_name_date(name.removesuffix(".pdf"))
    return Fact(value, Provenance(label, None, name)) if value else None
