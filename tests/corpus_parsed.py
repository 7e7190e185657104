"""The whole shared corpus, parsed once per test process, for checks that read every document.

Content checks (tests/content/) and metamorphic tests walk all 857 documents; reading the PDFs
is most of their cost, so each document is read and parsed once per process and shared.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from csc_inspections.errors import DocumentError
from csc_inspections.model import Document, Parsed
from csc_inspections.parse import parse
from tests.conftest import CORPUS, corpus_document

KINDS = ("reports", "letters")


@cache
def labels(kind: str) -> tuple[str, ...]:
    """Every corpus file of a kind ('reports' or 'letters'), as its label (folder/file)."""
    root = CORPUS / kind
    return tuple(sorted(str(p.relative_to(root)) for p in root.rglob("*.pdf")))


@cache
def parsed(kind: str, label: str) -> Parsed | None:
    """The document parsed; None for a file that is no report or letter (read or layout)."""
    try:
        return parse(corpus_document(kind, label).pages, label)
    except DocumentError:
        return None


def documents() -> Iterator[tuple[Document, Parsed]]:
    """Every readable corpus document with its parse, reports first."""
    for kind in KINDS:
        for label in labels(kind):
            result = parsed(kind, label)
            if result is not None:
                yield corpus_document(kind, label), result
