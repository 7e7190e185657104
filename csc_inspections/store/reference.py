"""The reference data a database carries (the LA lookup), kept equal to the package's copy.

Run when a database is made and after each upgrade, so an LA added to `data/la_lookup.csv`
(a council the lookup lacked, a new one after a reorganisation) reaches databases already in
use without a re-ingest.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, insert, select, update

from ..reference import local_authorities
from .schema import local_authorities as la_table


def _rows() -> dict[int, dict[str, Any]]:
    return {
        la.urn: {
            "urn": la.urn,
            "name": la.name,
            "la_code": la.la_code,
            "ons_code": la.ons_code,
            "region": la.region,
            "la_type": la.la_type,
            "child_population": la.child_population,
            "stat_neighbours": ", ".join(la.stat_neighbours),
        }
        for la in local_authorities().values()
    }


def refresh_reference(conn: Connection) -> None:
    """Insert the LAs the database lacks and correct those whose details changed."""
    wanted = _rows()
    held = {r["urn"]: dict(r) for r in conn.execute(select(la_table)).mappings()}
    new = [row for urn, row in wanted.items() if urn not in held]
    if new:
        conn.execute(insert(la_table), new)
    for urn, row in wanted.items():
        if urn in held and held[urn] != row:
            conn.execute(update(la_table).where(la_table.c.urn == urn).values(row))
