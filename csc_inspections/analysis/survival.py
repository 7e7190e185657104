"""How long inadequate LAs take to improve: Kaplan-Meier over inadequate episodes.

An *episode* starts with the publication of an inadequate overall judgement and ends with the
publication of the LA's first later report with a better overall grade (the event). Choices:

- Inadequate twice in a row is one episode, from the *first* inadequate report: the LA has
  been inadequate since then, and a re-inspection that confirms it is not a new start. After
  an improvement, a later inadequate judgement starts a new episode (an LA can have several).
- Censored: an episode still open at the as-at date (the newest publication date in the rows,
  or a given date; reports published later are ignored) is censored there. An episode whose
  next report has no overall grade (`ilacs_2026`, from April 2026) is censored at that
  report's publication: whether the LA left inadequate can no longer be observed as an overall
  grade, and reading it from the area grades would be a guess.
- Time is in months of 365.25 / 12 days between publication dates (not inspection dates:
  the grade is in force from publication).
- Framework `other` reports are not episodes (their inadequate is a different judgement).
- A council abolished in a reorganisation (data/lineage.csv) while inadequate is censored on
  the day its duties passed to its successors: it never left inadequate as a council, and its
  successors are new councils with episodes of their own.

The estimator is written out here (no lifelines): at each distinct time t with n at risk
(time >= t; a censored time equal to an event time is still at risk then, the usual
convention) and d events, S(t) = prod (1 - d/n). The 95% band is Greenwood's variance on the
log-log scale ("exponential Greenwood", what lifelines does): with V = sum d / (n (n - d)) and
k = z sqrt(V) / |log S|, the band is S^exp(k) .. S^exp(-k). The median is the first time S <= 0.5
(none if S never falls that far). Its 95% interval follows Brookmeyer and Crowley, read off
the band as lifelines reads it: the lower limit is the first time the lower band is <= 0.5, the
upper limit the first time the upper band is (none when it never is: no upper limit yet).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist

from ..reference import LocalAuthority, local_authorities
from . import Row, by_la, last_publication

MONTH_DAYS = 365.25 / 12
Z95 = NormalDist().inv_cdf(0.975)
_EPS = 1e-12  # S is a product of floats: 0.5 may come out as 0.5000000000000001


@dataclass(frozen=True)
class Episode:
    """One spell of inadequate overall judgement, with how and when it ended."""

    urn: int
    la_name: str
    start_date: date  # publication of the first inadequate report of the run
    start_file: str
    end_date: date  # publication of the report that ended it, or the as-at date
    end_file: str | None  # None when censored at the as-at date
    end_grade: str | None  # the better grade (events only)
    improved: bool  # True = event, False = censored
    reason: str
    months: float


@dataclass(frozen=True)
class Step:
    """The Kaplan-Meier estimate just after time `time`, with its 95% band."""

    time: float
    at_risk: int
    events: int
    censored: int
    survival: float
    lower: float
    upper: float


@dataclass(frozen=True)
class Median:
    """Median time and its 95% interval; None = not reached (no median, or no upper limit)."""

    median: float | None
    lower: float | None
    upper: float | None


@dataclass(frozen=True)
class TimeToImprove:
    as_at: date | None
    episodes: tuple[Episode, ...]
    steps: tuple[Step, ...]
    median: Median


def _months(start: date, end: date) -> float:
    return (end - start).days / MONTH_DAYS


def _episode(start: Row, end: Row | None, as_at: date, reason: str) -> Episode:
    # by_la passes graded reports only: each has an LA and a publication date
    assert start.urn is not None and start.publication_date is not None
    end_date = (end.publication_date if end else None) or as_at
    improved = end is not None and end.grade("overall") is not None
    return Episode(
        urn=start.urn,
        la_name=start.la_name or "",
        start_date=start.publication_date,
        start_file=start.file,
        end_date=end_date,
        end_file=end.file if end else None,
        end_grade=end.grade("overall") if end and improved else None,
        improved=improved,
        reason=reason,
        months=_months(start.publication_date, end_date),
    )


def _episodes_of(
    reports: Sequence[Row], as_at: date, abolished: date | None = None
) -> Iterator[Episode]:
    start: Row | None = None
    for report in reports:
        grade = report.grade("overall") or ""
        if start is None:
            start = report if grade == "inadequate" else None
        elif grade != "inadequate":  # a better grade, or no overall grade at all
            reason = f"improved to {grade}" if grade else "next report has no overall grade"
            yield _episode(start, report, as_at, reason)
            start = None
    if start is not None and abolished is not None:
        reason = f"council abolished on {abolished.isoformat()} (reorganised)"
        yield _episode(start, None, abolished, reason)
    elif start is not None:
        yield _episode(start, None, as_at, "still inadequate at the as-at date")


def episodes(
    rows: Iterable[Row],
    as_at: date | None = None,
    las: Mapping[int, LocalAuthority] | None = None,
) -> list[Episode]:
    """Every inadequate episode of every LA, up to as_at (default: the newest publication).
    `las`: the lookup, whose abolition dates end episodes (the package's by default)."""
    rows = list(rows)
    limit = as_at or last_publication(rows)
    if limit is None:
        return []
    lookup = local_authorities() if las is None else las

    def abolished(urn: int) -> date | None:
        end = lookup[urn].end if urn in lookup else None
        return end if end is not None and end <= limit else None

    return [
        episode
        for urn, reports in by_la(rows, limit).items()
        for episode in _episodes_of(reports, limit, abolished(urn))
    ]


def _band(survival: float, greenwood: float, z: float) -> tuple[float, float]:
    if survival >= 1.0 or survival <= 0.0:
        return survival, survival
    k = z * math.sqrt(greenwood) / abs(math.log(survival))
    return survival ** math.exp(k), survival ** math.exp(-k)


def kaplan_meier(observations: Sequence[tuple[float, bool]], z: float = Z95) -> tuple[Step, ...]:
    """The product-limit estimate from (time, event happened) pairs, one step per distinct time."""
    survival, greenwood, steps = 1.0, 0.0, []
    for t in sorted({time for time, _ in observations}):
        at_risk = sum(1 for time, _ in observations if time >= t)
        events = sum(1 for time, event in observations if time == t and event)
        if events:
            survival *= 1 - events / at_risk
            greenwood += events / (at_risk * (at_risk - events)) if at_risk > events else 0.0
        lower, upper = _band(survival, greenwood, z)
        censored = sum(1 for time, event in observations if time == t and not event)
        steps.append(Step(t, at_risk, events, censored, survival, lower, upper))
    return tuple(steps)


def _first_at_or_below(steps: Sequence[Step], values: Sequence[float]) -> float | None:
    return next((s.time for s, v in zip(steps, values, strict=True) if v <= 0.5 + _EPS), None)


def median(steps: Sequence[Step]) -> Median:
    """The median time and its Brookmeyer-Crowley 95% interval, read off the estimate."""
    return Median(
        median=_first_at_or_below(steps, [s.survival for s in steps]),
        lower=_first_at_or_below(steps, [s.lower for s in steps]),
        upper=_first_at_or_below(steps, [s.upper for s in steps]),
    )


def time_to_improve(rows: Iterable[Row], as_at: date | None = None) -> TimeToImprove:
    """Months from an inadequate overall judgement to a better one, Kaplan-Meier estimate."""
    rows = list(rows)
    limit = as_at or last_publication(rows)
    found = episodes(rows, limit)
    steps = kaplan_meier([(e.months, e.improved) for e in found])
    return TimeToImprove(
        as_at=limit,
        episodes=tuple(found),
        steps=steps,
        median=median(steps),
    )
