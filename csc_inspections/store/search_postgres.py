"""Full-text search on PostgreSQL, answering as SQLite's FTS5 does: same matches, same order.

Each passage keeps its words in a generated tsvector (heading weighted A, text B) under a GIN
index, and its number of words. Relevance is Okapi BM25 with FTS5's constants (k1 = 1.2,
b = 0.75, IDF floored at 1e-6), so a query's best passages are the same on either database:
`ts_rank_cd` over the text's positions alone (weight B), with no normalisation, counts the
occurrences of a word, a prefix or a phrase exactly, and is BM25's term frequency. PostgreSQL's
built-in ranks alone (ts_rank, ts_rank_cd with their normalisations) shared at best half of
FTS5's twenty best passages on the corpus. A passage whose heading alone holds the query (a
section's later pages) is found too, with score 0, after every passage whose text holds it;
FTS5, indexing the text alone, does not find it. `ts_headline` writes the snippets, for the
best passages only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, column, func, select

from . import query as query_syntax
from .schema import data_version
from .schema import passages as passages_table

# English stemming without a stop-word list, as FTS5's Porter tokenizer: "care of children"
# then counts as often as FTS5 counts it (a removed word leaves a gap PostgreSQL's phrase
# ranking does not count whole).
CONFIG = "csc_english"
CREATE = (
    f"""DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_dict WHERE dictname = '{CONFIG}_stem') THEN
    CREATE TEXT SEARCH DICTIONARY {CONFIG}_stem (TEMPLATE = snowball, LANGUAGE = english);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = english);
    ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING
      FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH {CONFIG}_stem;
  END IF;
END $$""",
    "ALTER TABLE passages ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS ("
    f"setweight(to_tsvector('{CONFIG}', heading), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', text), 'B')) STORED",
    # tokens as FTS5's unicode61 counts them: each run of letters and digits
    "ALTER TABLE passages ADD COLUMN IF NOT EXISTS words integer GENERATED ALWAYS AS ("
    "length(regexp_replace(text, '[[:alnum:]]+', 'x', 'g')) - "
    "length(regexp_replace(text, '[[:alnum:]]+', '', 'g'))) STORED",
    "CREATE INDEX IF NOT EXISTS ix_passages_tsv ON passages USING gin (tsv)",
)

_K1, _B = 1.2, 0.75
_TEXT = "'{0, 0, 1, 0}'"  # weights D, C, B, A: the text's occurrences, counted

# The passages' number and mean length are read once per state of the data (see `corpus`),
# not scanned by every search.
_SEARCH = """
WITH q AS MATERIALIZED (SELECT {query} AS query{term_columns}),
df AS MATERIALIZED (SELECT {df_columns}),
matched AS (
  SELECT p.id AS id, p.words AS words{published}{tf_columns}
  FROM passages p CROSS JOIN q {joins}
  WHERE p.tsv @@ q.query {where}
),
top AS (
  SELECT matched.id AS id, {score} AS rank{top_published}
  FROM matched CROSS JOIN df
  ORDER BY {inner_order} LIMIT :limit OFFSET :offset
)
SELECT d.label AS file, i.id AS inspection_id, i.kind AS kind, i.urn AS urn,
       la.name AS la_name, i.publication_date AS publication_date,
       p.page AS page, p.section_kind AS section, p.heading AS heading,
       ts_headline('{config}', p.text, q.query, :headline) AS snippet, -top.rank AS score
FROM top CROSS JOIN q
JOIN passages p ON p.id = top.id
JOIN documents d ON d.id = p.document_id
JOIN inspections i ON i.document_id = d.id
LEFT JOIN local_authorities la ON la.urn = i.urn
ORDER BY {outer_order}
"""
# By relevance, or newest first (a date's passages best first, no date last), as SQLite orders.
_ORDER = {
    False: ("rank DESC, matched.id", "top.rank DESC, top.id"),
    True: (
        "matched.published IS NULL, matched.published DESC, rank DESC, matched.id",
        "top.published IS NULL, top.published DESC, top.rank DESC, top.id",
    ),
}
JOINS = "JOIN inspections i ON i.document_id = p.document_id"

# Passages whose text holds the query (weight B), as FTS5 counts them: a passage whose heading
# alone holds it is listed by the search (last, score 0) but not counted, so that a search
# says the same total on either database. The GIN index finds the candidates.
_COUNT = """
WITH q AS MATERIALIZED (SELECT {query} AS query)
SELECT count(*) FROM passages p CROSS JOIN q {joins}
WHERE p.tsv @@ q.query AND ts_filter(p.tsv, '{{b}}') @@ q.query {where}
"""
_known: dict[str, tuple[int, dict[str, float]]] = {}


def corpus(conn: Connection) -> dict[str, float]:
    """The number of passages and their mean length in words, read again only when the data
    version has moved (one indexed read a search, where counting scans every passage)."""
    key = conn.engine.url.render_as_string(hide_password=False)
    now = conn.execute(select(data_version.c.version)).scalar_one()
    if key not in _known or _known[key][0] != now:
        count, mean = conn.execute(
            select(func.count(), func.coalesce(func.avg(column("words")), 1)).select_from(
                passages_table
            )
        ).one()
        _known[key] = (now, {"passages": float(count), "avgdl": max(float(mean), 1.0)})
    return _known[key][1]


def search_sql(
    tree: query_syntax.Node,
    joins: str,
    where: str,
    params: dict[str, Any],
    by_date: bool = False,
) -> str:
    """The search statement for a query tree and filter SQL; binds go into `params`, which
    must hold `passages` and `avgdl` (the corpus's size and mean passage length). `by_date`
    lists newest first and needs `joins` to join the inspections."""
    terms = query_syntax.terms(tree)
    columns = [query_syntax.term_tsquery(t, params, CONFIG) for t in terms]
    several = len(terms) > 1
    return _SEARCH.format(
        query=query_syntax.to_tsquery(tree, params, CONFIG),
        config=CONFIG,
        term_columns="".join(f", {sql} AS t{n}" for n, sql in enumerate(columns)),
        df_columns=", ".join(_df(n) for n in range(len(terms))) if several else "1 AS d0",
        tf_columns="".join(
            f", ts_rank_cd({_TEXT}, p.tsv, q.t{n}, 0) AS f{n}" for n in range(len(terms))
        ),
        score=" + ".join(_bm25(n, idf=several) for n in range(len(terms))),
        published=", i.publication_date AS published" if by_date else "",
        top_published=", matched.published AS published" if by_date else "",
        inner_order=_ORDER[by_date][0],
        outer_order=_ORDER[by_date][1],
        joins=joins,
        where=where,
    )


def count_sql(tree: query_syntax.Node, joins: str, where: str, params: dict[str, Any]) -> str:
    """The count of passages a query's text matches; binds go into `params`."""
    return _COUNT.format(
        query=query_syntax.to_tsquery(tree, params, CONFIG), joins=joins, where=where
    )


def _df(n: int) -> str:
    """How many passages hold term n: BM25's document frequency."""
    return f"(SELECT count(*) FROM passages x, q WHERE x.tsv @@ q.t{n})::float8 AS d{n}"


def _bm25(n: int, idf: bool) -> str:
    """Term n's part of the score. A query of one term needs no IDF: it is the same for every
    passage, and only the order is compared."""
    weight = "1.0"
    if idf:
        weight = f"greatest(ln((:passages - df.d{n} + 0.5) / (df.d{n} + 0.5)), 1e-6)"
    norm = f"{_K1} * ({1 - _B} + {_B} * matched.words / :avgdl)"
    return f"{weight} * f{n} * {_K1 + 1} / (f{n} + {norm})"
