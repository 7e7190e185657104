"""ILACS reports (2018 to 2026, and the April 2026 revision): page 1 to a Report.

Everything an ILACS report states about itself is on page 1: the title naming the LA, the
inspection dates, the lead inspector(s) and the "Judgement / Grade" table. The body repeats
each grade in its section headings, which we read only as a cross-check: the table wins, and a
disagreement becomes a Problem. No report says whether it was a standard (two weeks on site) or
a short (one week) inspection, so the kind is decided from the printed days on site; the 2026
revision is the table without an overall effectiveness row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from itertools import pairwise

from ..frameworks import Framework, frameworks, match_area
from ..model import Fact, Judgement, Page, Problem, Provenance, Report
from ..vocabulary import current
from .facts import fact, file_name_publication
from .text import parse_date, parse_date_range, squash

FAMILY = "ilacs"

# At most this many working days on site (all parts together) is a short inspection: short
# ones print 5 days, or 5 plus a return visit of 1-2 days; standard ones print 10 or more.
SHORT_MAX_WORKING_DAYS = 7

_APOS = "['’]"
# A grade on the ILACS frameworks' scale (data/grades.csv), wording split by extraction
# included ("Require s improvement").
_GRADE = current().grade_pattern(current().family_scales(FAMILY))
# Titles of the graded areas as they open a table row or a body section.
_AREA_START = (
    r"(?:the\s+impact\s+of\s+leaders|the\s+experiences\s+and\s+progress|overall\s+effectiveness)"
)
# A row is the title, then its grade in the next cell or after a colon ("Overall effectiveness:
# Good").
_ROW_RE = re.compile(rf"\s*({_AREA_START}[^.:]{{0,160}}?)(?:\s*:)?\s+({_GRADE})\b", re.IGNORECASE)
_TABLE_HEAD_RE = re.compile(r"^\s*judgements?\s+grades?\s*$", re.IGNORECASE | re.MULTILINE)
# Body headings vary more than the table: "The experience and progress of ...", "The
# experiences of children in care: outstanding", "Impact of leaders ...: good".
_BODY_START = (
    r"(?:(?:the\s+)?impact\s+of\s+leaders|(?:the\s+)?experiences?\s+(?:and\s+progress\s+)?of"
    r"|overall\s+effectiveness)"
)
_BODY_START_RE = re.compile(_BODY_START, re.IGNORECASE)
_BODY_HEAD_RE = re.compile(
    rf"^({_BODY_START}[^.:]{{0,160}}?)\s*(?::|\bis\b|\bare\b)?\s*({_GRADE})\s*\.?$", re.IGNORECASE
)
_PARAGRAPH_RE = re.compile(r"^\d{1,3}\.(?!\d)")

_DATES_RE = re.compile(r"inspection\s+dates?\s*:?\s*(.*)", re.IGNORECASE)
_LEAD_RE = re.compile(r"lead\s+inspectors?\s*:\s*(.*)", re.IGNORECASE)
_TITLES_RE = re.compile(
    rf"\b(?:senior\s+)?(?:his|her)\s+majesty{_APOS}?s\s+inspectors?\b|\b(?:senior\s+)?HMI\b",
    re.IGNORECASE,
)
_SUFFIX = rf"(?:local\s+authority\s+)?children{_APOS}s\s+(?:social\s+care\s+)?services"
_TITLE_RE = re.compile(rf"^(.*?)\binspection\s+of\s+(?:the\s+)?(.*?)\s*{_SUFFIX}", re.IGNORECASE)
_TRUST_RE = re.compile(
    r"\binspection\s+of\s+(?:the\s+)?(.+?\bchildren(?:['’]s)?\s+(?:and\s+families\s+)?"
    r"(?:services\s+)?trust)\b",
    re.IGNORECASE,
)
_PUBLISHED_RE = re.compile(r"(?:report\s+published|published\s*:)\s*:?\s*(.*)", re.IGNORECASE)


def parse(pages: Sequence[Page], label: str) -> Report:
    """Read an ILACS report's page 1 (and its section headings for a cross-check)."""
    first = pages[0]
    problems: list[Problem] = []
    header = _header_lines(first.text)
    la_name = _la_name(header, label, problems)
    parts, dates_text = _inspection_parts(first.text, problems)
    start = fact(label, 1, dates_text, parts[0][0]) if parts else None
    end = fact(label, 1, dates_text, parts[-1][1]) if parts else None
    judgements = _judgements(pages, label, problems)
    return Report(
        file=label,
        kind=_kind(judgements, parts, problems),
        la_name=la_name,
        inspection_start=start,
        inspection_end=end,
        publication_date=_publication(first, label, problems),
        lead_inspectors=_lead_inspectors(first.text, label, problems),
        judgements=judgements,
        problems=tuple(problems),
    )


# --- title and LA name -----------------------------------------------------------------------


def _header_lines(text: str) -> list[str]:
    """Page 1 above the dates line: the LA name and the title (page numbers dropped)."""
    out: list[str] = []
    for line in text.split("\n"):
        if _DATES_RE.match(line.strip()) or _LEAD_RE.match(line.strip()):
            break
        if line.strip() and not line.strip().isdigit():
            out.append(line.strip())
    return out[:8]


def _la_name(header: list[str], label: str, problems: list[Problem]) -> Fact[str] | None:
    """The LA as the title prints it: "Inspection of <LA> [local authority] children's services",
    "Inspection of <name> Children and Families Trust", or (2018-19) the name line above
    "Inspection of children's social care services"."""
    title = squash(" ".join(header))
    trust = _TRUST_RE.search(title)
    m = _TITLE_RE.search(title)
    name = trust.group(1) if trust else (m.group(2) or m.group(1)) if m else ""
    name = name.strip(" ,")
    if not name:
        problems.append(Problem("la_name", "no 'Inspection of ... children's services' title", 1))
        return None
    return fact(label, 1, title, name)


# --- dates -----------------------------------------------------------------------------------


def _inspection_parts(text: str, problems: list[Problem]) -> tuple[list[tuple[date, date]], str]:
    """The printed on-site spans, in order ("8 to 12 July 2019 and 7 to 8 August 2019" is two),
    with the squashed text they were read from."""
    printed = _after_label(text, _DATES_RE, stop=(_LEAD_RE, _TABLE_HEAD_RE))
    if printed is None:
        problems.append(Problem("inspection_start", "no 'Inspection dates' line on page 1", 1))
        return [], ""
    pieces = re.split(r"\s+and\s+(?=\d)", printed)
    spans = [parse_date_range(p) for p in pieces]
    if len(pieces) > 1 and not all(spans):
        spans = [parse_date_range(printed)]
    parts = [s for s in spans if s is not None]
    ordered = all(a[1] <= b[0] for a, b in pairwise(parts))
    if not parts or not ordered:
        problems.append(Problem("inspection_start", f"unreadable dates: {printed!r}", 1))
        return [], printed
    return parts, printed


def _after_label(text: str, head: re.Pattern[str], stop: tuple[re.Pattern[str], ...]) -> str | None:
    """The squashed text after a label ("Inspection dates:") up to the next labelled line,
    so values wrapped over two lines are read whole."""
    rows = [x.strip() for x in text.split("\n") if x.strip()]
    for i, row in enumerate(rows):
        m = head.match(row)
        if not m:
            continue
        taken = [m.group(1)]
        for nxt in rows[i + 1 : i + 3]:
            if any(s.match(nxt) for s in stop) or _ROW_RE.match(nxt) or len(nxt) > 90:
                break
            taken.append(nxt)
        return squash(" ".join(taken))
    return None


def _working_days(parts: Sequence[tuple[date, date]]) -> int:
    """Monday-to-Friday days on site, summed over the printed parts."""
    total = 0
    for start, end in parts:
        day = start
        while day <= end:
            total += day.weekday() < 5
            day += timedelta(days=1)
    return total


# --- kind ------------------------------------------------------------------------------------


def _kind(
    judgements: Sequence[Judgement], parts: Sequence[tuple[date, date]], problems: list[Problem]
) -> str:
    """The kind the dates allow (data/frameworks.csv: the family's kinds in force on the first
    day on site) that fits the table: with an overall row or without (the 2026 revision); then
    standard or short by days on site. Where the table fits no kind the dates allow, the dates
    win and the misfit is a Problem: a missing row is likelier than a misprinted date."""
    family = [f for f in frameworks().values() if f.family == FAMILY]
    allowed = [f for f in family if f.allows(parts[0][0])] if parts else family
    pool = allowed or family
    if judgements:
        has_overall = any(j.area == "overall" for j in judgements)
        fitting = [f for f in pool if f.has_overall == has_overall]
        if not fitting:
            problems.append(Problem("kind", _misfit(has_overall, parts[0][0], pool), 1))
        pool = fitting or pool
    if len(pool) == 1:
        return pool[0].kind
    if not parts:
        problems.append(Problem("kind", "days on site unknown: standard or short undecided", 1))
        return frameworks()["ilacs_unknown_length"].kind
    short = _working_days(parts) <= SHORT_MAX_WORKING_DAYS
    return "ilacs_short" if short else "ilacs_standard"


def _misfit(has_overall: bool, day: date, allowed: Sequence[Framework]) -> str:
    """Why the table fits none of the kinds in force when the inspection began."""
    names = ", ".join(f.label for f in allowed)
    row = "present" if has_overall else "absent"
    return f"overall row {row}, but an inspection begun on {day} can only be: {names}"


# --- lead inspectors -------------------------------------------------------------------------


def _lead_inspectors(
    text: str, label: str, problems: list[Problem]
) -> Fact[tuple[str, ...]] | None:
    """Names after "Lead inspector(s):", titles removed; the title may wrap to the next line."""
    printed = _after_label(text, _LEAD_RE, stop=(_TABLE_HEAD_RE, _DATES_RE))
    if printed is None:
        problems.append(Problem("lead_inspector", "no 'Lead inspector' line on page 1", 1))
        return None
    bare = _TITLES_RE.sub(",", printed)
    names = tuple(
        n.strip(" ,.")
        for n in re.split(r",|\band\b", bare)
        if n.strip(" ,.") and not n.strip(" ,.").isdigit()
    )
    if not names:
        problems.append(Problem("lead_inspector", f"no name in {printed!r}", 1))
        return None
    return fact(label, 1, printed, names)


# --- publication -----------------------------------------------------------------------------


def _publication(first: Page, label: str, problems: list[Problem]) -> Fact[date] | None:
    """ILACS reports print no publication date; use one if printed, else the file name's."""
    for line in first.text.split("\n"):
        m = _PUBLISHED_RE.match(line.strip())
        printed = parse_date(m.group(1)) if m else None
        if printed is not None:
            return fact(label, 1, line, printed)
    found = file_name_publication(label)
    if found is None:
        problems.append(Problem("publication_date", "none printed and none in the file name"))
    return found


# --- judgements ------------------------------------------------------------------------------


def _judgements(
    pages: Sequence[Page], label: str, problems: list[Problem]
) -> tuple[Judgement, ...]:
    """The page-1 table's grades, checked against the body's section headings. The table wins;
    a body heading fills in only an area the table did not yield."""
    chosen = {j.area: j for j in _table(pages[0], label, problems)}
    for area, heading in _body_headings(pages[1:], label).items():
        row = chosen.get(area)
        if row is None:
            chosen[area] = heading
            message = f"not read from the page-1 table; body heading says {heading.grade}"
        elif row.grade != heading.grade:
            message = f"table says {row.grade}, body heading says {heading.grade}"
        else:
            continue
        problems.append(Problem(area, message, heading.source.page))
    return tuple(chosen.values())


def _table(first: Page, label: str, problems: list[Problem]) -> list[Judgement]:
    """Rows of the "Judgement Grade" table, read from the squashed text after its header so
    that titles wrapped over lines and grades split over lines ("Requires improvement / to be
    good") read as one row; the table ends at the first text that is not a row."""
    head = _TABLE_HEAD_RE.search(first.text)
    if head is None:
        problems.append(Problem("judgements", "no 'Judgement Grade' table on page 1", 1))
        return []
    rest = squash(first.text[head.end() :])
    rows: list[Judgement] = []
    pos = 0
    # A table cell starts with a capital ("Good"); "... in Oxfordshire are good" is prose.
    while (m := _ROW_RE.match(rest, pos)) and m.group(2)[0].isupper():
        judgement = _judgement(m.group(1), m.group(2), label, 1)
        if judgement is None:
            problems.append(Problem("judgements", f"unknown area in table: {m.group(1)!r}", 1))
            break
        if any(j.area == judgement.area for j in rows):
            problems.append(Problem(judgement.area, "graded twice in the page-1 table", 1))
        else:
            rows.append(judgement)
        pos = m.end()
    if not rows:
        problems.append(Problem("judgements", "no readable rows in the page-1 table", 1))
    return rows


def _judgement(area_text: str, grade_text: str, label: str, page: int) -> Judgement | None:
    area = match_area(FAMILY, area_text)
    if area is None:
        return None
    area_text, grade_text = squash(area_text), squash(grade_text)
    return Judgement(
        area=area,
        grade=_normal_grade(grade_text),
        area_text=area_text,
        grade_text=grade_text,
        source=Provenance(label, page, f"{area_text} {grade_text}"),
    )


def _normal_grade(text: str) -> str:
    """'Requires improvement to be good', 'require improvement', 'Require s improvement' and
    the rest, on the canonical scale (text matched by `_GRADE` always names one)."""
    return current().grade_words(current().family_scales(FAMILY)).find(text) or ""


def _body_headings(pages: Sequence[Page], label: str) -> dict[str, Judgement]:
    """Section headings that carry a grade ("The experiences and progress of children who need
    help and protection: outstanding"); a heading is the lines before its first numbered
    paragraph, so sentences in the summary are not taken for headings."""
    found: dict[str, Judgement] = {}
    for page in pages:
        rows = [x.strip() for x in page.text.split("\n") if x.strip()]
        for i, row in enumerate(rows):
            if not _BODY_START_RE.match(row):
                continue
            span: list[str] = []
            for nxt in rows[i : i + 4]:
                if _PARAGRAPH_RE.match(nxt):
                    break
                span.append(nxt)
            m = _BODY_HEAD_RE.match(squash(" ".join(span)))
            judgement = _judgement(m.group(1), m.group(2), label, page.number) if m else None
            if judgement is not None and judgement.area not in found:
                found[judgement.area] = judgement
    return found
