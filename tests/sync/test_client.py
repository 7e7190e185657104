"""The polite client against the stand-in: retries, back-off, Retry-After, time-outs, the
pause between requests, the User-Agent, and what a file link's answer is."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from email.utils import formatdate
from itertools import pairwise
from pathlib import Path

import httpx2
import pytest

from csc_inspections import __version__
from csc_inspections.sync.client import FetchError, Polite, retry_after
from csc_inspections.sync.site import search_url
from tests.sync.standin import SLOW, StandIn

FIRST_PAGE = (
    "/search?q=&location=&lat=&lon=&radius=&level_1_types=3&level_2_types%5B%5D=12&start=0&rows=100"
)


@pytest.fixture
def client() -> Iterator[httpx2.Client]:
    with httpx2.Client(timeout=None) as c:  # no time-out of its own: Polite sets one
        yield c


class Sleeps(list[float]):
    """A `sleep` that records instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def polite(
    client: httpx2.Client,
    sleep: Sleeps | None = None,
    *,
    timeout: float = 5.0,
    backoff: float = 0.01,
    max_wait: float = 300.0,
) -> Polite:
    """No pause between requests, three retries, a jitter of exactly half."""
    return Polite(
        client,
        delay=0,
        timeout=timeout,
        retries=3,
        backoff=backoff,
        max_wait=max_wait,
        sleep=sleep if sleep is not None else Sleeps(),
        jitter=lambda: 0.5,
    )


def test_a_503_is_retried_with_exponential_back_off(
    standin: StandIn, client: httpx2.Client
) -> None:
    standin.fail(FIRST_PAGE, "503", "503")
    sleeps = Sleeps()
    html = polite(client, sleeps, backoff=1.0).text(search_url(standin.site_url))
    assert "Nowhere" in html
    assert [h.status for h in standin.hits("site")] == [503, 503, 200]
    assert sleeps == [0.75, 1.5]  # 1 s then 2 s, each half fixed and half jitter (0.5 here)


def test_a_429_waits_as_long_as_retry_after_says(standin: StandIn, client: httpx2.Client) -> None:
    standin.fail(FIRST_PAGE, "429")
    sleeps = Sleeps()
    polite(client, sleeps).text(search_url(standin.site_url))
    assert [h.status for h in standin.hits("site")] == [429, 200]
    assert sleeps == [1.0]  # Retry-After: 1, far more than the back-off of 0.01 s


def test_a_retry_after_beyond_the_longest_wait_is_given_up(
    standin: StandIn, client: httpx2.Client
) -> None:
    standin.fail(FIRST_PAGE, "429")
    with pytest.raises(FetchError, match="asks to wait 1 s"):
        polite(client, max_wait=0.5).text(search_url(standin.site_url))


def test_a_slow_page_times_out_and_is_asked_again(standin: StandIn, client: httpx2.Client) -> None:
    standin.fail(FIRST_PAGE, "slow")
    started = time.monotonic()
    html = polite(client, timeout=0.3).text(search_url(standin.site_url))
    assert "Nowhere" in html and len(standin.hits("site")) == 2
    assert time.monotonic() - started < SLOW  # it did not wait for the slow answer


def test_it_gives_up_after_its_retries_naming_the_url(
    standin: StandIn, client: httpx2.Client
) -> None:
    standin.fail(FIRST_PAGE, "503", "503", "503", "503")
    http = polite(client)
    url = search_url(standin.site_url)
    with pytest.raises(FetchError) as caught:
        http.text(url)
    assert caught.value.url == url and "HTTP 503 (gave up after 4 tries)" in str(caught.value)
    assert http.requests == 4


def test_a_refusal_is_not_retried(standin: StandIn, client: httpx2.Client) -> None:
    http = polite(client)
    with pytest.raises(FetchError, match="HTTP 404"):
        http.text(f"{standin.site_url}/nothing-here")
    assert http.requests == 1


def test_requests_are_spaced_and_name_the_tool(standin: StandIn, client: httpx2.Client) -> None:
    http = Polite(client, delay=0.15, timeout=5)
    for _ in range(3):
        http.text(search_url(standin.site_url))
    hits = standin.hits("site")
    assert all(b.at - a.at >= 0.15 for a, b in pairwise(hits))
    assert {h.user_agent for h in hits} == {
        f"csc-inspections/{__version__} (sync of Ofsted's children's services reports)"
    }


def test_a_pdf_is_written_whole_under_its_name(
    standin: StandIn, client: httpx2.Client, tmp_path: Path
) -> None:
    pub = standin.councils[1].pubs[1]
    assert pub.source is not None
    dest = tmp_path / "80543_rotherham" / "report.pdf"
    got = polite(client).download(standin.files_url + standin.file_path(pub), dest)
    assert got.state == "pdf" and got.path == dest
    assert got.sha256 == hashlib.sha256(pub.source.read_bytes()).hexdigest()
    assert dest.read_bytes() == pub.source.read_bytes()
    assert [p.name for p in dest.parent.iterdir()] == ["report.pdf"]  # no temporary file left


def test_report_not_found_with_status_200_is_missing_and_never_saved(
    standin: StandIn, client: httpx2.Client, tmp_path: Path
) -> None:
    pub = standin.councils[1].pubs[0]  # served as the site's HTML "Report not found" page
    dest = tmp_path / "80543_rotherham" / "report.pdf"
    got = polite(client).download(standin.files_url + standin.file_path(pub), dest)
    assert (got.state, got.message) == ("missing", 'the site answers "Report not found" (HTTP 200)')
    assert [h.status for h in standin.hits("files")] == [200]
    assert not dest.exists() and not list(tmp_path.rglob("*.part"))


def test_a_file_that_is_gone_is_missing(
    standin: StandIn, client: httpx2.Client, tmp_path: Path
) -> None:
    got = polite(client).download(f"{standin.files_url}/v1/file/1", tmp_path / "x.pdf")
    assert (got.state, got.message) == ("missing", "HTTP 404")


def test_a_file_retried_after_a_503_and_a_time_out(
    standin: StandIn, client: httpx2.Client, tmp_path: Path
) -> None:
    pub = standin.councils[3].pubs[0]
    standin.fail(standin.file_path(pub), "503", "slow")
    got = polite(client, timeout=0.3).download(
        standin.files_url + standin.file_path(pub), tmp_path / "x.pdf"
    )
    assert got.state == "pdf" and [h.status for h in standin.hits("files")] == [503, 200, 200]


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after("120") == 120.0
    assert retry_after(formatdate(1_000_030, usegmt=True), now=1_000_000) == 30.0
    assert retry_after("soon") is None and retry_after(None) is None
