"""Two stored inspections of an LA side by side: the store's rows gathered for
`analysis.compare.compare`, so the command line, the web site and the tests build the same
comparison from the same queries.

An LA made by a reorganisation continues its predecessors' history (`histories`): their
reports can be compared with its own ("Northamptonshire 2019 against North Northamptonshire
2022"), each side named by its own council, and the letters between are both councils'."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine

from .analysis import Row
from .analysis.compare import Comparison, compare, pick
from .histories import of_lineage, reports_of
from .store import read


def compare_stored(
    engine: Engine, urn: int, ref_a: str, ref_b: str, history: Sequence[Row] | None = None
) -> Comparison:
    """Refs as `pick` reads them (id, year, date or part of the file name); `history`: the
    rows to pick from (default `reports_of`)."""
    rows = reports_of(engine, urn) if history is None else history
    a, b = pick(rows, ref_a), pick(rows, ref_b)
    recs = of_lineage(read.recommendations, engine, urn)
    letters = of_lineage(read.letters, engine, urn)
    return compare(
        a,
        b,
        read.sections_of(engine, a["inspection_id"]),
        read.sections_of(engine, b["inspection_id"]),
        [r for r in recs if r["file"] == a["file"]],
        [r for r in recs if r["file"] == b["file"]],
        sorted(letters, key=lambda r: r["publication_date"]),
        findings=of_lineage(read.findings, engine, urn),
        a_judgements=read.judgements_of(engine, a["inspection_id"]),
        b_judgements=read.judgements_of(engine, b["inspection_id"]),
        corpus=[r["text"] for r in recs if r["scope"] == "main"],
    )
