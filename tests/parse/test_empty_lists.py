"""A sentence saying a list is empty ("There are no priority actions", in whatever words) is
never stored as one of its items: over the whole corpus, and on small synthetic lists."""

from __future__ import annotations

import re

import pytest

from csc_inspections.model import Section
from csc_inspections.parse.recommendations import recommendations
from tests.corpus_parsed import documents

# Independent of the parser's rule: a short sentence that denies there is anything to list.
_EMPTY = re.compile(
    r"^(?:there\s+(?:are|is|were)\s+no\b|no\s+(?:areas?|priority|recommendations?|actions?)\b"
    r"|none\b|not\s+applicable\b|.{0,40}\bnot\s+identif(?:y|ied)\s+any\b)",
    re.IGNORECASE,
)
_SHORT = 15  # words: a sentence saying there is nothing, not a point that mentions "no"

SAYS_EMPTY = (
    "There are no priority actions.",
    "There are no areas for priority action.",
    "No areas were identified for immediate improvement.",
    "No priority actions were identified.",
    "No recommendations are made.",
    "Inspectors did not identify any areas for priority action.",
    "Ofsted has not identified any areas for priority or immediate action.",
    "None.",
    "Not applicable",
)


def test_no_stored_recommendation_says_its_list_is_empty() -> None:
    found = [
        f"{doc.label}: {r.text}"
        for doc, parsed in documents()
        for r in parsed.content.recommendations
        if len(r.text.split()) <= _SHORT and _EMPTY.match(r.text)
    ]
    assert not found, "\n".join(found)


def _section(text: str) -> Section:
    return Section("recommendations", "What needs to improve?", 1, 1, text)


@pytest.mark.parametrize("sentence", SAYS_EMPTY)
def test_a_bulleted_list_that_says_it_is_empty_has_no_items(sentence: str) -> None:
    assert recommendations([_section(f"• {sentence}\n")], "ilacs", "x.pdf") == ()


@pytest.mark.parametrize("sentence", SAYS_EMPTY)
def test_an_empty_group_keeps_the_other_group_s_points(sentence: str) -> None:
    text = (
        "Priority and immediate action\n"
        f"1. {sentence}\n"
        "Areas for improvement\n"
        "2. Improve the quality of plans for children in need.\n"
        "3. Ensure that no child waits for a review of their plan.\n"
    )
    found = recommendations([_section(text)], "sif", "x.pdf")
    assert [(r.number, r.group) for r in found] == [(1, "improvement"), (2, "improvement")]
    assert found[1].text == "Ensure that no child waits for a review of their plan."
