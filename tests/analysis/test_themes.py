"""Theme shares recomputed by hand: real reports in a real database, their points tagged by
hand (read below), and the answers' counts checked against counts done by reading them."""

from __future__ import annotations

import shutil

import pytest
from sqlalchemy import Engine, delete, insert, select

from csc_inspections.analysis.compare import Comparison
from csc_inspections.answers import Store
from csc_inspections.answers import themes as answers
from csc_inspections.answers.comparisons import comparison
from csc_inspections.errors import NotFound, UsageError
from csc_inspections.ingest import ingest
from csc_inspections.store.db import connect
from csc_inspections.store.schema import (
    documents,
    finding_themes,
    inspections,
    recommendation_themes,
    recommendations,
)
from tests.conftest import CORPUS

LIVERPOOL, ROCHDALE, NORFOLK = "80485_liverpool", "80542_rochdale", "80418_norfolk"
LIVERPOOL_2014 = f"{LIVERPOOL}/children's services inspection - 18 july 2014.pdf"  # SIF, RI
LIVERPOOL_2023 = f"{LIVERPOOL}/children's services inspection - 25 may 2023.pdf"  # ILACS, inad.
ROCHDALE_2014 = f"{ROCHDALE}/children's services inspection - 05 december 2014.pdf"  # SIF, RI
LIVERPOOL_FV = f"{LIVERPOOL}/children's services focused visit - 24 may 2019.pdf"  # a letter
NORFOLK_2013 = f"{NORFOLK}/children's services inspection,  pdf - 16 august 2013.pdf"  # other

# Read by hand: the main points that ask for each theme (file, number as stored).
HAND = {
    # "Improve the triage and timeliness of notifications of domestic abuse made by the police"
    (LIVERPOOL_2014, 1): ("neglect_domestic_abuse",),
    # "Ensure that all social workers, including agency social workers, have manageable caseloads"
    (LIVERPOOL_2014, 3): ("workforce",),
    # "Ensure, with partners, that early help is coordinated and targeted effectively"
    (ROCHDALE_2014, 10): ("early_help",),
    # "Ensure that children witnessing domestic abuse have access to appropriate services."
    (ROCHDALE_2014, 23): ("neglect_domestic_abuse",),
    # "Caseloads and regular reflective supervision, so that children ... receive a timely ..."
    (LIVERPOOL_2023, 1): ("workforce", "management_oversight"),
    # "The timely access to emotional and mental health support and dental care"
    (LIVERPOOL_2023, 11): ("health_education",),
}


@pytest.fixture(scope="module")
def engine(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Engine:
    from tests.databases import new_database

    folder = tmp_path_factory.mktemp("themes")
    found = connect(new_database(backend, folder, "themes"))
    picked = [("reports", f) for f in (LIVERPOOL_2014, LIVERPOOL_2023, ROCHDALE_2014, NORFOLK_2013)]
    for kind, label in [*picked, ("letters", LIVERPOOL_FV)]:
        (folder / "corpus" / label).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / kind / label, folder / "corpus" / label)
    ingest(found, [folder / "corpus"])
    with found.begin() as conn:
        conn.execute(delete(recommendation_themes))
        conn.execute(delete(finding_themes))
        ids = {
            (label, number): rec_id
            for label, number, rec_id in conn.execute(
                select(documents.c.label, recommendations.c.number, recommendations.c.id)
                .join(inspections, inspections.c.id == recommendations.c.inspection_id)
                .join(documents, documents.c.id == inspections.c.document_id)
                .where(recommendations.c.scope == "main")
            )
        }
        rows = [
            {"recommendation_id": ids[key], "theme": theme, "score": 0.9}
            for key, themes in HAND.items()
            for theme in themes
        ]
        # Points of documents the national count leaves out: a letter and a 2012 inspection
        for label in (LIVERPOOL_FV, NORFOLK_2013):
            first = min(n for (f, n) in ids if f == label)
            rows.append(
                {"recommendation_id": ids[(label, first)], "theme": "early_help", "score": 0.9}
            )
        conn.execute(insert(recommendation_themes), rows)
    return found


def test_a_share_by_year_counted_by_hand(engine: Engine) -> None:
    table = answers.table(Store(engine), "year")
    # Liverpool 2014 was on site until 11 June 2014, Rochdale 2014 until 22 October 2014,
    # Liverpool 2023 until 24 March 2023; the letter and Norfolk's 2013 looked after children
    # inspection (another framework) are not counted.
    assert table.groups == ("2014", "2023")
    assert table.sizes == {"2014": 2, "2023": 1}
    early_help = table.cell("early_help", "2014")
    assert (early_help.asked, early_help.of, early_help.percent) == (1, 2, 50)
    assert table.cell("neglect_domestic_abuse", "2014").percent == 100
    assert table.cell("neglect_domestic_abuse", "2023").asked == 0
    assert table.cell("workforce", "2014").asked == table.cell("workforce", "2023").asked == 1
    total = table.total("workforce")
    assert (total.asked, total.of) == (2, 3)


def test_shares_by_era_and_grade_counted_by_hand(engine: Engine) -> None:
    era = answers.table(Store(engine), "era")
    assert era.groups == ("SIF 2013-18", "ILACS 2018-26")
    assert era.cell("neglect_domestic_abuse", "SIF 2013-18").percent == 100
    assert era.cell("health_education", "ILACS 2018-26").percent == 100
    grade = answers.table(Store(engine), "grade")
    assert grade.groups == ("requires improvement", "inadequate")
    assert grade.cell("early_help", "requires improvement").percent == 50
    assert grade.cell("management_oversight", "inadequate").percent == 100


def test_the_inspections_behind_a_number(engine: Engine) -> None:
    number = answers.behind_number(Store(engine), "early_help", "year", "2014")
    assert (number.cell.asked, number.cell.of) == (1, 2)
    found = number.asks
    assert [a.document.file for a in found] == [ROCHDALE_2014]
    assert [p.number for p in found[0].points["early_help"]] == [10]
    assert found[0].points["early_help"][0].page is not None
    everything = answers.behind_number(Store(engine), "neglect_domestic_abuse").asks
    assert [a.document.file for a in everything] == [ROCHDALE_2014, LIVERPOOL_2014]  # newest first


def test_an_la_s_themes_count_its_letters_and_mark_what_recurs(engine: Engine) -> None:
    rows = {r.theme: r for r in answers.for_la(Store(engine), 80485)}
    assert rows["workforce"].recurring  # 2014 and 2023
    assert [a.document.file for a in rows["workforce"].documents] == [
        LIVERPOOL_2014,
        LIVERPOOL_2023,
    ]
    assert not rows["neglect_domestic_abuse"].recurring
    assert [a.document.file for a in rows["early_help"].documents] == [LIVERPOOL_FV]  # a letter
    assert (rows["early_help"].la.asked, rows["early_help"].la.of) == (0, 2)
    national = rows["workforce"].national
    assert (national.asked, national.of) == (2, 3)
    # Rochdale is in the North West too: all three counted reports are the region's
    assert (rows["workforce"].region.asked, rows["workforce"].region.of) == (2, 3)


def test_a_comparison_says_which_themes_are_still_asked(engine: Engine) -> None:
    found: Comparison = comparison(Store(engine), 80485, "2014", "2023")
    status = {c.theme: c.status for c in found.themes}
    assert status == {
        "workforce": "still asked",
        "neglect_domestic_abuse": "no longer asked",
        "management_oversight": "newly asked",
        "health_education": "newly asked",
    }
    assert found.themes[0].theme == "workforce"


def test_unknown_theme_and_grouping_are_refused(engine: Engine) -> None:
    with pytest.raises(NotFound, match="no theme is called 'caseload'"):
        answers.behind_number(Store(engine), "caseload")
    with pytest.raises(UsageError, match="group: '2015' is not one of 2014, 2023"):
        answers.behind_number(Store(engine), "early_help", "year", "2015")
    with pytest.raises(UsageError, match="group needs by"):
        answers.behind_number(Store(engine), "early_help", None, "2014")
    with pytest.raises(UsageError, match="by: 'month' is not one of year, era, grade, region"):
        answers.table(Store(engine), "month")


def test_dates_bound_the_count(engine: Engine) -> None:
    from datetime import date

    table = answers.table(Store(engine), "year", start=date(2014, 7, 1), end=date(2022, 12, 31))
    assert table.sizes == {"2014": 1}  # Rochdale's only
