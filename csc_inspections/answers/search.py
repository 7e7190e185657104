"""Search as every interface asks it: filters given as people type them, one page of hits."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..errors import UsageError
from ..records import Hit
from ..reference import LocalAuthority, lookup, suggest
from ..store import query as query_syntax
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
    plain: bool = False  # the query was not valid syntax, so it was searched as plain words
    size: int = PAGE_SIZE
    suggestions: tuple[str, ...] = field(default=())  # other queries, when nothing matched
    places: tuple[str, ...] = field(default=())  # LA names the query may mean, likewise

    @property
    def last_page(self) -> int:
        """The last page that has hits (1 when there are none)."""
        return max(1, -(-self.total // self.size))


def results(
    store: Store,
    query: str,
    where: Filters | None = None,
    page: int = 1,
    size: int = PAGE_SIZE,
    order: str = "relevance",
) -> Results:
    """One page of hits, best first or newest first. Any text is searched: a query that is not
    valid syntax is read as plain words (`plain` says so), so a stray quote never loses a
    search; when nothing matches, the result suggests other queries and LA names."""
    where = where or Filters()
    if page < 1:
        raise UsageError("page: pages are numbered from 1")
    if not query.strip():
        raise UsageError("empty search query: give a word or a phrase")
    tree, plain = query_syntax.read(query)
    if tree is None:
        return Results(page, [], False, 0, plain, size, (), ())
    offset = (page - 1) * size
    found = search(store.engine, tree, where, size + 1, offset, order)
    hits, more = found[:size], len(found) > size
    if found and not more:  # the last page: what came before it and what is on it
        total = offset + len(found)
    else:  # a page with more after it, or one past the end
        total = count(store.engine, tree, where) if found or page > 1 else 0
    if total:
        return Results(page, hits, more, total, plain, size)
    tried = tuple(a for a in alternatives(query) if _matches(store, a, where))
    return Results(page, hits, more, total, plain, size, tried, suggest(query))


def _matches(store: Store, query: str, where: Filters) -> bool:
    """Whether a suggested search finds anything, so that no suggestion is a dead end."""
    tree, _ = query_syntax.read(query)
    return tree is not None and count(store.engine, tree, where) > 0


def alternatives(query: str) -> tuple[str, ...]:
    """Other searches to try when nothing matched, as plain words: the query without its last
    word, each word alone, and its last word as a prefix ("safeguard" -> "safeguard*"); at
    most five, each then counted."""
    words = re.findall(r"[^\W_]+", query)[: query_syntax.PLAIN_WORDS]
    out: list[str] = []
    if len(words) > 1:
        out.append(" ".join(words[:-1]))
        out += [w for w in words if len(w) > 2][:3]
    if words and len(words[-1]) > 2:
        out.append(" ".join([*words[:-1], words[-1] + "*"]))
    return tuple(dict.fromkeys(q for q in out if q.strip() and q != query.strip()))[:5]
