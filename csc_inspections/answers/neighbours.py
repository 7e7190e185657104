"""An LA beside its statistical neighbours and its region (`analysis.neighbours`)."""

from __future__ import annotations

from datetime import date

from ..analysis.neighbours import NeighbourView
from ..analysis.neighbours import neighbours as beside
from . import Store, local_authority


def neighbours(store: Store, urn: int, as_at: date | None = None) -> NeighbourView:
    """The LA's latest grades beside its ten statistical neighbours' and its region's counts."""
    local_authority(urn)
    return beside(store.history(), urn, as_at)
