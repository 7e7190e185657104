"""What people ask of the data, answered once: each answer a function over a `Store`.

The command line, the web pages, the JSON API and the Python API call these same functions,
so an LA's history, a comparison, the national picture, a search or an LA beside its
neighbours cannot differ between them. Each function gathers records from the store
(`store.read`) and hands them to the pure analysis library (`analysis`); the interfaces only
format what comes back.

A `Store` is the database as the answers read it. The web site's `Site` is one that keeps the
whole-corpus reads between requests until the data changes; the command line and the Python
API use a plain one, which reads afresh each time.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from sqlalchemy import Engine

from ..errors import NotFound
from ..records import ReportRecord
from ..reference import LocalAuthority, by_urn
from ..store import read

T = TypeVar("T")


class Store:
    """The database the answers read, and the day they are asked on."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def cached(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()`: a store that keeps answers returns the kept one while the data holds."""
        return compute()

    def history(self) -> list[ReportRecord]:
        """Every stored report: what the national answers count."""
        return self.cached("history", lambda: read.history(self.engine))

    def today(self) -> date:
        return date.today()


def local_authority(urn: int) -> LocalAuthority:
    """The LA of the lookup with this URN (NotFound when none has it)."""
    la = by_urn(urn)
    if la is None:
        raise NotFound(f"no local authority has URN {urn}")
    return la
