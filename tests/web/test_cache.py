"""The response cache: a page is sent again only while the documents and the day are the same.

The first test runs the real site over a database that an ingest changes while it is served;
the others drive the middleware with a small ASGI app that counts how often it is called.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from starlette.types import Message, Receive, Scope, Send

from csc_inspections.ingest import ingest
from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.web.app import create_app
from csc_inspections.web.cache import ResponseCache, Responses
from csc_inspections.web.warming import comparison_paths, start_paths
from tests.conftest import CORPUS
from tests.databases import new_database
from tests.web.conftest import R2014, R2018, ROTHERHAM


def test_a_page_shows_what_an_ingest_adds_while_the_site_is_up(
    tmp_path: Path, backend: str
) -> None:
    db = new_database(backend, tmp_path, "growing")
    writer = connect(db)
    ingest(writer, [CORPUS / "reports" / R2014], 1)
    with TestClient(create_app(Settings(db=str(db)))) as client:
        before = client.get(f"/la/{ROTHERHAM}")
        assert before.text == client.get(f"/la/{ROTHERHAM}").text
        assert "19 November 2014" in before.text and "29 January 2018" not in before.text
        ingest(writer, [CORPUS / "reports" / R2018], 1)
        after = client.get(f"/la/{ROTHERHAM}")
        assert "29 January 2018" in after.text
        assert after.headers["content-security-policy"] == before.headers["content-security-policy"]
    writer.dispose()


def test_warm_builds_every_la_page_at_start_and_comparisons_after(settings: Settings) -> None:
    warmed = create_app(replace(settings, warm=True))
    with TestClient(warmed) as client:
        responses: Responses = warmed.state.responses
        state = responses.state()
        assert all(responses.get((path, b""), state) for path in start_paths())
        page = client.get(f"/la/{ROTHERHAM}")
        kept = responses.get((f"/la/{ROTHERHAM}", b""), state)
        assert kept is not None and kept.body == page.content and "Rotherham" in page.text
        deadline = time.monotonic() + 60
        while client.get("/api/health").json()["warming"] and time.monotonic() < deadline:
            time.sleep(0.1)
        pairs = comparison_paths(warmed.state.site)
        assert len(pairs) >= 3 * 2  # Rotherham alone has four reports: twelve ordered pairs
        for path in pairs:
            url, query = path.split("?")
            assert responses.get((url, query.encode()), state), path
    with TestClient(create_app(settings)) as cold:
        cold.get("/api/health")
        assert len(cold.app.state.responses) == 0  # type: ignore[attr-defined]


def test_the_feed_names_the_host_each_reader_asked_for(client: TestClient) -> None:
    first = client.get("/feed.atom", headers={"host": "evil.example"})
    second = client.get("/feed.atom", headers={"host": "inspections.example.org"})
    assert "http://evil.example/feed.atom" in first.text
    assert "evil.example" not in second.text
    assert "http://inspections.example.org/feed.atom" in second.text


class Counted:
    """An ASGI app answering `status` with the path and how often it has been called."""

    def __init__(self, status: int = 200) -> None:
        self.calls = 0
        self.status = status

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        self.calls += 1
        body = f"{scope['path']} {self.calls}".encode()
        headers = [(b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:3], "more_body": True})
        await send({"type": "http.response.body", "body": body[3:]})


def test_answers_are_kept_per_url_until_the_state_changes() -> None:
    inner, state = Counted(), ["v1"]
    client = TestClient(ResponseCache(inner, Responses(lambda: state[0])))
    assert client.get("/la/1").text == "/la/1 1"  # asked once: not kept
    assert client.get("/la/1").text == "/la/1 2"  # asked again: kept
    assert client.get("/la/1").text == "/la/1 2"  # sent again, whole, without the app
    assert client.get("/la/1?x=2").text == "/la/1 3"  # another query is another answer
    assert inner.calls == 3
    state[0] = "v2"
    assert client.get("/la/1").text == "/la/1 4"  # asked before: kept at once
    assert client.get("/la/1").text == "/la/1 4"
    assert client.head("/la/1").status_code == 200 and inner.calls == 5  # only GET is kept


def test_an_answer_asked_for_once_is_not_kept() -> None:
    """A search nobody made before, a date nobody chose: kept, they would only fill memory."""
    responses = Responses(lambda: 1)
    client = TestClient(ResponseCache(Counted(), responses))
    for n in range(50):
        client.get(f"/search?q=word{n}")
    assert len(responses) == 0


def test_errors_and_files_are_never_kept() -> None:
    failing = Counted(status=404)
    client = TestClient(ResponseCache(failing, Responses(lambda: 1)))
    client.get("/report/999")
    client.get("/report/999")
    assert failing.calls == 2
    files = Counted()
    client = TestClient(ResponseCache(files, Responses(lambda: 1)))
    for _ in range(2):
        client.get("/pdf/1")
        client.get("/static/style.css")
    assert files.calls == 4


def test_the_least_recently_used_answers_go_first_when_full() -> None:
    inner = Counted()
    client = TestClient(ResponseCache(inner, Responses(lambda: 1, max_bytes=8 * 16)))
    for n in range(20):  # each body is about ten bytes: more than the cache holds
        client.get(f"/p/{n:02d}")
        client.get(f"/p/{n:02d}")  # asked twice: worth keeping
    calls = inner.calls
    client.get("/p/19")
    assert inner.calls == calls  # the newest is still there
    client.get("/p/00")
    assert inner.calls == calls + 1  # the oldest was dropped


def test_readers_of_a_page_being_built_wait_for_it_instead_of_building_it_again() -> None:
    class Slow(Counted):
        async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
            await asyncio.sleep(0.05)
            await super().__call__(scope, receive, send)

    inner = Slow()
    cache = ResponseCache(inner, Responses(lambda: 1))

    async def get(path: str) -> bytes:
        scope = {"type": "http", "method": "GET", "path": path, "query_string": b""}
        body = b""

        async def send(message: Message) -> None:
            nonlocal body
            body += message.get("body", b"")

        await cache(scope, receive, send)
        return body

    async def receive() -> Message:
        return {"type": "http.request", "body": b""}

    async def readers() -> list[bytes]:
        return await asyncio.gather(*(get("/la/1") for _ in range(5)), get("/la/2"))

    bodies = asyncio.run(readers())
    assert bodies == [b"/la/1 1"] * 5 + [b"/la/2 2"] and inner.calls == 2
