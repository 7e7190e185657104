"""Answers computed from stored rows: pure functions, no database, no files.

Every function here takes the records that `store.read.history` (and `letters`, `cited`)
return (`records.ReportRecord`, ...), so the same code serves the answers layer and the tests,
and a test can write its records out by hand (tests/analysis/rows.py).

The rules shared by the modules live here (the words themselves, areas, grades and scales,
are the vocabulary's: `csc_inspections.vocabulary`, loaded from data/):

- Which reports count. A *graded report* is a stored report of the SIF or ILACS frameworks
  (including `ilacs_2026`) with an LA, a publication date and at least one grade on the
  four-point scale (or on another scale data/ marks as compared). Framework `other` (the 2013
  looked after children inspections, graded on the older adequate scale, and a standalone LSCB
  review) answers a different question and is left out everywhere: its grades are not
  comparable with overall effectiveness.
- Grades are ranked only within their scale: a grade on a new scale is neither better nor
  worse than one on the old, so no change or transition is counted between the two.
- When a report counts: on its publication date, the day the grade became public. Inspection
  dates come weeks earlier; a report is "today's grade" only once it is published.
- The crosswalk between eras is the one the store already applied when it gave each grade a
  canonical area (data/areas.csv): SIF "leadership, management and governance" and ILACS
  "impact of leaders" are both `leadership`; SIF "children looked after and achieving
  permanence" and ILACS "children in care (and care leavers)" are both `children_in_care`;
  SIF 2.2 and the ILACS judgement from 2023 are both `care_leavers`; SIF "children who need
  help and protection" is ILACS `help_protection`. Only the last is the same judgement in both
  eras; the others are close, and counts put them side by side as the crosswalk says.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from ..records import ReportRecord
from ..vocabulary import current

Row = ReportRecord

# The scale the national picture is counted on, best first: the SIF and ILACS four-point scale
# (data/grade_scales.csv, use `counted`). "adequate" (pre-November 2013) is on a scale that is
# only read, so it is never ranked; it belongs to framework `other`.
SCALE: tuple[str, ...] = current().counted_scale.keys
# The areas counted nationally: every era judges them (care leavers from SIF 2.2 / ILACS 2023).
COUNTED_AREAS: tuple[str, ...] = current().counted_areas
# Frameworks that answer another question (data/frameworks.csv, compared = no), and the
# label files' rows for documents that are no report.
NOT_COMPARABLE: frozenset[str] = frozenset(
    {f.export_as for f in current().frameworks.values() if not f.compared} | {"not_a_report"}
)


def percent(part: int, whole: int) -> int | None:
    """`part` of `whole` as a whole percentage, halves rounded up (as a reader would), or
    None when there is nothing to divide by."""
    return (200 * part + whole) // (2 * whole) if whole else None


def rank(grade: str) -> int | None:
    """The grade's rank on its scale, higher is better; None for a grade no analysis ranks.

    Ranks compare only within one scale: see `same_scale`.
    """
    return current().rank(grade)


def same_scale(a: str, b: str) -> bool:
    """True when both grades are ranked and on the same scale (a grade given on a new scale
    is not better or worse than one on the old)."""
    return current().same_scale(a, b)


def grades(row: Row | None) -> dict[str, str]:
    """The report's ranked grades (the four-point scale, or any other compared scale in data/),
    by canonical area of the history export, in its order (not judged: absent)."""
    if row is None:
        return {}
    v = current()
    found = ((a, row.grades.get(a)) for a in v.history_areas)
    return {a: g for a, g in found if g and v.rank(g) is not None}


def is_graded(row: Row) -> bool:
    """True for a SIF or ILACS report with an LA, a publication date and at least one grade."""
    return (
        row.framework not in NOT_COMPARABLE
        and row.urn is not None
        and row.publication_date is not None
        and bool(grades(row))
    )


def _order(row: Row) -> tuple[date, date, str]:
    # Publication date first; the inspection's last day and the file break same-day ties.
    return (row.publication_date or date.min, row.inspection_end or date.min, row.file)


def by_la(rows: Iterable[Row], as_at: date | None = None) -> dict[int, list[Row]]:
    """Graded reports per LA (URN), in publication order, leaving out any published after as_at."""
    out: dict[int, list[Row]] = defaultdict(list)
    for row in rows:
        published = row.publication_date
        if is_graded(row) and row.urn and published and (as_at is None or published <= as_at):
            out[row.urn].append(row)
    return {urn: sorted(reports, key=_order) for urn, reports in sorted(out.items())}


def latest(rows: Iterable[Row], as_at: date | None = None) -> dict[int, Row]:
    """Each LA's most recent graded report published on or before as_at (any date if None)."""
    return {urn: reports[-1] for urn, reports in by_la(rows, as_at).items()}


def last_publication(rows: Iterable[Row]) -> date | None:
    """The newest publication date among the graded reports: the default as-at date."""
    dates = [row.publication_date for row in rows if is_graded(row) and row.publication_date]
    return max(dates) if dates else None


def empty_counts(scale: str | None = None) -> dict[str, int]:
    """A zero for each grade of the scale (default: the counted scale), best first."""
    v = current()
    return dict.fromkeys((v.scale(scale) if scale else v.counted_scale).keys, 0)


def count_grades(reports: Iterable[Row], area: str, scale: str | None = None) -> dict[str, int]:
    """How many of the reports give each grade of the scale (default: the counted scale) in
    `area` (reports not judging it, or judging it on another scale: not counted)."""
    counts = empty_counts(scale)
    for row in reports:
        grade = row.grades.get(area, "")
        if grade in counts:
            counts[grade] += 1
    return counts


def count_areas(
    reports: Sequence[Row], areas: Sequence[str] | None = None, scale: str | None = None
) -> dict[str, Any]:
    """`count_grades` for each area (default: the counted areas)."""
    chosen = current().counted_areas if areas is None else areas
    return {area: count_grades(reports, area, scale) for area in chosen}
