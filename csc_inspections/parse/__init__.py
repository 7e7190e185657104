"""Pages of text to a Report or Letter: classify, then hand to the family's parser.

Which families there are, the wording that tells them, and the module that reads each live in
data/families.csv, so a new framework is rows there plus one module with a
`parse(pages, label)` function; nothing here names a family.

Everything under `parse/` is pure: no file, network or database access, so the whole corpus
can be parsed in tests and in parallel.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import cast

from ..errors import UnknownLayout
from ..model import Page, Parsed
from ..vocabulary import VocabularyError, current
from .classify import classify
from .consistency import dated
from .content import with_content
from .furniture import without_furniture
from .text import strip_running_lines

PARSER_VERSION = "5"

Parser = Callable[[Sequence[Page], str], Parsed]


def parser(family: str) -> Parser:
    """The `parse` function of the module data/families.csv names for the family."""
    name = current().module(family)
    found = getattr(importlib.import_module(name), "parse", None)
    if not callable(found):
        raise VocabularyError(f"families.csv: module {name} (family {family!r}) has no parse()")
    return cast(Parser, found)


def parse(pages: Sequence[Page], label: str) -> Parsed:
    """Parse a document's pages; raises UnknownLayout for anything we do not recognise."""
    # Furniture first: its footnotes are found by the blank line above them, which the
    # plain layout then drops with every other blank line.
    pages = plain_layout(without_furniture(pages))
    family = classify(pages)
    if family is None:
        raise UnknownLayout(label, "no Ofsted report or letter title on its first pages")
    first = parser(family)(pages, label)
    reading, family = dated(first, family, lambda other: _read_as(other, pages, label))
    return with_content(reading, pages, family)


def _read_as(family: str, pages: Sequence[Page], label: str) -> Parsed | None:
    """The pages read by another family's parser; None where that parser refuses them."""
    try:
        return parser(family)(pages, label)
    except UnknownLayout:
        return None


def plain_layout(pages: Sequence[Page]) -> tuple[Page, ...]:
    """The pages with every run of spaces made one, lines stripped, blank lines dropped and
    running headers and footers taken out (page 1's title kept).

    Where a printing puts its spaces, blank lines and running lines says nothing about what a
    report says (another printing, or another text extractor, lays the same words out
    differently, and pages may come from elsewhere than `pdf.py`), so every rule downstream
    reads one layout, and none needs to allow for another.
    """
    texts = strip_running_lines([_plain(p.text) for p in pages])
    return tuple(replace(p, text=t) for p, t in zip(pages, texts, strict=True))


def _plain(text: str) -> str:
    return "\n".join(plain for line in text.split("\n") if (plain := " ".join(line.split())))
