"""Plain English and numbers stated (issue 14): the shares the pages state are the command
line's `stats`, the over-time chart names the day it counts on, the LA page says when the last
full inspection was and when the next is expected, what follows an inadequate grade, and that
the 2026 framework gives no overall grade; the guide explains every grade and framework.

Devon is inadequate in the web database (its 2025 ILACS inspection, labels.csv); North
Northamptonshire's only inspection is of the 2026 framework, so a small database of its folder
is built here."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from csc_inspections.answers.outlook import add_months
from csc_inspections.cli import app
from csc_inspections.ingest import ingest
from csc_inspections.settings import Settings
from csc_inspections.store.db import connect
from csc_inspections.vocabulary import current
from csc_inspections.web.app import create_app
from tests.cli.conftest import runner
from tests.conftest import CORPUS
from tests.web.conftest import DEVON, R2014, ROTHERHAM

NORTH_NORTHANTS = 2637539


def _text(html: str) -> str:
    """A page's words, tags dropped and spaces collapsed, as a reader sees them."""
    inline = re.sub(r"</?(?:abbr|a|strong|em|span)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", inline)).split())


def _cli_stats(settings: Settings, as_at: str) -> dict[str, object]:
    result = runner.invoke(app, ["--db", settings.db, "stats", "--as-at", as_at, "-f", "json"])
    assert result.exit_code == 0, result.output
    found: dict[str, object] = json.loads(result.stdout)
    return found


@pytest.mark.parametrize("as_at", ["2016-03-31", "2024-03-31", "2026-06-01"])
def test_national_shares_equal_the_cli_stats(
    client: TestClient, settings: Settings, as_at: str
) -> None:
    shares = _cli_stats(settings, as_at)["shares"]
    assert isinstance(shares, dict)
    page = _text(client.get("/national", params={"as_at": as_at}).text)
    day = date.fromisoformat(as_at)
    england = shares["england"]
    said = (
        f"{england['good_or_outstanding']} of {england['graded']} councils "
        f"({england['good_or_outstanding_pct']}%) with an overall grade were judged good or "
        f"outstanding, and {england['inadequate']} of {england['graded']} "
        f"({england['inadequate_pct']}%) inadequate, at {day.day} "
    )
    assert said in page
    for region, r in shares["regions"].items():
        row = f"{region} {r['graded']} {r['good_or_outstanding']} ({r['good_or_outstanding_pct']}%)"
        assert row in page
    api = client.get("/api/stats", params={"as_at": as_at}).json()["shares"]
    assert api == shares


def test_cli_stats_table_states_the_headline(settings: Settings) -> None:
    result = runner.invoke(app, ["--db", settings.db, "stats", "--as-at", "2024-03-31"])
    shares = _cli_stats(settings, "2024-03-31")["shares"]
    assert isinstance(shares, dict)
    e = shares["england"]
    said = f"{e['good_or_outstanding']} of {e['graded']} councils with an overall grade"
    out = " ".join(result.stdout.split())
    assert said in out and "by region, as shares" in out
    assert (
        f"England │ {e['graded']} │ {e['good_or_outstanding']} ({e['good_or_outstanding_pct']}%)"
        in out
    )


def test_home_page_states_todays_shares(client: TestClient, settings: Settings) -> None:
    page = _text(client.get("/").text)
    shares = _cli_stats(settings, date.today().isoformat())["shares"]
    assert isinstance(shares, dict)
    e = shares["england"]
    assert f"{e['good_or_outstanding']} of {e['graded']} councils" in page
    assert f"({e['good_or_outstanding_pct']}%)" in page


def test_over_time_counts_on_31_march_and_says_so(client: TestClient) -> None:
    html = client.get("/national", params={"as_at": "2020-06-30"}).text
    assert "31 March of each year" in html
    chart = html[html.index('id="year-bars-title"') :]
    assert "31 Mar 2019 (" in chart and "30 Jun 2020 (" in chart
    table = _text(html[html.index('id="years-table"') :])
    assert "31 March 2019" in table and "31 December" not in table


def test_regions_link_to_their_councils(client: TestClient) -> None:
    html = client.get("/national", params={"as_at": "2024-03-31"}).text
    link = re.search(r'href="/la\?region=([^"]+)">South West</a>', html)
    assert link
    listed = client.get(f"/la?region={link.group(1)}").text
    assert f'href="/la/{DEVON}"' in listed and f'href="/la/{ROTHERHAM}"' not in listed
    assert "Local authorities in South West" in listed


def test_la_page_says_last_and_next_inspection(client: TestClient) -> None:
    page = _text(client.get(f"/la/{ROTHERHAM}").text)
    assert "Last full inspection: ILACS inspection (short)" in page
    assert "published 16 December 2025: overall effectiveness outstanding" in page
    # outstanding: a short inspection about three years after the last day on site
    assert "Next expected: a short inspection (one week on site), around November 2028" in page
    assert "This is an estimate" in page and "Source: Ofsted, Inspecting local authority" in page
    assert "What happens next for a council judged inadequate" not in page


def test_inadequate_la_page_says_what_happens_next(client: TestClient) -> None:
    page = _text(client.get(f"/la/{DEVON}").text)
    assert "overall effectiveness inadequate" in page
    assert "What happens next for a council judged inadequate" in page
    assert "monitoring visits" in page and "re-inspects" in page
    assert "Next expected: a standard inspection (a re-inspection)" in page


def test_la_page_explains_the_grades_and_the_framework(client: TestClient) -> None:
    page = _text(client.get(f"/la/{DEVON}").text)
    assert "What this means" in page
    assert current().grade("requires improvement").description in page
    assert current().frameworks["ilacs_standard"].description in page
    assert "/guide" in client.get(f"/la/{DEVON}").text


@pytest.fixture(scope="module")
def northants(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A database of North Northamptonshire alone: its one report is of the 2026 framework."""
    path = str(Path(tmp_path_factory.mktemp("northants")) / "web.db")
    engine = connect(path)
    ingest(engine, [CORPUS / "reports" / f"{NORTH_NORTHANTS}_north northamptonshire"], 1)
    engine.dispose()
    with TestClient(create_app(Settings(db=path)), raise_server_exceptions=False) as c:
        yield c


def test_2026_report_page_says_no_overall_grade_is_given(northants: TestClient) -> None:
    html = northants.get(f"/la/{NORTH_NORTHANTS}").text
    page = _text(html)
    assert 'id="no-overall"' in html
    assert "No overall grade is given" in page and "no longer gives one" in page
    assert "no overall grade (the 2026 framework gives none)" in page
    assert "Next expected: a full inspection under the 2026 framework" in page


def test_guide_lists_every_grade_and_framework(client: TestClient) -> None:
    html = client.get("/guide").text
    page = _text(html)
    v = current()
    for g in v.grades:
        assert g.description and g.description in page, g.key
        assert g.label.capitalize() in page
    for f in v.frameworks.values():
        assert f.description and f.description in page, f.kind
        assert f'id="kind-{f.kind}"' in html
    for x in v.letter_kinds:
        assert x.description and x.description in page, x.kind
    for t in v.glossary:
        assert t.description in page and t.source in page, t.term
    for term in ("ILACS", "SIF", "LSCB", "JTAI", "focused visit", "monitoring visit"):
        assert v.term(term).description in page
    assert "requires improvement to be good" in page.lower()
    assert "Inspecting local authority children's services" in page  # a source by title


def test_add_months_keeps_the_day_or_the_months_last() -> None:
    assert add_months(date(2025, 11, 7), 36) == date(2028, 11, 7)
    assert add_months(date(2023, 1, 31), 1) == date(2023, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)


def test_acronyms_are_expanded_where_they_first_appear(
    client: TestClient, ids: dict[str, int]
) -> None:
    la = client.get(f"/la/{ROTHERHAM}").text
    assert '<abbr title="inspecting local authority children&#39;s services">ILACS</abbr>' in la
    report = client.get(f"/report/{ids[R2014]}").text
    assert 'id="kind-means"' in report
    assert '<abbr title="single inspection framework">SIF</abbr>' in report
    assert 'href="/guide#kind-sif"' in report
    about = client.get("/about").text
    assert '<abbr title="Local Safeguarding Children Board">' not in about  # not named there
    assert '<abbr title="single inspection framework">SIF</abbr>' in about


def test_la_page_explains_its_letters_and_the_lscb(client: TestClient) -> None:
    page = _text(client.get(f"/la/{ROTHERHAM}").text)
    means = page[page.index("What this means") :]
    assert current().term("LSCB").description in means  # Rotherham's 2014 SIF reviewed it
    focused = next(x for x in current().letter_kinds if x.kind == "focused_visit")
    assert focused.description in means  # its 2019 focused visit letter


def test_national_page_says_what_the_grades_mean(client: TestClient) -> None:
    page = _text(client.get("/national").text)
    assert "Requires improvement to be good" in page
    assert current().grade("inadequate").description in page
