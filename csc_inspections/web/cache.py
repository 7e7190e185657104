"""Whole responses of the site, kept while what they were built from stays the same.

Every page and API answer is a function of the stored documents, the URL and the day (the
timeline runs to today), and the site only reads: so a response can be sent again, byte for
byte, until an ingest changes the documents or the day turns. This is what keeps the pages
fast under many readers: a kept page costs a look at the database's change counter instead of
a dozen queries and a template. Only complete 200 answers to GET are kept, at most
`max_bytes` of them (the least recently used are dropped), and only answers worth keeping: to
a URL asked before (among the last `SEEN` URLs), a URL other readers waited for while it was
built, or a page built ahead (`warming`). An answer asked for once (a search nobody made
before, the national picture at a date nobody chose before: most of what a crawler or a busy
day brings) is not kept, so it neither grows the memory nor pushes out the pages people read
again (benchmarks/load.py: when every answer was kept, memory grew 15% in the second half of
a minute of them). Never kept: PDFs and static files (streamed from disk), the health check,
and the Atom feeds (the site's and each LA's), the answers that depend on a request header
(their links carry the Host asked for, which must not be served to the next reader).
`warming` builds pages through the cache before anyone asks.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

UNCACHED = ("/pdf/", "/static/", "/api/health")
UNCACHED_ENDINGS = (".atom",)  # every feed: /feed.atom and /la/{urn}/feed.atom
MAX_BYTES = 64 * 1024 * 1024
SEEN = 20_000  # URLs remembered as asked (by their hash: about 2 MiB)
WARM = "csc_inspections.warm"  # in the scope of a request `warming` makes: kept at once
Key = tuple[str, bytes]  # path, query string


@dataclass(frozen=True)
class Stored:
    state: Hashable
    start: Message
    body: bytes


class Responses:
    """The kept responses, least recently used first; `state()` fingerprints what they
    depend on (cheap: it is called once per request)."""

    def __init__(self, state: Callable[[], Hashable], max_bytes: int = MAX_BYTES) -> None:
        self.state = state
        self.max_bytes = max_bytes
        self._kept: OrderedDict[Key, Stored] = OrderedDict()
        self._bytes = 0
        self._seen: OrderedDict[int, None] = OrderedDict()

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Key, state: Hashable) -> Stored | None:
        kept = self._kept.get(key)
        if kept is None or kept.state != state:
            return None
        self._kept.move_to_end(key)
        return kept

    def asked_before(self, key: Key) -> bool:
        """Whether `key` was asked among the last SEEN URLs; this asking is remembered."""
        seen = hash(key)
        if seen in self._seen:
            self._seen.move_to_end(seen)
            return True
        self._seen[seen] = None
        if len(self._seen) > SEEN:
            self._seen.popitem(last=False)
        return False

    def put(self, key: Key, value: Stored) -> None:
        if len(value.body) > self.max_bytes // 8:
            return
        old = self._kept.pop(key, None)
        self._bytes += len(value.body) - (len(old.body) if old else 0)
        self._kept[key] = value
        while self._bytes > self.max_bytes:
            _, dropped = self._kept.popitem(last=False)
            self._bytes -= len(dropped.body)


class ResponseCache:
    """ASGI middleware answering GET from `responses` when it can, and keeping what it sends.
    Requests for a URL that is being built wait for it rather than build it again (after an
    ingest, twenty readers of a popular page cost one build, not twenty)."""

    def __init__(self, app: ASGIApp, responses: Responses) -> None:
        self.app = app
        self.responses = responses
        self._building: dict[Key, asyncio.Event] = {}
        self._waited: set[Key] = set()  # URLs other readers waited for while being built

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or path.startswith(UNCACHED)
            or path.endswith(UNCACHED_ENDINGS)
        ):
            await self.app(scope, receive, send)
            return
        key = (path, scope.get("query_string", b""))
        now = self.responses.state()
        if key in self._building:
            self._waited.add(key)
            await self._building[key].wait()
        kept = self.responses.get(key, now)
        if kept is not None:
            await send(kept.start)
            await send({"type": "http.response.body", "body": kept.body})
            return
        worth = bool(scope.get(WARM)) or self.responses.asked_before(key)
        start: Message = {}
        parts: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
            elif message["type"] == "http.response.body":
                parts.append(message.get("body", b""))
                done = not message.get("more_body", False) and start.get("status") == 200
                if done and (worth or key in self._waited):
                    self.responses.put(key, Stored(now, start, b"".join(parts)))
            await send(message)

        first = key not in self._building  # else a build that failed is running again
        if first:
            self._building[key] = asyncio.Event()
        try:
            await self.app(scope, receive, keep)
        finally:
            if first:
                self._building.pop(key).set()
                self._waited.discard(key)
