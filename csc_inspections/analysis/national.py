"""The national picture on a date: grade counts, and the latest grades of every LA in one sheet.

Counting rule (`stats_as_at`): each LA counts once, with its most recent graded report
published on or before the as-at date, and every area is read from that one report. An
older report never fills an area the latest one does not judge: its grade was superseded by
the newer inspection. So:

- An `ilacs_2026` report (inspections from April 2026) is the LA's latest inspection: its four
  area grades count, and the LA has *no* overall grade, because the revised framework no
  longer gives one. The LA is in `las_counted` but in none of the overall counts, which
  therefore add up to fewer than `las_counted` once such reports exist.
- Care leavers are counted only where the latest report judges them (SIF 2.2, ILACS from
  2023); an ILACS report of 2018-2022 judged children in care and care leavers together, and
  counts under `children_in_care` only.
- SIF and ILACS areas are counted together through the crosswalk in `analysis/__init__.py`
  (SIF leadership, management and governance counts as leadership, and so on).
- Framework `other` reports are not counted (pre-SIF scale, different question).

Councils that were reorganised (data/lineage.csv, `reference`): an LA counts only on the days
it existed. Before 1 April 2021 Northamptonshire counts with its latest report and North and
West Northamptonshire do not exist; from that day the two successors count and
Northamptonshire does not. A successor does not inherit its predecessor's grades: as in
Ofsted's own outcome tables, a new council is one of the councils that exist but has no
judgement until its first inspection ("not yet inspected"). `coverage` gives that
denominator, the councils that existed on the date, and names those no graded report held
counts (a new council not yet inspected, or one whose report the database lacks). An LA the
lookup does not list has no known dates and counts whenever it has a report.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from ..reference import Council, LocalAuthority, councils_on, local_authorities
from . import Row, count_areas, count_grades, latest
from .neighbours import neighbour_overall

UNKNOWN_REGION = "unknown region"


def stats_as_at(
    rows: Iterable[Row],
    as_at: date,
    urns: Collection[int] | None = None,
    las: Mapping[int, LocalAuthority] | None = None,
) -> dict[str, Any]:
    """Grade counts per area nationally and overall grade counts per region, as at a date.

    Only LAs that existed on the date count (see the module docstring; `las`: the lookup,
    the package's by default). `urns`, when given, limits the count further to those LAs.
    """
    lookup = local_authorities() if las is None else las
    current = [
        row
        for urn, row in latest(rows, as_at).items()
        if (urns is None or urn in urns) and (urn not in lookup or lookup[urn].exists_on(as_at))
    ]
    regions: dict[str, list[Row]] = defaultdict(list)
    for row in current:
        regions[row.region or UNKNOWN_REGION].append(row)
    return {
        "as_at": as_at.isoformat(),
        "las_counted": len(current),
        "areas": count_areas(current),
        "regions": {
            name: {"overall": count_grades(regions[name], "overall")} for name in sorted(regions)
        },
    }


def coverage(
    rows: Iterable[Row], as_at: date, councils: Sequence[Council] | None = None
) -> dict[str, Any]:
    """The denominator of the national picture on a date: how many councils existed
    (`las_existing`), and which of them no graded report published by then counts
    (`without_report`: URN, LA code, name, and `created` for a council a reorganisation
    made, which until its first inspection is Ofsted's "not yet inspected")."""
    existing = councils_on(as_at) if councils is None else councils
    graded = latest(rows, as_at)
    missing = [c for c in existing if c.urn is None or c.urn not in graded]
    return {
        "las_existing": len(existing),
        "without_report": [
            {
                "urn": c.urn,
                "la_code": c.la_code,
                "name": c.name,
                "created": c.start.isoformat() if c.start else "",
            }
            for c in missing
        ],
    }


def national_picture(rows: Sequence[Row], as_at: date) -> dict[str, Any]:
    """`stats_as_at` and its denominator (`coverage`) in one answer."""
    return {**stats_as_at(rows, as_at), **coverage(rows, as_at)}


@dataclass(frozen=True)
class LatestOfLa:
    """A row of the analysts' summary sheet: an LA, its latest graded report, its neighbours'."""

    la: LocalAuthority
    report: Row | None  # None: no graded report published by the date
    neighbours_overall: str  # "LA name: grade; ..." (see `neighbours.neighbour_overall`)


def latest_of_las(
    rows: Iterable[Row],
    as_at: date | None = None,
    las: Mapping[int, LocalAuthority] | None = None,
) -> list[LatestOfLa]:
    """One entry per LA of the lookup, in name order: its latest graded report on the date.

    Every LA of the lookup has one, including the three predecessor LAs it still lists (they
    have no statistical neighbours there).
    """
    lookup = local_authorities() if las is None else las
    current = latest(rows, as_at)
    return [
        LatestOfLa(la, current.get(la.urn), neighbour_overall(la, current, lookup))
        for la in sorted(lookup.values(), key=lambda la: la.name)
    ]
