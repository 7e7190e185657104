"""Side-by-side comparisons on real reports: Rotherham 2014 vs its 2017/18 re-inspection (the
seed table users build by hand), and Devon and Barnet across SIF -> ILACS.

Grades were read from page 1 of each PDF (and agree with labels.csv); findings and pages were
checked against the PDF text. A small store of the three LAs' folders is built once here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from sqlalchemy import Engine

from csc_inspections.analysis.compare import Comparison, compare, opening, pick
from csc_inspections.analysis.compare_render import (
    THEME_HEADS,
    to_dict,
    to_html,
    to_markdown,
    to_rows,
)
from csc_inspections.analysis.themes import STATUSES
from csc_inspections.answers import Store
from csc_inspections.answers.comparisons import comparison
from csc_inspections.errors import UsageError
from csc_inspections.ingest import ingest
from csc_inspections.records import ReportRecord, SectionRecord
from csc_inspections.store import read
from csc_inspections.store.db import connect
from csc_inspections.vocabulary import current
from tests.analysis.rows import letter, recommendation, report
from tests.conftest import CORPUS
from tests.databases import new_database

ROTHERHAM, DEVON, BARNET = 80543, 80461, 80487
FOLDERS = ("80543_rotherham", "80461_devon", "80487_barnet")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[Engine]:
    engine = connect(new_database(backend, tmp_path_factory.mktemp("compare"), "three"))
    folders = [CORPUS / kind / f for kind in ("reports", "letters") for f in FOLDERS]
    ingest(engine, folders, workers=2)
    yield engine
    engine.dispose()


def build(engine: Engine, urn: int, ref_a: str, ref_b: str) -> Comparison:
    """What the command line and the web do: pick two inspections and compare them."""
    return comparison(Store(engine), urn, ref_a, ref_b)


def by_area(c: Comparison) -> dict[str, Any]:
    return {r.area: r for r in c.rows}


IN, RI, GOOD, OUT = "inadequate", "requires improvement", "good", "outstanding"


def test_rotherham_2014_against_its_2017_reinspection(db: Engine) -> None:
    c = build(db, ROTHERHAM, "2014", "2017")
    assert c.a.file.endswith("19 november 2014.pdf")
    assert c.b.file.endswith("29 january 2018.pdf")
    rows = by_area(c)
    assert [r.area for r in c.rows] == [  # overall first, as in every table of the site
        *("overall", "help_protection", "children_in_care", "adoption", "care_leavers"),
        *("leadership", "lscb"),
    ]
    expected = {
        "help_protection": (IN, GOOD, "improved"),
        "children_in_care": (IN, RI, "improved"),
        "adoption": (RI, GOOD, "improved"),
        "care_leavers": (IN, OUT, "improved"),
        "leadership": (IN, GOOD, "improved"),
        "lscb": (IN, "", "not judged"),  # a re-inspection reviews no LSCB
        "overall": (IN, GOOD, "improved"),
    }
    assert {a: (r.grade_a, r.grade_b, r.change) for a, r in rows.items()} == expected
    assert all(not r.note for r in c.rows)  # both SIF: nothing approximate
    assert rows["children_in_care"].wording_a == "Children looked after and achieving permanence"
    assert rows["care_leavers"].wording_b == "Experiences and progress of care leavers"


def test_rotherham_findings_open_each_area_section_with_its_page(db: Engine) -> None:
    rows = by_area(build(db, ROTHERHAM, "2014", "2018"))
    opened = {
        ("help_protection", "a"): ("Serious and widespread failures in child protection", 12),
        ("help_protection", "b"): ("There has been significant progress in the identific", 10),
        ("children_in_care", "a"): ("There continue to be serious weaknesses in services", 20),
        ("adoption", "a"): ("The delay experienced by children in going to live", 28),
        ("adoption", "b"): ("Children, whose permanence plan is adoption, are now", 20),
        ("care_leavers", "b"): ("The vast majority of care leavers in Rotherham now", 23),
        ("leadership", "a"): ("The local authority does not understand many of its", 35),
        ("lscb", "a"): ("The pace of change and improvement delivered by the LSCB", 40),
        ("overall", "a"): ("Serious and widespread failures in child protection", 3),
        ("overall", "b"): ("Services to children in need of help and protection are now", 2),
    }
    for (area, side), (start, page) in opened.items():
        row = rows[area]
        assert getattr(row, f"finding_{side}").startswith(start), (area, side)
        assert getattr(row, f"page_{side}") == page, (area, side)
    # the 2014 summary's lead-in ("... inadequate because:") and sub-heading are skipped
    assert rows["overall"].finding_a == (
        "Serious and widespread failures in child protection work mean that children and young"
        " people are not adequately protected."
    )
    # a short first sentence takes the second with it
    assert rows["overall"].finding_b.startswith("Services to children in need of help and")
    assert "systematic and rigorous approach" in rows["overall"].finding_b


def test_rotherham_still_to_improve_and_letters(db: Engine) -> None:
    c = build(db, ROTHERHAM, "2014", "2018")
    assert len(c.still_to_improve) == 8  # labels.csv n_recommendations
    assert c.still_to_improve[0].text.startswith("Ensure that managers provide challenging")
    assert {r.page for r in c.still_to_improve} == {8}
    assert c.letters == ()  # the focused visits came after 2018
    later = build(db, ROTHERHAM, "2018", "2022")
    assert [(x.kind, x.visit_start) for x in later.letters] == [
        ("focused_visit", date(2019, 3, 21)),
        ("focused_visit", date(2020, 10, 20)),
    ]
    assert "permanence planning" in later.letters[0].topic
    assert later.letters[0].finding.startswith("Children looked after by Rotherham")


def test_devon_sif_to_ilacs_declines_with_crosswalk_notes(db: Engine) -> None:
    c = build(db, DEVON, "2015", "2020")
    rows = by_area(c)
    expected = {
        "help_protection": (RI, RI, "same"),
        "children_in_care": (RI, IN, "declined"),
        "adoption": (GOOD, "", "not judged"),
        "care_leavers": (IN, "", "not judged"),
        "leadership": (RI, IN, "declined"),
        "lscb": (IN, "", "not judged"),
        "overall": (RI, IN, "declined"),
    }
    assert {a: (r.grade_a, r.grade_b, r.change) for a, r in rows.items()} == expected
    assert rows["leadership"].note == "approximate: SIF leadership ~ ILACS impact of leaders"
    assert rows["children_in_care"].note.startswith("approximate: SIF looked after children")
    assert rows["help_protection"].note == ""
    assert rows["care_leavers"].note == (
        "in B, judged within 'The experiences and progress of children in care and care leavers'"
    )
    assert rows["leadership"].wording_b == (
        "The impact of leaders on social work practice with children and families"
    )
    assert rows["leadership"].finding_b.startswith("Since the last inspection in 2015, key")
    assert rows["leadership"].page_b == 9
    assert rows["overall"].finding_b.startswith("There are serious failures in the services")
    assert [x.topic[:45] for x in c.letters] == [
        "the local authority’s arrangements for care l",
        "the local authority’s arrangements for childr",
    ]
    assert c.letters[0].finding.startswith("Following a period of changes")
    assert c.letters[0].page == 1


def test_barnet_sif_to_ilacs_improves(db: Engine) -> None:
    c = build(db, BARNET, "2017", "2019")
    rows = by_area(c)
    assert {a: (r.grade_a, r.grade_b) for a, r in rows.items()} == {
        "help_protection": (IN, GOOD),
        "children_in_care": (IN, GOOD),
        "adoption": (RI, ""),
        "care_leavers": (RI, ""),
        "leadership": (IN, GOOD),
        "lscb": (IN, ""),
        "overall": (IN, GOOD),
    }
    assert rows["leadership"].note.startswith("approximate:")
    assert rows["adoption"].note == "sif only"
    assert rows["overall"].finding_a.startswith("There are widespread and serious failures")
    assert rows["overall"].page_a == 2
    assert rows["leadership"].page_b == 7
    assert len(c.still_to_improve) == 4


def test_comparison_is_ordered_earlier_first(db: Engine) -> None:
    assert build(db, BARNET, "2019", "2017") == build(db, BARNET, "2017", "2019")


# pick(): hand-built history rows


def row(
    iid: int, start: str, end: str, published: str, framework: str = "sif", **grades: str
) -> ReportRecord:
    return report(
        0, published, framework=framework, start=start, end=end, inspection_id=iid,
        file=f"la/report {iid}.pdf", **grades,
    )  # fmt: skip


HISTORY = [
    row(10, "2014-09-16", "2014-10-08", "2014-11-19"),
    row(11, "2017-11-06", "2017-11-30", "2018-01-29", framework="sif_reinspection"),
    row(12, "2018-06-04", "2018-06-15", "2018-08-01", framework="ilacs_standard"),
    row(13, "", "", "2012-08-10", framework="not_a_report"),
]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("2014", 10),
        ("2017", 11),  # the visit's year
        ("2017-11-20", 11),  # a day on site
        ("2018-01-29", 11),  # the publication day
        ("12", 12),  # an id
        (" 2014 ", 10),
        ("report 12", 12),  # part of the file name
    ],
)
def test_pick_finds_one_inspection(ref: str, expected: int) -> None:
    assert pick(HISTORY, ref).inspection_id == expected


def test_pick_lists_both_when_a_year_matches_two() -> None:
    with pytest.raises(UsageError, match="2 inspections") as err:
        pick(HISTORY, "2018")
    assert "11 (sif_reinspection" in str(err.value) and "12 (ilacs_standard" in str(err.value)


@pytest.mark.parametrize("ref", ["2016", "2012", "2015-01-01", "99", "nothing"])
def test_pick_lists_the_inspections_when_nothing_matches(ref: str) -> None:
    with pytest.raises(UsageError, match="no inspection matches") as err:
        pick(HISTORY, ref)
    assert "10 (sif" in str(err.value)
    assert "13 (" not in str(err.value)  # not a report


def test_pick_rejects_an_impossible_date() -> None:
    with pytest.raises(UsageError, match="not a date"):
        pick(HISTORY, "2014-02-30")


def test_a_year_matching_nothing_is_tried_as_an_id() -> None:
    rows = [*HISTORY, row(2016, "2020-01-01", "2020-01-10", "2020-03-01")]
    assert pick(rows, "2016").inspection_id == 2016


def test_compare_needs_two_inspections() -> None:
    with pytest.raises(UsageError):
        compare(HISTORY[0], HISTORY[0], [], [], [], [])


# opening(): the finding of a section


def test_opening_skips_lead_ins_and_sub_headings_and_counts_pages() -> None:
    text = "Summary\nThe area is weak because:\nLeadership\n• Too few visits happen. Plans drift.\n"
    assert opening(text, 5) == ("Too few visits happen. Plans drift.", 5)
    assert opening("\f12. Children are seen\nquickly by social workers. More text.", 3) == (
        "Children are seen quickly by social workers. More text.",
        4,
    )
    assert opening("", 1) == ("", None)
    long = "A" + " word" * 200 + "."
    found, _ = opening(long, 1)
    assert len(found) <= 402 and found.endswith("…")


# Renderers


SCRIPT = "<script>alert('x')</script>"


def hostile() -> Comparison:
    a = row(1, "2014-01-06", "2014-01-29", "2014-03-01", help_protection=IN, overall=IN)
    b = row(2, "2018-01-08", "2018-01-19", "2018-03-01", "ilacs_standard", help_protection=GOOD,
            overall=GOOD)  # fmt: skip
    text = f"Risk is {SCRIPT}. Ok."
    sections = [SectionRecord(1, "judgement_help_protection", "", 3, 3, text)]
    rec = recommendation(b.file, 1, f"Stop {SCRIPT} | [x](y)", "workforce", page=2)
    visit = letter(0, "2016-06-01", start="2016-05-01", topic=f"the <b>front door</b> {SCRIPT}")
    return compare(a, b, [], sections, [], [rec], [visit])


def test_html_escapes_every_value_from_a_report() -> None:
    html = to_html(hostile())
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;front door&lt;/b&gt;" in html
    assert html.count("<tr>") == 3  # header, help and protection, overall


def test_markdown_escapes_html_and_table_syntax() -> None:
    md = to_markdown(hostile())
    assert "<script>" not in md and "<b>" not in md
    assert r"\<script\>" in md and r"Stop \<script\>alert('x')\</script\> \| \[x\](y)" in md
    table = [line for line in md.splitlines() if line.startswith("| ")]
    assert len(table) == 3 and all(line.count(" | ") == 3 for line in table)  # no stray cells


def test_rows_and_dict() -> None:
    c = hostile()
    rows = to_rows(c)
    assert {"area", "grade_a", "grade_b", "change", "finding_a", "finding_b"} <= set(rows[0])
    assert {"page_a", "page_b", "note"} <= set(rows[0])
    help_row = next(r for r in rows if r["area"] == "help_protection")  # after overall
    assert help_row["finding_b"].startswith("Risk is <script>")  # raw in data; escaped on show
    assert help_row["page_b"] == 3
    assert json.loads(json.dumps(to_dict(c), default=str))["still_to_improve"][0]["number"] == 1


def test_rotherham_markdown_reads_like_the_seed_table(db: Engine) -> None:
    md = to_markdown(build(db, ROTHERHAM, "2014", "2018"))
    assert "| Experiences and progress of care leavers | **Inadequate**: " in md
    assert "| **Outstanding**: The vast majority of care leavers in Rotherham" in md
    assert "## What B still asks to improve" in md


def test_repeats_name_each_ask_by_the_number_its_report_prints(db: Engine) -> None:
    """ "Asked before: A no. N" is the number a reader finds in A's PDF, not its place in the
    list as read (a SIF report numbers its lists on from one group to the next). Rotherham's
    2022 report asks again what the 2014 one printed as its point 23 (read in the PDF)."""
    c = build(db, ROTHERHAM, "2014", "2022")
    assert c.repeated
    stored = {(r.file, r.text): r for r in read.recommendations(db, ROTHERHAM)}
    for pair in c.repeated:
        a = stored[(pair.a.file, pair.a.text)]
        assert pair.a.printed_number == a.printed_number
        assert pair.a.shown == (a.printed_number or a.number)
    first = c.repeated[0]
    assert first.a.shown == 23
    assert f"B no. {first.b.shown} repeats A no. 23" in to_markdown(c)


# Themes: which of A's themes B still asks for


def themed() -> Comparison:
    """A asks for workforce (points 1 and 2, printed as 4 and 5) and assessments (point 2);
    B for workforce (point 1) and early help (point 2); B's point 3 has no theme."""
    a = row(1, "2014-01-06", "2014-01-29", "2014-03-01", overall=IN)
    b = row(2, "2018-01-08", "2018-01-19", "2018-03-01", "ilacs_standard", overall=GOOD)
    a_recs = [
        recommendation(a.file, 1, "Recruit staff.", "workforce", page=7, printed_number=4),
        recommendation(a.file, 2, "Train staff to assess.", "assessment", "workforce", page=8,
                       printed_number=5),
        recommendation(a.file, 3, "The board's point.", "early_help", scope="lscb"),
    ]  # fmt: skip
    b_recs = [
        recommendation(b.file, 1, "Keep social workers.", "workforce", page=3),
        recommendation(b.file, 2, f"Early help {SCRIPT}.", "early_help", page=3),
        recommendation(b.file, 3, "Something else.", page=4),
    ]
    return compare(a, b, [], [], a_recs, b_recs)


def test_themes_still_no_longer_and_newly_asked() -> None:
    c = themed()
    got = {t["theme"]: t for t in to_dict(c)["themes"]}
    assert [(t["theme"], t["status"]) for t in to_dict(c)["themes"]] == [
        ("workforce", "still asked"),
        ("assessment", "no longer asked"),
        ("early_help", "newly asked"),  # the LSCB's early help point in A is not A's own
    ]
    assert [p["printed_number"] for p in got["workforce"]["a"]] == [4, 5]
    assert [p["number"] for p in got["workforce"]["b"]] == [1]
    assert got["assessment"]["label"] == "Assessments" and got["assessment"]["b"] == []
    md = to_markdown(c)
    assert "Still asked by B (1):\n- Workforce: A no. 4 (p. 7), 5 (p. 8); B no. 1 (p. 3)" in md
    assert "No longer asked by B (1):\n- Assessments: A no. 5 (p. 8)\n" in md
    assert "Newly asked by B (1):\n- Early help: B no. 2 (p. 3)\n" in md
    html = to_html(c)
    assert "<h4>Still asked by B</h4><ul>\n<li>Workforce: A no. 4 (p. 7), 5 (p. 8); B no. 1" in html


def test_themes_without_points_say_so() -> None:
    a = row(1, "2014-01-06", "2014-01-29", "2014-03-01", overall=IN)
    b = row(2, "2018-01-08", "2018-01-19", "2018-03-01", "ilacs_standard", overall=GOOD)
    c = compare(a, b, [], [], [], [])
    assert c.themes == () and to_dict(c)["themes"] == []
    assert "## Themes asked to improve\nNo improvement points of A or B read." in to_markdown(c)
    assert "<li>None.</li>" in to_html(c)


@pytest.mark.parametrize(("ref_a", "ref_b"), [("2014", "2018"), ("2018", "2022")])
def test_rotherham_themes_are_the_stored_tags_of_each_report(
    db: Engine, ref_a: str, ref_b: str
) -> None:
    """Each theme's status recomputed from the stored points: sets of A's and B's main
    points' themes (the tagger's tags, as `export recommendations` gives them)."""
    c = build(db, ROTHERHAM, ref_a, ref_b)
    stored = read.recommendations(db, ROTHERHAM)
    mine = {
        side.file: {
            t for r in stored if r.file == side.file and r.scope == "main" for t in r.themes
        }
        for side in (c.a, c.b)
    }
    a, b = mine[c.a.file], mine[c.b.file]
    assert a and b
    expected = {
        **{t: "still asked" for t in a & b},
        **{t: "no longer asked" for t in a - b},
        **{t: "newly asked" for t in b - a},
    }
    got = to_dict(c)["themes"]
    assert {t["theme"]: t["status"] for t in got} == expected
    for t in got:  # the points named are that side's main points tagged with the theme
        for side, file in (("a", c.a.file), ("b", c.b.file)):
            tagged = [r for r in stored if r.file == file and r.scope == "main"]
            numbers = [r.number for r in tagged if t["theme"] in r.themes]
            assert [p["number"] for p in t[side]] == numbers
            assert {p["file"] for p in t[side]} <= {file}
    section = to_markdown(c).split("## Themes asked to improve\n")[1].split("\n## ")[0]
    listed = {
        block.splitlines()[0]: [line.split(": ")[0][2:] for line in block.splitlines()[1:]]
        for block in section.strip().split("\n\n")
    }
    assert listed == {
        f"{THEME_HEADS[status]} ({len(labels)}):": labels or ["none"]
        for status in STATUSES
        for labels in [[current().theme(t["theme"]).label for t in got if t["status"] == status]]
    }
