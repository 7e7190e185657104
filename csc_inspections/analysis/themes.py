"""What inspections asked councils to improve, theme by theme: shares of inspections by year,
era, grade or region; an LA's themes beside its neighbours' and region's; and what a later
inspection still asks of an earlier one's themes.

A document *asks for* a theme when one of its improvement points of the counted scopes is
tagged with it (the tagger's reading, `themes.tagger`). National counts are of graded reports
of the compared frameworks (see `analysis`), each counted once in its group, and only those
with improvement points read: a report whose list the parser found empty is left out of the
denominator rather than counted as asking for nothing.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from ..records import LetterRecord, RecommendationRecord, Record, ReportRecord
from ..vocabulary import current
from . import NOT_COMPARABLE, percent

GROUPINGS: tuple[str, ...] = ("year", "era", "grade", "region")
COUNTED_SCOPES: tuple[str, ...] = ("main",)  # the council's own list, not the LSCB's
NO_GRADE = "none"  # the grade group of reports without an overall grade (2026 framework)


@dataclass(frozen=True)
class Asked:
    """One report or letter and its improvement points, grouped by the themes they ask for."""

    document: Record
    on: date | None  # last day on site (a letter: of the visit), else the nearest date known
    points: Mapping[str, tuple[RecommendationRecord, ...]] = field(hash=False)

    @property
    def themes(self) -> frozenset[str]:
        return frozenset(self.points)


def day_of(document: Record) -> date | None:
    """When it happened: the last day on site, else the first, else the letter or publication."""
    if isinstance(document, ReportRecord):
        found = document.inspection_end or document.inspection_start
    else:
        assert isinstance(document, LetterRecord)
        found = document.visit_end or document.visit_start or document.letter_date
    return found or document.publication_date


def asked(
    documents: Iterable[Record],
    points: Iterable[RecommendationRecord],
    scopes: Sequence[str] = COUNTED_SCOPES,
) -> list[Asked]:
    """The documents that have improvement points of `scopes`, each with its points by theme
    (an untagged point is kept under no theme, so its document still counts)."""
    by_file: dict[str, list[RecommendationRecord]] = defaultdict(list)
    for point in points:
        if point.scope in scopes:
            by_file[point.file].append(point)
    found = []
    for document in documents:
        listed = by_file.get(document.file)
        if not listed:
            continue
        grouped: dict[str, list[RecommendationRecord]] = defaultdict(list)
        for point in listed:
            for theme in point.themes:
                grouped[theme].append(point)
        themed = {t: tuple(grouped[t]) for t in current().theme_keys if t in grouped}
        found.append(Asked(document, day_of(document), themed))
    return found


def counted(asks: Iterable[Asked]) -> list[Asked]:
    """The asks the national answers count: graded reports of the compared frameworks."""
    return [
        a
        for a in asks
        if isinstance(a.document, ReportRecord)
        and a.document.framework not in NOT_COMPARABLE
        and a.document.urn is not None
    ]


def within(asks: Iterable[Asked], start: date | None, end: date | None) -> list[Asked]:
    """The asks whose date falls between `start` and `end` (each inclusive, None: open); an
    ask with no date is kept only when neither bound is given."""
    if start is None and end is None:
        return list(asks)
    return [
        a
        for a in asks
        if a.on is not None and (start is None or a.on >= start) and (end is None or a.on <= end)
    ]


def group_of(ask: Asked, by: str) -> str:
    """The group an ask is counted in: its year, era, overall grade or region."""
    document = ask.document
    if by == "year":
        return str(ask.on.year) if ask.on else "unknown"
    if by == "era":
        framework = current().frameworks.get(document.kind)
        return framework.era if framework else document.kind
    if by == "grade":
        grade = document.grade("overall") if isinstance(document, ReportRecord) else None
        return grade or NO_GRADE
    if by == "region":
        return document.region or "unknown"
    raise ValueError(f"by must be one of {', '.join(GROUPINGS)}, not {by!r}")


def _group_order(by: str, groups: Iterable[str]) -> tuple[str, ...]:
    found = set(groups)
    if by == "grade":
        known = [g.key for g in current().grades if g.key in found]
        return (*known, *sorted(found - set(known) - {NO_GRADE}), *sorted(found & {NO_GRADE}))
    if by == "era":
        first: dict[str, date] = {}
        for f in current().frameworks.values():
            first[f.era] = min(first.get(f.era, f.in_force_from), f.in_force_from)
        return tuple(sorted(found, key=lambda g: (first.get(g, date.max), g)))
    return tuple(sorted(found))


@dataclass(frozen=True)
class Cell:
    """Of `of` documents, `asked` asked for the theme."""

    asked: int
    of: int

    @property
    def share(self) -> float | None:
        return self.asked / self.of if self.of else None

    @property
    def percent(self) -> int | None:
        """The share as a whole percentage, halves rounded up (as a reader would)."""
        return percent(self.asked, self.of)


@dataclass(frozen=True)
class ThemeTable:
    """Themes (rows) by groups (columns): how many documents of each group asked for each."""

    by: str
    groups: tuple[str, ...]
    themes: tuple[str, ...]
    sizes: Mapping[str, int] = field(hash=False)  # group -> documents counted in it
    counts: Mapping[tuple[str, str], int] = field(hash=False)  # (theme, group) -> asked

    def cell(self, theme: str, group: str) -> Cell:
        return Cell(self.counts.get((theme, group), 0), self.sizes.get(group, 0))

    def total(self, theme: str) -> Cell:
        asked = sum(self.counts.get((theme, g), 0) for g in self.groups)
        return Cell(asked, sum(self.sizes.values()))


def theme_table(asks: Sequence[Asked], by: str) -> ThemeTable:
    """Per group, how many of its documents asked for each theme."""
    sizes: dict[str, int] = defaultdict(int)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for ask in asks:
        group = group_of(ask, by)
        sizes[group] += 1
        for theme in ask.themes:
            counts[(theme, group)] += 1
    return ThemeTable(by, _group_order(by, sizes), current().theme_keys, dict(sizes), dict(counts))


def behind(asks: Iterable[Asked], theme: str, by: str | None, group: str | None) -> list[Asked]:
    """The documents behind one number: those of `group` (all, if None) that asked for `theme`."""
    return [
        a
        for a in asks
        if theme in a.points and (by is None or group is None or group_of(a, by) == group)
    ]


def share_of(asks: Sequence[Asked], theme: str) -> Cell:
    return Cell(sum(theme in a.points for a in asks), len(asks))


@dataclass(frozen=True)
class LaTheme:
    """One theme in one LA's history, beside its neighbours, its region and the country."""

    theme: str
    documents: tuple[Asked, ...]  # the LA's reports and letters that asked for it, oldest first
    la: Cell  # of the LA's counted reports
    neighbours: Cell  # of its statistical neighbours' counted reports
    region: Cell  # of its region's (LA included)
    national: Cell  # of every counted report

    @property
    def recurring(self) -> bool:
        """Asked by more than one of its reports and letters."""
        return len(self.documents) > 1

    @property
    def first(self) -> date | None:
        return self.documents[0].on if self.documents else None

    @property
    def last(self) -> date | None:
        return self.documents[-1].on if self.documents else None


def la_themes(
    la: Sequence[Asked],
    neighbours: Sequence[Asked],
    region: Sequence[Asked],
    national: Sequence[Asked],
) -> list[LaTheme]:
    """Every theme an LA was asked for (in its reports and letters), most asked first, each
    with the share of the LA's, neighbours', region's and country's counted reports asking it."""
    la_reports = counted(la)
    rows = []
    for theme in current().theme_keys:
        documents = sorted(
            (a for a in la if theme in a.points), key=lambda a: (a.on or date.min, a.document.file)
        )
        if not documents:
            continue
        rows.append(
            LaTheme(
                theme,
                tuple(documents),
                share_of(la_reports, theme),
                share_of(neighbours, theme),
                share_of(region, theme),
                share_of(national, theme),
            )
        )
    return sorted(rows, key=lambda r: (-len(r.documents), current().theme_keys.index(r.theme)))


@dataclass(frozen=True)
class ThemeChange:
    """One theme across two documents: the points of each that asked for it."""

    theme: str
    a: tuple[RecommendationRecord, ...]
    b: tuple[RecommendationRecord, ...]

    @property
    def status(self) -> str:
        """`still asked` (both), `no longer asked` (A only) or `newly asked` (B only)."""
        if self.a and self.b:
            return "still asked"
        return "no longer asked" if self.a else "newly asked"


STATUSES: tuple[str, ...] = ("still asked", "no longer asked", "newly asked")


def theme_changes(a: Asked | None, b: Asked | None) -> list[ThemeChange]:
    """The themes of A's improvement points that B still asks for, those B no longer asks for,
    then those B asks for anew, each in the themes' order."""
    empty: Mapping[str, tuple[RecommendationRecord, ...]] = {}
    first, second = (a.points if a else empty), (b.points if b else empty)
    changes = [
        ThemeChange(t, first.get(t, ()), second.get(t, ()))
        for t in current().theme_keys
        if t in first or t in second
    ]
    return sorted(changes, key=lambda c: STATUSES.index(c.status))


@dataclass(frozen=True)
class Recovery:
    """One theme across the councils that came out of inadequate: how many were asked for it
    by the inadequate report, and whether the better report that ended it still asked."""

    theme: str
    pairs: tuple[tuple[Asked, Asked], ...]  # (inadequate report, better report), each recovery

    @property
    def asked(self) -> int:
        """Recoveries whose inadequate report asked for the theme."""
        return sum(self.theme in a.points for a, _ in self.pairs)

    @property
    def dropped(self) -> int:
        """Of those, the better report no longer asked for it."""
        return sum(self.theme in a.points and self.theme not in b.points for a, b in self.pairs)

    @property
    def still(self) -> int:
        return self.asked - self.dropped

    @property
    def new(self) -> int:
        """Recoveries whose better report asked for it and the inadequate one had not."""
        return sum(self.theme not in a.points and self.theme in b.points for a, b in self.pairs)

    @property
    def share_dropped(self) -> Cell:
        """Of the recoveries asked for it when inadequate, those no longer asked after."""
        return Cell(self.dropped, self.asked)


def recoveries(pairs: Sequence[tuple[Asked, Asked]]) -> list[Recovery]:
    """Per theme, the recoveries (inadequate report, the better one that ended the spell) and
    what the better report stopped asking: most often dropped first."""
    rows = [Recovery(t, tuple(pairs)) for t in current().theme_keys]
    asked_at_all = [r for r in rows if r.asked or r.new]
    return sorted(asked_at_all, key=lambda r: (-(r.dropped / r.asked if r.asked else 0), -r.asked))
