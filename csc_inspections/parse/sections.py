"""Splitting a document into titled sections, in page order, without dropping any text.

The headings and their canonical kinds live in `data/sections.csv`, one row per wording, so a new
layout is a new row rather than a branch here. A heading is recognised only when it fills whole
lines (one to four: headings wrap), which is what tells "Recommendations" the heading from the
word inside a sentence. Text before the first heading is the `front` section (title page, letter
head); a report's table of contents is one `contents` section, never mistaken for the headings it
lists. A heading-shaped line that no row knows becomes an `other` section, but only inside a
section whose layout has no sub-headings of its own (column `flat`: ILACS judgement sections,
"What needs to improve?" lists), so that elsewhere sub-headings stay in their section's text.
Which rows apply depends on the part of the document (column `part`): a SIF report's LSCB part
reads "Recommendations" as the LSCB's own, and a heading can move the reader into another part
(column `enters`). An ILACS report's first page has no heading over its headline summary: the
judgement table ends the `front` section and a `summary` section starts there.

Section text keeps the page's lines; a form feed (`PAGE_BREAK`) marks each page break, so a
reader of a section can tell the page of any line (`section_pages`).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Page, Section
from .text import squash

PAGE_BREAK = "\f"
_GRADE = r"(?:outstanding|good|requires? improvement(?: to be good)?|inadequate|adequate)"


@dataclass(frozen=True)
class Rule:
    """One row of data/sections.csv: a wording (regex; a space stands for any whitespace, line
    breaks included) of a section heading, a list's group heading or an agency's name."""

    family: str
    level: str
    parts: frozenset[str]
    kind: str
    enters: str
    flat: bool
    pattern: str


@cache
def rules() -> tuple[Rule, ...]:
    """Every row of data/sections.csv, in file order (earlier rows win)."""
    text = resources.files("csc_inspections").joinpath("data", "sections.csv")
    rows = list(csv.DictReader(text.read_text(encoding="utf-8").splitlines()))
    for number, row in enumerate(rows, start=2):
        if None in row:  # an unquoted comma in a pattern split it
            raise ValueError(f"data/sections.csv line {number}: too many fields")
    return tuple(
        Rule(
            family=r["family"],
            level=r["level"],
            parts=frozenset(r["part"].split("|")),
            kind=r["kind"],
            enters=r["enters"],
            flat=r["flat"] == "yes",
            pattern=_pattern(r["pattern"]),
        )
        for r in rows
    )


def _pattern(text: str) -> str:
    """A row's wording as a regex: `{grade}` is any grade; a space is any run of whitespace
    (headings wrap), an optional space (" ?") any whitespace or none."""
    return text.replace("{grade}", _GRADE).replace(" ?", r"\s*").replace(" ", r"\s+")


@cache
def family_rules(family: str, level: str, part: str = "*") -> tuple[Rule, ...]:
    """The rows of a level that apply to `family` in document part `part`."""
    return tuple(
        r
        for r in rules()
        if r.family in (family, "all") and r.level == level and (part in r.parts or "*" in r.parts)
    )


@cache
def line_matcher(family: str, level: str, part: str = "*") -> re.Pattern[str]:
    """One regex for every wording of a level, to search text padded with a leading newline: it
    matches a newline then a wording that fills whole lines; group `r<i>` names the rule. A
    footnote mark glued to the heading ("Information about this local authority area2") is
    allowed either side; the first letter must be a capital (`(?-i:...)`)."""
    alternatives = "|".join(
        f"(?P<r{i}>{r.pattern})" for i, r in enumerate(family_rules(family, level, part))
    )
    return re.compile(
        rf"\n[ \t]*\d?(?=(?-i:[A-Z]))(?:{alternatives})\d{{0,2}}[ \t]*(?=\n|\Z)", re.IGNORECASE
    )


@dataclass(frozen=True)
class _Heading:
    page: int  # index into the pages
    start: int  # offset of the heading's first character in the page's padded text
    end: int  # offset just after its last line
    kind: str
    heading: str
    flat: bool = False  # the section has no sub-headings: a heading-shaped line starts another


def split_sections(pages: Sequence[Page], family: str, label: str) -> tuple[Section, ...]:
    """The document's sections in page order; together they hold every line of every page."""
    texts = ["\n" + p.text for p in pages]
    if not texts:
        return ()
    body = _table_end(texts[0]) if family == "ilacs" else 0
    heads = list(_headings(texts, family, body))
    if body and (not heads or heads[0].page > 0 or heads[0].start > body):
        heads.insert(0, _Heading(0, body + 1, body, "summary", "", flat=True))
    if not heads or (heads[0].page, heads[0].start) > (0, 1):
        heads.insert(0, _Heading(0, 1, 0, "front", ""))
    heads = _closed(texts, _with_unknown(texts, heads), family)
    ends = [(h.page, h.start - 1) for h in heads[1:]] + [(len(texts) - 1, len(texts[-1]))]
    return tuple(_section(pages, texts, h, end) for h, end in zip(heads, ends, strict=True))


def _section(
    pages: Sequence[Page], texts: Sequence[str], head: _Heading, stop: tuple[int, int]
) -> Section:
    """The section from just after `head` to `stop` (page index, offset)."""
    last, offset = stop
    if offset <= 1 and last > head.page:  # the next heading opens a page: stop at the one before
        last, offset = last - 1, len(texts[last - 1])
    if head.page == last:
        body = texts[last][head.end + 1 : offset]
    else:
        middle = texts[head.page + 1 : last]
        parts = [texts[head.page][head.end + 1 :], *(t[1:] for t in middle), texts[last][1:offset]]
        body = PAGE_BREAK.join(parts)
    return Section(
        kind=head.kind,
        heading=head.heading,
        page_start=pages[head.page].number,
        page_end=pages[last].number,
        text=body,
        footnotes=tuple(f for p in pages[head.page : last + 1] for f in p.footnotes),
    )


def _closed(texts: Sequence[str], heads: list[_Heading], family: str) -> list[_Heading]:
    """`heads` ending at the letter's closing: its first closing sentence ("Ofsted will take the
    findings from this focused visit into account ...", "I am copying this letter to ...",
    "Yours sincerely"; rows of level `closing`) starts the `closing` section wherever on its
    line it is printed, so that no finding or point runs into it."""
    rows = family_rules(family, "closing")
    if not rows:
        return heads
    rx = re.compile("|".join(f"(?:{r.pattern})" for r in rows))
    for index, text in enumerate(texts):
        start = heads[0].end + 1 if index == heads[0].page else 0
        m = rx.search(text, start)
        if m is None:
            continue
        kept = [h for h in heads if (h.page, h.start) < (index, m.start())]
        return [*kept, _Heading(index, m.start(), m.start() - 1, "closing", "")]
    return heads


def section_pages(section: Section) -> Iterator[tuple[int, str]]:
    """(page number, text) for each page a section's text runs over."""
    for offset, text in enumerate(section.text.split(PAGE_BREAK)):
        yield section.page_start + offset, text


def _headings(texts: Sequence[str], family: str, start: int) -> Iterator[_Heading]:
    """Known headings in order from offset `start` of page 1, tracking the document part (a SIF
    report's LSCB part reads "Recommendations" as the LSCB's own); consecutive headings of one
    kind make one section."""
    part, kind = "main", ""
    for index, text in enumerate(texts):
        pos = start if index == 0 else 0
        while (hit := _next_heading(text, pos, family, part)) is not None:
            m, rule = hit
            pos = m.end()
            if rule.kind == kind:
                continue
            kind = rule.kind
            part = rule.enters or part
            heading = squash(m.group(m.lastgroup or 0))
            yield _Heading(index, m.start() + 1, m.end(), kind, heading, rule.flat)
            if kind == "contents":  # a table of contents fills its page
                pos = len(text)


def _next_heading(text: str, pos: int, family: str, part: str) -> tuple[re.Match[str], Rule] | None:
    m = line_matcher(family, "section", part).search(text, pos)
    if m is None or m.lastgroup is None:
        return None
    return m, family_rules(family, "section", part)[int(m.lastgroup[1:])]


# A heading no row knows: a short capitalised line standing alone (the line before ends a
# sentence, it ends with no punctuation, the next line starts a sentence, bullet or paragraph).
# Its words are few, it holds no sentence break, and it does not end with a word that runs on.
_UNKNOWN = re.compile(
    r"\n(?:(?<=[.?!:;’”)]\n)|(?<=\A\n))(?=[A-Z])"  # after a closed sentence or at the page top
    r"(?P<h>[^\n•]{3,60}(?<![.,;:?!–-]))"  # short, no closing punctuation
    r"(?=\n[ \t]*[A-Z0-9•])"  # the next line starts a sentence, a number or a bullet
)
_HEADING_WORDS = 12
_RUNS_ON = re.compile(
    r"\.\s|\b(?:the|a|an|of|in|on|to|for|and|or|with|by|at|as|is|are|be|that|which|from|their|its|"
    r"this|these|has|have|not|than|who|when|where|while)$",
    re.IGNORECASE,
)


@cache
def noise_matcher() -> re.Pattern[str]:
    """Blocks printed in the middle of the text that belong to no section's prose (Ofsted's
    letterhead at the foot of a letter's first page): rows of level `noise`. A block starts a
    line: the pattern starts with the newline before it (and searching for it is fast)."""
    noise = "|".join(r.pattern for r in rules() if r.level == "noise")
    return re.compile(rf"\n(?:{noise})", re.IGNORECASE)


def without_noise(text: str) -> str:
    """`text` with the noise blocks taken out, for parsers of a section's prose."""
    return noise_matcher().sub("", "\n" + text)[1:]


def _with_unknown(texts: Sequence[str], heads: list[_Heading]) -> list[_Heading]:
    """`heads` with an `other` heading for each unknown heading inside a flat section."""
    noise = noise_matcher()
    out: list[_Heading] = []
    for i, head in enumerate(heads):
        out.append(head)
        if not head.flat:
            continue
        stop = (heads[i + 1].page, heads[i + 1].start) if i + 1 < len(heads) else (len(texts), 0)
        for page in range(head.page, min(stop[0], len(texts) - 1) + 1):
            start = head.end if page == head.page else 0
            end = stop[1] if page == stop[0] else len(texts[page])
            for m in _UNKNOWN.finditer(texts[page], start, end):
                words = m.group("h")
                if (
                    len(words.split()) <= _HEADING_WORDS
                    and not _RUNS_ON.search(words)
                    and not noise.match(texts[page], m.start("h") - 1)
                ):
                    out.append(_Heading(page, m.start("h"), m.end(), "other", squash(m.group("h"))))
    return out


_TABLE_HEAD = re.compile(r"\n[ \t]*judgements?[ \t]+grades?[ \t]*(?=\n)", re.IGNORECASE)
_ROW_START = re.compile(r"[ \t]*(?:the\s+)?(?:impact|experiences?|overall)\b", re.IGNORECASE)
_GRADE_END = re.compile(rf"{_GRADE}(?:[ \t]+to)?\.?[ \t]*$", re.IGNORECASE)
_GRADE_TAIL = re.compile(
    r"[ \t]*(?:improvement[ \t]+)?(?:to[ \t]+)?be[ \t]+good\.?[ \t]*$", re.IGNORECASE
)
_AREA_LINES = 3  # an area's name wraps over at most three lines before its grade


def _table_end(text: str) -> int:
    """Where the judgement table of an ILACS report's first page ends (padded offset), so that its
    rows are not read as headings and the headline summary after it is a section; 0 if none.
    Each row is an area's name (starting "The impact", "The experiences", "Overall") wrapped
    over at most three lines, then its grade; "Overall effectiveness" is the last row where there
    is one; the first line that fits no row ends the table."""
    head = _TABLE_HEAD.search(text)
    if head is None:
        return 0
    end = head.end()
    waiting, overall = 0, False  # lines of an area's name read before its grade; overall row?
    for start, line in _lines_after(text, head.end()):
        if not line.strip():
            continue
        if start == end + 1 and _GRADE_TAIL.match(line):  # "Requires improvement / to be good"
            end = start + len(line)
            continue
        if overall or (not waiting and not _ROW_START.match(line)):
            break
        if not waiting:
            overall = "overall" in line.lower()
        elif waiting >= _AREA_LINES and not _GRADE_END.search(line):
            break
        waiting += 1
        if _GRADE_END.search(line):
            end, waiting = start + len(line), 0
    return end


def _lines_after(text: str, newline: int) -> Iterator[tuple[int, str]]:
    """(offset, line) for each line after the newline at offset `newline`."""
    start = newline + 1
    for line in text[start:].split("\n"):
        yield start, line
        start += len(line) + 1
