"""Improvement points and key findings, read from the sections a document was split into.

A list is read line by line. Its points start with the list's own marker: numbers ("1.") where
a list uses numbers more than bullets (SIF), bullets ("•") otherwise (ILACS, letters, the 2013
looked after children reports); the other marker then marks sub-points, or a lead-in before the
first point, and stays in the text. A point runs on over lines and pages until the next point. A
short capitalised line with no closing punctuation, standing between a finished point and the next
point, is the sub-heading the following points sit under ("Management oversight of social work
practice"); group headings ("Priority and immediate action") come from data/sections.csv. A line
starting with a bare number ("1 The areas for improvement have been cross-referenced ...") is a
footnote: the rest of that page is footnotes. A point saying there are none ("There are no areas
for priority action") is not a point. An ILACS point's cross-reference to the national framework
("(outcome 4, national framework)") is kept apart from its text; a JTAI letter's points are for
the agencies it is addressed to, and name the ones each point addresses.

Findings are the points of a summary, or its paragraphs where it has no list (a paragraph ends
at a line that closes a sentence well short of the section's line width).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..model import Finding, Provenance, Recommendation, Section
from .sections import family_rules, section_pages, without_noise
from .text import MONTH_RE, paragraph_key

_NUMBER = re.compile(r"(\d{1,3})\.(?!\d)\s*")
_BULLET = re.compile(r"•\s*")
_FOOTNOTE = re.compile(rf"\d{{1,2}}\s+(?!{MONTH_RE}\b)\S")  # not a date: "31 October 2024"
_LONE_NUMBER = re.compile(r"\d{1,3}")
_QUOTES = "’”'\")"
# A point that says the list is empty, in whatever words: "There are no areas for priority
# action", "No areas were identified for immediate improvement", "No recommendations.", "None",
# "Not applicable", "Inspectors did not identify any areas for priority action".
_NONE = re.compile(
    r"(?:there\s+(?:are|is|were|have\s+been)\s+no\b"
    r"|no\s+(?:areas?|priority|recommendations?|actions?)\b"
    r"|no\b(?:\s+[\w-]+){0,6}?\s+(?:(?:are|is|were|was|have\s+been|has\s+been)\s+)?"
    r"(?:identified|found|made|required|needed|raised)\b"
    r"|(?:none|not\s+applicable|nil)\W*$"
    r"|(?:[\w’']+\s+){1,3}(?:did|does|do|has|have)\s+not\s+"
    r"(?:identif(?:y|ied)|ma(?:k|d)e|f(?:i|ou)nd|raised?)\s+any\b)",
    re.IGNORECASE,
)
_NONE_WORDS = 12  # "There are no areas for priority or immediate action."
_SENTENCE_BREAK = re.compile(r"[.!?][’”'\")]*\s+(?=[A-Z])")
_HYPHEN_BREAK = re.compile(r"-\n(?<=[^\W\d_]-\n)")  # "multi-\nagency": starts with "-\n", so fast
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;])")
_DOUBLE_STOP = re.compile(r"\.(?:\s*\.)+")
_GROUP_CHARS = 70  # "Priority and immediate action", "What needs to improve in this area of ..."
_HEADING_LINES = 2
_HEADING_CHARS = 150
_FULL_LINE = 0.85  # a line this much of the body's width is full: the paragraph runs on
_WIDE = 0.9  # the body's width is that of its longer lines (90th percentile)

# Which sections hold which list: section kind -> scope (a JTAI letter's list is "agencies").
_SCOPES = {"recommendations": "main", "lscb_recommendations": "lscb"}
_REFERENCED = ("ilacs", "letter")  # cross-references to the national framework: 2023 onwards
# A JTAI letter without a findings section of its own (the 2016-2020 layout) prints its
# evaluation as the points of "Areas for improvement": those points are narrative, not listed.
_FINDINGS_OF_LETTERS = ("headline_findings", "main_findings")
_FINDING_KINDS = {
    "sif": ("summary",),
    "ilacs": ("summary",),
    "letter": ("headline_findings", "main_findings", "strengths"),
    "legacy": ("lscb_summary", "judgement_overall"),
}


class _Line(NamedTuple):
    """A line of a section and the page it is on (a tuple: there are many)."""

    page: int
    text: str


@dataclass
class _Point:
    """A point being read: its lines, where it starts, and what it sits under."""

    page: int
    lines: list[str]
    group: str | None = None
    heading: str | None = None
    printed: int | None = None


def recommendations(
    sections: Sequence[Section], family: str, label: str
) -> tuple[Recommendation, ...]:
    """Every improvement point of the main list (and the LSCB's own, and a JTAI letter's list
    for its agencies), numbered by position within its scope."""
    jtai = family == "letter" and _is_jtai(sections)
    narrative = jtai and not any(s.kind in _FINDINGS_OF_LETTERS for s in sections)
    referenced = family in _REFERENCED
    out: list[Recommendation] = []
    for scope in ("main", "lscb"):
        chosen = [s for s in sections if _SCOPES.get(s.kind) == scope]
        points = [p for s in chosen for p in _read_list(list(_body_lines(s)), s.heading, family)]
        texts = [(p, _text(p)) for p in points]
        kept = [(p, t) for p, t in texts if not _says_none(t)]
        for number, (point, text) in enumerate(kept, start=1):
            refs = [m.group(0).strip() for m in _reference().finditer(text)] if referenced else []
            item = _recommendation(point, text, refs, number, label, "agencies" if jtai else scope)
            out.append(replace(item, form="narrative") if narrative and _is_prose(text) else item)
    return tuple(out)


def findings(
    sections: Sequence[Section],
    family: str,
    label: str,
    starts: frozenset[tuple[int, str]] = frozenset(),
) -> tuple[Finding, ...]:
    """The key findings: points or paragraphs of the summary sections, in order. `starts`:
    (page, `paragraph_key`) of the lines the printed page shows opening a paragraph."""
    kinds = _FINDING_KINDS.get(family, ())
    chosen = [s for s in sections if s.kind in kinds]
    out: list[Finding] = []
    for section in chosen:
        lines = list(_body_lines(section))
        points = _read_list(lines, section.heading, family) or list(_paragraphs(lines, starts))
        default = section.heading if section.kind == "strengths" else None
        for point in points:
            text = _text(point)
            source = Provenance(label, point.page, text)
            out.append(Finding(len(out) + 1, text, source, point.heading or default))
    return tuple(out)


def _recommendation(
    point: _Point, printed: str, refs: list[str], number: int, label: str, scope: str
) -> Recommendation:
    """A point as a Recommendation: `printed` is its whole text, `refs` the framework references
    printed in it (kept out of `text`)."""
    text = _without_references(printed) if refs else printed
    named = f"{point.heading or ''} {_first_sentence(text)}"
    return Recommendation(
        number=number,
        text=text.rstrip(" ,;"),
        source=Provenance(label, point.page, printed),
        group=point.group,
        heading=point.heading,
        scope=scope,
        framework_ref="; ".join(refs) or None,
        agencies=_agencies(named) if scope == "agencies" else (),
        printed_number=point.printed,
    )


def _without_references(text: str) -> str:
    """A point's text without its framework references, and without the space or full stop
    they leave behind ("... about them. (Enabler 2, National Framework)." -> "... about them.")."""
    bare = _squash(_reference().sub(" ", text))
    return _DOUBLE_STOP.sub(".", _SPACE_BEFORE_STOP.sub(r"\1", bare))


def _squash(text: str) -> str:
    """Runs of whitespace to single spaces (as text.squash, without a regex: this runs for
    every point of the corpus)."""
    return " ".join(text.split())


def _closed(line: str) -> bool:
    """Whether a line ends a sentence or clause (before any closing quotes or brackets)."""
    return line.endswith(")") or line.rstrip(_QUOTES)[-1:] in (".", ";", ":", "!", "?")


def _is_prose(text: str) -> bool:
    """A point written as sentences of its own ("Thresholds are not consistently understood
    ..."), not a clause completing a lead-in ("ensure that: • the mental health ...")."""
    return text[:1].isupper()


def _says_none(text: str) -> bool:
    return bool(_NONE.match(text)) and len(text.split()) <= _NONE_WORDS


def _text(point: _Point) -> str:
    """A point's lines as one string; a word hyphenated at a line end is joined up again."""
    return _squash(_HYPHEN_BREAK.sub("-", "\n".join(point.lines)))


# --- lists ----------------------------------------------------------------------------------


def _read_list(lines: Sequence[_Line], heading: str, family: str) -> list[_Point]:
    """The points of a section's list (its lines, under `heading`), with their group and
    sub-heading."""
    marker = _marker(lines)
    if marker is None:
        return []
    groups = _groups(family)
    group = _group_of(heading, groups)
    points: list[_Point] = []
    pending: list[str] = []
    sub: str | None = None
    skip = False
    for i, line in enumerate(lines):
        if skip:
            skip = False
            continue
        found = _group_of(line.text, groups)
        if not found and i + 1 < len(lines) and not marker.match(lines[i + 1].text):
            # a group heading wrapped over two lines ("What needs to improve in this area of
            # social / work practice?")
            found = _group_of(f"{line.text} {lines[i + 1].text}", groups)
            skip = found is not None
        if found:
            _settle(points, pending, last=True)
            group, sub, pending = found, None, []
        elif m := marker.match(line.text):
            sub = _settle(points, pending, last=False) or sub
            printed = int(m.group(1)) if marker is _NUMBER else None
            points.append(_Point(line.page, [line.text[m.end() :]], group, sub, printed))
            pending = []
        else:
            pending.append(line.text)
    _settle(points, pending, last=True)
    return points


def _settle(points: list[_Point], pending: list[str], last: bool) -> str | None:
    """Place the lines read since the last point: the sub-heading of the next point (returned),
    if they end in one, else the rest of the last point. Before the first point they are the
    list's lead-in, and after the last (`last`) a trailing sub-heading heads nothing: neither is
    a point's text."""
    closed = not points or _closed(points[-1].lines[-1])
    tail: list[str] = []
    for line in reversed(pending):
        if _closed(line):
            break
        tail.insert(0, line)
    body = pending[: len(pending) - len(tail)]
    if body:
        closed = _closed(body[-1])
    heading = None
    if tail and closed and _heading_shaped(tail):
        heading = _NUMBER.sub("", _squash(" ".join(tail)), count=1)
    else:
        body = pending
    if points:
        points[-1].lines.extend(body)
    return None if last else heading


def _heading_shaped(lines: Sequence[str]) -> bool:
    """Short, capitalised (after any number: "2. Oversight and scrutiny by senior leaders")."""
    first = _NUMBER.sub("", lines[0], count=1)
    return (
        len(lines) <= _HEADING_LINES
        and sum(len(x) for x in lines) <= _HEADING_CHARS
        and first[:1].isupper()
    )


def _body_lines(section: Section) -> Iterator[_Line]:
    """A section's non-empty lines, without letterheads, lone numbers and page-foot footnotes
    (a bare number then a capital, or any text after a closed sentence: "1 as of 1 July")."""
    previous = "."
    for page, text in section_pages(section):
        for raw in without_noise(text).split("\n"):
            line = raw.strip()
            if not line or (line[0].isdigit() and _LONE_NUMBER.fullmatch(line)):
                continue
            if line[0].isdigit() and _is_footnote(line, previous):
                break
            previous = line
            yield _Line(page, line)


def _is_footnote(line: str, previous: str) -> bool:
    m = _FOOTNOTE.match(line)
    if m is None or _NUMBER.match(line):
        return False
    return line[m.end() - 1].isupper() or _closed(previous)


def _marker(lines: Sequence[_Line]) -> re.Pattern[str] | None:
    """The list's own marker: numbers where they outnumber bullets, else bullets; None if the
    section has no list."""
    numbers = sum(1 for x in lines if _NUMBER.match(x.text))
    bullets = sum(1 for x in lines if _BULLET.match(x.text))
    if not numbers and not bullets:
        return None
    return _NUMBER if numbers >= bullets else _BULLET


@dataclass(frozen=True)
class ItemGroup:
    """A row of data/item_groups.csv: a list an item can be printed under, its label, and
    whether its items are priority actions."""

    key: str
    label: str
    priority: bool


@cache
def item_groups() -> dict[str, ItemGroup]:
    """The groups items are printed under, by key (data/item_groups.csv)."""
    text = resources.files("csc_inspections").joinpath("data", "item_groups.csv")
    rows = csv.DictReader(text.read_text(encoding="utf-8").splitlines())
    return {r["group"]: ItemGroup(r["group"], r["label"], r["priority"] == "yes") for r in rows}


@cache
def _groups(family: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The group headings of a family's lists (rows of level `group` in data/sections.csv),
    each naming a group of data/item_groups.csv."""
    rows = family_rules(family, "group")
    unknown = sorted({r.kind for r in rows} - item_groups().keys())
    if unknown:
        raise ValueError(f"data/sections.csv: groups not in data/item_groups.csv: {unknown}")
    return tuple((r.kind, re.compile(rf"(?:{r.pattern})\s*", re.IGNORECASE)) for r in rows)


def _group_of(text: str, groups: Sequence[tuple[str, re.Pattern[str]]]) -> str | None:
    """The group a line heads, if it is a group heading (short: checked before any regex)."""
    if len(text) > _GROUP_CHARS:
        return None
    return next((kind for kind, rx in groups if rx.fullmatch(text.strip())), None)


# --- paragraphs -----------------------------------------------------------------------------


def _paragraphs(lines: Sequence[_Line], starts: frozenset[tuple[int, str]]) -> Iterator[_Point]:
    """A section's paragraphs: a paragraph ends at a line that closes a sentence and is clearly
    shorter than the body's width (the next word would have fitted on it), or that closes a
    sentence at the foot of a page or before a line the printed page opens a paragraph with
    after a blank space (`starts`)."""
    if not lines:
        return
    lengths = sorted(len(x.text) for x in lines)
    width = lengths[int(len(lengths) * _WIDE)]  # the body's width, whatever a stray long line
    current: _Point | None = None
    previous = lines[0]
    for line in lines:
        if current is not None and _closed(previous.text) and _opens(line, previous, starts):
            yield current
            current = None
        if current is None:
            current = _Point(line.page, [])
        current.lines.append(line.text)
        previous = line
        if _closed(line.text) and len(line.text) < _FULL_LINE * width:
            yield current
            current = None
    if current is not None:
        yield current


def _opens(line: _Line, previous: _Line, starts: frozenset[tuple[int, str]]) -> bool:
    """Whether `line` opens a paragraph after a line that closed a sentence: it is the first
    of a page, or the printed page leaves a blank space before it."""
    return line.page != previous.page or (line.page, paragraph_key(line.text)) in starts


# --- letters --------------------------------------------------------------------------------


@cache
def _reference() -> re.Pattern[str]:
    """The cross-reference to the national framework printed after an ILACS point."""
    return re.compile("|".join(r.pattern for r in family_rules("all", "reference")), re.IGNORECASE)


def _is_jtai(sections: Sequence[Section]) -> bool:
    """A joint targeted area inspection letter names itself so in its opening."""
    opening = sections[0].text if sections and sections[0].kind == "front" else ""
    return any(
        re.search(r.pattern, opening, re.IGNORECASE) for r in family_rules("letter", "title")
    )


@cache
def _agency_matcher() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """One regex for every agency's names (group `a<i>` is the i-th agency), and the agencies."""
    rows = family_rules("letter", "agency")
    names = "|".join(f"(?P<a{i}>{r.pattern})" for i, r in enumerate(rows))
    return re.compile(rf"\b(?:{names})\b", re.IGNORECASE), tuple(r.kind for r in rows)


def _first_sentence(text: str) -> str:
    """A point's first sentence: the agencies it names are those the point addresses (later
    sentences name others in passing)."""
    m = _SENTENCE_BREAK.search(text)
    return text[: m.start() + 1] if m else text


def _agencies(text: str) -> tuple[str, ...]:
    """The agencies a JTAI point (its sub-heading and first sentence) names, in the order of
    data/sections.csv."""
    rx, kinds = _agency_matcher()
    found = {int(m.lastgroup[1:]) for m in rx.finditer(text) if m.lastgroup}
    return tuple(kinds[i] for i in sorted(found))
