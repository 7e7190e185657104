"""The Python API's themes: the national table in long form, the points behind one of its
numbers, an LA's themes. Each is recomputed here from the API's own exports
(`inspections()`, `letters()`, `recommendations()` with their `themes` column): an inspection
counts when it is a graded SIF or ILACS report (framework not `other`) with improvement points
of its own (scope `main`) read, dated by its last day on site, and asks for a theme when one of
those points is tagged with it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pandas as pd
import pytest

from csc_inspections.api import Database, open_database
from csc_inspections.errors import NotFound, UsageError
from csc_inspections.ingest import ingest
from csc_inspections.reference import lookup
from csc_inspections.store.db import connect
from tests.conftest import CORPUS
from tests.databases import new_database

FOLDERS = ("80543_rotherham", "80462_doncaster", "80487_barnet")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Database:
    url = new_database(backend, tmp_path_factory.mktemp("api_themes"), "api_themes")
    engine = connect(url)
    ingest(engine, [CORPUS / kind / f for kind in ("reports", "letters") for f in FOLDERS], 2)
    engine.dispose()
    return open_database(url)


def day(row: pd.Series) -> pd.Timestamp:
    """Last day on site (of the visit), else the first, else the letter's or publication."""
    keys = ("inspection_end", "inspection_start", "visit_end", "visit_start", "letter_date")
    found = [row[k] for k in keys if k in row and not pd.isna(row[k])]
    return found[0] if found else row["publication_date"]


def themes_of(points: pd.DataFrame) -> dict[str, set[str]]:
    """Each file's themes, over the points given."""
    found: dict[str, set[str]] = defaultdict(set)
    for file, themes in zip(points["file"], points["themes"], strict=True):
        found[file] |= {t for t in themes.split(";") if t}
    return found


@pytest.fixture(scope="module")
def counted(db: Database) -> pd.DataFrame:
    """The reports the national table counts, each with its year and the themes it asks."""
    points = db.recommendations()
    main = points[points["scope"] == "main"]
    asks = themes_of(main)
    reports = db.inspections()
    kept = reports[(reports["framework"] != "other") & reports["file"].isin(set(main["file"]))]
    kept = kept[kept["urn"].astype(str) != ""].copy()
    kept["year"] = [str(day(r).year) for _, r in kept.iterrows()]
    kept["asks"] = [asks[f] for f in kept["file"]]
    assert len(kept) >= 10
    return kept


def test_themes_long_form(db: Database, counted: pd.DataFrame) -> None:
    frame = db.themes()
    assert list(frame.columns) == ["theme", "theme_label", "group", "asked", "inspections", "share"]
    sizes = counted.groupby("year").size().to_dict()
    assert frame.groupby("group")["inspections"].first().to_dict() == sizes
    for row in frame.itertuples():
        in_group = counted[counted["year"] == row.group]
        assert row.asked == sum(row.theme in a for a in in_group["asks"]), (row.group, row.theme)
        assert row.share == pytest.approx(row.asked / row.inspections)
    assert set(frame["theme_label"]) >= {"Workforce", "Management oversight and supervision"}


def test_themes_by_grade_and_within_dates(db: Database, counted: pd.DataFrame) -> None:
    by_grade = db.themes(by="grade")
    grades = counted["overall"].replace("", "none").value_counts().to_dict()
    assert by_grade.groupby("group")["inspections"].first().to_dict() == grades
    later = db.themes(start=date(2020, 1, 1))
    assert later.groupby("group")["inspections"].first().sum() == (counted["year"] >= "2020").sum()
    with pytest.raises(UsageError, match="by: 'month' is not one of year, era, grade, region"):
        db.themes(by="month")


def test_the_points_behind_a_number(db: Database, counted: pd.DataFrame) -> None:
    theme = "planning_review"
    group = next(
        y
        for y in sorted(counted["year"])
        if sum(theme in a for a in counted[counted["year"] == y]["asks"])
    )
    found = db.theme_points(theme, "year", group)
    files = set(
        counted[(counted["year"] == group) & counted["asks"].map(lambda a: theme in a)]["file"]
    )
    assert set(found["file"]) == files
    points = db.recommendations()
    tagged = points[
        points["file"].isin(files)
        & (points["scope"] == "main")
        & points["themes"].map(lambda t: theme in t.split(";"))
    ]
    key = ["file", "number", "page", "text"]
    assert sorted(found[key].itertuples(index=False)) == sorted(tagged[key].itertuples(index=False))
    assert pd.api.types.is_datetime64_any_dtype(found["date"])
    every = db.theme_points(theme)
    assert set(every["file"]) == set(counted[counted["asks"].map(lambda a: theme in a)]["file"])
    assert list(every["date"]) == sorted(every["date"], reverse=True)  # newest first


def test_theme_points_refuses_what_it_cannot_answer(db: Database) -> None:
    with pytest.raises(NotFound, match="no theme is called 'caseloads'"):
        db.theme_points("caseloads")
    with pytest.raises(UsageError, match="group needs by"):
        db.theme_points("workforce", group="2015")
    with pytest.raises(UsageError, match="group: '1999' is not one of 20"):
        db.theme_points("workforce", "year", "1999")
    empty = db.theme_points("workforce", start=date(2040, 1, 1))
    assert empty.empty and "text" in empty.columns


def test_la_themes(db: Database, counted: pd.DataFrame) -> None:
    la = lookup("Rotherham")
    by_name, by_urn = db.la_themes("Rotherham"), db.la_themes(la.urn)
    pd.testing.assert_frame_equal(by_name, by_urn)
    points = db.recommendations()
    own = themes_of(points[points["scope"].isin(["main", "agencies"])])
    documents = pd.concat([db.inspections(), db.letters()])
    mine = documents[documents["urn"] == la.urn]
    days: dict[str, list[pd.Timestamp]] = defaultdict(list)
    for _, d in mine.iterrows():
        for t in own.get(d["file"], set()):
            days[t].append(day(d))
    assert dict(zip(by_name["theme"], by_name["times"], strict=True)) == {
        t: len(v) for t, v in days.items()
    }
    reports = counted[counted["urn"] == la.urn]
    doncaster = lookup("Doncaster")  # the one of its statistical neighbours held, in its region
    assert doncaster.la_code in la.stat_neighbours and doncaster.region == la.region
    neighbours = counted[counted["urn"] == doncaster.urn]
    region = counted[counted["region"] == la.region]
    assert len(region) == len(reports) + len(neighbours)
    for row in by_name.itertuples():
        assert (row.first, row.last) == (min(days[row.theme]), max(days[row.theme]))
        assert row.recurring == (len(days[row.theme]) > 1)
        assert (row.la_asked, row.la_of) == (
            sum(row.theme in a for a in reports["asks"]),
            len(reports),
        )
        assert row.national_of == len(counted)
        assert row.national_asked == sum(row.theme in a for a in counted["asks"])
        for place, among in (("neighbours", neighbours), ("region", region)):
            assert (getattr(row, f"{place}_asked"), getattr(row, f"{place}_of")) == (
                sum(row.theme in a for a in among["asks"]),
                len(among),
            ), place
