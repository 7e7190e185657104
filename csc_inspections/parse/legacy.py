"""Reports kept as framework `other`: 2013 looked after children inspections, standalone LSCB
reviews.

Neither is scored, but both are real reports with real grades, so they are stored as carefully
as the rest. They share the SIF report furniture (dates, publication line, team table, the LSCB
sentence), read by the helpers in `sif`; what differs is where the grades are:

- "Inspection of looked after children services" (2009-13 framework, graded on the scale with
  "adequate"): the "Record of main findings" table at the end (overall effectiveness, capacity
  to improve, outcomes, quality of provision, leadership and management); the front page names
  a "Reporting inspector" and prints "Published: ...".
- "Review of the effectiveness of the Local Safeguarding Children Board": one judgement, the
  LSCB sentence on page 1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from ..errors import UnknownLayout
from ..frameworks import match_area
from ..model import Judgement, Page, Problem, Provenance, Report
from ..vocabulary import current
from . import sif
from .text import lines, squash

FAMILY = "legacy"
_FLAGS = re.IGNORECASE | re.MULTILINE

_LAC_TITLE = re.compile(r"^\s*inspection\s+of\s+looked\s+after\s+children\s+services", _FLAGS)
_LSCB_TITLE = re.compile(
    r"^\s*review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children", _FLAGS
)
_SIF_TITLE = re.compile(r"inspection\s+of\s+services\s+for\s+children", re.IGNORECASE)
_REPORTING = re.compile(r"^\s*(?:Reporting|Lead)\s+inspectors?\s*:?\s+(?P<names>.+)$", _FLAGS)
_FINDINGS = re.compile(r"^\s*Record\s+of\s+main\s+findings\s*$", _FLAGS)
# A table row: the area, then its grade, on one line or after the area wraps; Medway's table
# adds "Grade 4" after the word.
_ROW_GRADE = re.compile(rf"^(?P<area>.*?)\s*(?P<grade>{sif.GRADE})(?:\s+grade\s+\d)?\.?$", re.I)


def parse(pages: Sequence[Page], label: str) -> Report:
    """A 2013 looked after children inspection or a standalone LSCB review."""
    top = "\n".join(lines(pages[0].text)[:8]) if pages else ""
    if _LAC_TITLE.search(top):
        return _looked_after(pages, label)
    if _LSCB_TITLE.search(top) and not _SIF_TITLE.search(top):
        return _lscb_review(pages, label)
    raise UnknownLayout(label, "neither a looked after children inspection nor an LSCB review")


def _header(pages: Sequence[Page], label: str, kind: str) -> Report:
    first = pages[0]
    start, end = sif.inspection_dates(first, label)
    return Report(
        file=label,
        kind=kind,
        la_name=sif.la_name(first, label),
        inspection_start=start,
        inspection_end=end,
        publication_date=sif.publication_date(first, label),
        lead_inspectors=sif.lead_inspectors(pages, label, _REPORTING),
    )


def _looked_after(pages: Sequence[Page], label: str) -> Report:
    report = _header(pages, label, "other_lac_2013")
    judgements = _main_findings(pages, label)
    have = {j.area for j in judgements}
    problems = sif.missing_fields(report) + [
        Problem(area, "not found in the 'Record of main findings' table")
        for area in current().frameworks[report.kind].areas
        if area not in have
    ]
    return replace(report, judgements=tuple(judgements), problems=tuple(problems))


def _lscb_review(pages: Sequence[Page], label: str) -> Report:
    report = _header(pages, label, "other_lscb_review")
    lscb = sif.lscb_judgement(pages[:1], label)
    problems = sif.missing_fields(report)
    if lscb is None:
        problems.append(Problem("lscb", "no LSCB judgement sentence on page 1", 1))
    judgements = (lscb,) if lscb else ()
    return replace(report, judgements=judgements, problems=tuple(problems))


def _main_findings(pages: Sequence[Page], label: str) -> list[Judgement]:
    """The rows of the last "Record of main findings" table (the contents page names it too)."""
    for page in reversed(pages):
        m = _FINDINGS.search(page.text)
        if m is not None:
            return _table_rows(page, page.text[m.end() :], label)
    return []


def _table_rows(page: Page, text: str, label: str) -> list[Judgement]:
    """Rows as "Area Grade", or an area wrapped over lines with the grade on a line of its own.

    Lines without a grade are held until one arrives; a line whose own text names an area
    starts afresh, so the table's sub-heading ("Services for looked after children") is not
    glued to the first row.
    """
    out: list[Judgement] = []
    held: list[str] = []
    for line in lines(text):
        m = _ROW_GRADE.match(line)
        if m is None:
            held.append(line)
            continue
        own = m.group("area").strip()
        if own and match_area(FAMILY, own):
            held = []
        area_text, printed = squash(" ".join([*held, own])), squash(" ".join([*held, line]))
        held = []
        area, grade = match_area(FAMILY, area_text), sif.grade_of(m.group("grade"))
        if area and grade and area not in {j.area for j in out}:
            source = Provenance(label, page.number, printed)
            out.append(Judgement(area, grade, area_text, squash(m.group("grade")), source))
    return out
