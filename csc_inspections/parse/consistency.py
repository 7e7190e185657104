"""A report's framework checked against its own dates, and read again when they disagree.

Which family a report is comes from its title, and which kind within the family from its
layout; both can be misled by a printing nobody here has seen. The dates on site are read
separately and are hard to misread, and data/frameworks.csv says which kinds an inspection
begun on a given day can be. So a reading whose kind the dates rule out is not stored as it
stands: it is read again by the parsers of the families whose kinds the dates allow, the first
reading that fits is kept, and either way the disagreement is recorded as a `Problem`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from ..frameworks import frameworks
from ..model import Parsed, Problem, Report

Retry = Callable[[str], Parsed | None]  # a family's reading of the same pages, None if none


def on_site(report: Report) -> date | None:
    """The first day on site as read, else the last: the day a framework must allow."""
    found = report.inspection_start or report.inspection_end
    return found.value if found else None


def dated(parsed: Parsed, family: str, retry: Retry) -> tuple[Parsed, str]:
    """The reading (and its family) that the report's dates allow: `parsed` itself when its
    kind was in force on the first day on site (or no date was read); else the first reading
    by another family whose kind the dates allow and that found judgements, with a Problem
    naming both; else `parsed` with a Problem saying no family's reading fits."""
    day = on_site(parsed) if isinstance(parsed, Report) else None
    if not isinstance(parsed, Report) or day is None:
        return parsed, family
    known = frameworks()
    first = known[parsed.kind]
    if first.allows(day):
        return parsed, family
    said = f"read as {first.label}, which no inspection begun on {day} can be"
    others = dict.fromkeys(f.family for f in known.values() if f.allows(day) and f.family != family)
    for other in others:
        again = retry(other)
        if isinstance(again, Report) and again.judgements and known[again.kind].allows(day):
            note = Problem("kind", f"{said}; read again as {known[again.kind].label}")
            return replace(again, problems=(note, *again.problems)), other
    note = Problem("kind", f"{said}; no framework in force then reads it, kept as read")
    return replace(parsed, problems=(*parsed.problems, note)), family
