"""Hand-built history rows: the same keys as `store.read.history`, only what a test sets."""

from __future__ import annotations

from typing import Any

from csc_inspections.model import HISTORY_AREAS
from csc_inspections.reference import LocalAuthority


def report(
    urn: int,
    published: str,
    overall: str = "",
    framework: str = "ilacs_standard",
    region: str = "North",
    **areas: str,
) -> dict[str, Any]:
    """A graded report row; areas not given are not judged ('')."""
    row: dict[str, Any] = {
        "file": f"{urn}/report - {published}.pdf",
        "urn": urn,
        "la_name": f"LA {urn}",
        "framework": framework,
        "publication_date": published,
        "inspection_start": "",
        "inspection_end": "",
        "lead_inspector": "",
        "region": region,
        **dict.fromkeys(HISTORY_AREAS, ""),
    }
    row["overall"] = overall
    row.update(areas)
    return row


def la(urn: int, code: str, region: str = "North", neighbours: str = "") -> LocalAuthority:
    return LocalAuthority(
        urn=urn,
        name=f"LA {urn}",
        la_code=code,
        ons_code=f"E0{code}",
        region=region,
        la_type="Unitary Authority",
        child_population=None,
        stat_neighbours=tuple(neighbours.split()),
    )
