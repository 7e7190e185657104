"""`themes`: the national table, the inspections behind one of its numbers, an LA's themes,
and the themes section of `compare`, on a database of six LAs' real reports and letters.

Every number is recomputed here from what `export history`, `export letters` and `export
recommendations` give (each point's `themes` column), not from the answers the command calls:
an inspection counts once in its group when it is a graded SIF or ILACS report (not `other`)
with improvement points of its own (scope `main`) read, and asks for a theme when one of those
points is tagged with it. Rotherham's statistical neighbours Doncaster and Wakefield and its
region's Sheffield make its neighbours' and region's shares more than its own; Barnet (London)
and Devon (South West) are neither. The views do not depend on the database engine, so SQLite
alone is used.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import Result

from csc_inspections.answers import Store
from csc_inspections.answers import themes as answers
from csc_inspections.cli import app, theme_views
from csc_inspections.cli.common import console
from csc_inspections.reference import local_authorities, lookup
from csc_inspections.store.db import connect
from csc_inspections.vocabulary import current
from tests.cli.conftest import runner
from tests.cli.test_views import check
from tests.conftest import CORPUS

FOLDERS = (
    "80543_rotherham",
    "80462_doncaster",
    "80451_wakefield",
    "80551_sheffield",
    "80487_barnet",
    "80461_devon",
)
Row = dict[str, str]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("themes") / "themes.db"
    folders = [CORPUS / kind / f for kind in ("reports", "letters") for f in FOLDERS]
    result = runner.invoke(app, ["--db", str(path), "ingest", *map(str, folders)])
    assert result.exit_code == 1, result.output  # Rotherham's 2012 "report" is an HTML page
    yield str(path)


def run(db: str, *args: str, width: int = 80) -> Result:
    """The command as a terminal `width` columns wide runs it. The console read COLUMNS when
    it was made (pytest-xdist's workers set it to 80), so its width is set for the run."""
    before = console.width
    console.width = width
    try:
        return runner.invoke(app, ["--db", db, *args], prog_name="csc-inspections")
    finally:
        console.width = before


def run_json(db: str, *args: str) -> Any:
    result = run(db, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def export(db: str, table: str) -> list[Row]:
    result = run(db, "export", table, "--format", "csv")
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))


# What the exports say, computed here


def day(row: Row) -> str:
    """When a report or letter happened: last day on site (of the visit), else the first,
    else the letter's or publication date."""
    keys = ("inspection_end", "inspection_start", "visit_end", "visit_start", "letter_date")
    return next((row[k] for k in keys if row.get(k)), row["publication_date"])


def points(db: str, scopes: tuple[str, ...] = ("main",)) -> dict[str, list[Row]]:
    """Each file's improvement points of `scopes`, in order."""
    found: dict[str, list[Row]] = defaultdict(list)
    for r in export(db, "recommendations"):
        if r["scope"] in scopes:
            found[r["file"]].append(r)
    return found


def themes_of(rows: list[Row]) -> set[str]:
    return {t for r in rows for t in r["themes"].split(";") if t}


def counted(db: str) -> list[tuple[Row, set[str]]]:
    """The reports the national table counts, each with the themes it asks for."""
    mine = points(db)
    return [
        (r, themes_of(mine[r["file"]]))
        for r in export(db, "history")
        if r["framework"] != "other" and r["urn"] and mine.get(r["file"])
    ]


def group(row: Row, by: str) -> str:
    return {"year": day(row)[:4], "grade": row["overall"] or "none", "region": row["region"]}[by]


@pytest.fixture(scope="module")
def reports(db: str) -> list[tuple[Row, set[str]]]:
    found = counted(db)
    assert len(found) > 12  # every LA's graded reports but Rotherham's HTML page
    return found


# The national table


@pytest.mark.parametrize("by", ["year", "grade", "region"])
def test_every_cell_is_the_share_of_its_groups_reports_asking(
    db: str, reports: list[tuple[Row, set[str]]], by: str
) -> None:
    sizes: dict[str, int] = defaultdict(int)
    asked: dict[tuple[str, str], int] = defaultdict(int)
    for row, themes in reports:
        sizes[group(row, by)] += 1
        for t in themes:
            asked[(t, group(row, by))] += 1
    table = run_json(db, "themes", "--by", by)
    assert table["by"] == by and table["inspections"] == len(reports)
    assert {g["group"]: g["inspections"] for g in table["groups"]} == sizes
    assert [t["theme"] for t in table["themes"]] == list(current().theme_keys)
    for t in table["themes"]:
        got = {c["group"]: (c["asked"], c["of"]) for c in t["cells"]}
        assert got == {g: (asked[(t["theme"], g)], n) for g, n in sizes.items()}, t["theme"]
        total = sum(asked[(t["theme"], g)] for g in sizes)
        assert (t["total"]["asked"], t["total"]["of"]) == (total, len(reports))
        for c in (*t["cells"], t["total"]):
            assert c["share"] == pytest.approx(c["asked"] / c["of"])
            assert c["percent"] == int(100 * c["asked"] / c["of"] + 0.5)


def test_years_follow_the_last_day_on_site(db: str, reports: list[tuple[Row, set[str]]]) -> None:
    """Devon's report published 12 May 2015 counts in 2015 and Barnet's of 7 July 2017 in
    2017 (their days on site); Rotherham's of 29 January 2018 in 2017, when it was inspected."""
    table = run_json(db, "themes")
    years = [g["group"] for g in table["groups"]]
    assert years == sorted(years)
    rotherham = next(r for r, _ in reports if r["file"].endswith("29 january 2018.pdf"))
    assert rotherham["inspection_end"].startswith("2017-")
    late = run_json(db, "themes", "--from", "2018-01-01")
    assert late["inspections"] == sum(day(r) >= "2018-01-01" for r, _ in reports)
    assert "2017" not in [g["group"] for g in late["groups"]]
    window = run_json(db, "themes", "--from", "2015-01-01", "--to", "2019-12-31")
    assert window["inspections"] == sum("2015" <= day(r) <= "2019-12-31" for r, _ in reports)
    assert (window["from"], window["to"]) == ("2015-01-01", "2019-12-31")


def test_the_table_in_the_terminal(db: str, reports: list[tuple[Row, set[str]]]) -> None:
    wide = run(db, "themes", "--by", "grade", width=200)
    assert wide.exit_code == 0, wide.output
    assert wide.stdout.startswith(
        "Share of inspections (graded SIF and ILACS reports with improvement points read) asked "
        "to improve each theme, by grade:"
    )
    inadequate = [t for r, t in reports if r["overall"] == "inadequate"]
    n = sum("workforce" in t for t in inadequate)
    percent = int(100 * n / len(inadequate) + 0.5)
    line = next(x for x in wide.stdout.splitlines() if x.startswith("│ Workforce "))
    assert f"{percent}% ({n}/{len(inadequate)})" in line
    assert "requires improvement to be good" in wide.stdout  # a grade in words
    assert "management_oversight" not in wide.stdout


def test_every_theme_view_fits_the_terminal(db: str) -> None:
    """80 and 200 columns; every theme's label whole, no key shown; at 80 columns the years
    do not fit beside each other and are split over tables, each saying how many it counts."""
    engine = connect(db)
    store = Store(engine)
    labels = [t.label for t in current().themes]
    la = lookup("Rotherham")
    asks = answers.behind_number(store, "assessment").asks
    texts = [a.document.file for a in asks] + [p.text for a in asks for p in a.points["assessment"]]
    total = answers.table(store).total("assessment")
    for width in (80, 200):
        for by in ("year", "era", "grade", "region"):
            table = answers.table(store, by)
            text = check(theme_views.national(table), width, labels)
            sizes = table.sizes.values()  # under each group, or in each share
            assert all(f"n={n}" in text or f"/{n})" in text for n in sizes), (by, width)
        theme = answers.theme("assessment")
        check(theme_views.behind(theme, asks, total, "year", None), width, texts)
        rows = answers.for_la(store, la.urn)
        check(theme_views.la_themes(la, rows, None, None), width, [*labels[:1], la.region or ""])
        one = next(r for r in rows if r.theme == "assessment")
        check(theme_views.la_theme(la, theme, one), width, [d.document.file for d in one.documents])
    narrow = check(theme_views.national(answers.table(store, "year")), 80, labels)
    assert narrow.count("Theme") > 1  # the years split over tables
    engine.dispose()


# The inspections behind one number


def test_the_inspections_behind_a_cell_with_their_points(
    db: str, reports: list[tuple[Row, set[str]]]
) -> None:
    mine = points(db)
    year = "2017"
    expected = {
        r["file"] for r, t in reports if "management_oversight" in t and group(r, "year") == year
    }
    assert expected
    found = run_json(
        db, "themes", "--theme", "Management oversight and supervision", "--group", year
    )
    assert found["theme"]["theme"] == "management_oversight" and found["group"] == year
    assert {i["file"] for i in found["inspections"]} == expected
    assert (found["asked"], found["of"]) == (
        len(expected),
        sum(group(r, "year") == year for r, _ in reports),
    )
    for i in found["inspections"]:
        tagged = [p for p in mine[i["file"]] if "management_oversight" in p["themes"].split(";")]
        assert [(p["number"], p["page"], p["text"]) for p in i["points"]] == [
            (int(p["number"]), int(p["page"]), p["text"]) for p in tagged
        ]
    dates = [i["date"] for i in found["inspections"]]
    assert dates == sorted(dates, reverse=True)  # newest first


def test_the_inspections_behind_a_total_and_a_grade(
    db: str, reports: list[tuple[Row, set[str]]]
) -> None:
    every = run_json(db, "themes", "--theme", "care_leavers")
    assert {i["file"] for i in every["inspections"]} == {
        r["file"] for r, t in reports if "care_leavers" in t
    }
    assert every["of"] == len(reports) and every["group"] is None
    graded = run_json(db, "themes", "--theme", "care_leavers", "--by", "grade", "--group", "Good")
    assert graded["group"] == "good"
    assert {i["file"] for i in graded["inspections"]} == {
        r["file"] for r, t in reports if "care_leavers" in t and r["overall"] == "good"
    }


def test_the_points_in_the_terminal(db: str) -> None:
    result = run(db, "themes", "--theme", "workforce", "--group", "2014", width=200)
    assert result.exit_code == 0, result.output
    found = run_json(db, "themes", "--theme", "workforce", "--group", "2014")
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"Workforce (2014): {found['asked']} of {found['of']} inspections")
    for i in found["inspections"]:
        assert i["la_name"] in result.stdout and i["file"] in result.stdout


# An LA's themes


def test_an_las_themes_beside_its_neighbours_region_and_england(
    db: str, reports: list[tuple[Row, set[str]]]
) -> None:
    la = lookup("Rotherham")
    codes = {a.la_code: a.urn for a in local_authorities().values()}
    near = {str(codes[c]) for c in la.stat_neighbours if c in codes}
    assert {"80462", "80451"} <= near  # Doncaster and Wakefield
    documents = [*export(db, "history"), *export(db, "letters")]
    own = points(db, ("main", "agencies"))
    asking: dict[str, list[str]] = defaultdict(list)  # theme -> days of Rotherham's documents
    for d in documents:
        if d["urn"] == str(la.urn):
            for t in themes_of(own.get(d["file"], [])):
                asking[t].append(day(d))
    found = run_json(db, "themes", "--la", "80543")
    assert found["la"]["name"] == "Rotherham"
    assert {t["theme"]: t["times"] for t in found["themes"]} == {
        t: len(days) for t, days in asking.items()
    }
    times = [t["times"] for t in found["themes"]]
    assert times == sorted(times, reverse=True)

    def share(theme: str, among: list[set[str]]) -> tuple[int, int]:
        return (sum(theme in t for t in among), len(among))

    places = {
        "la": [t for r, t in reports if r["urn"] == str(la.urn)],
        "neighbours": [t for r, t in reports if r["urn"] in near],
        "region": [t for r, t in reports if r["region"] == la.region],
        "national": [t for _, t in reports],
    }
    assert len(places["region"]) > len(places["neighbours"]) > len(places["la"]) > 0
    for t in found["themes"]:
        assert (t["first"], t["last"]) == (min(asking[t["theme"]]), max(asking[t["theme"]]))
        assert t["recurring"] == (len(asking[t["theme"]]) > 1)
        for place, among in places.items():
            assert (t[place]["asked"], t[place]["of"]) == share(t["theme"], among), place
        assert len(t["documents"]) == t["times"]


def test_an_las_one_theme_and_dates(db: str) -> None:
    every = {t["theme"]: t for t in run_json(db, "themes", "--la", "Rotherham")["themes"]}
    one = run_json(db, "themes", "--la", "Rotherham", "--theme", "assessment")
    assert one["themes"] == [every["assessment"]]
    result = run(db, "themes", "--la", "Rotherham", "--theme", "assessment", width=200)
    assert result.exit_code == 0, result.output
    for document in every["assessment"]["documents"]:
        assert document["file"] in result.stdout
        assert all(p["text"][:40] in " ".join(result.stdout.split()) for p in document["points"])
    later = run_json(db, "themes", "--la", "Rotherham", "--from", "2020-01-01")
    assert all(t["first"] >= "2020-01-01" for t in later["themes"])
    table = run(db, "themes", "--la", "Rotherham", width=200)
    assert "Neighbours" in table.stdout and "Yorkshire and the Humber" in table.stdout


# Usage errors: one line, exit code 2


def said(result: Result) -> str:
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--theme", "caseloads"],
            "error: Invalid value for '--theme': 'caseloads' is not a theme: one of "
            + ", ".join(current().theme_keys)
            + " (see `csc-inspections themes --help`)",
        ),
        (
            ["--by", "month"],
            "error: Invalid value for '--by': 'month' is not a grouping: one of year, era, grade, "
            "region (see `csc-inspections themes --help`)",
        ),
        (
            ["--group", "2015"],
            "error: --group needs --theme: the inspections of a group that asked for it",
        ),
        (
            ["--la", "Rotherham", "--by", "year"],
            "error: --by and --group are for the national table: leave out --la",
        ),
        (
            ["--la", "Rotheram"],
            "error: no local authority matches 'Rotheram': did you mean Rotherham?",
        ),
    ],
)
def test_a_mistake_is_one_line(db: str, args: list[str], message: str) -> None:
    result = run(db, "themes", *args)
    assert (result.exit_code, said(result)) == (2, message)
    assert result.stdout == ""


def test_a_group_the_table_lacks_names_those_it_has(db: str) -> None:
    result = run(db, "themes", "--theme", "workforce", "--group", "2031")
    years = [g["group"] for g in run_json(db, "themes")["groups"]]
    assert (result.exit_code, said(result)) == (
        2,
        f"error: Invalid value for '--group': '2031' is not a group of --by year: one of "
        f"{', '.join(years)} (see `csc-inspections themes --help`)",
    )


# compare: the themes B still asks for


def test_compare_says_which_themes_b_still_asks_for(db: str) -> None:
    mine = points(db)
    found = run_json(db, "compare", "Rotherham", "2014", "2017")
    a, b = themes_of(mine[found["a"]["file"]]), themes_of(mine[found["b"]["file"]])
    statuses = {t["theme"]: t["status"] for t in found["themes"]}
    assert statuses == {
        **{t: "still asked" for t in a & b},
        **{t: "no longer asked" for t in a - b},
        **{t: "newly asked" for t in b - a},
    }
    table = run(db, "compare", "Rotherham", "2014", "2017", width=120)
    text = " ".join(table.stdout.split())
    assert "Themes asked to improve" in text
    assert f"Still asked by B ({len(a & b)}):" in text
    markdown = run(db, "compare", "Rotherham", "2014", "2017", "--format", "markdown").stdout
    for t in found["themes"]:
        line = next(x for x in markdown.splitlines() if x.startswith(f"- {t['label']}: "))
        for side in ("a", "b"):
            shown = [str(p["printed_number"] or p["number"]) for p in t[side]]
            assert (f"{side.upper()} no. " in line) == bool(shown)
            assert set(shown) <= set(line.replace(",", " ").replace(";", " ").split())


def test_what_councils_out_of_inadequate_were_no_longer_asked(db: str) -> None:
    found = json.loads(run(db, "themes", "--recovered", "--format", "json").stdout)
    rows = answers.recovered(Store(connect(db)))
    assert [t["theme"] for t in found["themes"]] == [r.theme for r in rows]
    assert len(found["recoveries"]) == len(rows[0].pairs) > 0
    for side in ("inadequate", "better"):
        assert all(r[side]["file"].endswith(".pdf") for r in found["recoveries"])
    assert all(r["inadequate"]["grade"] == "inadequate" for r in found["recoveries"])
    table = run(db, "themes", "--recovered", width=120)
    assert table.exit_code == 0 and "No longer asked" in table.stdout
    refused = run(db, "themes", "--recovered", "--by", "era")
    assert refused.exit_code == 2 and "--recovered takes no other option" in refused.stderr


def test_the_report_command_names_each_points_themes(db: str) -> None:
    from csc_inspections.store import read

    file = "80543_rotherham/children's services inspection - 19 november 2014.pdf"
    engine = connect(db)
    record = next(r for r in read.history(engine) if r.file == file)
    points = read.recommendations(engine, inspection_id=record.inspection_id)
    shown = run(db, "report", file, width=200).stdout
    tagged = [p for p in points if p.themes]
    assert tagged
    for p in tagged:
        labels = ", ".join(current().theme(t).label for t in p.themes)
        assert f"Themes: {labels}" in shown, p.number
    assert shown.count("Themes: ") == len(tagged) + sum(
        bool(f.themes) for f in read.findings(engine, inspection_id=record.inspection_id)
    )
