"""Page furniture taken out of the text before a document is cut into sections.

What a PDF prints on a page that is not the report's words at that point, by layout, never by
file: "Page 2 of 4" (letters of 2018-2019 print it in the text flow, sometimes mid-line);
Ofsted's letterhead block at the foot of a letter's first page (rows of level `noise` in
data/sections.csv, the same rows section readers used to skip); footnotes at a page's foot (a
blank line, then lines starting with their number: "2 The system in which ...") kept apart on
the page; the footnote markers in the text ("children2receive", "‘trio’ system2.",
"Operation Encompass5is"); and a heading some PDFs repeat at the end of the line before it
("... care. Areas for improvement" then "Areas for improvement" on its own line).

Running headers and footers and lone page numbers are taken out earlier, when the PDF is read
(`text.strip_running_lines`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..model import Page
from .sections import noise_matcher
from .text import MONTH_RE

_PAGE_OF = re.compile(r"[ \t]*\bPage[ \t]+\d{1,3}[ \t]+of[ \t]+\d{1,3}\b[ \t]*", re.IGNORECASE)
# The footnote block: after the page's last blank line, lines of which the first starts with a
# footnote number and a word ("1 as of 1 July 2022", "5 Operation Encompass is ..."), the
# number alone on its line in some layouts.
_FOOT_BLOCK = re.compile(
    rf"\n[ \t]*\n(?P<block>[ \t]*\d{{1,2}}(?:[ \t]+|[ \t]*\n[ \t]*)(?!{MONTH_RE}\b)"
    r"[A-Za-z‘“(][^\n]*(?:\n.+)*)\s*\Z",
    re.IGNORECASE,
)
_FOOT_LINES = 15  # more lines than this after a blank line are the page's text, not its notes
_FOOT_START = re.compile(r"^[ \t]*(\d{1,2})(?:[ \t]+|[ \t]*\n[ \t]*)(?=[A-Za-z‘“(])", re.MULTILINE)
# A marker: a number stuck to the end of a word (a lower-case letter, closing quote or bracket
# before it), before a space, punctuation or the next word; between two words it took the
# place of the space ("children2receive").
_STUCK = r"(?<=[a-z’')])({numbers})(?=[\s.,;:)]|[a-z]{{2}})"
# Digits first, so that the regular expression engine can skip to them (a pattern opening with
# a look-behind is tried at every character of every page); the three letters before are
# checked by `_between_words`.
_BETWEEN_WORDS = re.compile(r"\d{1,2}(?=[a-z]{2,}\b)")
_HEADING_WORDS = 10


def without_furniture(pages: Sequence[Page]) -> tuple[Page, ...]:
    """The pages with their furniture taken out; footnotes kept on each page."""
    return tuple(_clean(page) for page in pages)


def _clean(page: Page) -> Page:
    text = noise_matcher().sub("\n", "\n" + page.text)[1:]
    if _has_page_of(text):  # rare: the lines are gone through only where it is printed
        text = "\n".join(x for x in (_PAGE_OF.sub(" ", line).rstrip() for line in _lines(text)))
    text, footnotes = _footnotes(text)
    text = _without_markers(text, [n for n, _ in footnotes])
    text = _without_repeated_headings(text)
    return replace(page, text=text, footnotes=page.footnotes + tuple(f for _, f in footnotes))


def _has_page_of(text: str) -> bool:
    # The words looked for first (a substring search costs next to nothing), the pattern after
    return any(w in text for w in ("Page ", "page ", "PAGE ")) and bool(_PAGE_OF.search(text))


def _lines(text: str) -> list[str]:
    """The page's lines, without those that held only a "Page x of y"."""
    return [x for x in text.split("\n") if not (_PAGE_OF.fullmatch(x) and x.strip())]


def _footnotes(text: str) -> tuple[str, list[tuple[str, str]]]:
    """The page's text without its footnote block, and the footnotes as (number, text)."""
    m = _FOOT_BLOCK.search(text)
    if m is None or m.group("block").count("\n") >= _FOOT_LINES:
        return text, []
    block = m.group("block")
    starts = list(_FOOT_START.finditer(block))
    notes = [
        (s.group(1), " ".join(block[s.start() : e.start() if e else len(block)].split()))
        for s, e in zip(starts, [*starts[1:], None], strict=True)
    ]
    return text[: m.start()] + "\n", notes


def _without_markers(text: str, numbers: Sequence[str]) -> str:
    """Markers of the page's own footnotes, and numbers stuck between two words, taken out (a
    space kept where the marker stood between two words)."""
    if numbers:
        stuck = re.compile(_STUCK.format(numbers="|".join(sorted(set(numbers), key=len)[::-1])))
        text = stuck.sub(lambda m: " " if text[m.end() : m.end() + 1].isalpha() else "", text)
    return _BETWEEN_WORDS.sub(_between_words, text)


def _between_words(m: re.Match[str]) -> str:
    """A space for a number stuck between two words ("children2receive"), three letters before
    it; any other digits as they were ("2019ab", "A12")."""
    before = m.string[max(0, m.start() - 3) : m.start()]
    return " " if len(before) == 3 and before.isalpha() and before.islower() else m.group()


def _without_repeated_headings(text: str) -> str:
    """A heading printed again at the end of the line(s) before it, after a closed sentence,
    taken off that line ("... care. Areas for improvement" / "Areas for improvement")."""
    lines: list[str | None] = list(text.split("\n"))  # None: a line merged into the one before
    for j in range(1, len(lines)):
        head = (lines[j] or "").strip().rstrip("?:").strip()
        if not head[:1].isupper() or len(head.split()) > _HEADING_WORDS:
            continue
        for back in (1, 2):
            if j - back < 0:
                break
            before = " ".join(x.strip() for x in lines[j - back : j] if x is not None)
            if not before.lower().rstrip("?: ").endswith(head.split()[-1].lower()):
                continue
            words = r"\s+".join(re.escape(w) for w in head.split())
            tail = re.search(rf"(?<=[.!?’”)])\s+{words}[?:]?$", before, re.IGNORECASE)
            if tail:
                kept = before[: tail.start()]
                lines[j - back : j] = [kept, *[None] * (back - 1)]
                break
    return "\n".join(x for x in lines if x is not None)
