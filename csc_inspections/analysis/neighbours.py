"""An LA beside its ten statistical neighbours and its region.

DfE's statistical neighbours are the ten LAs most like this one (deprivation, population,
...), listed in the lookup by old three-digit LA code, closest first; they are shown in that
order. "Latest" follows the counting rule of `national.stats_as_at`: the most recent graded
report published on or before the as-at date, every area read from that report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..reference import LocalAuthority, local_authorities
from . import COUNTED_AREAS, Row, count_areas, grades, latest

NO_REPORT = "no report"
NO_OVERALL = "no overall grade"


@dataclass(frozen=True)
class LatestGrades:
    """One LA's latest graded report; None and no grades when it has none."""

    urn: int
    la_code: str
    la_name: str
    region: str
    publication_date: date | None
    framework: str | None
    file: str | None
    grades: dict[str, str]


@dataclass(frozen=True)
class NeighbourView:
    """The LA, its neighbours in DfE's order, and its region's grade counts (LA included).

    `unknown_codes` lists neighbour codes the lookup has no LA for (none today).
    """

    la: LatestGrades
    neighbours: tuple[LatestGrades, ...]
    region: str
    region_las_counted: int
    region_counts: dict[str, dict[str, int]]
    unknown_codes: tuple[str, ...]


def _latest_grades(la: LocalAuthority, report: Row | None) -> LatestGrades:
    return LatestGrades(
        urn=la.urn,
        la_code=la.la_code,
        la_name=la.name,
        region=la.region,
        publication_date=report.publication_date if report else None,
        framework=report.framework if report else None,
        file=report.file if report else None,
        grades=grades(report),
    )


def _by_code(lookup: Mapping[int, LocalAuthority]) -> dict[str, LocalAuthority]:
    return {la.la_code: la for la in lookup.values() if la.la_code}


def statistical_neighbours(
    la: LocalAuthority, lookup: Mapping[int, LocalAuthority] | None = None
) -> list[LocalAuthority]:
    """The LA's statistical neighbours that the lookup knows (the package's by default), in
    DfE's order."""
    codes = _by_code(local_authorities() if lookup is None else lookup)
    return [codes[c] for c in la.stat_neighbours if c in codes]


def neighbours(
    rows: Iterable[Row],
    urn: int,
    as_at: date | None = None,
    las: Mapping[int, LocalAuthority] | None = None,
) -> NeighbourView:
    """The LA's latest grades beside its statistical neighbours' and its region's counts.

    Raises KeyError when the URN is not an LA of the lookup.
    """
    lookup = local_authorities() if las is None else las
    la = lookup[urn]
    current = latest(rows, as_at)
    codes = _by_code(lookup)
    on = as_at or date.today()  # a council abolished by then no longer counts in its region
    region = [
        row
        for u, row in current.items()
        if u in lookup and lookup[u].region == la.region and lookup[u].exists_on(on)
    ]
    return NeighbourView(
        la=_latest_grades(la, current.get(urn)),
        neighbours=tuple(
            _latest_grades(n, current.get(n.urn)) for n in statistical_neighbours(la, lookup)
        ),
        region=la.region,
        region_las_counted=len(region),
        region_counts=count_areas(region, COUNTED_AREAS),
        unknown_codes=tuple(c for c in la.stat_neighbours if c not in codes),
    )


def neighbour_overall(
    la: LocalAuthority, current: Mapping[int, Row], lookup: Mapping[int, LocalAuthority]
) -> str:
    """The neighbours' latest overall grades as one cell: "LA name: grade; ...".

    A neighbour with no graded report reads "no report"; one whose latest report has no
    overall grade (an `ilacs_2026` inspection) reads "no overall grade": its older overall
    grade is not carried forward, as in the national counts.
    """
    codes = _by_code(lookup)
    parts = []
    for code in la.stat_neighbours:
        other = codes.get(code)
        if other is None:
            parts.append(f"{code}: not in the lookup")
            continue
        report: Row | None = current.get(other.urn)
        grade = NO_REPORT if report is None else (report.grade("overall") or NO_OVERALL)
        parts.append(f"{other.name}: {grade}")
    return "; ".join(parts)
