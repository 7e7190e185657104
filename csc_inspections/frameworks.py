"""The era table: report kinds and the wording of each judgement area, loaded from data files.

Differences between SIF, ILACS and the 2026 revision live in `data/frameworks.csv` and
`data/areas.csv`, so a new format is a new row rather than a new branch in a parser.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Framework:
    kind: str
    family: str
    export_as: str
    title: str
    in_force_from: date
    in_force_to: date | None
    has_overall: bool
    grade_scale: tuple[str, ...]


@dataclass(frozen=True)
class AreaWording:
    family: str
    area: str
    pattern: re.Pattern[str]
    crosswalk: str


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("csc_inspections").joinpath("data", name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def frameworks() -> dict[str, Framework]:
    """Every report kind, by kind."""
    return {
        r["kind"]: Framework(
            kind=r["kind"],
            family=r["family"],
            export_as=r["export_as"],
            title=r["title"],
            in_force_from=date.fromisoformat(r["in_force_from"]),
            in_force_to=date.fromisoformat(r["in_force_to"]) if r["in_force_to"] else None,
            has_overall=r["has_overall"] == "yes",
            grade_scale=tuple(r["grade_scale"].split("|")),
        )
        for r in _rows("frameworks.csv")
    }


@cache
def area_wordings() -> tuple[AreaWording, ...]:
    """Area wordings in file order; within a family, earlier rows win."""
    return tuple(
        AreaWording(r["family"], r["area"], re.compile(r["pattern"], re.IGNORECASE), r["crosswalk"])
        for r in _rows("areas.csv")
    )


def match_area(family: str, text: str) -> str | None:
    """The canonical area whose wording for `family` occurs in `text`, or None."""
    flat = " ".join(text.split())
    for w in area_wordings():
        if w.family == family and w.pattern.search(flat):
            return w.area
    return None
