"""HEAD wherever GET, and revalidation: ETag and Last-Modified on every page, 304 when unchanged.

FastAPI registers a route for the methods it is declared with, so a GET route answers HEAD
with 405. Rather than declare HEAD route by route, this middleware (the outermost) sends a
HEAD through the app as a GET and keeps only the head of the answer: the status and every
header (Content-Length, ETag) are GET's, and a HEAD is answered from the response cache too.

A 200 answer that has no ETag of its own gets one made from its body (so it changes exactly
when the bytes do), and a Last-Modified from `last_modified()`: the later of the last ingest
and the start of today, since every page is a function of the stored documents, the URL and
the day (see `cache`), so nothing a page shows changed after that instant. `Cache-Control:
no-cache` asks a browser to revalidate each time rather than guess a freshness from the date.
A request whose `If-None-Match` names the ETag (or, without one, whose `If-Modified-Since` is
not before Last-Modified) is answered 304 with no body. Files (PDFs, static files) carry
their own ETag from Starlette and are streamed through, answered 304 the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

KEPT_IN_304 = ("etag", "last-modified", "cache-control", "vary", "content-location", "date")


class Revalidation:
    """ASGI middleware: HEAD as GET without the body; ETag, Last-Modified and 304s."""

    def __init__(self, app: ASGIApp, last_modified: Callable[[], datetime]) -> None:
        self.app = app
        self.last_modified = last_modified

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        answer = _Answer(scope, send, self.last_modified)
        await self.app({**scope, "method": "GET"}, receive, answer.send)


class _Answer:
    """One response on its way out: passed through, or held whole to be given an ETag."""

    def __init__(self, scope: Scope, send: Send, last_modified: Callable[[], datetime]) -> None:
        self.request = Headers(scope=scope)
        self.head_only = scope["method"] == "HEAD"
        self.out = send
        self.last_modified = last_modified
        self.start: Message = {}
        self.parts: list[bytes] = []
        self.held = False  # the body is being gathered to hash it
        self.bodiless = self.head_only  # nothing but the head is sent (HEAD, 304)

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            await self._start(message)
        elif message["type"] == "http.response.body":
            await self._body(message)
        else:
            await self.out(message)

    async def _start(self, message: Message) -> None:
        headers = MutableHeaders(scope=message)
        if message["status"] != 200:
            await self.out(message)
        elif "etag" in headers:  # a file: Starlette made its ETag; stream it as it comes
            await self._send_start(message)
        else:
            self.start, self.held = message, True

    async def _body(self, message: Message) -> None:
        if not self.held:
            if not self.bodiless:
                await self.out(message)
            elif not message.get("more_body", False):
                await self.out({"type": "http.response.body", "body": b""})
            return
        self.parts.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(self.parts)
        headers = MutableHeaders(scope=self.start)
        headers["ETag"] = '"' + hashlib.blake2b(body, digest_size=16).hexdigest() + '"'
        headers["Last-Modified"] = format_datetime(self.last_modified(), usegmt=True)
        headers.setdefault("Cache-Control", "no-cache")
        await self._send_start(self.start)
        await self.out({"type": "http.response.body", "body": b"" if self.bodiless else body})

    async def _send_start(self, message: Message) -> None:
        headers = MutableHeaders(scope=message)
        if _unchanged(self.request, headers):
            self.bodiless = True
            kept = [(k, v) for k, v in message["headers"] if k.decode().lower() in KEPT_IN_304]
            message = {"type": "http.response.start", "status": 304, "headers": kept}
        await self.out(message)


def _unchanged(request: Headers, response: MutableHeaders) -> bool:
    """RFC 9110 section 13.2.2: If-None-Match decides when sent; else If-Modified-Since."""
    if "if-none-match" in request:
        etag = response.get("etag", "").removeprefix("W/")
        asked = [t.strip().removeprefix("W/") for t in request["if-none-match"].split(",")]
        return bool(etag) and (etag in asked or "*" in asked)
    since, modified = request.get("if-modified-since"), response.get("last-modified")
    if not since or not modified:
        return False
    try:
        return parsedate_to_datetime(modified) <= parsedate_to_datetime(since)
    except (TypeError, ValueError):
        return False  # a date that cannot be read is ignored, as the RFC says
