"""The era table: report kinds and the wording of each judgement area, from the vocabulary.

Differences between SIF, ILACS and the 2026 revision live in `data/frameworks.csv` and
`data/areas.csv`, so a new format is a new row rather than a new branch in a parser. The files
are loaded by `vocabulary`; these are the look-ups the parsers and the store have always used,
answered from the vocabulary in use (so an added framework is found here too).
"""

from __future__ import annotations

from .vocabulary import AreaWording, Framework, current

__all__ = ["AreaWording", "Framework", "area_wordings", "frameworks", "match_area"]


def frameworks() -> dict[str, Framework]:
    """Every report kind, by kind."""
    return dict(current().frameworks)


def area_wordings() -> tuple[AreaWording, ...]:
    """Area wordings in file order; within a family, earlier rows win."""
    return current().wordings


def match_area(family: str, text: str) -> str | None:
    """The canonical area whose wording for `family` occurs in `text`, or None."""
    return current().match_area(family, text)
