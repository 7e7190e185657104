"""Recurring recommendations: the similarity on small hand-built inputs, and its precision and
recall on the hand-labelled pairs in tests/fixtures/recommendation_pairs.csv.

The pairs were labelled by reading them (see tests/fixtures/README.md); the threshold was chosen
on the "tuning" pairs and checked on the "held_out" ones, labelled after the method was frozen.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine

from csc_inspections.analysis.recurring import (
    THRESHOLD,
    Rec,
    cosine,
    idf,
    recurring,
    repeats,
    similar_pairs,
    similarity,
    stem,
    tokens,
    vector,
)
from csc_inspections.store import read

PAIRS = Path(__file__).resolve().parents[1] / "fixtures" / "recommendation_pairs.csv"


def rec(file: str, number: int, text: str) -> Rec:
    return Rec(file=file, number=number, page=number + 1, text=text)


def test_tokens_drop_stop_words_and_meet_word_forms() -> None:
    assert tokens("Ensure that managers provide supervision of the plans.") == [
        "manag",
        "supervis",
        "plan",
    ]
    assert stem("planning") == stem("plans") == "plan"
    assert stem("permanency") == stem("permanence")
    assert stem("assess") == "assess"  # not 'asses'
    # an acronym after its words is not counted twice; possessives are cut
    assert tokens("independent reviewing officers (IROs)") == ["independent", "review", "offic"]
    assert tokens("Children’s services") == []


def test_cosine() -> None:
    weights = idf(["management oversight", "return home interviews", "caseloads"])
    u = vector("management oversight", weights)
    assert cosine(u, u) == pytest.approx(1.0)
    assert cosine(u, vector("return home interviews", weights)) == 0.0
    assert cosine({}, u) == 0.0
    assert similarity("The quality of supervision.", "Supervision quality") == pytest.approx(1.0)


SUPERVISION = [
    rec("la/2014.pdf", 1, "Improve management oversight and the quality of supervision."),
    rec("la/2014.pdf", 2, "Ensure that return home interviews are offered to missing children."),
    rec("la/2018.pdf", 1, "Management oversight and supervision of social work practice."),
    rec("la/2018.pdf", 2, "The sufficiency of local placements for children in care."),
    rec("la/2022.pdf", 1, "The quality of supervision and management oversight."),
    rec("la/2022.pdf", 2, "Timeliness of return home interviews when children go missing."),
    rec("la/2022.pdf", 3, "Supervision and management oversight in the front door."),
]


def test_similar_pairs_are_across_reports_and_above_threshold() -> None:
    pairs = similar_pairs(SUPERVISION, THRESHOLD)
    assert pairs and all(p.a.file != p.b.file and p.score >= THRESHOLD for p in pairs)
    assert [p.score for p in pairs] == sorted((p.score for p in pairs), reverse=True)
    assert similar_pairs(SUPERVISION, 1.01) == []


def test_recurring_groups_the_same_ask_across_three_reports() -> None:
    groups = recurring(SUPERVISION)
    assert len(groups) == 2
    oversight, missing = groups
    assert [(r.file, r.number) for r in oversight.recs] == [
        ("la/2014.pdf", 1),
        ("la/2018.pdf", 1),
        ("la/2022.pdf", 1),
        ("la/2022.pdf", 3),
    ]
    assert [(r.file, r.number, r.page) for r in missing.recs] == [
        ("la/2014.pdf", 2, 3),
        ("la/2022.pdf", 2, 3),
    ]
    assert all(r.text for g in groups for r in g.recs)
    assert recurring(SUPERVISION[:1]) == []


def test_repeats_gives_each_later_ask_its_closest_earlier_one() -> None:
    earlier, later = SUPERVISION[:2], SUPERVISION[4:]
    found = repeats(earlier, later)
    assert [(p.a.number, p.b.number) for p in found] == [(1, 1), (2, 2), (1, 3)]
    assert repeats(later, []) == []


# The labelled pairs


def labelled() -> list[dict[str, str]]:
    with PAIRS.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def counts(scored: Sequence[tuple[float, bool]], threshold: float) -> tuple[int, int, int]:
    """(true positives, false positives, false negatives) at the threshold."""
    tp = sum(1 for s, same in scored if s >= threshold and same)
    fp = sum(1 for s, same in scored if s >= threshold and not same)
    fn = sum(1 for s, same in scored if s < threshold and same)
    return tp, fp, fn


def test_fixture_is_well_formed() -> None:
    rows = labelled()
    assert len(rows) >= 40
    assert {r["same"] for r in rows} == {"yes", "no"}
    assert {r["set"] for r in rows} == {"tuning", "held_out"}
    for r in rows:
        assert len(r["text_a"]) <= 200 and len(r["text_b"]) <= 200
        assert r["file_a"].split("/")[0] == r["file_b"].split("/")[0]  # one LA
        assert r["file_a"] != r["file_b"] and r["why"]
    keys = [(r["file_a"], r["number_a"], r["file_b"], r["number_b"]) for r in rows]
    assert len(set(keys)) == len(keys)


def test_precision_and_recall_on_the_fixture_excerpts() -> None:
    """Self-contained: the excerpts as stored, word weights over all the fixture's texts."""
    rows = labelled()
    weights = idf([t for r in rows for t in (r["text_a"], r["text_b"])])
    scored = {
        s: [
            (cosine(vector(r["text_a"], weights), vector(r["text_b"], weights)), r["same"] == "yes")
            for r in rows
            if s in ("all", r["set"])
        ]
        for s in ("tuning", "held_out", "all")
    }
    assert counts(scored["tuning"], THRESHOLD) == (34, 6, 11)  # P 0.85, R 0.76
    assert counts(scored["held_out"], THRESHOLD) == (20, 4, 9)  # P 0.83, R 0.69
    assert counts(scored["all"], THRESHOLD) == (54, 10, 20)  # P 0.84, R 0.73


def test_precision_and_recall_as_the_command_line_runs_it(corpus_db: Engine) -> None:
    """The production path: full texts from the store, word weights over the LA's own
    main recommendations (what the command line passes as the corpus)."""
    recs = [r for r in read.recommendations(corpus_db) if r.scope == "main"]
    text = {(r.file, str(r.number)): r.text for r in recs}
    by_la: dict[str, list[str]] = defaultdict(list)
    for r in recs:
        by_la[r.file.split("/")[0]].append(r.text)
    weights = {la: idf(texts) for la, texts in by_la.items()}
    scored: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for r in labelled():
        w = weights[r["file_a"].split("/")[0]]
        a, b = text[(r["file_a"], r["number_a"])], text[(r["file_b"], r["number_b"])]
        for subset in (r["set"], "all"):
            scored[subset].append((cosine(vector(a, w), vector(b, w)), r["same"] == "yes"))
    assert counts(scored["tuning"], THRESHOLD) == (36, 5, 9)  # P 0.88, R 0.80
    assert counts(scored["held_out"], THRESHOLD) == (23, 3, 6)  # P 0.88, R 0.79
    assert counts(scored["all"], THRESHOLD) == (59, 8, 15)  # P 0.88, R 0.80
