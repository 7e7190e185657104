"""What the site builds before anyone asks: every LA page at start, then every comparison.

A page built ahead is kept by `cache` like one built for a visitor, so the first reader of
an LA or a comparison waits no longer than the next (see benchmarks/web_load.py). Pages are
built one after another through the whole application, as a request would be, and built
again when an ingest changes the documents or the day turns.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Scope

from ..analysis.compare import comparable
from ..reference import local_authorities
from .cache import WARM
from .data import Site

log = logging.getLogger(__name__)
POLL_SECONDS = 10  # how often a warm site looks for a change of the stored documents


async def warm(app: ASGIApp, urls: Iterable[str]) -> None:
    """GET each URL (path and query) through the whole application, one after another, the
    answers discarded: what the cache keeps of them is the point. A page that fails is logged
    (by the app's error edge) and skipped."""

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def discard(message: Message) -> None:
        pass

    for url in urls:
        path, _, query = url.partition("?")
        scope: Scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "root_path": "",
            "query_string": query.encode(),
            "headers": [(b"host", b"localhost")],
            "client": ("127.0.0.1", 0),
            "server": ("127.0.0.1", 80),
            WARM: True,  # kept at once, though nobody has asked yet
        }
        try:
            await app(scope, receive, discard)
        except Exception:  # the server error edge re-raises after its 500, for servers to log
            log.warning("could not build %s ahead of its first visit", url)


async def keep_warm(app: FastAPI, site: Site) -> None:
    """The start pages and every comparison, then again whenever the site's state changes;
    `app.state.warming` says whether a round is running (shown by /api/health)."""
    while True:
        state = site.state()
        app.state.warming = True
        await warm(app, [*start_paths(), *comparison_paths(site)])
        app.state.warming = False
        while site.state() == state:
            await asyncio.sleep(POLL_SECONDS)


def start_paths() -> list[str]:
    """The pages without a query (home, national, themes, LA list, search form) and every
    LA's page."""
    las = (f"/la/{urn}" for urn in sorted(local_authorities()))
    return ["/", "/national", "/themes", "/la", "/search", "/about", *las]


def comparison_paths(site: Site) -> list[str]:
    """Each ordered pair of an LA's reports, as the comparison form asks for it."""
    ids: dict[int, list[int]] = {}
    for row in comparable(site.history()):
        if row.urn:
            ids.setdefault(row.urn, []).append(row.inspection_id)
    return [
        f"/la/{urn}/compare?a={a}&b={b}"
        for urn, reports in sorted(ids.items())
        for a in reports
        for b in reports
        if a != b
    ]
