"""Pages of text to a Report or Letter: classify, then hand to the family's parser.

Everything under `parse/` is pure: no file, network or database access, so the whole corpus
can be parsed in tests and in parallel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..errors import UnknownLayout
from ..model import Page, Parsed
from . import ilacs, legacy, letters, sif
from .classify import classify
from .content import with_content

PARSER_VERSION = "1"

_PARSERS: dict[str, Callable[[Sequence[Page], str], Parsed]] = {
    "sif": sif.parse,
    "ilacs": ilacs.parse,
    "legacy": legacy.parse,
    "letter": letters.parse,
}


def parse(pages: Sequence[Page], label: str) -> Parsed:
    """Parse a document's pages; raises UnknownLayout for anything we do not recognise."""
    family = classify(pages)
    if family is None:
        raise UnknownLayout(label, "no Ofsted report or letter title on its first pages")
    return with_content(_PARSERS[family](pages, label), pages, family)
