"""Single inspection framework reports (Nov 2013 - 2018): inspections and re-inspections.

Everything a SIF report is scored on sits in three places: page 1 (LA name, title, dates,
publication, the overall sentence and the numbered judgement list, often the LSCB sentence), the
LSCB section (its judgement sentence when page 1 has none) and "Information about this
inspection" near the end (the team table naming the lead inspector).

The helpers for dates, publication, lead inspectors and the LSCB sentence are public because the
`legacy` parser reads the same furniture in the 2013 looked after children inspections and in
the standalone LSCB reviews.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from ..errors import UnknownLayout
from ..frameworks import match_area
from ..model import Fact, Judgement, Page, Problem, Provenance, Report
from ..vocabulary import current
from .facts import fact, file_name_publication
from .text import lines, normalise_grade, parse_date, parse_date_range, squash

FAMILY = "sif"
_FLAGS = re.IGNORECASE | re.MULTILINE

# A grade phrase as SIF reports (and the legacy reports sharing their furniture) print it, on
# the scales of those frameworks (data/grades.csv): "Requires improvement to be good",
# "Require improvement" (a few 2014-16 reports); or "Not judged" (no judgement: nothing stored).
GRADE = rf"(?:{current().grade_pattern(current().family_scales(FAMILY, 'legacy'))}|not\s+judged)"

_TITLE = re.compile(
    r"^\s*(?:(?:re-?)?inspection\s+of\s+services\s+for\s+children"
    r"|review\s+of\s+the\s+effectiveness|inspection\s+of\s+looked\s+after)",
    _FLAGS,
)
_SIF_TITLE = re.compile(r"^\s*(?:re-?)?inspection\s+of\s+services\s+for\s+children", _FLAGS)
_REINSPECTION = re.compile(r"^\s*re-?inspection\s+of\s+services", _FLAGS)

# "The overall judgement is that children's services are inadequate", "... is requires
# improvement", "Children's services in X are good", "Children's services require improvement".
_OVERALL = re.compile(
    rf"(?P<lead>(?:the\s+overall\s+judgement\s+is|children[’']s\s+services?)\b[^.]{{0,140}}?)"
    rf"\s(?P<grade>{GRADE})\b",
    re.IGNORECASE,
)

# One line of the page-1 list: "2.2 Experiences and progress of care leavers" then the grade,
# on the same line, the next, or split over two or three ("Requires\nimprovement to be\ngood").
_ITEM = re.compile(
    rf"^[ \t]*(?P<num>\d(?:\.\d)?)\.?[ \t]+(?P<area>[A-Za-z][A-Za-z ,\n]{{4,100}}?)\s+"
    rf"(?P<grade>{GRADE})\b",
    _FLAGS,
)

# "The effectiveness of the Local Safeguarding Children Board (LSCB) is inadequate" (page 1),
# "The Local Safeguarding Children Board requires improvement" (LSCB section), "The judgement
# for the effectiveness of the LSCB is good", and one report's "The Local Safeguarding
# Children is inadequate". The grade must follow at once, so "The LSCB is likely to be judged
# good if ..." (the grade descriptors) does not count.
_LSCB = re.compile(
    r"^[ \t]*The\s+(?:judgement\s+for\s+the\s+)?(?:effectiveness\s+of\s+the\s+)?"
    r"(?:Local\s+Safeguarding\s+Children(?:\s+Board)?|LSCB)\d?(?:\s*\(LSCB\))?\s+(?:is\s+)?"
    rf"(?P<grade>{GRADE})\b",
    _FLAGS,
)

_DATES = re.compile(r"^\s*Inspection\s+dates?\s*:?\s*(?P<text>.+)$", _FLAGS)
_PUBLISHED = re.compile(r"^\s*(?:Report\s+)?published\s*:?\s*(?P<text>.+)$", _FLAGS)
LEAD = re.compile(r"^\s*Lead\s+inspectors?(?:\s+on\s+site)?\s*:\s*(?P<names>.+)$", _FLAGS)

_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
)
_ODD_DASHES = re.compile(r"[\u2500\u2012\u2015\u2212]")
_TITLES = re.compile(
    r"\(?\b(?:senior\s+)?(?:HMI|SHMI|AI|(?:Her|His)\s+Majesty[’']s\s+Inspectors?"
    r"|Ofsted\s+Inspector|Contracted\s+Inspector)s?\b\)?",
    re.IGNORECASE,
)


def parse(pages: Sequence[Page], label: str) -> Report:
    """A SIF inspection or re-inspection report."""
    if not pages or not _SIF_TITLE.search(pages[0].text):
        raise UnknownLayout(label, "no SIF title on page 1")
    first = pages[0]
    kind = "sif_reinspection" if _REINSPECTION.search(first.text) else "sif"
    problems: list[Problem] = []
    start, end = inspection_dates(first, label)
    judgements = page_one_judgements(pages, label)
    lscb = lscb_judgement(pages, label)
    if lscb is not None and all(j.area != "lscb" for j in judgements):
        judgements.append(lscb)
    report = Report(
        file=label,
        kind=kind,
        la_name=la_name(first, label),
        inspection_start=start,
        inspection_end=end,
        publication_date=publication_date(first, label),
        lead_inspectors=lead_inspectors(pages, label),
        judgements=tuple(judgements),
    )
    problems += missing_fields(report)
    problems += _missing_judgements(pages, judgements, kind)
    return replace(report, problems=tuple(problems))


# --- page-1 furniture, shared with the legacy parser ----------------------------------------


def la_name(first: Page, label: str) -> Fact[str] | None:
    """The LA as printed above the title (SIF, LSCB review) or just below it (2013 reports)."""
    head = lines(first.text)
    at = next((i for i, x in enumerate(head) if _TITLE.match(x)), None)
    if at is None:
        return None
    above = [x for x in head[:at] if not x.isdigit()]
    if not above:  # 2013: "Inspection of looked after children / services / <LA> / Inspection..."
        below = [x for x in head[at + 1 : at + 5] if not x.lower().startswith("inspection date")]
        above = below[1:2] if below and below[0].lower() == "services" else below[:1]
    name = squash(" ".join(above))
    return fact(label, first.number, name, name) if name else None


def spelled_dates(text: str) -> str:
    """Numeric dates ("12/09/2016") written out, and odd dashes made plain, for the date
    helpers, which read dates as words."""

    def spell(m: re.Match[str]) -> str:
        day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
        return f"{day} {_MONTH_NAMES[month - 1]} {year}" if 1 <= month <= 12 else m.group(0)

    return _ODD_DASHES.sub("-", _NUMERIC_DATE.sub(spell, text))


def _date_text(page: Page) -> tuple[str, str] | None:
    """The printed dates (and the whole line, for provenance), with the next line when the span
    wraps before its year."""
    m = _DATES.search(page.text)
    if m is None:
        return None
    text, line = m.group("text").strip(), m.group(0).strip()
    if not re.search(r"\d{4}\s*$", text):
        rest = page.text[m.end() :].lstrip("\n").split("\n", 1)[0].strip()
        text, line = f"{text} {rest}", f"{line} {rest}"
    return text, line


def inspection_dates(page: Page, label: str) -> tuple[Fact[date] | None, Fact[date] | None]:
    """First and last day on site; a two-part inspection ("19 November-11 December 2013 and
    28 - 30 January 2014") spans both parts."""
    printed = _date_text(page)
    if printed is None:
        return None, None
    text, line = printed
    spans = [parse_date_range(spelled_dates(part)) for part in re.split(r"\s+and\s+", text)]
    if len(spans) == 1 or not all(spans):
        spans = [parse_date_range(spelled_dates(text))]
    found = [s for s in spans if s is not None]
    if not found:
        return None, None
    start, end = min(s[0] for s in found), max(s[1] for s in found)
    return fact(label, page.number, line, start), fact(label, page.number, line, end)


def publication_date(first: Page, label: str) -> Fact[date] | None:
    """The "Report published: ..." date on page 1, or the file name's where the report prints
    none."""
    m = _PUBLISHED.search(first.text)
    value = parse_date(spelled_dates(m.group("text"))) if m else None
    if m is None or value is None:
        return file_name_publication(label)
    return fact(label, first.number, m.group(0), value)


def clean_name(text: str) -> str:
    """A name without titles or trailing punctuation: "Helen Cawston HMI." -> "Helen Cawston"."""
    return re.sub(r"^[\s,.;:]+|[\s,.;:]+$", "", squash(_TITLES.sub(" ", text)))


def lead_inspectors(
    pages: Sequence[Page], label: str, pattern: re.Pattern[str] = LEAD
) -> Fact[tuple[str, ...]] | None:
    """The lead inspector(s) of the first team table; every lead named there, in order."""
    for page in pages:
        found = list(pattern.finditer(page.text))
        if not found:
            continue
        names: list[str] = []
        for m in found:
            for part in re.split(
                r"\s*(?:;|\band\b|&)\s*|,\s+(?=[A-Z][a-z]+\s+[A-Z])", m.group("names")
            ):
                name = clean_name(part)
                if name and name not in names:
                    names.append(name)
        text = " / ".join(m.group(0).strip() for m in found)
        return fact(label, page.number, text, tuple(names)) if names else None
    return None


def grade_of(text: str) -> str | None:
    """The canonical grade a printed phrase names; None for "Not judged"."""
    return normalise_grade(text)


def lscb_judgement(pages: Sequence[Page], label: str) -> Judgement | None:
    """The LSCB review's judgement sentence, page 1 first, then the LSCB section."""
    for page in pages:
        m = _LSCB.search(page.text)
        grade = grade_of(m.group("grade")) if m else None
        if m and grade:
            area_text = squash(m.group(0)[: m.start("grade") - m.start()])
            source = Provenance(label, page.number, squash(m.group(0)))
            return Judgement("lscb", grade, area_text, squash(m.group("grade")), source)
    return None


def missing_fields(report: Report) -> list[Problem]:
    """A Problem for each header field the parser could not read."""
    wanted = {
        "la_name": report.la_name,
        "inspection_start": report.inspection_start,
        "publication_date": report.publication_date,
        "lead_inspectors": report.lead_inspectors,
    }
    return [Problem(k, "not found in the report", None) for k, v in wanted.items() if v is None]


# --- page-1 judgements -------------------------------------------------------------------------


def _list_items(pages: Sequence[Page]) -> list[tuple[Page, re.Match[str]]]:
    """The numbered list of page 1, and its tail when it runs over to the top of page 2."""
    found = [(pages[0], m) for m in _ITEM.finditer(pages[0].text)]
    if len(pages) > 1:
        text, at = pages[1].text, 0
        for m in _ITEM.finditer(text):
            if text[at : m.start()].strip():
                break
            found.append((pages[1], m))
            at = m.end()
    return found


def page_one_judgements(pages: Sequence[Page], label: str) -> list[Judgement]:
    """The overall sentence and the numbered list; "Not judged" areas yield nothing."""
    first = pages[0]
    items = _list_items(pages)
    head = first.text[: items[0][1].start()] if items and items[0][0] is first else first.text
    out: list[Judgement] = []
    overall = _OVERALL.search(head)
    if overall is not None:
        out.append(_judgement("overall", overall, "lead", first, label))
    for page, m in items:
        area = match_area(FAMILY, m.group("area"))
        if area is None or area in {j.area for j in out}:
            continue
        if grade_of(m.group("grade")) is not None:
            out.append(_judgement(area, m, "area", page, label))
    return out


def _judgement(area: str, m: re.Match[str], group: str, page: Page, label: str) -> Judgement:
    grade_text = squash(m.group("grade"))
    source = Provenance(label, page.number, squash(m.group(0)))
    return Judgement(area, grade_of(grade_text) or "", squash(m.group(group)), grade_text, source)


def _not_judged(pages: Sequence[Page]) -> set[str]:
    """Areas the list prints as "Not judged" (a small LA with no adoptions, say)."""
    found = set()
    for _, m in _list_items(pages):
        area = match_area(FAMILY, m.group("area"))
        if area and re.fullmatch(r"not\s+judged", m.group("grade"), re.IGNORECASE):
            found.add(area)
    return found


def _missing_judgements(
    pages: Sequence[Page], judgements: list[Judgement], kind: str
) -> list[Problem]:
    have = {j.area for j in judgements} | _not_judged(pages)
    problems = [
        Problem(area, "judgement not found on page 1", 1)
        for area in current().frameworks[kind].areas
        if area not in have
    ]
    review = re.search(r"review\s+of\s+the\s+effectiveness", pages[0].text, re.IGNORECASE)
    if kind == "sif" and review and "lscb" not in have:
        problems.append(Problem("lscb", "the report includes an LSCB review but no LSCB grade"))
    return problems
