"""Improvement points and key findings (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Finding, Recommendation, Section


def recommendations(
    sections: Sequence[Section], family: str, label: str
) -> tuple[Recommendation, ...]:
    return ()


def findings(sections: Sequence[Section], family: str, label: str) -> tuple[Finding, ...]:
    return ()
