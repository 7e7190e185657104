"""Every terminal view drawn by a real Rich console 80 and 200 columns wide, on records read
from a database of real corpus files: no line wider than the console, no word of a cell
broken across lines, and words where the data holds keys.

The files: Rotherham (SIF, SIF re-inspection, ILACS short, focused visits, cited earlier
inspections), Norfolk (a 2013 looked after children inspection, ILACS standard, a joint
targeted area inspection with a long topic) and Bath and North East Somerset (the longest LA
name among them). The views do not depend on the database engine, so SQLite alone is used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

import pytest
from rich.console import Console, RenderableType
from sqlalchemy import Engine

from csc_inspections.answers import Store, histories, national
from csc_inspections.answers import search as searching
from csc_inspections.answers.neighbours import neighbours
from csc_inspections.cli import app, views
from csc_inspections.records import PublicationRecord
from csc_inspections.reference import lookup
from csc_inspections.store import read
from csc_inspections.store.db import connect
from csc_inspections.vocabulary import current
from tests.cli.conftest import runner
from tests.conftest import CORPUS

WIDTHS = (80, 200)
FOLDERS = [
    CORPUS / "reports" / "80543_rotherham",
    CORPUS / "letters" / "80543_rotherham",
    CORPUS / "reports" / "80418_norfolk",
    CORPUS / "letters" / "80418_norfolk",
    CORPUS / "reports" / "80427_bath and north east somerset",
]
ROTHERHAM, NORFOLK, BATH = 80543, 80418, 80427
WORD = re.compile(r"[\w'’./-]+")  # a word as a reader sees it: "re-inspection", "2014-11-19"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    path = tmp_path_factory.mktemp("views") / "views.db"
    result = runner.invoke(app, ["--db", str(path), "ingest", *map(str, FOLDERS)])
    assert result.exit_code == 1, result.output  # Rotherham's 2012 "report" is an HTML page
    opened = connect(str(path))
    yield opened
    opened.dispose()


def draw(view: RenderableType, width: int) -> str:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(view)
    return console.export_text()


def words(text: str) -> set[str]:
    return set(WORD.findall(text))


def keys() -> set[str]:
    """Every vocabulary key written with an underscore: none may reach the terminal."""
    vocabulary = current()
    found = {*vocabulary.kind_labels, *vocabulary.area_keys, *vocabulary.grade_keys}
    return {k for k in found if "_" in k}


def check(view: RenderableType, width: int, cells: Iterable[str | None]) -> str:
    """Draw the view; assert it fits, that every word of every cell given is whole in it, and
    that no key is shown. Returns the text drawn."""
    text = draw(view, width)
    too_wide = [line for line in text.splitlines() if len(line) > width]
    assert not too_wide, too_wide
    missing = {w for cell in cells if cell for w in WORD.findall(cell)} - words(text)
    assert not missing, f"words broken or missing at width {width}: {sorted(missing)}"
    shown_keys = keys() & words(text)
    assert not shown_keys, f"keys shown at width {width}: {shown_keys}"
    return text


def said(text: str, phrase: str) -> bool:
    """The phrase's words all whole in the text (a cell may wrap a phrase over lines)."""
    return set(WORD.findall(phrase)) <= words(text)


def grade_words(grades: Iterable[str | None]) -> list[str]:
    return [views.grade_label(g) for g in grades]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("urn", [ROTHERHAM, NORFOLK, BATH])
def test_reports_and_letters_of_an_la(engine: Engine, urn: int, width: int) -> None:
    reports, letters = read.history(engine, urn), read.letters(engine, urn)
    assert reports
    cells = [
        *(views.kind_label(r.kind) for r in reports),
        *(str(r.publication_date) for r in reports),
        *grade_words(g for r in reports for g in r.grades.values()),
    ]
    text = check(views.reports_table(reports), width, cells)
    if width == 80:  # the narrow layout: grades stacked, no days on site nor inspector
        assert "Grades" in text and "Lead inspector" not in text
        assert "Overall: " in text
    else:
        assert said(text, "Lead inspector") and said(text, "Help & protection")
        assert all(r.lead_inspector in text for r in reports if r.lead_inspector)
    if letters:
        text = check(
            views.letters_table(letters),
            width,
            [*(views.kind_label(r.kind) for r in letters), *(r.topic for r in letters)],
        )
        assert said(text, "Focused visit") or not any(r.kind == "focused_visit" for r in letters)


def test_labels_not_keys(engine: Engine) -> None:
    text = draw(views.reports_table(read.history(engine, ROTHERHAM)), 80)
    assert "SIF re-inspection" in text and "sif_reinspection" not in text
    assert "ILACS inspection (short)" in text and "ilacs_short" not in text
    assert "Overall: inadequate" in text and said(text, "requires improvement to be good")
    assert "help_protection" not in text
    summary = draw(views.summary(read.summary(engine)), 80)
    assert "Looked after children inspection" in summary and "other_lac_2013" not in summary
    letters = draw(views.letters_table(read.letters(engine, ROTHERHAM)), 200)
    assert "Focused visit" in letters and "focused_visit" not in letters


@pytest.mark.parametrize("width", WIDTHS)
def test_cited_and_predecessor_tables(engine: Engine, width: int) -> None:
    cited = read.cited(engine, ROTHERHAM)
    text = check(
        views.cited_table(cited),
        width,
        [*(c.cited_by for c in cited), *grade_words(c.grade for c in cited)],
    )
    assert said(text, "children's services: Help and protection")
    assert "help_protection" not in text
    before = views.Predecessor(
        NORFOLK, "Norfolk", read.history(engine, NORFOLK), read.letters(engine, NORFOLK)
    )
    check(views.predecessor_tables(before), width, ["predecessor: Norfolk (URN 80418)"])


@pytest.mark.parametrize("width", WIDTHS)
def test_timeline(engine: Engine, width: int) -> None:
    events = histories.events(Store(engine), lookup("Rotherham"))
    # a SIF judgement as a re-inspection cites it when the SIF report itself is not stored
    cited = next(e for e in events if e.kind == "cited")
    sif = replace(
        cited, what="children's services: help_protection", grades={"help_protection": "good"}
    )
    rows = [views.event_row(e) for e in (sif, *events)]
    cells = [
        *(r["file"] for r in rows),
        *(r["date"] for r in rows),
        *grade_words(r[a] for r in rows for a in views.AREA_COLUMNS),
    ]
    text = check(views.timeline_table(rows), width, cells)
    assert said(text, "children's services: Help and protection")  # a cited SIF judgement
    assert "help_protection" not in text and "focused_visit" not in text
    assert said(text, "SIF re-inspection") and said(text, "Focused visit")
    assert ("Source" in text) == (width == 200)


@pytest.mark.parametrize("width", WIDTHS)
def test_search_hits(engine: Engine, width: int) -> None:
    found = searching.results(Store(engine), '"management oversight"', size=5)
    assert found.hits
    cells = [
        *(h.la_name for h in found.hits),
        *(views.kind_label(h.kind) for h in found.hits),
        *(h.heading for h in found.hits),
    ]
    text = check(views.hits_table(found.hits), width, cells)
    if width == 80:  # no table: a line saying where, then the snippet at full width
        assert "Snippet" not in text and f"p. {found.hits[0].page}" in text
    else:
        assert "Snippet" in text


@pytest.mark.parametrize("width", WIDTHS)
def test_report_and_letter_detail(engine: Engine, width: int) -> None:
    for ref in ("inspection - 19 january 2018", "focused visit - 12 july 2024"):
        found = read.find_inspection(engine, ref)
        assert found is not None
        d = read.inspection_detail(engine, found)
        assert d is not None
        cells = [
            d.record.file,
            *(views.area_label(j.area) for j in d.judgements),
            *grade_words(j.grade for j in d.judgements),
            *(views.section_label(s.kind) for s in d.sections),
        ]
        text = check(views.detail(d), width, cells)
        assert "publication_date" not in text and "published: " in text
        assert "_" not in "".join(views.section_label(s.kind) for s in d.sections)


def test_section_labels() -> None:
    assert views.section_label("judgement_help_protection") == "Judgement: Help and protection"
    assert views.section_label("lscb_summary") == "LSCB summary"
    assert views.section_label("main_findings") == "Main findings"


@pytest.mark.parametrize("width", WIDTHS)
def test_national_views(engine: Engine, width: int) -> None:
    store = Store(engine)
    stats = national.picture(store, date(2026, 12, 1))
    text = check(views.stats(stats), width, [*stats["regions"], "Help & protection"])
    marks = {"O", "G", "RI", "I"}
    assert "Inadequate" in text and not marks <= words(text)  # 80 columns hold the labels
    narrow = check(views.stats(stats), 50, ["Help & protection"])
    assert marks <= words(narrow) and "Inadequate" not in narrow
    moved = national.movement(store, None, None, "help_protection")
    changes = [
        *(c.la_name for c in moved.changes),
        *grade_words(g for c in moved.changes for g in (c.from_grade, c.to_grade)),
    ]
    text = check(views.changes_table(moved.changes), width, changes)
    assert said(text, "Help and protection") and "help_protection" not in text
    assert ("Report" in text) == (width == 200)
    check(views.matrix_table(moved.transitions, "help_protection"), width, ["Help and protection"])
    check(views.improvement(national.improvement(store)), width, ["Kaplan-Meier"])


@pytest.mark.parametrize("width", WIDTHS)
def test_neighbours_and_summary(engine: Engine, width: int) -> None:
    view = neighbours(Store(engine), ROTHERHAM)
    names = [n.la_name for n in (view.la, *view.neighbours)]
    text = check(views.neighbours(view), width, [*names, *grade_words(view.la.grades.values())])
    assert ("Grades" in text) == (width == 80)
    summary = read.summary(engine)
    check(views.summary(summary), width, [views.kind_label(k) for k in summary["kinds"]])


def test_unavailable() -> None:
    url = "https://files.ofsted.gov.uk/v1/file/2115468"
    gone = PublicationRecord(
        url, ROTHERHAM, "Rotherham", "report", "Children's services inspection", None, "failed",
        None, "Report not found", None,
    )  # fmt: skip
    text = check(views.unavailable_table([gone]), 80, [url, gone.title])
    assert "Link" in text  # even 80 columns hold the link beside the title
    narrow = check(views.unavailable_table([gone]), 60, [url, gone.title])
    assert "Link" not in narrow  # the link on its own line, under the title
