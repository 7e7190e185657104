"""Polite, sturdy HTTP for Ofsted's report site; the only module of the package that talks to
the network.

Ofsted serves the country from one site, so a crawler must not be a burden on it: one request
at a time, `delay` seconds between requests, a `User-Agent` that says who is asking, and a
time-out on every request so a stalled connection cannot hang a nightly job. Answers that say
"try later" (429, 5xx) and time-outs are retried with exponential back-off and jitter (so
that many clients retrying do not arrive together), and a `Retry-After` the site sends is
honoured: never retried sooner. Anything else (a 403, say) is not retried: asking again would
not help.

A file is streamed to a temporary name beside its final one and renamed only when whole, so
an interrupted run (even `kill -9`) never leaves a half-written `.pdf`. Its first bytes decide
what it is: a PDF, or the site's HTML "Report not found" page, which the site may send with
status 200; that page is never written as a file.

The `httpx2.Client` is passed in, so tests point it at a local stand-in of the site.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TypeVar

import httpx2

from .. import __version__
from ..errors import CscError

T = TypeVar("T")
USER_AGENT = f"csc-inspections/{__version__} (sync of Ofsted's children's services reports)"
HEADERS = {"User-Agent": USER_AGENT}
PART_SUFFIX = ".part"  # a download in progress: `.<file name>.part` beside the file
_SNIFF = 1024  # a PDF's `%PDF-` header lies in its first KiB (as pdf.py reads it)
_PAGE_LIMIT = 64 * 1024  # bytes of a non-PDF answer read to tell what it is


class FetchError(CscError):
    """A page or file that could not be fetched, after any retries."""

    def __init__(self, url: str, reason: str) -> None:
        self.url = url
        self.reason = reason
        super().__init__(f"{url}: {reason}")


class _TryLater(Exception):
    """An answer that asks to come back: 429 or 5xx, with the wait the server asked for."""

    def __init__(self, reason: str, after: float | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.after = after


@dataclass(frozen=True)
class Download:
    """What a file link gave: a PDF now at `path`, or why not (`missing`: the site says there is
    no such report; `not_pdf`: some other answer, worth trying again another day)."""

    state: str  # pdf | missing | not_pdf
    path: Path | None = None
    sha256: str = ""
    size: int = 0
    message: str = ""


class Polite:
    """One client for the whole walk; `sleep`, `clock` and `jitter` are injectable for tests."""

    def __init__(
        self,
        client: httpx2.Client,
        *,
        delay: float = 1.0,
        timeout: float = 60.0,
        retries: int = 4,
        backoff: float = 2.0,
        max_wait: float = 300.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.client = client
        self.delay, self.timeout, self.retries = delay, timeout, retries
        self.backoff, self.max_wait = backoff, max_wait
        self.sleep, self.clock, self.jitter = sleep, clock, jitter
        self.requests = 0  # requests sent, retries included
        self._last: float | None = None  # when the previous request ended

    def text(self, url: str) -> str:
        """A page's text; FetchError when it cannot be had."""

        def once() -> str:
            response = self.client.get(
                url, headers=HEADERS, timeout=self.timeout, follow_redirects=True
            )
            _check(response)
            return response.text

        return self._with_retries(url, once)

    def download(self, url: str, dest: Path) -> Download:
        """The file at `url` written to `dest` if it is a PDF (see the module docstring)."""
        part = dest.with_name(f".{dest.name}{PART_SUFFIX}")
        try:
            return self._with_retries(url, lambda: self._download_once(url, dest, part))
        finally:
            part.unlink(missing_ok=True)

    def _download_once(self, url: str, dest: Path, part: Path) -> Download:
        with self.client.stream(
            "GET", url, headers=HEADERS, timeout=self.timeout, follow_redirects=True
        ) as response:
            if response.status_code in (404, 410):
                return Download("missing", message=f"HTTP {response.status_code}")
            _check(response)
            chunks = response.iter_bytes()
            head = _first_bytes(chunks, _SNIFF)
            if not is_pdf(head):
                return _not_a_pdf(head + _first_bytes(chunks, _PAGE_LIMIT), response.status_code)
            dest.parent.mkdir(parents=True, exist_ok=True)
            sha, size = _write(part, head, chunks)
        os.replace(part, dest)
        return Download("pdf", dest, sha, size)

    def _with_retries(self, url: str, once: Callable[[], T]) -> T:
        reason = ""
        for attempt in range(self.retries + 1):
            self._pause()
            after: float | None = None
            try:
                return once()
            except _TryLater as exc:
                reason, after = exc.reason, exc.after
            except httpx2.TimeoutException as exc:
                reason = f"timed out ({type(exc).__name__})"
            except httpx2.TransportError as exc:
                reason = f"connection failed ({type(exc).__name__}: {exc})"
            finally:
                self.requests += 1
                self._last = self.clock()
            if attempt < self.retries:
                self.sleep(self._wait(url, attempt, reason, after))
        raise FetchError(url, f"{reason} (gave up after {self.retries + 1} tries)")

    def _pause(self) -> None:
        """Sleep what is left of `delay` since the previous request ended."""
        if self._last is not None:
            left = self.delay - (self.clock() - self._last)
            if left > 0:
                self.sleep(left)

    def _wait(self, url: str, attempt: int, reason: str, after: float | None) -> float:
        """Exponential back-off with jitter (half fixed, half random), and never less than
        the server's `Retry-After`; a server asking for more than `max_wait` is given up on."""
        if after is not None and after > self.max_wait:
            raise FetchError(url, f"{reason}; the site asks to wait {after:.0f} s")
        base = min(self.max_wait, self.backoff * 2.0**attempt)
        return max(after or 0.0, base / 2 + self.jitter() * base / 2)


def _check(response: httpx2.Response) -> None:
    """Raise for an answer that is not content: _TryLater for 429 and 5xx, FetchError else."""
    status = response.status_code
    if status == 429 or status >= 500:
        raise _TryLater(f"HTTP {status}", retry_after(response.headers.get("Retry-After")))
    if status >= 400:
        raise FetchError(str(response.url), f"HTTP {status}")


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return max(0.0, when - (time.time() if now is None else now))


def is_pdf(data: bytes) -> bool:
    """A PDF header in the first KiB, where `pdf.py` looks for it too."""
    return b"%PDF-" in data[:_SNIFF]


def _first_bytes(chunks: Iterator[bytes], limit: int) -> bytes:
    """Up to about `limit` bytes from the stream (whole chunks), fewer at its end."""
    got = bytearray()
    for chunk in chunks:
        got += chunk
        if len(got) >= limit:
            break
    return bytes(got)


def _not_a_pdf(body: bytes, status: int) -> Download:
    text = body.decode("utf-8", errors="replace").lower()
    if "report not found" in text:
        return Download("missing", message=f'the site answers "Report not found" (HTTP {status})')
    kind = "an HTML page" if "<html" in text[:_SNIFF] else "no PDF header"
    return Download("not_pdf", message=f"not a PDF ({kind}, HTTP {status})")


def _write(part: Path, head: bytes, rest: Iterator[bytes]) -> tuple[str, int]:
    """Write the stream to `part`, flushed to disk; its sha256 and size."""
    digest, size = hashlib.sha256(), 0
    with part.open("wb") as fh:
        for chunk in itertools.chain((head,), rest):
            fh.write(chunk)
            digest.update(chunk)
            size += len(chunk)
        fh.flush()
        os.fsync(fh.fileno())
    return digest.hexdigest(), size
