"""One LA as its page, the JSON API and the command line show it: its reports, letters and
history with its predecessors', its current grades (and the older ones its latest report no
longer judges), what it was last asked to improve, its context figures and its neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..analysis import grades, latest
from ..analysis.neighbours import NeighbourView
from ..analysis.timeline import Event
from ..records import (
    FigureRecord,
    LetterRecord,
    RecommendationRecord,
    ReportRecord,
)
from ..reference import LocalAuthority
from ..store import read
from . import Store, local_authority
from .histories import events, of_lineage
from .neighbours import neighbours


@dataclass(frozen=True)
class OlderGrade:
    """An area the latest report does not judge: its last grade and the report that gave it."""

    area: str
    grade: str
    report: ReportRecord


@dataclass(frozen=True)
class LaView:
    la: LocalAuthority
    reports: list[ReportRecord]  # its own, oldest published first
    letters: list[LetterRecord]
    events: list[Event]  # its history with its predecessors', in date order
    current: ReportRecord | None  # the latest graded report
    older: list[OlderGrade]
    asks: list[RecommendationRecord]  # what the latest report asks to improve
    figures: list[FigureRecord]  # the context figures of all its reports
    neighbours: NeighbourView
    earlier: list[ReportRecord | LetterRecord]  # its predecessor councils' reports and letters


def la_view(store: Store, urn: int) -> LaView:
    la = local_authority(urn)
    engine = store.engine
    # Its own records, and those of the councils whose history it continues (`histories`)
    all_reports = of_lineage(read.history, engine, urn)
    all_letters = of_lineage(read.letters, engine, urn)
    reports = [r for r in all_reports if r.urn == urn]
    letters = [r for r in all_letters if r.urn == urn]
    current = latest(reports).get(urn)
    asks = read.recommendations(engine, inspection_id=current.inspection_id) if current else []
    return LaView(
        la=la,
        reports=reports,
        letters=letters,
        events=events(store, la, all_reports, all_letters),
        current=current,
        older=older_grades(reports, current),
        asks=asks,
        figures=read.figures(engine, urn),
        neighbours=store.cached(f"neighbours:{urn}", lambda: neighbours(store, urn)),
        earlier=[
            *(r for r in all_reports if r.urn != urn),
            *(r for r in all_letters if r.urn != urn),
        ],
    )


def older_grades(reports: Sequence[ReportRecord], current: ReportRecord | None) -> list[OlderGrade]:
    """Areas judged before but not by the latest report, each with its last grade."""
    if current is None:
        return []
    judged = grades(current)
    published = current.publication_date or date.max
    out: dict[str, OlderGrade] = {}
    for row in reports:
        if (row.publication_date or date.min) <= published:
            for area, grade in grades(row).items():
                if area not in judged:
                    out[area] = OlderGrade(area, grade, row)
    return list(out.values())
