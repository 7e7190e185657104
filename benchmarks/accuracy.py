"""Accuracy: ingest the whole shared corpus into a fresh database, export the history, and
compare it with ../shared/corpus/labels.csv field by field (per field, per era, every miss).

    .venv/bin/python benchmarks/accuracy.py [--shared ../shared] [--workers 2] [--out FILE]
"""

from __future__ import annotations

import argparse
import csv
import io
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scoring import load_labels, render, score

ROOT = Path(__file__).resolve().parents[1]


def cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "csc_inspections", "--db", str(db), *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=ROOT / ".." / "shared")
    ap.add_argument("--workers", default="2")
    ap.add_argument("--out", type=Path, help="also write the report to this file")
    args = ap.parse_args()
    corpus = args.shared / "corpus"
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "accuracy.db"
        done = cli(db, "ingest", str(corpus / "reports"), "--workers", args.workers)
        exported = cli(db, "export", "history", "--format", "csv")
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(exported.stdout))}
    report = "\n".join(
        [
            "ingest: " + done.stdout.strip().splitlines()[-1],
            *[line for line in done.stderr.splitlines() if line.startswith("failed")],
            "",
            render(score(rows, load_labels(corpus / "labels.csv"))),
        ]
    )
    print(report)
    if args.out:
        args.out.write_text(report + "\n")


if __name__ == "__main__":
    main()
