"""Context figures from "Information about this local authority area" (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Figure, Section


def figures(sections: Sequence[Section], label: str) -> tuple[Figure, ...]:
    return ()
