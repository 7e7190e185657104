"""LA names as the corpus prints them resolve to the right URN; users can type codes too;
the councils that were reorganised, with their dates, predecessors and successors."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest

from csc_inspections.errors import UnknownLocalAuthority
from csc_inspections.reference import (
    by_urn,
    councils_on,
    find,
    find_council,
    history_predecessors,
    lookup,
    resolve,
    resolve_council,
    suggest,
)


@pytest.mark.parametrize(
    ("printed", "urn"),
    [
        ("Metropolitan Borough of Rotherham", 80543),  # SIF 2014, page 1
        ("Rotherham Metropolitan Borough Council", 80543),  # ILACS 2022, page 1
        ("City of Bradford Metropolitan District Council", 80449),
        ("Bradford Children and Families Trust", 80449),
        ("Dudley MBC", 80464),
        ("Kingston-upon-Hull", 80477),
        ("Royal Borough of Kingston-upon-Thames", 80545),
        ("Council of the Isles of Scilly", 80455),
        ("the Royal Borough of Windsor and Maidenhead", 80546),
        ("London Borough of Hammersmith & Fulham", 80497),
        ("Surrey Safeguarding Children Board", 80567),
        ("St. Helens Metropolitan Borough Council", 80560),
        ("Newcastle", 80525),
        ("East Riding", 80466),
        ("City of London", 80450),
        ("Northamptonshire County Council", 121939),
        ("North Northamptonshire", 2637539),
    ],
)
def test_printed_names(printed: str, urn: int) -> None:
    la = resolve(printed)
    assert la is not None and la.urn == urn


@pytest.mark.parametrize("printed", ["", "Council", "Atlantis", "North"])
def test_unknown_or_ambiguous_names_are_not_guessed(printed: str) -> None:
    assert resolve(printed) is None


@pytest.mark.parametrize("typed", ["80543", "372", "E08000018", "rotherham"])
def test_find_by_urn_codes_or_name(typed: str) -> None:
    la = find(typed)
    assert la is not None and la.name == "Rotherham"


# --- councils that were reorganised (data/lineage.csv) ------------------------------------
# Expected values from shared/docs/domain.md ("Councils that were reorganised") and Ofsted's
# official counts, not from the code: 152 councils in 2017-19, 151 from 1 April 2019, 152 from
# 1 April 2021, 153 from 1 April 2023.


def _codes_on(day: date) -> set[str]:
    return {c.la_code for c in councils_on(day)}


@pytest.mark.parametrize(
    ("day", "count", "gone", "new"),
    [
        (date(2019, 3, 31), 152, {"838", "839"}, {"835", "836", "837"}),
        (date(2019, 4, 1), 151, {"835", "836", "837"}, {"838", "839"}),
        (date(2021, 3, 31), 151, {"940", "941"}, {"928"}),
        (date(2021, 4, 1), 152, {"928"}, {"940", "941"}),
        (date(2023, 3, 31), 152, {"942", "943"}, {"909"}),
        (date(2023, 4, 1), 153, {"909"}, {"942", "943"}),
    ],
)
def test_councils_that_existed_either_side_of_each_reorganisation(
    day: date, count: int, gone: set[str], new: set[str]
) -> None:
    existing = _codes_on(day)
    assert len(existing) == count
    assert not gone & existing and new <= existing


def test_lineage_table_names_councils_of_the_lookup() -> None:
    # Read both files with the csv module: every code in lineage.csv is a lookup row of the
    # name the lineage table gives it.
    data = Path(__file__).resolve().parents[1] / "csc_inspections" / "data"
    with (data / "la_lookup.csv").open(newline="", encoding="utf-8-sig") as fh:
        names = {r["la_code"]: r["local_authority_ons_name"] for r in csv.DictReader(fh)}
    with (data / "lineage.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 8
    for r in rows:
        assert names[r["predecessor_la_code"]] == r["predecessor"]
        assert names[r["successor_la_code"]] == r["successor"]
        assert r["history"] in ("yes", "no")


def test_predecessors_and_successors_with_their_dates() -> None:
    northants, north = by_urn(121939), by_urn(2637539)
    assert northants is not None and north is not None
    assert (northants.start, northants.end) == (None, date(2021, 4, 1))
    assert {s.urn for s in northants.successors} == {2637539, 2637548}
    assert (north.start, north.end) == (date(2021, 4, 1), None)
    assert [p.urn for p in north.predecessors] == [121939]
    assert north.exists_on(date(2021, 4, 1)) and not north.exists_on(date(2021, 3, 31))
    assert northants.exists_on(date(2021, 3, 31)) and not northants.exists_on(date(2021, 4, 1))
    cumbria = by_urn(135513)
    assert cumbria is not None
    assert sorted(s.name for s in cumbria.successors) == ["Cumberland", "Westmorland and Furness"]
    bcp = by_urn(2532287)
    assert bcp is not None
    assert {p.la_code for p in bcp.predecessors} == {"835", "836", "837"}  # with Christchurch


@pytest.mark.parametrize(
    ("urn", "shown"),
    [
        (2637539, {121939: "Northamptonshire"}),
        (2637548, {121939: "Northamptonshire"}),
        (2733690, {135513: "Cumbria"}),
        (2733698, {135513: "Cumbria"}),
        (121939, {}),
        (80543, {}),
    ],
)
def test_whose_inspections_a_history_shows(urn: int, shown: dict[int, str]) -> None:
    la = by_urn(urn)
    assert la is not None and history_predecessors(la) == shown


def test_bcp_history_shows_poole_and_never_dorset_county() -> None:
    # Christchurch passed from Dorset County Council to BCP, but the county's inspections are
    # of the services the new Dorset continues; Bournemouth's show once its URN is known.
    bcp = by_urn(2532287)
    assert bcp is not None
    shown = history_predecessors(bcp)
    assert shown.get(137316) == "Poole" and set(shown.values()) <= {"Poole", "Bournemouth"}


@pytest.mark.parametrize(
    ("printed", "la_code"),
    [
        ("Dorset", "838"),  # today's Dorset
        ("Dorset Council", "838"),
        ("Dorset County Council", "835"),  # the old county
        ("Bournemouth Borough Council", "837"),  # not BCP
        ("Bournemouth, Christchurch and Poole Council", "839"),
        ("Borough of Poole", "836"),
        ("Cumbria County Council", "909"),
        ("Westmorland and Furness Council", "943"),
    ],
)
def test_names_of_reorganised_councils(printed: str, la_code: str) -> None:
    council = resolve_council(printed)
    assert council is not None and council.la_code == la_code


def test_the_date_of_a_text_settles_a_name_two_councils_bore() -> None:
    # A 2016 report's "Dorset" is the old county; a 2021 report's is today's Dorset.
    old = resolve_council("Dorset", date(2016, 5, 23))
    new = resolve_council("Dorset", date(2021, 11, 19))
    assert old is not None and old.la_code == "835"
    assert new is not None and new.la_code == "838"


def test_a_council_without_urn_is_never_read_as_another() -> None:
    # Whatever URN the old borough is given, its name never resolves to its successor.
    for printed in ("Bournemouth", "Dorset County Council"):
        la = resolve(printed)
        assert la is None or la.la_code in ("837", "835")
    found = find_council("Dorset County Council")
    assert found is not None and (found.ons_code, found.end) == ("E10000009", date(2019, 4, 1))


def test_typing_an_old_council_finds_where_its_history_is() -> None:
    # Northamptonshire has its own page; Bournemouth's history is on BCP's page until its own
    # URN is known (and then its own page).
    assert find("Northamptonshire") == by_urn(121939)
    bournemouth = find("Bournemouth")
    assert bournemouth is not None and bournemouth.la_code in ("837", "839")
    dorset_county = find("835")
    assert dorset_county is not None and dorset_county.la_code in ("835", "838")


@pytest.mark.parametrize(
    ("typed", "closest"),
    [
        ("Rotheram", ("Rotherham",)),  # a typo: difflib's near spelling
        ("rother", ("Rotherham",)),  # the start of a name
        ("kingston", ("Kingston Upon Hull", "Kingston upon Thames")),  # two LAs start so
        ("hull", ("Kingston Upon Hull",)),  # a later word of the name
        ("Norfok", ("Norfolk",)),
        ("Atlantis", ()),
        ("", ()),
    ],
)
def test_suggest_names_the_closest_las(typed: str, closest: tuple[str, ...]) -> None:
    assert suggest(typed) == closest


def test_lookup_raises_with_the_suggestions() -> None:
    assert lookup("372").name == "Rotherham"
    with pytest.raises(UnknownLocalAuthority) as raised:
        lookup("Rotheram")
    assert raised.value.suggestions == ("Rotherham",)
    assert str(raised.value) == "no local authority matches 'Rotheram': did you mean Rotherham?"
