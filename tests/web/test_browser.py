"""End to end in a real Chromium: the app served by uvicorn on 127.0.0.1, driven the way a
reader would use it. Screenshots go to test-artifacts/ (git-ignored) for a person to look at.

Needs Debian's /usr/bin/chromium (`apt-get install chromium`); Playwright's own browser
download is never used.
"""

from __future__ import annotations

import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, Page, sync_playwright

from csc_inspections.settings import Settings
from csc_inspections.web.app import create_app
from tests.web.conftest import R2014, ROTHERHAM

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# CI installs Chromium (scripts/setup.sh), so there a missing browser fails instead of skipping.
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("CI"),
    reason="needs /usr/bin/chromium (apt-get install chromium)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def base_url(settings: Settings) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    yield context.new_page()
    context.close()


def shot(page: Page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_find_rotherham_and_read_its_timeline(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    shot(page, "home")
    page.get_by_label("Find a local authority").fill("Rotherham")
    page.get_by_role("button", name="Go").click()
    page.wait_for_url(f"{base_url}/la/{ROTHERHAM}")
    assert page.get_by_role("heading", level=1).inner_text() == "Rotherham"
    titles = page.locator("svg.timeline title").all_text_contents()
    assert any(
        t.startswith("Overall effectiveness: inadequate. SIF inspection, 16 Sep") for t in titles
    )
    later = [t for t in titles if t.startswith("Overall effectiveness: ") and "2014" not in t]
    assert [t.split(".")[0] for t in later] == [
        "Overall effectiveness: good",  # re-inspection, November 2017
        "Overall effectiveness: good",  # June 2022
        "Overall effectiveness: outstanding",  # November 2025
    ]
    assert page.locator("svg.timeline path.letter").count() == 3
    shot(page, "la-rotherham")


def test_compare_2014_with_the_2017_reinspection(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/la/{ROTHERHAM}")
    page.get_by_role("link", name="Compare two inspections").click()
    page.get_by_label("Earlier inspection (A)").select_option(
        label="SIF inspection, published 19 November 2014"
    )
    page.get_by_label("Later inspection (B)").select_option(
        label="SIF re-inspection, published 29 January 2018"
    )
    page.get_by_role("button", name="Compare").click()
    area = page.locator("th", has_text=re.compile(r"^Help and protection"))
    row = page.locator("#compare-table tbody tr", has=area)
    assert re.sub(r"\s+", " ", row.inner_text()).count("Improved") == 1
    assert row.locator(".tag-inadequate").count() == 1 and row.locator(".tag-good").count() == 1
    link = page.locator("#permalink").get_attribute("href") or ""
    assert re.fullmatch(rf"/la/{ROTHERHAM}/compare\?a=\d+&b=\d+", link)
    csv = page.request.get(base_url + link.replace("/compare?", "/compare.csv?"))
    assert csv.ok and "help_protection" in csv.text()
    shot(page, "compare-rotherham-2014-2017")


def test_search_and_open_a_hit_at_its_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "/")
    page.get_by_label("Search what inspectors wrote").fill('"management oversight"')
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_label("Local authority").select_option(label="Rotherham")
    page.get_by_label("Kind of report or letter").select_option(label="SIF inspection")
    page.get_by_role("button", name="Search", exact=True).click()
    shot(page, "search-management-oversight")
    first = page.locator(".result h3 a").first
    first.click()
    match = re.search(r"/report/(\d+)/page/(\d+)", page.url)
    assert match
    # Pages of the 2014 report whose text holds "management oversight" (grep of the PDF text).
    assert int(match[2]) in {3, 4, 14, 15, 21, 22, 29, 32}
    marks = page.locator("#page-text mark").all_inner_texts()
    assert "management" in [m.lower() for m in marks] and "oversight" in [m.lower() for m in marks]
    pdf = page.get_by_role("link", name=re.compile(r"Open the original PDF at page"))
    href = pdf.get_attribute("href") or ""
    assert href.endswith(f"#page={match[2]}")
    response = page.request.get(base_url + href.split("#")[0])
    assert response.headers["content-type"] == "application/pdf"
    shot(page, "search-hit-page")


def test_keyboard_and_phone(
    browser: Browser, base_url: str, page: Page, ids: dict[str, int]
) -> None:
    page.goto(f"{base_url}/la/{ROTHERHAM}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    phone = browser.new_context(viewport={"width": 390, "height": 844})
    small = phone.new_page()
    for path in ("/", f"/la/{ROTHERHAM}", "/national", "/search?q=neglect"):
        small.goto(base_url + path)
        assert small.evaluate("document.documentElement.scrollWidth") <= 390, path
    small.goto(f"{base_url}/la/{ROTHERHAM}")
    shot(small, "la-rotherham-phone")
    small.goto(f"{base_url}/national")
    shot(small, "national-phone")
    phone.close()
    page.goto(f"{base_url}/national")
    shot(page, "national")
    page.goto(f"{base_url}/report/{ids[R2014]}")
    shot(page, "report")
