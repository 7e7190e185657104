"""Splitting a document into titled sections (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Page, Section


def split_sections(pages: Sequence[Page], family: str, label: str) -> tuple[Section, ...]:
    return ()
