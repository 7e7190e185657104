"""What each page and API route shows, gathered from the store and the analysis library.

The pages and the JSON API call the same functions here, so a number on a page and in the API
cannot differ. `Site` holds the engine and keeps the whole-corpus rows (every report, every
document id) between requests until an ingest changes the stored documents.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from .. import histories
from ..analysis import grades, latest
from ..analysis.compare import Comparison, comparable
from ..analysis.neighbours import NeighbourView, neighbours
from ..analysis.timeline import Event
from ..comparisons import compare_stored
from ..errors import UsageError
from ..histories import of_lineage, reports_of
from ..reference import LocalAuthority, by_urn, find
from ..settings import Settings
from ..store import files, read
from ..store.search import Filters, search
from .charts import TimelineChart, timeline_chart
from .text import FIGURE_LABELS, plain_snippet

T = TypeVar("T")
CACHE_SIZE = 500  # whole-corpus rows and per-LA neighbours (pages are kept by `cache`)
Row = dict[str, Any]


class NotFound(LookupError):
    """Nothing stored under the id or name asked for; the edge answers 404."""


_ASK_VERSION = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT version FROM data_version",
}


class Site:
    """The database as the site reads it: the engine, the settings, and a small cache."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[tuple[Any, ...], Any]] = OrderedDict()
        # One connection kept for asking whether the data changed costs microseconds a
        # request (SQLite counts the commits of other connections in `data_version`;
        # PostgreSQL reads the version row every write of documents moves on, outside any
        # transaction), where a connection from the pool and a query cost milliseconds under
        # load.
        self._watch_lock = threading.Lock()
        self._watch = self._open_watch()

    def _open_watch(self) -> Any:
        watch = self.engine.raw_connection()
        if self.engine.dialect.name == "postgresql":
            watch.driver_connection.autocommit = True  # type: ignore[union-attr]
        return watch

    def close(self) -> None:
        """Give the kept connection back (the app's end)."""
        with self._watch_lock:
            self._watch.close()

    def documents_version(self) -> tuple[Any, ...]:
        """Changes whenever an ingest has stored or replaced documents."""
        ask = _ASK_VERSION.get(self.engine.dialect.name)
        if ask is None:
            return files.version(self.engine)
        with self._watch_lock:
            try:
                cursor = self._watch.cursor()
                cursor.execute(ask)
                return (cursor.fetchone(),)
            except self.engine.dialect.loaded_dbapi.Error:
                self._watch.invalidate()  # a server restarted: ask a new connection next time
                self._watch = self._open_watch()
                return files.version(self.engine)

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per state of the stored documents (the least used of more than
        CACHE_SIZE answers are dropped)."""
        now = self.documents_version()
        with self._lock:
            hit = self._cache.get(key)
            if hit and hit[0] == now:
                self._cache.move_to_end(key)
                value: T = hit[1]
                return value
        value = compute()
        with self._lock:
            self._cache[key] = (now, value)
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return value

    def history(self) -> list[Row]:
        return self.cached("history", lambda: read.history(self.engine))

    def document_ids(self) -> dict[int, int]:
        return self.cached("document_ids", lambda: files.document_ids(self.engine))

    def rows(self) -> dict[int, Row]:
        """Every stored report and letter row (`read.history` / `read.letters`) by its id."""

        def compute() -> dict[int, Row]:
            rows = [*self.history(), *read.letters(self.engine)]
            return {r["inspection_id"]: r for r in rows}

        return self.cached("rows", compute)

    def files(self) -> dict[str, int]:
        """Stored file label -> inspection id, for links from rows that name only the file."""
        return self.cached("files", lambda: {r["file"]: n for n, r in self.rows().items()})

    def today(self) -> date:
        return date.today()

    def state(self) -> tuple[Any, ...]:
        """What every page depends on besides its URL: the stored documents and the day."""
        return (*self.documents_version(), self.today())


def local_authority(urn: int) -> LocalAuthority:
    la = by_urn(urn)
    if la is None:
        raise NotFound(f"no local authority has URN {urn}")
    return la


def find_la(text: str) -> LocalAuthority:
    """An LA from what someone typed: name, URN, LA code or ONS code."""
    la = find(text) if text.strip() else None
    if la is None:
        raise UsageError(f"no local authority matches {text.strip()!r}" if text.strip() else
                         "type the name or code of a local authority")  # fmt: skip
    return la


@dataclass(frozen=True)
class LaView:
    la: LocalAuthority
    reports: list[Row]
    letters: list[Row]
    events: list[Event]
    current: Row | None  # the latest graded report
    older: list[Row]  # areas the latest report does not judge: last grade, date, report
    asks: list[Row]  # what the latest report asks to improve
    figures: list[Row]  # one row per figure, a value per report
    figure_columns: list[Row]  # the reports the figures come from
    neighbours: NeighbourView
    chart: TimelineChart
    earlier: list[Row]  # the reports and letters of predecessor councils in its history


def la_view(site: Site, urn: int) -> LaView:
    la = local_authority(urn)
    engine = site.engine
    # Its own rows, and those of the councils whose history it continues (`histories`)
    all_reports, all_letters = (of_lineage(f, engine, urn) for f in (read.history, read.letters))
    reports, letters = ([r for r in rows if r["urn"] == urn] for rows in (all_reports, all_letters))
    earlier = [r for r in [*all_reports, *all_letters] if r["urn"] != urn]
    events = histories.events(engine, la, all_reports, all_letters)
    found = latest(reports).get(urn)
    current = dict(found) if found else None
    ids = {r["file"]: r["inspection_id"] for r in [*all_reports, *all_letters]}
    asks = [
        r for r in read.recommendations(engine, urn) if current and r["file"] == current["file"]
    ]
    columns, figures = figure_table(read.figures(engine, urn))
    return LaView(
        la=la,
        reports=reports,
        letters=letters,
        events=events,
        current=current,
        older=_older_grades(reports, current),
        asks=asks,
        figures=figures,
        figure_columns=columns,
        neighbours=site.cached(f"neighbours:{urn}", lambda: neighbours(site.history(), urn)),
        chart=timeline_chart(events, ids, site.today()),
        earlier=earlier,
    )


def _older_grades(reports: list[Row], current: Row | None) -> list[Row]:
    """Areas judged before but not by the latest report, each with its last grade."""
    if current is None:
        return []
    judged = grades(current)
    out: dict[str, Row] = {}
    for row in reports:
        if row["publication_date"] <= current["publication_date"]:
            for area, grade in grades(row).items():
                if area not in judged:
                    out[area] = {"area": area, "grade": grade, "report": row}
    return list(out.values())


def figure_table(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    """Context figures pivoted: one row per figure, one column per report (newest as-at value)."""
    columns: dict[str, Row] = {}
    table: dict[str, dict[str, Row]] = {}
    for r in rows:
        columns.setdefault(
            r["file"], {"file": r["file"], "publication_date": r["publication_date"]}
        )
        cell = table.setdefault(r["name"], {}).get(r["file"])
        if cell is None or (r["as_at"] or "") > (cell["as_at"] or ""):
            table[r["name"]][r["file"]] = r
    ordered = sorted(columns.values(), key=lambda c: c["publication_date"] or "")
    rank = {name: n for n, name in enumerate(FIGURE_LABELS)}
    names = sorted(table, key=lambda name: (rank.get(name, len(rank)), name))
    return ordered, [{"name": name, "cells": table[name]} for name in names]


def report_view(site: Site, inspection_id: int) -> dict[str, Any]:
    """A report or letter: facts, judgements, content, provenance and its stored file."""
    stored = files.by_inspection(site.engine, inspection_id)
    if stored is None:
        raise NotFound(f"no report or letter has id {inspection_id}")
    detail = read.inspection_detail(site.engine, inspection_id)
    return {
        **detail,
        "document": stored,
        "provenance": files.provenance(site.engine, inspection_id),
        "section_texts": read.sections_of(site.engine, inspection_id),
    }


def page_view(site: Site, inspection_id: int, number: int) -> dict[str, Any]:
    stored = files.by_inspection(site.engine, inspection_id)
    if stored is None:
        raise NotFound(f"no report or letter has id {inspection_id}")
    text = files.page_text(site.engine, stored.document_id, number)
    if text is None:
        raise NotFound(f"{stored.label} has no page {number} (it has {stored.pages})")
    return {"document": stored, "number": number, "text": text, "row": site.rows()[inspection_id]}


def parse_day(value: str | None, name: str) -> date | None:
    """A date typed in a form ('' = none); a wrong one is a usage error naming the field."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{name}: {value.strip()!r} is not a date (YYYY-MM-DD)") from None


PAGE_SIZE = 20


def filters(
    la: str | None,
    kinds: tuple[str, ...] = (),
    section: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Filters:
    """Search filters from what a form or the API was given; an LA by any name or code."""
    urn = find_la(la).urn if la and la.strip() else None
    return Filters(urn=urn, kinds=kinds, section_kind=section, since=since, until=until)


def hits(site: Site, query: str, filters: Filters, page: int = 1) -> tuple[list[Row], bool]:
    """One page of search hits, each with its document id; and whether a next page exists."""
    if page < 1:
        raise UsageError("page: pages are numbered from 1")
    found = search(site.engine, query, filters, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE)
    ids = site.document_ids()
    rows = [{**h, "document_id": ids.get(h["inspection_id"])} for h in found[:PAGE_SIZE]]
    return rows, len(found) > PAGE_SIZE


def hit_json(hit: Row) -> Row:
    """A hit for the API: plain snippet (matches between **) and the links a page shows."""
    keep = ("file", "inspection_id", "kind", "urn", "la_name", "page", "section", "heading")
    return {
        **{k: hit[k] for k in keep},
        "publication_date": str(hit["publication_date"] or ""),
        "snippet": plain_snippet(hit["snippet"]),
        "report_url": f"/report/{hit['inspection_id']}",
        "page_url": f"/report/{hit['inspection_id']}/page/{hit['page']}",
        "pdf_url": f"/pdf/{hit['document_id']}#page={hit['page']}",
    }


def pdf_file(site: Site, document_id: int) -> Path:
    """The stored PDF, only if it lies inside the configured corpus folder (else NotFound).

    The stored path is resolved (symbolic links and '..' followed) and must end up at a .pdf
    file inside the corpus folder; a path stored relative to another working directory is
    looked for under the corpus folder (and its subfolders) by its label.
    """
    corpus = site.settings.corpus
    stored = files.by_document(site.engine, document_id)
    if corpus is None or stored is None:
        raise NotFound(f"no PDF is served for document {document_id}")
    root = corpus.resolve()
    folders = [root, *sorted(p for p in root.iterdir() if p.is_dir())] if root.is_dir() else []
    for candidate in (Path(stored.path), *(f / stored.label for f in folders)):
        path = candidate.resolve()
        if path.is_relative_to(root) and path.suffix.lower() == ".pdf" and path.is_file():
            return path
    raise NotFound(f"no PDF is served for document {document_id}")


def pdf_available(site: Site, document_id: int) -> bool:
    try:
        pdf_file(site, document_id)
    except NotFound:
        return False
    return True


def choices(site: Site, urn: int) -> list[Row]:
    """The reports a comparison of the LA can pick from (its predecessors' too), oldest first."""
    local_authority(urn)
    return comparable(reports_of(site.engine, urn))


def comparison(
    site: Site, urn: int, ref_a: str, ref_b: str, reports: list[Row] | None = None
) -> Comparison:
    """Two inspections of an LA side by side; refs as `compare.pick` reads them (id, year,
    date or part of the file name); `reports`: `choices(site, urn)` when the caller has them."""
    picked = choices(site, urn) if reports is None else reports
    return compare_stored(site.engine, urn, ref_a, ref_b, picked)
