"""SQLite beside PostgreSQL, measured in the same run: ingest of the whole corpus, search
latency (search_latency.py's 100 queries), and how far the two searches agree.

    eval "$(scripts/postgres.sh start)"    # or any empty PostgreSQL database
    .venv/bin/python benchmarks/backends.py --postgres URL_OF_AN_EMPTY_DATABASE [--keep DIR]

With --keep, the SQLite file stays in DIR (for web_load.py --db); the PostgreSQL database
keeps what was ingested. Web load: run web_load.py --db on each afterwards.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from search_latency import TERMS, measure, summary
from sqlalchemy import Engine

from csc_inspections.ingest import ingest
from csc_inspections.store.db import connect
from csc_inspections.store.search import search

ROOT = Path(__file__).resolve().parents[1]


def build(db: str, corpus: Path) -> tuple[Engine, float]:
    engine = connect(db)
    start = time.perf_counter()
    ingest(engine, [corpus / "reports", corpus / "letters"], workers=2)
    return engine, time.perf_counter() - start


def overlaps(a: Engine, b: Engine) -> list[float]:
    """Per query, the share of the best 20 passages (file, page, section) both give."""
    found = []
    for query in TERMS:
        tops = [{(h["file"], h["page"], h["section"]) for h in search(e, query)} for e in (a, b)]
        if tops[0] or tops[1]:
            found.append(len(tops[0] & tops[1]) / max(len(tops[0]), len(tops[1])))
    return found


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--postgres", required=True, help="URL of an empty PostgreSQL database")
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--keep", type=Path, help="folder to keep the SQLite database in")
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    corpus = args.shared / "corpus"
    engines = {}
    for name, db in (("sqlite", str(folder / "corpus.db")), ("postgresql", args.postgres)):
        engines[name], seconds = build(db, corpus)
        print(f"{name}: ingest --workers 2 of the corpus {seconds:.1f} s")
    for name, engine in engines.items():
        timings, hits = measure(engine)
        print(f"{name}: search, {len(timings)} queries, {hits} hits; {summary(timings)}")
    shared = overlaps(engines["sqlite"], engines["postgresql"])
    print(
        f"best 20 shared: median {statistics.median(shared):.2f}, min {min(shared):.2f}, "
        f"{sum(s >= 0.8 for s in shared)} of {len(shared)} queries at 0.8 or more"
    )


if __name__ == "__main__":
    main()
