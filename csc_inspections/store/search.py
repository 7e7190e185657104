"""Full-text search over report and letter text, with the page and section of every hit.

The unit of search is a passage: the text of one section on one page, so a hit can say
"page 12, Summary of findings" and a reader can open the PDF there. SQLite's FTS5 (with
Porter stemming) indexes the passages table as external content; the index rows of a document
are removed before the document is, in the same transaction. PostgreSQL answers the same
question the same way with its own full-text search (`search_postgres`); a user's query is
read once for both (`query`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, RowMapping, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from ..errors import UsageError
from ..model import Section
from ..parse.sections import section_pages
from ..records import Hit
from . import query as query_syntax
from . import search_postgres

MARK_START, MARK_END = "\x02", "\x03"

_CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5("
    "text, content='passages', content_rowid='id', tokenize='porter unicode61')"
)


def create_index(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(text(_CREATE))
    elif conn.dialect.name == "postgresql":
        for statement in search_postgres.CREATE:
            conn.execute(text(statement))


@dataclass(frozen=True)
class Passage:
    page: int
    section_kind: str
    heading: str
    text: str


def passages(sections: Sequence[Section]) -> list[Passage]:
    """Each section cut at its page breaks; the heading opens the passage on its first page."""
    out = []
    for s in sections:
        for n, (page, body) in enumerate(section_pages(s)):
            chunk = (f"{s.heading}\n{body}" if n == 0 and s.heading else body).strip()
            if chunk:
                out.append(Passage(page, s.kind, s.heading, chunk))
    return out


def index_document(conn: Connection, document_id: int) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "INSERT INTO passages_fts(rowid, text) "
                "SELECT id, text FROM passages WHERE document_id = :d"
            ),
            {"d": document_id},
        )


def optimize_index(conn: Connection) -> None:
    """Merge the index into one b-tree: each stored document added a segment, and a search
    reads every segment (a fifth faster on the whole corpus, for a fifth of a second)."""
    if conn.dialect.name == "sqlite":
        conn.execute(text("INSERT INTO passages_fts(passages_fts) VALUES ('optimize')"))
    elif conn.dialect.name == "postgresql":  # the planner's counts, for the GIN index's use
        conn.execute(text("ANALYZE passages"))


def unindex_document(conn: Connection, sha256: str) -> None:
    if conn.dialect.name == "sqlite":
        conn.execute(
            text(
                "INSERT INTO passages_fts(passages_fts, rowid, text) "
                "SELECT 'delete', p.id, p.text FROM passages p "
                "JOIN documents d ON d.id = p.document_id WHERE d.sha256 = :s"
            ),
            {"s": sha256},
        )


@dataclass(frozen=True)
class Filters:
    urn: int | None = None
    kinds: tuple[str, ...] = ()
    section_kind: str | None = None
    since: date | None = None
    until: date | None = None


# The best passages are chosen first and only those get a snippet: SQLite computes the
# selected columns of every match before it sorts, and a snippet costs far more than a score.
# The inner query joins the tables a filter needs, and only when a filter is set.
_SEARCH = """
WITH top AS (
  SELECT passages_fts.rowid AS id, bm25(passages_fts) AS score{published}
  FROM passages_fts {joins}
  WHERE passages_fts MATCH :q {where}
  ORDER BY {inner_order} LIMIT :limit OFFSET :offset
)
SELECT d.label AS file, i.id AS inspection_id, i.kind AS kind, i.urn AS urn,
       la.name AS la_name, i.publication_date AS publication_date,
       p.page AS page, p.section_kind AS section, p.heading AS heading,
       snippet(passages_fts, 0, :ms, :me, '…', 24) AS snippet, top.score AS score
FROM top
JOIN passages_fts ON passages_fts.rowid = top.id
JOIN passages p ON p.id = top.id
JOIN documents d ON d.id = p.document_id
JOIN inspections i ON i.document_id = d.id
LEFT JOIN local_authorities la ON la.urn = i.urn
WHERE passages_fts MATCH :q
ORDER BY {outer_order}
"""
_JOINS = (
    "JOIN passages p ON p.id = passages_fts.rowid "
    "JOIN inspections i ON i.document_id = p.document_id"
)
# The orders a search can be listed in, as SQL chosen from this table (never from the request):
# the inner query's order, then the outer one's over the chosen passages. By date is newest
# first, a date's passages best first; a passage without a date comes last.
ORDERS = ("relevance", "date")
_SQLITE_ORDER = {
    "relevance": ("score, passages_fts.rowid", "top.score, top.id"),
    "date": (
        "i.publication_date IS NULL, i.publication_date DESC, score, passages_fts.rowid",
        "top.published IS NULL, top.published DESC, top.score, top.id",
    ),
}
# Every passage a search could list (each joined to its inspection, as the search joins it).
_COUNT = "SELECT count(*) FROM passages_fts {joins} WHERE passages_fts MATCH :q {where}"


_PG_HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=24, MinWords=12, ShortWord=2, "
    "MaxFragments=1, FragmentDelimiter=…"
)
# ts_headline marks each word of a phrase; FTS5 marks the phrase once.
_ADJACENT_MARKS = re.compile(f"{MARK_END}(\\s+){MARK_START}")


def _filter_sql(filters: Filters) -> tuple[str, str, dict[str, Any]]:
    """The inner query's joins, conditions and their parameters for the filters that are set."""
    where: list[str] = []
    params: dict[str, Any] = {}
    for name, sql, value in (
        ("urn", "i.urn = :urn", filters.urn),
        ("section", "p.section_kind = :section", filters.section_kind),
        ("since", "i.publication_date >= :since", filters.since),
        ("until", "i.publication_date <= :until", filters.until),
    ):
        if value is not None:
            where.append(sql)
            params[name] = value
    if filters.kinds:
        kinds = {f"k{n}": k for n, k in enumerate(filters.kinds)}
        where.append(f"i.kind IN ({', '.join(':' + k for k in kinds)})")
        params |= kinds
    return (_JOINS if where else ""), "".join(f" AND {w}" for w in where), params


def to_fts(query: str) -> str:
    """The user's query in FTS5 syntax (see `query.parse`)."""
    return query_syntax.to_fts5(query_syntax.parse(query))


def search(
    engine: Engine,
    query: str | query_syntax.Node,
    filters: Filters = Filters(),
    limit: int = 20,
    offset: int = 0,
    order: str = "relevance",
) -> list[Hit]:
    """Hits best first (`score` ascending), or newest first with `order="date"`; the snippet
    marks matches with MARK_START / MARK_END. The same question on either database: the query
    is read once (a tree already read, such as a plain-words reading, is taken as it is)."""
    tree = _tree(query)
    if order not in ORDERS:
        raise UsageError(f"order: one of {', '.join(ORDERS)}")
    _joins, where, params = _filter_sql(filters)
    params |= {"limit": limit, "offset": offset}
    by_date = order == "date"
    if engine.dialect.name == "postgresql":
        joins = search_postgres.JOINS if where or by_date else ""
        sql = search_postgres.search_sql(tree, joins, where, params, by_date)
        params["headline"] = _PG_HEADLINE
    else:
        inner, outer = _SQLITE_ORDER[order]
        sql = _SEARCH.format(
            joins=_JOINS if where or by_date else "",
            where=where,
            published=", i.publication_date AS published" if by_date else "",
            inner_order=inner,
            outer_order=outer,
        )
        params |= {"q": query_syntax.to_fts5(tree), "ms": MARK_START, "me": MARK_END}
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                params |= search_postgres.corpus(conn)
            rows = conn.execute(text(sql), params).mappings().all()
    except OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {_fts_message(exc)}") from exc
    return [_hit(r) for r in rows]


def _hit(row: RowMapping) -> Hit:
    """A hit as either database gives it: marks around phrases as FTS5 puts them, and the date
    a date (SQLite answers a raw query's date column as ISO text)."""
    published = row["publication_date"]
    return Hit(
        **{
            **row,
            "snippet": _ADJACENT_MARKS.sub(r"\1", row["snippet"]),
            "publication_date": date.fromisoformat(published)
            if isinstance(published, str)
            else published,
        }
    )


def count(engine: Engine, query: str | query_syntax.Node, filters: Filters = Filters()) -> int:
    """How many passages match, for "N results, showing 1-20": from the full-text index alone
    (no ranking, no snippets). Both databases count the passages whose text holds the query,
    so the total is the same on either."""
    tree = _tree(query)
    _joins, where, params = _filter_sql(filters)
    if engine.dialect.name == "postgresql":
        sql = search_postgres.count_sql(tree, search_postgres.JOINS, where, params)
    else:
        sql = _COUNT.format(joins=_JOINS, where=where)
        params["q"] = query_syntax.to_fts5(tree)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text(sql), params).scalar_one())
    except OperationalError as exc:
        raise UsageError(f"cannot search for {query!r}: {_fts_message(exc)}") from exc


def _tree(query: str | query_syntax.Node) -> query_syntax.Node:
    return query_syntax.parse(query) if isinstance(query, str) else query


def _fts_message(exc: OperationalError) -> str:
    message = str(exc.orig) if exc.orig else str(exc)
    return re.sub(r"^fts5: ", "", message)
