"""An LA's history gathered from the store with its predecessors' (data/lineage.csv): the
councils whose history it continues, their records beside its own, and the events of it all.

The command line's `history`, the LA page, the JSON timeline and comparisons read an LA's
history through here, so a council made by a reorganisation reads the same everywhere.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

from sqlalchemy import Engine

from ..analysis.timeline import Event, timeline
from ..records import LetterRecord, ReportRecord
from ..reference import LocalAuthority, by_urn, history_predecessors
from ..store import publications, read
from . import Store

R = TypeVar("R")


def lineage(urn: int) -> list[int]:
    """The LA's URN after those of the councils whose history it continues, oldest first."""
    la = by_urn(urn)
    return [*reversed(history_predecessors(la)), urn] if la is not None else [urn]


def of_lineage(reader: Callable[[Engine, int], list[R]], engine: Engine, urn: int) -> list[R]:
    """What `reader` gives for each council of the LA's lineage, oldest council first."""
    return [row for u in lineage(urn) for row in reader(engine, u)]


def reports_of(store: Store, urn: int) -> list[ReportRecord]:
    """The stored reports of the LA and of the councils whose history it continues, in
    publication order."""
    found = of_lineage(read.history, store.engine, urn)
    return sorted(found, key=lambda r: r.publication_date or date.min)


def events(
    store: Store,
    la: LocalAuthority,
    reports: Sequence[ReportRecord] | None = None,
    letters: Sequence[LetterRecord] | None = None,
) -> list[Event]:
    """Every event of the LA's history, its predecessors' marked as theirs, publications the
    site cannot serve included; `reports` and `letters`: the lineage's records when the caller
    has read them already."""
    engine = store.engine
    return timeline(
        of_lineage(read.history, engine, la.urn) if reports is None else reports,
        of_lineage(read.letters, engine, la.urn) if letters is None else letters,
        of_lineage(read.cited, engine, la.urn),
        history_predecessors(la),
        of_lineage(publications.unavailable, engine, la.urn),
    )
