"""End to end in a real Chromium: the app served by uvicorn on 127.0.0.1, driven the way a
reader would use it. Screenshots go to test-artifacts/ (git-ignored) for a person to look at.

Each main page is also opened on a 390 px phone and a 1366 px screen: on the phone nothing may
be wider than the screen or hidden in a sideways-scrolling box, and on both axe-core (WCAG 2.2
AA rules) may find nothing serious or critical.

Needs Debian's /usr/bin/chromium (`apt-get install chromium`); Playwright's own browser
download is never used. axe-core comes from npm into .cache/axe (scripts/setup.sh).
"""

from __future__ import annotations

import csv
import io
import json
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
from typer.testing import CliRunner

from csc_inspections.cli import app
from csc_inspections.settings import Settings
from csc_inspections.web.app import create_app
from tests.web.conftest import R2014, R2018, ROTHERHAM

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
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
AXE = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
PHONE, SCREEN = 390, 1366

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


# Phones first and accessible: every main page at 390 px and 1366 px


def pages(ids: dict[str, int]) -> dict[str, str]:
    """Name -> path of the pages a reader starts from."""
    a, b = ids[R2014], ids[R2018]
    return {
        "la": f"/la/{ROTHERHAM}",
        "compare": f"/la/{ROTHERHAM}/compare?a={a}&b={b}",
        "national": "/national",
        "report": f"/report/{a}",
        "search": "/search?q=neglect",
        "la-list": "/la",
        "home": "/",
        "report-page": f"/report/{a}/page/3?q=neglect",
        "about": "/about",
        "guide": "/guide",
        "themes": "/themes",
        "themes-by-region": "/themes?by=region",
        "theme": "/themes/planning_review",
    }


@pytest.fixture(scope="module")
def screens(browser: Browser) -> Iterator[dict[int, Page]]:
    """One page per width, reused by every test of the module. The site's Content Security
    Policy forbids every script, so these pages bypass it to let axe-core in."""
    viewports = {w: {"width": w, "height": 900} for w in (PHONE, SCREEN)}
    contexts = {w: browser.new_context(viewport=v, bypass_csp=True) for w, v in viewports.items()}
    yield {w: c.new_page() for w, c in contexts.items()}
    for context in contexts.values():
        context.close()


# Every box that scrolls sideways (or clips) with more content than it shows, and anything
# visible reaching past the screen's right edge.
HIDDEN_SIDEWAYS = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.display === "none" || box.width === 0) continue;
    const scrolls = ["auto", "scroll", "hidden"].includes(style.overflowX);
    if (scrolls && box.width > 2 && el.scrollWidth > el.clientWidth + 1)
      out.push(`${el.tagName}.${el.className} scrolls ${el.scrollWidth} in ${el.clientWidth}`);
    else if (box.right > window.innerWidth + 1 && !el.closest(".visually-hidden, .timeline-list"))
      out.push(`${el.tagName}.${el.className} ends at ${Math.round(box.right)}`);
  }
  return out;
}"""

AXE_RUN = """async () => {
  const result = await axe.run(document, {runOnly: {type: "tag",
    values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}});
  return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target).join(" ")}`);
}"""


def open_page(screens: dict[int, Page], width: int, url: str) -> Page:
    page = screens[width]
    page.goto(url)
    return page


def axe_violations(page: Page) -> list[str]:
    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"no {AXE}: scripts/setup.sh installs axe-core")
        pytest.skip("needs axe-core in .cache/axe (scripts/setup.sh)")
    page.add_script_tag(path=str(AXE))
    found: list[str] = page.evaluate(AXE_RUN)
    return found


@pytest.mark.parametrize("name", list(pages({R2014: 0, R2018: 0})))
@pytest.mark.parametrize("width", [PHONE, SCREEN])
def test_page_fits_the_screen_and_passes_axe(
    screens: dict[int, Page], base_url: str, ids: dict[str, int], name: str, width: int
) -> None:
    page = open_page(screens, width, base_url + pages(ids)[name])
    if width == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        assert page.evaluate(HIDDEN_SIDEWAYS) == []
        # A table shown as cards names each value: every cell with content carries its label.
        unlabelled = ".table-cards td:not([data-label]):not(:empty)"
        assert page.locator(unlabelled).count() == 0
    shot(page, f"{name}-{width}")
    assert axe_violations(page) == []


def test_nothing_hidden_sideways_at_320_px(
    browser: Browser, base_url: str, ids: dict[str, int]
) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 700})
    page = context.new_page()
    for path in pages(ids).values():
        page.goto(base_url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        assert page.evaluate(HIDDEN_SIDEWAYS) == [], path
    context.close()


def test_phone_shows_the_timeline_as_a_list_newest_first(
    screens: dict[int, Page], base_url: str
) -> None:
    phone = open_page(screens, PHONE, f"{base_url}/la/{ROTHERHAM}")
    assert not phone.locator("svg.timeline").is_visible()
    items = phone.locator(".timeline-list > li")
    assert items.first.is_visible()
    first = items.first.inner_text()
    assert first.startswith("3 November 2025") and "Outstanding" in first
    texts = items.all_inner_texts()
    assert any(t.startswith("16 September 2014") and "Inadequate" in t for t in texts)
    years = [int(re.findall(r"\b(20\d\d)\b", t)[0]) for t in texts]
    assert years == sorted(years, reverse=True)
    screen = open_page(screens, SCREEN, f"{base_url}/la/{ROTHERHAM}")
    assert screen.locator("svg.timeline").is_visible()
    # Off screen on a wide screen, but still read out: the same list, the same links.
    assert screen.locator(".timeline-list > li").count() == items.count()
    assert screen.get_by_role("list", name="Timeline as a list, newest first").count() == 1
    listed = screen.locator(".timeline-list")
    assert (listed.bounding_box() or {}).get("width") == 1
    listed.locator("a").first.focus()  # the keyboard's way to the chart's links: shown on focus
    assert (listed.bounding_box() or {}).get("width", 0) > 300


def test_phone_charts_keep_every_segment_on_screen(screens: dict[int, Page], base_url: str) -> None:
    phone = open_page(screens, PHONE, f"{base_url}/national")
    assert phone.locator("svg.bars:not(.bars-narrow)").first.is_hidden()
    for css in ("g-ri", "g-inadequate"):
        rects = phone.locator(f"svg.bars-narrow rect.{css}")
        assert rects.count() > 0, css
        for n in range(rects.count()):
            box = rects.nth(n).bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    label = phone.locator("svg.bars-narrow text.label").first
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12
    assert phone.locator("svg.steps-narrow").is_visible()


def test_legend_colours_are_the_bars_colours(screens: dict[int, Page], base_url: str) -> None:
    page = open_page(screens, SCREEN, f"{base_url}/national")
    for css in ("outstanding", "good", "ri", "inadequate"):
        tag = page.locator(f".legend .tag-{css}").first
        bar = page.locator(f"svg.bars rect.g-{css}").first
        legend = tag.evaluate("e => getComputedStyle(e).backgroundColor")
        assert legend == bar.evaluate("e => getComputedStyle(e).fill"), css


def test_stated_shares_equal_the_cli_stats(
    screens: dict[int, Page], base_url: str, settings: Settings
) -> None:
    """What the national page states on a phone is what `csc-inspections stats` counts."""
    result = CliRunner().invoke(app, ["--db", settings.db, "stats", "--as-at", "2024-03-31",
                                      "-f", "json"])  # fmt: skip
    england = json.loads(result.stdout)["shares"]["england"]
    page = open_page(screens, PHONE, f"{base_url}/national?as_at=2024-03-31")
    stated = " ".join(page.inner_text("main").split())
    assert (
        f"{england['good_or_outstanding']} of {england['graded']} councils "
        f"({england['good_or_outstanding_pct']}%)" in stated
    )


@pytest.mark.parametrize(
    ("path", "columns"),
    [
        ("/la", ["urn", "la_code", "ons_code", "la_name", "region"]),
        (f"/la/{ROTHERHAM}", ["date", "kind", "what"]),
        ("/search?q=neglect", ["file", "inspection_id", "kind"]),
        ("/national", ["as_at", "area"]),
        ("/themes", ["theme", "theme_label", "group", "asked", "inspections", "share"]),
    ],
)
def test_csv_downloads_open_with_their_columns(
    browser: Browser, base_url: str, path: str, columns: list[str]
) -> None:
    """A reader clicks the CSV link beside a table and gets a file Excel reads (a BOM) whose
    header starts with the columns the command line's exports use."""
    context = browser.new_context(viewport={"width": PHONE, "height": 800}, accept_downloads=True)
    page = context.new_page()
    page.goto(base_url + path)
    with page.expect_download() as wait:
        page.locator("p.downloads a", has_text="CSV").first.click()
    body = Path(wait.value.path()).read_bytes()
    context.close()
    assert body.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(io.StringIO(body[3:].decode("utf-8"))))
    assert header[: len(columns)] == columns


def test_phone_heat_map_keeps_every_cell_on_screen(screens: dict[int, Page], base_url: str) -> None:
    """On a phone the themes page draws its own heat map, every cell and label inside the
    screen; a wide screen draws the other, and both say what they count."""
    phone = open_page(screens, PHONE, f"{base_url}/themes")
    assert phone.locator("svg.heatmap:not(.heatmap-narrow)").is_hidden()
    cells = phone.locator("svg.heatmap-narrow rect")
    assert cells.count() > 0
    for n in range(0, cells.count(), 7):
        box = cells.nth(n).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE
    label = phone.locator("svg.heatmap-narrow text.label").first
    assert label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 12
    screen = open_page(screens, SCREEN, f"{base_url}/themes")
    wide = screen.locator("svg.heatmap:not(.heatmap-narrow)")
    assert wide.is_visible() and screen.locator("svg.heatmap-narrow").is_hidden()
    box = wide.bounding_box()
    assert box is not None and box["x"] + box["width"] <= SCREEN
    assert screen.locator("#counted").inner_text().startswith("Counted: the ")


@pytest.mark.parametrize("width", [PHONE, SCREEN])
def test_la_themes_opened_fit_and_pass_axe(
    screens: dict[int, Page], base_url: str, width: int
) -> None:
    """An LA's themes with every list of reports and letters opened: on the screen, and clean."""
    page = open_page(screens, width, f"{base_url}/la/{ROTHERHAM}#themes")
    summaries = page.locator("#la-themes-table details summary")
    assert summaries.count() > 0
    for n in range(summaries.count()):
        summaries.nth(n).click()
    assert page.locator("#la-themes-table details[open] li a").count() >= summaries.count()
    if width == PHONE:
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE
        assert page.evaluate(HIDDEN_SIDEWAYS) == []
    shot(page, f"la-themes-{width}")
    assert axe_violations(page) == []
