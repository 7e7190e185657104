"""Two stored inspections of an LA side by side: the store's rows gathered for
`analysis.compare.compare`, so the command line, the web site and the tests build the same
comparison from the same queries."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from .analysis import Row
from .analysis.compare import Comparison, compare, pick
from .store import read


def compare_stored(
    engine: Engine, urn: int, ref_a: str, ref_b: str, history: Sequence[Row] | None = None
) -> Comparison:
    """Refs as `pick` reads them (id, year, date or part of the file name); `history`: the
    LA's rows to pick from (default all its stored reports)."""
    rows = read.history(engine, urn) if history is None else history
    a, b = pick(rows, ref_a), pick(rows, ref_b)
    recs = read.recommendations(engine, urn)
    return compare(
        a,
        b,
        read.sections_of(engine, a["inspection_id"]),
        read.sections_of(engine, b["inspection_id"]),
        [r for r in recs if r["file"] == a["file"]],
        [r for r in recs if r["file"] == b["file"]],
        read.letters(engine, urn),
        findings=read.findings(engine, urn),
        a_judgements=read.judgements_of(engine, a["inspection_id"]),
        b_judgements=read.judgements_of(engine, b["inspection_id"]),
        corpus=[r["text"] for r in recs if r["scope"] == "main"],
    )
