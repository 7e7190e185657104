"""Parser stub for the legacy family (being written)."""

from __future__ import annotations

from collections.abc import Sequence

from ..errors import UnknownLayout
from ..model import Page, Parsed


def parse(pages: Sequence[Page], label: str) -> Parsed:
    raise UnknownLayout(label, "legacy parser not written yet")
