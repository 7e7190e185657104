"""Earlier inspections a report cites (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import CitedInspection, Section


def cited_inspections(sections: Sequence[Section], label: str) -> tuple[CitedInspection, ...]:
    return ()
