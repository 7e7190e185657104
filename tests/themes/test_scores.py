"""The tagger's scores on the held-out labelled items: at or above the target, and the README
gives them as measured."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from csc_inspections.themes.scores import (
    MEASURED_MICRO_F1,
    TARGET_MICRO_F1,
    Score,
    held_out_scores,
    markdown,
    reader_agreement,
    score,
)

README = Path(__file__).parents[2] / "README.md"


@pytest.fixture(scope="module")
def scores() -> list[Score]:
    return held_out_scores()


def test_micro_f1_on_held_out_items_meets_the_target(scores: list[Score]) -> None:
    micro = scores[-1]
    assert micro.name == "micro"
    assert micro.support >= 400  # labels of the held-out items, all themes
    assert micro.f1 >= TARGET_MICRO_F1, markdown(scores)
    assert round(micro.f1, 2) == MEASURED_MICRO_F1  # what the pages say


def test_readme_gives_the_scores_as_measured(scores: list[Score]) -> None:
    block = re.search(
        r"<!-- theme-scores -->\n(.*?)\n<!-- /theme-scores -->", README.read_text(), re.S
    )
    assert block is not None, "README.md lacks the theme scores block"
    assert block.group(1) == markdown(scores)


def test_readme_gives_the_readers_agreement() -> None:
    agreement = reader_agreement()
    stated = (
        f"precision {agreement.precision:.2f}, recall {agreement.recall:.2f}, F1 {agreement.f1:.2f}"
    )
    assert stated in " ".join(README.read_text().split())
    assert agreement.support >= 50


def test_scores_count_each_theme_and_all_together() -> None:
    truth = [frozenset({"a"}), frozenset({"a", "b"}), frozenset()]
    found = [frozenset({"a"}), frozenset({"b"}), frozenset({"b"})]
    a, b, micro = score(truth, found, ["a", "b"])
    assert (a.true_positives, a.false_positives, a.false_negatives) == (1, 0, 1)
    assert (b.true_positives, b.false_positives, b.false_negatives) == (1, 1, 0)
    assert (micro.precision, micro.recall) == (2 / 3, 2 / 3)
    assert a.f1 == pytest.approx(2 / 3) and b.f1 == pytest.approx(2 / 3)
