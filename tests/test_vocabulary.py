"""The vocabulary loaded from data/, and the proof that a new framework is data plus one module.

The made-up framework in tests/fixtures/made_up_framework/ (its README says what each file
adds) is a 2027 ILACS with a new area, family help, and a new five-point scale. It is added
only by that folder's rows and its parser module; its pages are built here, so no PDF is
needed, and they go through the real `parse` dispatch, the analysis and the store.
"""

from __future__ import annotations

import csv
import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from csc_inspections import analysis, vocabulary
from csc_inspections.analysis.movement import changes, transition_matrix
from csc_inspections.model import HISTORY_AREAS, Document, Page, Report
from csc_inspections.parse import PARSER_VERSION, parse
from csc_inspections.parse.classify import classify
from csc_inspections.parse.text import grade_at_start, normalise_grade
from csc_inspections.store import read
from csc_inspections.store.db import connect
from csc_inspections.store.write import Resolved, store
from csc_inspections.vocabulary import DATA_ENV, Vocabulary, VocabularyError, current
from tests.analysis.rows import report as row
from tests.conftest import CORPUS
from tests.databases import new_database

FIXTURE = Path(__file__).parent / "fixtures" / "made_up_framework"
LABEL = "99999_testshire/children's services inspection - 2 august 2027.pdf"
TITLE = """Testshire County Council
Inspection of Testshire children's services
under the 2027 framework
Inspection dates: 7 to 18 June 2027
Lead inspector: Ada Example, His Majesty's Inspector
Judgement Grade
"""
TABLE = (
    "The impact of leaders on practice with children and families Strong",
    "Family help Expected standard",
    "The experiences and progress of children who need help and protection Needs attention",
    "The experiences and progress of children in care Exceptional",
)
FIVE_POINT = ("exceptional", "strong", "expected standard", "needs attention", "urgent improvement")


def made_up_pages(*rows: str) -> tuple[Page, ...]:
    """Page 1 of a made-up report with these judgement rows, then a page of text."""
    first = TITLE + "\n".join(rows) + "\nTestshire has changed how families find help.\n"
    return (Page(1, first), Page(2, "What needs to improve?\n• Caseloads in the east team.\n"))


@pytest.fixture
def made_up() -> Iterator[Vocabulary]:
    with vocabulary.use(FIXTURE) as v:
        yield v


# --- the package's own vocabulary ------------------------------------------------------------


def test_history_areas_are_the_labelled_columns() -> None:
    with (CORPUS / "labels.csv").open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert tuple(header[header.index("overall") : header.index("lscb") + 1]) == HISTORY_AREAS


def test_counted_scale_and_labels() -> None:
    v = current()
    assert v.counted_scale.keys == ("outstanding", "good", "requires improvement", "inadequate")
    assert [g.rank for g in v.counted_scale.grades] == [4, 3, 2, 1]
    assert v.grade("requires improvement").label == "requires improvement to be good"
    assert v.rank("adequate") is None  # the 2009-13 scale is only read, never ranked
    assert v.area("capacity_to_improve").short == "Capacity to improve"  # empty: the label
    assert v.area("help_protection").terminal == "Help & protection"
    assert v.kinds_judging("adoption") == ("sif", "sif_reinspection")
    assert v.kind_labels["ilacs_2026"] == "ILACS inspection (2026 framework)"
    assert not v.frameworks["ilacs_2026"].has_overall


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        ("Requires improvement to be good", "requires improvement"),
        ("Require s\nimprovement", "requires improvement"),
        ("require improvement", "requires improvement"),
        ("judged to be inadequate", "inadequate"),
        ("adequate", "adequate"),
        ("satisfactory", None),  # the older scale of services: no framework grades on it
        ("Not judged", None),
        ("strong", None),
    ],
)
def test_grade_wording(text: str, grade: str | None) -> None:
    assert normalise_grade(text) == grade


def test_grade_at_start_keeps_the_printed_words() -> None:
    assert grade_at_start(" Requires\nimprovement to be good and more") == (
        "Requires\nimprovement to be good",
        "requires improvement",
    )
    assert grade_at_start("The grade is good") is None


# --- an added folder -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "rows", "message"),
    [
        (
            "judgement_areas.csv",
            "overall,20,Overall,,,,,,sentence,yes,yes,",
            "area 'overall' is defined twice",
        ),
        (
            "frameworks.csv",
            "x_2030,x,x_2030,X,X,2030-01-01,,no,ten_point,yes,overall",
            "unknown grade scale 'ten_point'",
        ),
        (
            "frameworks.csv",
            "x_2030,x,x_2030,X,X,2030-01-01,,no,sif_ilacs,yes,wellbeing",
            "unknown area 'wellbeing'",
        ),
        ("grade_scales.csv", "again,Again,compared", "grade 'good' is on two compared scales"),
        ("letter_kinds.csv", "sif,A letter called sif,no", "kind 'sif' is defined twice"),
        ("families.csv", "sif,other.module,title,sif", "family 'sif' names modules"),
    ],
)
def test_contradictions_are_refused(tmp_path: Path, name: str, rows: str, message: str) -> None:
    header = (resources.files("csc_inspections") / "data" / name).read_text(encoding="utf-8")
    (tmp_path / name).write_text(header.splitlines()[0] + "\n" + rows + "\n", encoding="utf-8")
    if name == "grade_scales.csv":  # the new scale reuses a compared scale's grade
        (tmp_path / "grades.csv").write_text(
            "scale,grade,rank,label,short,css,style,pattern\nagain,good,1,good,G,good,,good\n"
        )
    with pytest.raises(VocabularyError, match=message):
        vocabulary.load(tmp_path)


def test_a_pattern_with_a_capturing_group_is_refused(tmp_path: Path) -> None:
    (tmp_path / "grades.csv").write_text(
        "scale,grade,rank,label,short,css,style,pattern\nread_only,fine,1,fine,F,,,(fine)\n"
    )
    (tmp_path / "grade_scales.csv").write_text("scale,label,use\nread_only,Read only,read\n")
    with pytest.raises(VocabularyError, match="capturing group"):
        vocabulary.load(tmp_path)


def test_use_adds_rows_for_the_block_only() -> None:
    pages = made_up_pages(*TABLE)
    assert classify(pages) == "ilacs"  # the general ILACS title rule
    before = os.environ.get(DATA_ENV)
    with vocabulary.use(FIXTURE) as v:
        assert current() is v
        assert classify(pages) == "ilacs_2027"  # added title rules are tried first
        assert os.environ[DATA_ENV] == str(FIXTURE)
    assert classify(pages) == "ilacs"
    assert "family_help" not in current().area_keys
    assert os.environ.get(DATA_ENV) == before


def test_worker_processes_load_the_folder_named_in_the_environment() -> None:
    code = "from csc_inspections.vocabulary import current; print(current().rank('strong'))"
    env = {**os.environ, DATA_ENV: str(FIXTURE)}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "4"


# --- the made-up framework --------------------------------------------------------------------


def test_made_up_vocabulary(made_up: Vocabulary) -> None:
    scale = made_up.scale(made_up.frameworks["ilacs_2027"].grade_scale)
    assert scale.keys == FIVE_POINT
    assert [made_up.rank(g) for g in FIVE_POINT] == [5, 4, 3, 2, 1]
    assert made_up.grade("strong").label == "strong standard"
    assert made_up.area("family_help").label == "Family help"
    assert made_up.history_areas[-1] == "family_help"
    assert made_up.kinds_judging("family_help") == ("ilacs_2027",)
    assert made_up.kind_labels["ilacs_2027"] == "ILACS inspection (made-up 2027 framework)"
    assert made_up.counted_scale.key == "sif_ilacs"  # the national picture keeps its scale
    assert not made_up.same_scale("strong", "good")


def test_made_up_report_through_the_real_dispatch(made_up: Vocabulary) -> None:
    parsed = parse(made_up_pages(*TABLE), LABEL)
    assert isinstance(parsed, Report)
    assert parsed.kind == "ilacs_2027"
    assert parsed.la_name is not None and parsed.la_name.value == "Testshire"
    assert parsed.inspection_start is not None
    assert parsed.inspection_start.value == date(2027, 6, 7)
    assert parsed.publication_date is not None
    assert parsed.publication_date.value == date(2027, 8, 2)
    assert {j.area: j.grade for j in parsed.judgements} == {
        "leadership": "strong",
        "family_help": "expected standard",
        "help_protection": "needs attention",
        "children_in_care": "exceptional",
    }
    assert parsed.judgements[1].grade_text == "Expected standard"
    assert parsed.problems == ()


def test_made_up_report_missing_an_expected_area(made_up: Vocabulary) -> None:
    parsed = parse(made_up_pages(*TABLE[:1], *TABLE[2:]), LABEL)
    assert [(p.field, p.message) for p in parsed.problems] == [
        ("family_help", "not in the judgement table")
    ]


def test_analysis_ranks_and_counts_the_new_scale(made_up: Vocabulary) -> None:
    rows = [
        row(1, "2025-03-01", "good", "ilacs_short", help_protection="good"),
        row(
            1,
            "2027-09-01",
            "",
            "ilacs_2027",
            help_protection="needs attention",
            family_help="strong",
        ),
        row(1, "2028-09-01", "", "ilacs_2027", help_protection="strong", family_help="strong"),
        row(2, "2027-10-01", "", "ilacs_2027", help_protection="exceptional"),
    ]
    assert analysis.grades(rows[1]) == {
        "help_protection": "needs attention",
        "family_help": "strong",
    }
    assert all(analysis.is_graded(r) for r in rows)
    assert analysis.count_grades(rows[1:], "help_protection", "five_point_2027") == {
        "exceptional": 1,
        "strong": 1,
        "expected standard": 0,
        "needs attention": 1,
        "urgent improvement": 0,
    }
    assert sum(analysis.count_grades(rows, "help_protection").values()) == 1  # the 2025 report
    found = changes(rows, date(2025, 1, 1), date(2029, 1, 1), "help_protection")
    # good (2025) to needs attention (2027) is a change of scale, not a fall; then it rose
    assert [(c.from_grade, c.to_grade, c.direction) for c in found] == [
        ("needs attention", "strong", "up")
    ]
    matrix = transition_matrix(rows, "help_protection", "five_point_2027")
    assert matrix["needs attention"]["strong"] == 1
    assert sum(n for to in matrix.values() for n in to.values()) == 1
    assert transition_matrix(rows, "help_protection")["good"] == dict.fromkeys(analysis.SCALE, 0)


def test_made_up_report_is_stored_and_read_back(
    made_up: Vocabulary, tmp_path: Path, backend: str
) -> None:
    pages = made_up_pages(*TABLE)
    parsed = parse(pages, LABEL)
    engine = connect(new_database(backend, tmp_path, "made_up"))
    text = "\f".join(p.text for p in pages)
    doc = Document(
        str(tmp_path / "x.pdf"), LABEL, hashlib.sha256(text.encode()).hexdigest(), 1, pages
    )
    store(engine, doc, parsed, Resolved(None), PARSER_VERSION)
    inspection = read.find_inspection(engine, "testshire")
    assert inspection is not None
    stored = {j.area: j.grade for j in read.judgements_of(engine, inspection)}
    assert stored == {j.area: j.grade for j in parsed.judgements}
    (history,) = read.history(engine)
    assert (history.framework, history.grades["family_help"]) == (
        "ilacs_2027",
        "expected standard",
    )
    engine.dispose()
