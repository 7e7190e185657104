"""The hand-labelled items are what the parser reads today, where it reads them, and the second
reading is a real sample of them: otherwise the tagger would learn from text no store holds."""

from __future__ import annotations

from collections import Counter

import pytest

from csc_inspections.themes.labelled import labelled, second_reading, themes_of
from csc_inspections.vocabulary import current
from tests.corpus_parsed import labels, parsed

ITEMS = labelled()


def _kind(file: str) -> str:
    return "reports" if file in labels("reports") else "letters"


def _read(file: str, item: str, scope: str, number: int) -> tuple[str, int | None] | None:
    found = parsed(_kind(file), file)
    assert found is not None, f"{file}: the corpus no longer reads it"
    if item == "recommendation":
        points = [r for r in found.content.recommendations if r.scope == scope]
    else:
        points = list(found.content.findings)
    for point in points:
        if point.number == number:
            return point.text, point.source.page
    return None


@pytest.mark.parametrize("file", sorted({i.file for i in ITEMS}))
def test_items_are_read_as_labelled(file: str) -> None:
    for item in (i for i in ITEMS if i.file == file):
        found = _read(file, item.item, item.scope, item.number)
        assert found is not None, f"{item.key}: {file} has no {item.item} {item.number}"
        assert found == (item.text, item.page), f"{item.key}: read differently now"


def test_every_era_and_theme_is_labelled() -> None:
    assert len(ITEMS) >= 400
    assert len({i.key for i in ITEMS}) == len(ITEMS)
    eras = Counter(i.era for i in ITEMS)
    kinds = {*current().frameworks, *(k.kind for k in current().letter_kinds)}
    assert set(eras) <= kinds
    assert {"sif", "sif_reinspection", "ilacs_standard", "ilacs_short", "ilacs_2026"} <= set(eras)
    assert {"focused_visit", "jtai"} <= set(eras)
    themes = Counter(t for i in ITEMS for t in i.themes)
    assert set(themes) == set(current().theme_keys)
    assert min(themes.values()) >= 30, themes.most_common()[-3:]


def test_second_reading_is_blind_sample_of_the_items() -> None:
    second = second_reading()
    assert len(second) >= 50
    first = {i.key: i for i in ITEMS}
    assert set(second) <= set(first)
    assert all(reading.reader != first[k].reader for k, reading in second.items())


def test_a_theme_the_vocabulary_lacks_is_refused() -> None:
    assert themes_of("workforce;early_help") == {"workforce", "early_help"}
    assert themes_of("") == frozenset()
    with pytest.raises(ValueError, match="caseloads"):
        themes_of("workforce;caseloads")
