"""A local stand-in of Ofsted's report site, shaped as shared/docs/domain.md describes it.

Two servers on 127.0.0.1: the site (the providers search, paged with `start`/`rows` and a
`ul.pagination li.next a` link; provider pages listing `a.publication-link`s with a
`span.nonvisual` label and a `div.event__metadata time[pubdate]`) and the file host the links
point at (another origin, as files.ofsted.gov.uk is). Files are real corpus PDFs read from
../shared/corpus (never copied into the project); a file with no source is answered with the
real "Report not found" page from the corpus, with status 200, as the site does.

Faults are queued per request path (`fail(path, "503", ...)`), one consumed per request:
`slow` (answers after SLOW seconds), `503`, `429` (with Retry-After: 1), `trickle` (sends
part of a file, signals `trickling`, then waits for `release`). Every request is logged.
"""

from __future__ import annotations

import html
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests.conftest import CORPUS

NOT_FOUND_PAGE = (
    CORPUS / "reports" / "80543_rotherham" / "children's services inspection - 10 august 2012.pdf"
)
SLOW = 1.0  # seconds a slow answer takes (tests use a shorter client time-out)
TRICKLE_FIRST = 64 * 1024  # bytes sent before a trickled file stalls


@dataclass
class Pub:
    label: str  # the span.nonvisual text
    published: date
    source: Path | None  # the corpus file served; None: "Report not found"
    file_id: int = 0


@dataclass
class Council:
    urn: int
    name: str
    pubs: list[Pub] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    host: str  # "site" or "files"
    path: str
    user_agent: str
    at: float  # time.monotonic() when the request arrived
    status: int


class StandIn:
    """Both servers, their content and faults; a context manager that stops them."""

    def __init__(self, councils: list[Council], rows: int = 2) -> None:
        self.councils = councils
        self.rows = rows
        self.faults: dict[str, list[str]] = defaultdict(list)
        self.log: list[Hit] = []
        self.trickling = threading.Event()
        self.release = threading.Event()
        self._lock = threading.Lock()
        self._servers = [self._serve("site"), self._serve("files")]
        self.site_url = self._url(self._servers[0])
        self.files_url = self._url(self._servers[1])
        self.number_files()

    def number_files(self) -> None:
        """Give every publication a file id (call again after adding publications)."""
        pubs = [pub for council in self.councils for pub in council.pubs]
        n = max([1000, *(pub.file_id for pub in pubs)])
        for pub in pubs:
            if not pub.file_id:
                n += 1
                pub.file_id = n

    def fail(self, path: str, *actions: str) -> None:
        self.faults[path].extend(actions)

    def hits(self, host: str) -> list[Hit]:
        return [h for h in self.log if h.host == host]

    def file_path(self, pub: Pub) -> str:
        return f"/v1/file/{pub.file_id}"

    def __enter__(self) -> StandIn:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.release.set()
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def _serve(self, host: str) -> ThreadingHTTPServer:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.standin, server.host = self, host
        threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True).start()
        return server

    @staticmethod
    def _url(server: ThreadingHTTPServer) -> str:
        host, port = server.server_address[:2]
        return f"http://{host!s}:{port}"

    def next_fault(self, path: str) -> str:
        with self._lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else ""

    def record(self, hit: Hit) -> None:
        with self._lock:
            self.log.append(hit)

    # pages

    def search_page(self, query: str) -> str:
        params = parse_qs(query)
        start = int(params.get("start", ["0"])[0])
        rows = min(int(params.get("rows", ["100"])[0]), self.rows)
        shown = self.councils[start : start + rows]
        items = "".join(
            f'<li class="search-result"><h3 class="search-result__title">'
            f'<a href="/provider/16/{c.urn}">{html.escape(c.name)}</a></h3>'
            f'<address class="search-result__address">Somewhere</address></li>'
            for c in shown
        )
        more = start + rows < len(self.councils)
        nxt = (
            f'<li class="next"><a href="/search?q=&amp;level_1_types=3&amp;level_2_types%5B%5D=12'
            f'&amp;start={start + rows}&amp;rows={rows}">Next page</a></li>'
            if more
            else ""
        )
        return _page(
            "Search results",
            f'<ul class="results-list">{items}</ul>'
            f'<ul class="pagination"><li class="previous"><a href="/search">Previous</a></li>'
            f"{nxt}</ul>",
        )

    def provider_page(self, urn: int) -> str | None:
        council = next((c for c in self.councils if c.urn == urn), None)
        if council is None:
            return None
        events = "".join(
            f'<li class="timeline__day"><div class="event">'
            f'<a class="publication-link" href="{self.files_url}{self.file_path(p)}">'
            f"{html.escape(p.label.split(' - ')[0])}"
            f'<span class="nonvisual">{html.escape(p.label)}</span></a>'
            f'<div class="event__metadata"><span>Published: </span>'
            f"<time pubdate>{p.published.day} {p.published:%B %Y}</time></div></div></li>"
            for p in council.pubs
        )
        return _page(
            council.name, f'<h1>{html.escape(council.name)}</h1><ul class="timeline">{events}</ul>'
        )

    def file(self, file_id: int) -> bytes | None:
        for council in self.councils:
            for pub in council.pubs:
                if pub.file_id == file_id:
                    return (pub.source or NOT_FOUND_PAGE).read_bytes()
        return None


def _page(title: str, body: str) -> str:
    return (
        f"<!DOCTYPE html><html lang='en'><head><title>{html.escape(title)} - Ofsted</title>"
        f"</head><body><nav><a href='/'>Home</a> <a href='/search'>Find a report</a></nav>"
        f"<main>{body}</main><footer><a href='/help'>Help</a></footer></body></html>"
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    standin: StandIn
    host: str

    def handle_error(self, request: object, client_address: object) -> None:
        """A client that gave up (time-out, kill) is expected here: stay quiet."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        """Requests are logged in `StandIn.log`, not on stderr."""

    def do_GET(self) -> None:
        standin, host = self.server.standin, self.server.host
        fault = standin.next_fault(self.path)
        status, body, headers = self._answer(standin, host, fault)
        standin.record(
            Hit(host, self.path, self.headers.get("User-Agent", ""), time.monotonic(), status)
        )
        if fault == "slow":
            time.sleep(SLOW)
        try:
            self.send_response(status)
            for name, value in {**headers, "Content-Length": str(len(body))}.items():
                self.send_header(name, value)
            self.end_headers()
            for chunk in self._chunks(body, fault == "trickle"):
                self.wfile.write(chunk)
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _chunks(self, body: bytes, trickle: bool) -> Iterator[bytes]:
        if not trickle:
            yield body
            return
        yield body[:TRICKLE_FIRST]
        self.server.standin.trickling.set()
        self.server.standin.release.wait(timeout=30)
        yield body[TRICKLE_FIRST:]

    def _answer(self, standin: StandIn, host: str, fault: str) -> tuple[int, bytes, dict[str, str]]:
        if fault == "503":
            return 503, b"busy", {"Content-Type": "text/plain"}
        if fault == "429":
            return 429, b"slow down", {"Content-Type": "text/plain", "Retry-After": "1"}
        split = urlsplit(self.path)
        parts = [p for p in split.path.split("/") if p]
        found: str | bytes | None = None
        if host == "site" and parts == ["search"]:
            found = standin.search_page(split.query)
        elif host == "site" and len(parts) == 3 and parts[0] == "provider" and parts[2].isdigit():
            found = standin.provider_page(int(parts[2]))
        elif (
            host == "files"
            and len(parts) == 3
            and parts[:2] == ["v1", "file"]
            and parts[2].isdigit()
        ):
            found = standin.file(int(parts[2]))
        if found is None:
            return 404, b"<html><title>Not found</title></html>", {"Content-Type": "text/html"}
        if isinstance(found, str):
            return 200, found.encode(), {"Content-Type": "text/html; charset=utf-8"}
        kind = "application/pdf" if found.startswith(b"%PDF") else "text/html"
        return 200, found, {"Content-Type": kind}
