"""Run the parsers alone over the shared corpus and score them against labels.csv.

For iterating on a parser (no database). The accuracy that counts is `accuracy.py`, which goes
through a real ingest and the history export.

    python benchmarks/parse_check.py [--family sif|ilacs|legacy] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from scoring import load_labels, render, score

from csc_inspections.errors import DocumentError
from csc_inspections.frameworks import frameworks
from csc_inspections.model import HISTORY_AREAS, Report
from csc_inspections.parse import parse
from csc_inspections.pdf import document_label, read_document


def row(r: Report) -> dict[str, str]:
    def iso(f: object) -> str:
        return f.value.isoformat() if f is not None else ""  # type: ignore[attr-defined]

    out = {
        "framework": frameworks()[r.kind].export_as,
        "publication_date": iso(r.publication_date),
        "inspection_start": iso(r.inspection_start),
        "inspection_end": iso(r.inspection_end),
        "lead_inspector": "; ".join(r.lead_inspectors.value) if r.lead_inspectors else "",
    }
    out.update({a: r.grade(a) or "" for a in HISTORY_AREAS})
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", type=Path, default=Path(__file__).parents[1] / ".." / "shared")
    ap.add_argument("--family", help="score only label rows whose framework starts with this")
    args = ap.parse_args()
    labels = load_labels(args.shared / "corpus" / "labels.csv")
    if args.family:
        labels = {k: v for k, v in labels.items() if v["framework"].startswith(args.family)}
    rows = {}
    for file in labels:
        path = args.shared / "corpus" / "reports" / file
        try:
            parsed = parse(read_document(path, document_label(path)).pages, file)
        except DocumentError as exc:
            print(f"unparsed: {exc}")
            continue
        if isinstance(parsed, Report):
            rows[file] = row(parsed)
    print(render(score(rows, labels)))


if __name__ == "__main__":
    main()
