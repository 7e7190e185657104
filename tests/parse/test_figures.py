"""Context figures: the hand-checked fixture (every row found, nothing found it does not list),
traps read by hand, the date and number readers, and invariants over every SIF report.

Values and pages were read from the reports' text and checked on the rendered pages
(tests/fixtures/README.md); they were never copied from the extractor's output.
"""

from __future__ import annotations

import csv
from datetime import date
from functools import cache
from pathlib import Path

import pytest

from csc_inspections.model import Content, Figure, Page, Report
from csc_inspections.parse import parse
from csc_inspections.parse.figures import read_figures, rules
from csc_inspections.parse.numbers import as_at_date, number, since_value
from tests.conftest import corpus_document, labels

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "context_figures.csv"
SIF_FILES = sorted(f for f, r in labels().items() if r["framework"].startswith("sif"))


@cache
def fixture_rows() -> tuple[dict[str, str], ...]:
    """tests/fixtures/context_figures.csv (its README says how it was read)."""
    with FIXTURE.open(newline="", encoding="utf-8") as fh:
        return tuple(csv.DictReader(fh))


def rows_for(label: str, kind: str) -> list[dict[str, str]]:
    return [r for r in fixture_rows() if r["file"] == label and r["kind"] == kind]


def fixture_files(kind: str) -> list[str]:
    return sorted({r["file"] for r in fixture_rows() if r["kind"] == kind})


@cache
def parsed(label: str) -> Report:
    """A corpus report read and parsed once per session, through the real code path."""
    report = parse(corpus_document("reports", label).pages, label)
    assert isinstance(report, Report)
    return report


def content(label: str) -> Content:
    return parsed(label).content


def short(label: str) -> str:
    """A readable test id: the LA folder and the date."""
    return label.split("/")[0][:30] + label[-18:-4]


FIGURE_FILES = fixture_files("figure")
ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
NORTH_SOMERSET_2017 = "80528_north somerset/children's services inspection - 25 august 2017.pdf"
HULL_2015 = (
    "80477_kingston upon hull/single inspection of la children's services as pdf"
    " - 10 february 2015.pdf"
)
UNITS = {"count", "percent", "per_10000", "date", "text"}


def matches(figure: Figure, row: dict[str, str]) -> bool:
    """The figure is the fixture row: name, unit, value, as-at date and page."""
    if (figure.name, figure.unit, figure.source.page) != (
        row["name"],
        row["unit"],
        int(row["page"]),
    ):
        return False
    if printed_as_at(figure) != row["as_at"]:
        return False
    if isinstance(figure.value, float):
        return figure.value == float(row["value"])
    return figure.value == row["value"]


def printed_as_at(figure: Figure) -> str:
    """The as-at date at the precision printed: "2014-03-31", or "2014-12" for a month."""
    if figure.as_at is None:
        return ""
    return figure.as_at.isoformat()[: 7 if figure.as_at_precision == "month" else 10]


def test_the_fixture_is_broad() -> None:
    years = {labels()[f]["publication_date"][:4] for f in FIGURE_FILES}
    assert len(FIGURE_FILES) >= 22
    assert {"2014", "2015", "2016", "2017", "2018"} <= years


@pytest.mark.parametrize("label", FIGURE_FILES, ids=short)
def test_every_fixture_figure_is_found(label: str) -> None:
    figures = content(label).figures
    missing = [
        (r["page"], r["name"], r["value"], r["unit"], r["as_at"])
        for r in rows_for(label, "figure")
        if r["value"] and not any(matches(f, r) for f in figures)
    ]
    assert missing == []


@pytest.mark.parametrize("label", FIGURE_FILES, ids=short)
def test_nothing_the_fixture_does_not_list(label: str) -> None:
    rows = rows_for(label, "figure")
    unlisted = [
        (f.name, f.value, f.unit, f.as_at, f.source.page)
        for f in content(label).figures
        if not any(matches(f, r) for r in rows if r["value"])
    ]
    assert unlisted == []
    absent = {r["name"] for r in rows if not r["value"]}  # "nothing to read" rows
    assert [f.name for f in content(label).figures if f.name in absent] == []


def test_rotherham_2014_figures_keep_their_dates() -> None:
    figures = content(ROTHERHAM_2014).figures
    plans = {(f.value, f.as_at) for f in figures if f.name == "child_protection_plans"}
    assert plans == {(393.0, date(2014, 9, 30)), (332.0, date(2014, 3, 31))}
    out = [f for f in figures if f.name == "placed_out_of_area"]
    assert {(f.value, f.unit) for f in out} == {(193.0, "count"), (48.0, "percent")}
    assert out[0].source.page == 10 and "193 (or 48%)" in out[0].source.text


def test_footnote_mark_glued_to_a_number() -> None:
    # Page 5 prints "42,616³ children" and "12%⁴ of the local authority's children".
    by_name = {f.name: f.value for f in content(NORTH_SOMERSET_2017).figures}
    assert by_name["children_under_18"] == 42616.0
    assert by_name["children_in_poverty"] == 12.0


def test_thousands_separated_by_a_space() -> None:
    # Page 10: "Approximately 62 100 children and young people under the age of 18".
    by_name = {f.name: f.value for f in content(HULL_2015).figures}
    assert by_name["children_under_18"] == 62100.0


def test_as_at_dates() -> None:
    assert as_at_date("31st March 2014") == date(2014, 3, 31)
    assert as_at_date("March 31 2017") == date(2017, 3, 31)
    assert as_at_date("30 June 15") == date(2015, 6, 30)
    assert as_at_date("the end of February 2016") == date(2016, 2, 29)
    assert as_at_date("March 2013") is None
    assert as_at_date("31 February 2014") is None


def test_since_values_keep_their_precision() -> None:
    assert since_value("21 October 2013") == "2013-10-21"
    assert since_value("Feb 2012") == "2012-02"
    assert since_value("2011") == "2011"


def test_numbers() -> None:
    assert number("1,915") == 1915.0
    assert number("nine") == 9.0
    assert number("no") == 0.0
    assert number("33.7") == 33.7


def test_every_row_of_the_table_compiles() -> None:
    assert {r.rule for r in rules()} >= {"stock", "value", "period", "since", "dcs_status"}
    assert all(r.unit in UNITS for r in rules() if r.unit)


@pytest.mark.parametrize("label", SIF_FILES, ids=short)
def test_invariants(label: str) -> None:
    published = date.fromisoformat(labels()[label]["publication_date"])
    pages = len(corpus_document("reports", label).pages)
    figures = content(label).figures
    for f in figures:
        assert f.unit in UNITS, f
        assert 1 <= (f.source.page or 0) <= pages and f.source.text, f
        if f.unit == "percent":
            assert 0 <= float(f.value) <= 100, f
        if f.unit in ("count", "per_10000"):
            assert float(f.value) >= 0, f
        if f.as_at is not None:
            assert f.as_at <= published, f
        if f.unit == "date":
            assert str(f.value) <= published.isoformat(), f
    keys = [(f.name, f.unit, f.as_at, f.value) for f in figures]
    assert len(keys) == len(set(keys)), label


def test_coverage_over_the_sif_reports() -> None:
    """Measured: 153 of 155 SIF reports print the area section (two re-inspections do not)."""
    have: dict[str, int] = {}
    for label in SIF_FILES:
        for name in {f.name for f in content(label).figures}:
            have[name] = have.get(name, 0) + 1
    for name in ("children_under_18", "child_protection_plans", "looked_after_children"):
        assert have[name] >= 153, name
    for name in ("children_in_need", "adoptions", "special_guardianship_orders"):
        assert have[name] >= 150, name
    assert have["dcs_since"] >= 143 and have["lscb_chair_since"] >= 144


# --- issue 16: numbers in words, a figure's own clause, its own date, no footnotes ------------


def _read(text: str) -> dict[tuple[str, str], list[Figure]]:
    found: dict[tuple[str, str], list[Figure]] = {}
    for f in read_figures([Page(7, text)], "synthetic.pdf"):
        found.setdefault((f.name, f.unit), []).append(f)
    return found


def test_numbers_in_words_above_twenty() -> None:
    assert number("forty-three") == 43.0
    assert number("Forty three") == 43.0
    assert number("ninety") == 90.0
    found = _read(
        "In the last 12 months:\n• there have been twenty-one adoptions\n"
        "• forty-three children became subject of special guardianship orders\n"
    )
    assert found["special_guardianship_orders", "count"][0].value == 43.0
    assert found["adoptions", "count"][0].value == 21.0


def test_a_statement_is_named_from_its_own_sentence() -> None:
    found = _read(
        "• At 31 March 2015, 606 children and young people were being looked after by the "
        "council. There were 34 children placed out of area. Children with a child protection "
        "plan are supported by three teams.\n"
    )
    assert "child_protection_plans" not in {name for name, _ in found}
    assert found["looked_after_children", "count"][0].value == 606.0


def test_an_adoption_team_is_no_adoption() -> None:
    found = _read(
        "• Services are provided by four teams, one adoption team and one children’s home.\n"
    )
    assert ("adoptions", "count") not in found


def test_a_month_without_a_day_is_kept_at_month_precision() -> None:
    found = _read(
        "• At December 2014, 549 children were being looked after by the local authority (a "
        "rate of 69 per 10,000 children). This is an increase from 530 (67 per 10,000 "
        "children) at 31 March 2014.\n"
    )
    now, before = found["looked_after_children", "count"]
    assert (now.as_at, now.as_at_precision) == (date(2014, 12, 1), "month")
    assert (before.as_at, before.as_at_precision) == (date(2014, 3, 31), "day")


def test_a_value_takes_the_date_its_own_sentence_gives() -> None:
    found = _read(
        "• Approximately 12% of the local authority’s children were living in poverty as at "
        "31 August 2014.\n"
    )
    assert found["children_in_poverty", "percent"][0].as_at == date(2014, 8, 31)


def test_a_footnote_is_not_part_of_a_figure_sentence() -> None:
    found = _read(
        "In the last 12 months:\n– there have been 52 adoptions\n– 28 children became the "
        "subject of special guardianship orders\n2 These are residential special schools that "
        "look after children for 295 days or less per year.\n"
    )
    sgo = found["special_guardianship_orders", "count"][0]
    assert sgo.source.text == "28 children became the subject of special guardianship orders"
    assert found["adoptions", "count"][0].source.text == "there have been 52 adoptions"
