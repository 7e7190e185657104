"""LA names as the corpus prints them resolve to the right URN; users can type codes too."""

from __future__ import annotations

import pytest

from csc_inspections.reference import find, resolve


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
