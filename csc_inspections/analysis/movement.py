"""How grades move: changes published in a period, and transitions between inspections.

Both compare a report with the LA's previous graded report *that judges the same area*, in
publication order. For `overall` that skips `ilacs_2026` reports (no overall grade), so the
first overall grade after the 2026 revision would be compared with the last one before it;
for the areas (`leadership`, `help_protection`, ...) 2026 reports compare like any other.
Areas are compared through the era crosswalk (see `analysis/__init__.py`): SIF leadership to
ILACS leadership counts as a change in the same area.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from . import Row, by_la, empty_counts, rank, same_scale


@dataclass(frozen=True)
class Change:
    """A report whose grade in `area` differs from the LA's previous grade in that area."""

    urn: int
    la_name: str
    region: str
    area: str
    direction: str  # "up" (better) or "down" (worse)
    from_grade: str
    to_grade: str
    from_publication_date: date
    to_publication_date: date
    from_file: str
    to_file: str


def _pairs(rows: Iterable[Row], area: str) -> Iterator[tuple[Row, Row]]:
    """Consecutive reports of each LA that both judge `area`, on the same scale (a first grade
    on a new scale is neither better nor worse than the last on the old)."""
    for reports in by_la(rows).values():
        judged = [r for r in reports if rank(r.grades.get(area, "")) is not None]
        yield from (
            (a, b) for a, b in pairwise(judged) if same_scale(a.grades[area], b.grades[area])
        )


def changes(rows: Iterable[Row], start: date, end: date, area: str = "overall") -> list[Change]:
    """Reports published in [start, end] (both included) that changed the LA's grade in `area`.

    Ordered by publication date, then LA name.
    """
    found = [
        Change(
            urn=now.urn or 0,
            la_name=now.la_name or "",
            region=now.region or "",
            area=area,
            direction="up" if (rank(to) or 0) > (rank(was) or 0) else "down",
            from_grade=was,
            to_grade=to,
            from_publication_date=before.publication_date or date.min,
            to_publication_date=now.publication_date or date.min,
            from_file=before.file,
            to_file=now.file,
        )
        for before, now in _pairs(rows, area)
        if start <= (now.publication_date or date.min) <= end
        and (to := now.grades[area]) != (was := before.grades[area])
    ]
    return sorted(found, key=lambda c: (c.to_publication_date, c.la_name))


def transition_matrix(
    rows: Iterable[Row], area: str = "overall", scale: str | None = None
) -> dict[str, dict[str, int]]:
    """Counts from grade (outer key) to grade (inner key) between consecutive inspections
    graded on the scale (default: the counted scale).

    Every grade of the scale is a key at both levels, so the shape never changes; the
    diagonal counts LAs that kept their grade.
    """
    matrix = {before: empty_counts(scale) for before in empty_counts(scale)}
    for before, now in _pairs(rows, area):
        if before.grades[area] in matrix:
            matrix[before.grades[area]][now.grades[area]] += 1
    return matrix
