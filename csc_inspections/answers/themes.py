"""What councils were asked to improve, theme by theme: the national table by year, era,
grade or region; the documents behind any of its numbers; an LA's themes beside its
neighbours', its region's and the country's (`analysis.themes` computes them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..analysis.neighbours import statistical_neighbours
from ..analysis.survival import episodes
from ..analysis.themes import (
    GROUPINGS,
    Asked,
    Cell,
    LaTheme,
    Recovery,
    ThemeTable,
    asked,
    behind,
    counted,
    la_themes,
    recoveries,
    theme_table,
    within,
)
from ..errors import NotFound, UsageError
from ..records import RecommendationRecord, Record
from ..store import read
from ..vocabulary import Theme, current
from . import Store, local_authority
from .histories import of_lineage

LA_SCOPES = ("main", "agencies")  # an LA's own list, and what JTAI letters ask of its partners


def grouping(by: str) -> str:
    """`by` when the answers group by it, else a usage error naming the choices."""
    if by not in GROUPINGS:
        raise UsageError(f"by: {by!r} is not one of {', '.join(GROUPINGS)}")
    return by


def theme(key: str) -> Theme:
    """The theme of that key (NotFound naming the themes when there is none)."""
    try:
        return current().theme(key)
    except KeyError:
        raise NotFound(
            f"no theme is called {key!r}; the themes are {', '.join(current().theme_keys)}"
        ) from None


def points(store: Store) -> list[RecommendationRecord]:
    """Every stored improvement point with its themes."""
    return store.cached("recommendations", lambda: read.recommendations(store.engine))


def national_asks(store: Store) -> list[Asked]:
    """Every counted report with its main improvement points by theme."""
    return store.cached("theme_asks", lambda: counted(asked(store.history(), points(store))))


def table(
    store: Store, by: str = "year", start: date | None = None, end: date | None = None
) -> ThemeTable:
    """How many inspections of each year (era, grade, region) were asked for each theme."""
    return theme_table(within(national_asks(store), start, end), grouping(by))


@dataclass(frozen=True)
class Number:
    """One number of `table` and the inspections behind it, newest first, each with the
    points that asked."""

    cell: Cell
    asks: list[Asked]


def behind_number(
    store: Store,
    key: str,
    by: str | None = None,
    group: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> Number:
    """The share of `group`'s inspections (of all, when None) that asked for the theme, and
    those inspections; a group that `table` does not have is a usage error naming those it has."""
    key = theme(key).key
    if group is not None and by is None:
        raise UsageError("group needs by: the grouping the group belongs to")
    counted = table(store, by or "year", start, end)
    if group is not None and group not in counted.groups:
        listed = ", ".join(counted.groups) or "none between these dates"
        raise UsageError(f"group: {group!r} is not one of {listed}")
    cell = counted.total(key) if group is None else counted.cell(key, group)
    found = behind(within(national_asks(store), start, end), key, by, group)
    asks = sorted(found, key=lambda a: (a.on or date.min, a.document.file), reverse=True)
    return Number(cell, asks)


def for_la(
    store: Store, urn: int, start: date | None = None, end: date | None = None
) -> list[LaTheme]:
    """The themes an LA's reports and letters (its predecessors' too) asked for, beside its
    statistical neighbours', its region's and the country's reports over the same dates."""
    la = local_authority(urn)
    engine = store.engine
    documents: list[Record] = [
        *of_lineage(read.history, engine, urn),
        *of_lineage(read.letters, engine, urn),
    ]
    mine = within(
        asked(documents, of_lineage(read.recommendations, engine, urn), LA_SCOPES), start, end
    )
    national = within(national_asks(store), start, end)
    near = {n.urn for n in statistical_neighbours(la)}
    return la_themes(
        mine,
        [a for a in national if a.document.urn in near],
        [a for a in national if a.document.region == la.region],
        national,
    )


def recovered(store: Store) -> list[Recovery]:
    """What the councils that came out of inadequate were asked before and after: per theme,
    of the recoveries whose inadequate report asked for it, how many better reports no longer
    did (each recovery: the first inadequate report of a spell, and the report that ended it
    with a better overall grade; both with improvement points read)."""
    by_file = {a.document.file: a for a in national_asks(store)}
    pairs = [
        (by_file[e.start_file], by_file[e.end_file])
        for e in episodes(store.history(), store.today())
        if e.improved and e.end_file in by_file and e.start_file in by_file
    ]
    return recoveries(pairs)
