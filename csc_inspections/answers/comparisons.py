"""Two stored inspections of an LA side by side: the store's records gathered for
`analysis.compare.compare`.

An LA made by a reorganisation continues its predecessors' history (`histories`): their
reports can be compared with its own ("Northamptonshire 2019 against North Northamptonshire
2022"), each side named by its own council, and the letters between are both councils'."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from ..analysis.compare import Comparison, comparable, compare, pick
from ..records import ReportRecord
from ..store import read
from . import Store, local_authority
from .histories import of_lineage, reports_of


def choices(store: Store, urn: int) -> list[ReportRecord]:
    """The reports a comparison of the LA can pick from (its predecessors' too), oldest first."""
    local_authority(urn)
    return comparable(reports_of(store, urn))


def comparison(
    store: Store, urn: int, ref_a: str, ref_b: str, reports: Sequence[ReportRecord] | None = None
) -> Comparison:
    """Two inspections of an LA side by side; refs as `compare.pick` reads them (id, year,
    date or part of the file name); `reports`: `choices(store, urn)` when the caller has them."""
    rows = choices(store, urn) if reports is None else reports
    a, b = pick(rows, ref_a), pick(rows, ref_b)
    engine = store.engine
    recs = of_lineage(read.recommendations, engine, urn)
    letters = of_lineage(read.letters, engine, urn)
    return compare(
        a,
        b,
        read.sections_of(engine, a.inspection_id),
        read.sections_of(engine, b.inspection_id),
        [r for r in recs if r.file == a.file],
        [r for r in recs if r.file == b.file],
        sorted(letters, key=lambda r: r.publication_date or date.min),
        findings=of_lineage(read.findings, engine, urn),
        a_judgements=read.judgements_of(engine, a.inspection_id),
        b_judgements=read.judgements_of(engine, b.inspection_id),
        corpus=[r.text for r in recs if r.scope == "main"],
    )
