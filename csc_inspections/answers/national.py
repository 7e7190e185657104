"""The national picture: grade counts on a date with their denominator, how grades moved, how
long inadequate councils take to improve, and the same count year by year."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..analysis import COUNTED_AREAS, SCALE, last_publication, percent
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


GOOD_OR_BETTER: tuple[str, ...] = SCALE[:2]  # outstanding and good: Ofsted's headline share
WORST: str = SCALE[-1]  # inadequate
HEADLINE_DAY = (3, 31)  # Ofsted's outcome tables count at 31 March, the end of its year


def share(counts: Mapping[str, int]) -> dict[str, int | None]:
    """Of the councils with a grade in `counts`, how many are good or outstanding and how many
    inadequate, each also as a percentage of those graded."""
    graded = sum(counts.values())
    good = sum(counts.get(g, 0) for g in GOOD_OR_BETTER)
    bad = counts.get(WORST, 0)
    return {
        "graded": graded,
        "good_or_outstanding": good,
        "good_or_outstanding_pct": percent(good, graded),
        "inadequate": bad,
        "inadequate_pct": percent(bad, graded),
    }


def shares(stats: dict[str, Any]) -> dict[str, Any]:
    """The headline shares of a `picture`: overall effectiveness good or outstanding and
    inadequate, nationally and per region, out of the councils with an overall grade on the
    date (a council not yet inspected, or inspected only under the 2026 framework, which gives
    no overall grade, is not in the denominator; `picture` says how many existed). One
    function, so the command line, the API and the pages state the same numbers."""
    return {
        "as_at": stats["as_at"],
        "england": share(stats["areas"]["overall"]),
        "regions": {name: share(r["overall"]) for name, r in stats["regions"].items()},
    }


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
    """Grade counts in `area` on 31 March of each year, Ofsted's convention for its headline
    figures (the as-at date itself when it comes before 31 March of its year), with how many
    reports published in the twelve months to that day moved the grade up or down, and the
    headline shares of the count."""
    rows = store.history()
    years = [r.publication_date.year for r in rows if r.publication_date]
    out: list[dict[str, Any]] = []
    for year in range(min(years, default=as_at.year + 1), as_at.year + 2):
        end = min(date(year, *HEADLINE_DAY), as_at)
        if out and end <= out[-1]["as_at"]:
            break  # the as-at date was counted already
        counts = stats_as_at(rows, end)["areas"][area]
        if not out and not any(counts.values()):
            continue  # years before the first report graded on the four-point scale
        moved = changes(rows, date(year - 1, 4, 1), end, area)
        out.append(
            {
                "year": year,
                "as_at": end,
                "counts": counts,
                "share": share(counts),
                "up": sum(c.direction == "up" for c in moved),
                "down": sum(c.direction == "down" for c in moved),
            }
        )
    return out
