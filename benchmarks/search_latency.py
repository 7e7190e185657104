"""Search latency: 100 varied queries against a database of the whole shared corpus.

Words, phrases, prefixes, boolean queries, with and without LA / date / kind filters, each
timed through the library call the CLI and the web use (connection from the pool, query,
rows materialised). Builds the database first unless --db names an existing one.

    .venv/bin/python benchmarks/search_latency.py [--db FILE_OR_URL] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date
from itertools import cycle
from pathlib import Path

from sqlalchemy import Engine

from csc_inspections.ingest import ingest
from csc_inspections.store.db import connect
from csc_inspections.store.search import Filters, search

ROOT = Path(__file__).resolve().parents[1]
TERMS = [
    "caseloads",
    '"management oversight"',
    "supervision",
    "exploitation",
    '"care leavers"',
    "permanence",
    "adopt*",
    '"private fostering"',
    "missing",
    "neglect",
    "assessments",
    '"child protection plans"',
    "sufficiency",
    "placements",
    '"front door"',
    "MASH",
    "disabled",
    "advocacy",
    '"return home interviews"',
    "recruitment",
    "agency staff",
    "leaders AND workforce",
    "domestic NEAR abuse",
    '"staying put"',
    "health assessments",
    "court",
    "pre-proceedings",
    "homeless*",
    "education",
    "corporate parenting",
    '"independent reviewing officers"',
    "audit*",
    "drift",
    "delay",
    '"early help"',
    "thresholds",
    "strategy discussions",
    "unregistered",
    "sibling*",
    '"life story"',
]
FILTERS = [
    Filters(),
    Filters(urn=80543),
    Filters(since=date(2018, 1, 1)),
    Filters(kinds=("sif", "sif_reinspection")),
    Filters(urn=80476, since=date(2014, 1, 1), until=date(2024, 12, 31)),
]


def measure(engine: Engine) -> tuple[list[float], int]:
    """Milliseconds of each of the 100 queries (sorted), and the hits they gave."""
    queries = list(zip(TERMS * 3, cycle(FILTERS), strict=False))[:100]
    search(engine, "warm up")
    timings, hits = [], 0
    for query, filters in queries:
        start = time.perf_counter()
        hits += len(search(engine, query, filters, limit=20))
        timings.append((time.perf_counter() - start) * 1000)
    return sorted(timings), hits


def summary(timings: list[float]) -> str:
    p95 = timings[int(0.95 * len(timings)) - 1]
    return (
        f"latency ms: p50 {statistics.median(timings):.1f}, p95 {p95:.1f}, "
        f"max {timings[-1]:.1f}, mean {statistics.fmean(timings):.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", help="a database of the corpus: SQLite file or URL (else one is built)")
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    db = args.db or str(Path(tmp.name) / "search.db")
    engine = connect(db)
    if args.db is None:
        corpus = args.shared / "corpus"
        ingest(engine, [corpus / "reports", corpus / "letters"], workers=2)
    timings, hits = measure(engine)
    print(f"{len(timings)} queries, {hits} hits (top 20 each)")
    print(summary(timings))
    sys.exit(0)


if __name__ == "__main__":
    main()
