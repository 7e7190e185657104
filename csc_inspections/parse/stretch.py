"""A stretch of pages joined into one text, so one regex can run across a page break, with the
sentence (or list item) around an offset for provenance, footnotes left out.

Shared by `figures` and `cited`, which both read "Information about this local authority area"
and the sections around it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Page, Section
from .sections import section_pages
from .text import MONTH_RE, squash


@dataclass(frozen=True)
class Stretch:
    """Pages joined by newlines, so one regex can run across a page break."""

    text: str
    starts: tuple[int, ...]
    numbers: tuple[int, ...]

    def page(self, offset: int) -> int:
        """The page number printed at `offset`."""
        return self.numbers[bisect.bisect_right(self.starts, offset) - 1]

    def sentence(self, start: int, end: int) -> str:
        """The squashed sentence, bullet or sub-bullet around text[start:end], for provenance;
        a footnote printed after it (at the foot of the page) is not part of it."""
        lefts = [m.end() for m in _ITEM_BREAK.finditer(self.text, max(0, start - 600), start)]
        left = max(lefts, default=0)
        stop = _ITEM_BREAK.search(self.text, end)
        right = None if stop is None else stop.end() if stop.group() == "." else stop.start()
        return squash(self.text[left : end_of_text(self.text, end, right)])


# Where a figure's sentence or list item ends: a full stop, a bullet, a sub-bullet dash at the
# start of a line or between items ("months: - there have been 153 adoptions - 15 children"),
# a semicolon ending a list item.
_ITEM_BREAK = re.compile(r"\.(?=\s)|[•;]|(?:^|\s)[-–−―─\u0336](?=\s)", re.M)
# A footnote at the foot of a page: a line opening with its number ("2 These are residential
# special schools ...", "[1] These are ...") or the standard unnumbered note on local data.
_FOOTNOTE = re.compile(
    rf"\n[ \t]*(?:\[\d{{1,2}}\]|\d{{1,2}}(?!\s+{MONTH_RE}\b))[ \t]+(?=[A-Z])"
    r"|\n[ \t]*\n[ \t]*\d{1,2}[ \t]*\n(?=[A-Z])"  # "\n\n9\nSchool census data ..."
    r"|\s(?=The (?i:local authority) was given the opportunity to review)"
)


def end_of_text(text: str, start: int, end: int | None) -> int:
    """`end`, or where a footnote begins between `start` and `end` if one does: footnotes sit
    at the foot of the page and come out of the PDF glued to the sentence before them."""
    stop = len(text) if end is None else end
    foot = _FOOTNOTE.search(text, start, stop)
    return foot.start() if foot else stop


def stretch(pages: Sequence[Page]) -> Stretch:
    """The pages' text as one string, with the offset where each page begins."""
    starts, parts, offset = [], [], 0
    for page in pages:
        starts.append(offset)
        parts.append(page.text)
        offset += len(page.text) + 1
    return Stretch("\n".join(parts), tuple(starts), tuple(p.number for p in pages))


def section_stretch(sections: Sequence[Section], kinds: Sequence[str]) -> list[Page]:
    """The pages (numbered as printed) of every section of the given kinds, in order; where
    none has those kinds, nothing."""
    return [
        Page(number, text)
        for section in sections
        if section.kind in kinds
        for number, text in section_pages(section)
    ]
