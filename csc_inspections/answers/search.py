"""Search as every interface asks it: filters given as people type them, one page of hits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..errors import UsageError
from ..records import Hit
from ..reference import LocalAuthority, lookup
from ..store.search import Filters, count, search
from . import Store

PAGE_SIZE = 20


def find_la(text: str) -> LocalAuthority:
    """An LA from what someone typed: name, URN, LA code or ONS code; none is a usage error
    naming the closest LAs ("did you mean Rotherham?")."""
    if not text.strip():
        raise UsageError("type the name or code of a local authority")
    return lookup(text.strip())


def filters(
    la: str | None = None,
    kinds: tuple[str, ...] = (),
    section: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> Filters:
    """Search filters from what a form, the API or the command line was given; an LA by any
    name or code."""
    urn = find_la(la).urn if la and la.strip() else None
    return Filters(urn=urn, kinds=kinds, section_kind=section, since=since, until=until)


@dataclass(frozen=True)
class Results:
    page: int
    hits: list[Hit]
    more: bool  # whether a next page exists
    total: int  # passages that match, on every page


def results(
    store: Store, query: str, where: Filters | None = None, page: int = 1, size: int = PAGE_SIZE
) -> Results:
    """One page of hits, best first."""
    where = where or Filters()
    if page < 1:
        raise UsageError("page: pages are numbered from 1")
    found = search(store.engine, query, where, size + 1, (page - 1) * size)
    total = count(store.engine, query, where) if found or page > 1 else 0
    return Results(page, found[:size], len(found) > size, total)
