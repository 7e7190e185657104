"""The database as the site reads it, and what only the site adds to the answers.

The answers themselves (an LA, a comparison, the national picture, search) come from the
answers layer (`csc_inspections.answers`), which the command line and the Python API call
too. `Site` is the answers' `Store` with a cache: it keeps the whole-corpus reads (every
report, every document id) and per-LA answers between requests until an ingest changes the
stored documents. Here too: a report's page (its stored PDF and provenance), the PDF file a
request may be served, the figure table and the links of search hits.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import chain
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine

from ..answers import Store
from ..answers import search as searching
from ..answers.search import Results
from ..errors import NotFound, UsageError
from ..export import latest_rows
from ..parse.recommendations import item_groups
from ..records import (
    Detail,
    FigureRecord,
    Hit,
    LetterRecord,
    RecommendationRecord,
    ReportRecord,
)
from ..reference import local_authorities
from ..settings import Settings
from ..store import files, publications, read
from ..store.search import Filters
from .text import FIGURE_LABELS, plain_snippet

T = TypeVar("T")
CACHE_SIZE = 500  # whole-corpus rows and per-LA neighbours (pages are kept by `cache`)
Row = dict[str, Any]


_ASK_VERSION = {
    "sqlite": "PRAGMA data_version",
    "postgresql": "SELECT version FROM data_version",
}


class Site(Store):
    """The database as the site reads it: the engine, the settings, and a small cache that
    keeps answers until the stored documents change."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        super().__init__(engine)
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

    def document_ids(self) -> dict[int, int]:
        return self.cached("document_ids", lambda: files.document_ids(self.engine))

    def rows(self) -> dict[int, ReportRecord | LetterRecord]:
        """Every stored report and letter by its id."""

        def compute() -> dict[int, ReportRecord | LetterRecord]:
            found: list[ReportRecord | LetterRecord] = [*self.history(), *read.letters(self.engine)]
            return {r.inspection_id: r for r in found}

        return self.cached("rows", compute)

    def files(self) -> dict[str, int]:
        """Stored file label -> inspection id, for links from rows that name only the file."""
        return self.cached("files", lambda: {r.file: n for n, r in self.rows().items()})

    def state(self) -> tuple[Any, ...]:
        """What every page depends on besides its URL: the stored documents and the day."""
        return (*self.documents_version(), self.today())

    def last_modified(self) -> datetime:
        """When what every page depends on last changed: the later of the last ingest and
        the start of today (pages run to today), in UTC, for Last-Modified."""
        day = self.today()
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        ingested = self.cached("last_ingested", lambda: files.last_ingested(self.engine))
        return start if ingested is None else max(start, ingested.replace(tzinfo=UTC))


def la_rows(history: Sequence[ReportRecord], region: str = "") -> list[Row]:
    """The LA list with latest grades: the rows of `csc-inspections export latest`
    (`export.latest_rows`), only the region's when one is named (exactly as the lookup spells
    it; an unknown region lists none)."""
    rows = latest_rows(history)
    return [r for r in rows if r["region"] == region] if region else rows


def regions() -> list[str]:
    """The regions of the lookup, in name order."""
    return sorted({la.region for la in local_authorities().values() if la.region})


def figure_table(rows: Sequence[FigureRecord]) -> tuple[list[Row], list[Row]]:
    """Context figures pivoted: one row per figure, one column per report (newest as-at value)."""
    columns: dict[str, Row] = {}
    table: dict[str, dict[str, FigureRecord]] = {}
    for r in rows:
        columns.setdefault(r.file, {"file": r.file, "publication_date": r.publication_date})
        cell = table.setdefault(r.name, {}).get(r.file)
        if cell is None or (r.as_at and (cell.as_at is None or r.as_at > cell.as_at)):
            table[r.name][r.file] = r
    ordered = sorted(columns.values(), key=lambda c: c["publication_date"] or date.min)
    rank = {name: n for n, name in enumerate(FIGURE_LABELS)}
    names = sorted(table, key=lambda name: (rank.get(name, len(rank)), name))
    return ordered, [{"name": name, "cells": table[name]} for name in names]


def report_view(site: Site, inspection_id: int) -> dict[str, Any]:
    """A report or letter: its record, judgements, content, provenance and its stored file."""
    stored = files.by_inspection(site.engine, inspection_id)
    detail = read.inspection_detail(site.engine, inspection_id) if stored else None
    if stored is None or detail is None:
        raise NotFound(f"no report or letter has id {inspection_id}")
    return {
        "d": detail,
        "document": stored,
        "provenance": files.provenance(site.engine, inspection_id),
    }


# Whose list a recommendation is on, in the order a report prints them: the council's own list
# first, then the safeguarding board's, then (JTAI letters) the partner agencies'.
SCOPES = {
    "main": "For the local authority",
    "lscb": "For the safeguarding board",
    "agencies": "For the partner agencies",
}
Group = tuple[str | None, list[RecommendationRecord]]


def recommendation_lists(
    recommendations: Sequence[RecommendationRecord],
) -> list[tuple[str | None, list[Group]]]:
    """Recommendations by whose list they are on (SCOPES order; a heading only when a report has
    more than one list, or its one list is not the council's), and within a list by the group
    printed over them ("Priority action", from data/item_groups.csv) in the printed order; a
    group is named when a list has several, or when its items are priority actions."""
    order = {scope: n for n, scope in enumerate(SCOPES)}
    scopes = sorted({r.scope for r in recommendations}, key=lambda s: (order.get(s, 99), s))
    named = len(scopes) > 1 or scopes != ["main"]
    groups = item_groups()
    out: list[tuple[str | None, list[Group]]] = []
    for scope in scopes:
        items = sorted((r for r in recommendations if r.scope == scope), key=lambda r: r.number)
        several = len({r.group for r in items}) > 1
        runs: list[Group] = []
        for r in items:
            known = groups.get(r.group or "")
            label = known.label if known and (several or known.priority) else None
            if not runs or runs[-1][1][-1].group != r.group:
                runs.append((label, []))
            runs[-1][1].append(r)
        out.append((SCOPES.get(scope, scope) if named else None, runs))
    return out


def overall_first(detail: Detail) -> Detail:
    """The report's judgements with overall effectiveness first, as every table of the site
    lists it (ILACS reports print it last); the other areas keep their printed order."""
    ordered = sorted(detail.judgements, key=lambda j: j.area != "overall")
    return replace(detail, judgements=tuple(ordered))


def ofsted_url(site: Site, label: str) -> str | None:
    """Ofsted's copy of a document not held here, when sync recorded where it came from."""
    return publications.url_of(site.engine, label)


def page_view(site: Site, inspection_id: int, number: int) -> dict[str, Any]:
    stored = files.by_inspection(site.engine, inspection_id)
    if stored is None:
        raise NotFound(f"no report or letter has id {inspection_id}")
    text = files.page_text(site.engine, stored.document_id, number)
    if text is None:
        raise NotFound(f"{stored.label} has no page {number} (it has {stored.pages})")
    return {"document": stored, "number": number, "text": text, "row": site.rows()[inspection_id]}


def form_filters(la: str, kind: str, section: str, since: str, until: str) -> Filters:
    """Search filters as a form or a download link gives them: text, '' for none."""
    return searching.filters(
        la,
        kinds=(kind,) if kind else (),
        section=section or None,
        since=parse_day(since, "since"),
        until=parse_day(until, "until"),
    )


def parse_day(value: str | None, name: str) -> date | None:
    """A date typed in a form ('' = none); a wrong one is a usage error naming the field."""
    if not value or not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise UsageError(f"{name}: {value.strip()!r} is not a date (YYYY-MM-DD)") from None


def with_documents(site: Site, found: Results) -> list[tuple[Hit, int | None]]:
    """Each hit of a page with its document id, for the links to the PDF."""
    ids = site.document_ids()
    return [(h, ids.get(h.inspection_id)) for h in found.hits]


def hit_json(hit: Hit, document_id: int | None) -> Row:
    """A hit for the API: plain snippet (matches between **) and the links a page shows."""
    keep = ("file", "inspection_id", "kind", "urn", "la_name", "page", "section", "heading")
    return {
        **{k: getattr(hit, k) for k in keep},
        "publication_date": hit.publication_date,
        "snippet": plain_snippet(hit.snippet),
        "report_url": f"/report/{hit.inspection_id}",
        "page_url": f"/report/{hit.inspection_id}/page/{hit.page}",
        "pdf_url": f"/pdf/{document_id}#page={hit.page}",
    }


def pdf_file(site: Site, document_id: int) -> Path:
    """The stored PDF, only if it lies inside the configured corpus folder (else NotFound).

    The stored path is resolved (symbolic links and '..' followed) and must end up at a .pdf
    file inside the corpus folder; a path stored relative to another working directory is
    looked for under the corpus folder (and its subfolders) by its label.
    """
    corpus = site.settings.corpus
    stored = files.by_document(site.engine, document_id)
    found = _located(corpus.resolve(), stored) if corpus and stored else None
    if found is None:
        raise NotFound(f"no PDF is served for document {document_id}")
    return found


def _located(root: Path, stored: files.StoredFile) -> Path | None:
    for candidate in chain([Path(stored.path)], (f / stored.label for f in _folders(root))):
        path = candidate.resolve()
        if path.is_relative_to(root) and path.suffix.lower() == ".pdf" and path.is_file():
            return path
    return None


def _folders(root: Path) -> Iterator[Path]:
    """The corpus folder and its subfolders, listed only when the stored path missed."""
    if root.is_dir():
        yield root
        yield from sorted(p for p in root.iterdir() if p.is_dir())


def pdf_available(site: Site, document_id: int) -> bool:
    """Whether a page may link to the document's PDF. Pages ask this for every hit and every
    report they show, so the answer for all documents is worked out once per state of the
    stored documents (`pdf_file` itself looks again whenever a PDF is asked for)."""
    return document_id in site.cached("held_pdfs", lambda: _held(site))


def _held(site: Site) -> frozenset[int]:
    corpus = site.settings.corpus
    if corpus is None:
        return frozenset()
    root = corpus.resolve()
    stored = files.every_file(site.engine)
    return frozenset(f.document_id for f in stored if _located(root, f) is not None)
