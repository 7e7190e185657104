"""The national picture: grade counts on a date with their denominator, how grades moved, how
long inadequate councils take to improve, and the same count year by year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ..analysis import COUNTED_AREAS, last_publication
from ..analysis.movement import Change, changes, transition_matrix
from ..analysis.national import national_picture, stats_as_at
from ..analysis.survival import TimeToImprove, time_to_improve
from ..errors import UsageError
from . import Store


def counted_area(area: str) -> str:
    """`area` when the national answers count it, else a usage error naming the choices."""
    if area not in COUNTED_AREAS:
        raise UsageError(f"area: {area!r} is not one of {', '.join(COUNTED_AREAS)}")
    return area


def picture(store: Store, as_at: date | None = None) -> dict[str, Any]:
    """Grade counts per area nationally and per region, and the councils counted, on a date
    (default today): `analysis.national.national_picture`."""
    return national_picture(store.history(), as_at or store.today())


@dataclass(frozen=True)
class Movement:
    """Changes of grade in `area` published in a window, and every transition ever seen."""

    area: str
    changes: list[Change]
    transitions: dict[str, dict[str, int]]


def movement(
    store: Store, since: date | None = None, until: date | None = None, area: str = "overall"
) -> Movement:
    rows = store.history()
    counted_area(area)
    found = changes(rows, since or date.min, until or date.max, area)
    return Movement(area, found, transition_matrix(rows, area))


def transitions(store: Store, area: str, as_at: date | None = None) -> dict[str, dict[str, int]]:
    """Grade to grade between consecutive inspections in `area`, among the reports published
    by `as_at` (all of them if None)."""
    rows = store.history()
    if as_at is not None:
        rows = [r for r in rows if r.publication_date and r.publication_date <= as_at]
    return transition_matrix(rows, counted_area(area))


def last_published(store: Store) -> date | None:
    """The newest publication of a graded report held: how current the answers are."""
    return last_publication(store.history())


def improvement(store: Store, as_at: date | None = None) -> TimeToImprove:
    """How long councils judged inadequate take to be judged better (Kaplan-Meier)."""
    return time_to_improve(store.history(), as_at)


def year_counts(store: Store, as_at: date, area: str) -> list[dict[str, Any]]:
    """Grade counts in `area` on 31 December of each year (the as-at date in its own year),
    with how many published reports that year moved the grade up or down."""
    rows = store.history()
    years = [r.publication_date.year for r in rows if r.publication_date]
    out: list[dict[str, Any]] = []
    for year in range(min(years, default=as_at.year + 1), as_at.year + 1):
        end = min(date(year, 12, 31), as_at)
        counts = stats_as_at(rows, end)["areas"][area]
        if not out and not any(counts.values()):
            continue  # years before the first report graded on the four-point scale
        moved = changes(rows, date(year, 1, 1), end, area)
        out.append(
            {
                "year": year,
                "as_at": end,
                "counts": counts,
                "up": sum(c.direction == "up" for c in moved),
                "down": sum(c.direction == "down" for c in moved),
            }
        )
    return out
