"""Field-by-field comparison of extracted rows with the hand-checked labels.

Shared by the accuracy benchmark (which reads the history export of a real ingest) and by
`parse_check.py` (which runs the parsers alone, for quick iteration on a parser).
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

FIELDS = (
    "framework",
    "publication_date",
    "inspection_start",
    "inspection_end",
    "lead_inspector",
    "overall",
    "leadership",
    "help_protection",
    "children_in_care",
    "care_leavers",
    "adoption",
    "lscb",
)
UNSCORED = {"other", "not_a_report"}


@dataclass
class Score:
    right: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)
    by_era: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)
    invented: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        total = sum(self.labelled.values()) + len(self.invented)
        return sum(self.right.values()) / total if total else 1.0


def load_labels(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["file"]: r for r in csv.DictReader(fh)}


def score(rows: Mapping[str, Mapping[str, str]], labels: Mapping[str, Mapping[str, str]]) -> Score:
    """Compare every labelled field of every scored label row with the extracted row."""
    s = Score()
    for file, label in labels.items():
        if label["framework"] in UNSCORED:
            continue
        got = rows.get(file, {})
        era = label["framework"]
        for f in FIELDS:
            want, have = label[f].strip(), str(got.get(f) or "").strip()
            if want:
                s.labelled[f] += 1
                s.by_era[era]["labelled"] += 1
                if want == have:
                    s.right[f] += 1
                    s.by_era[era]["right"] += 1
                else:
                    s.misses.append((file, f, want, have))
            elif have:
                s.invented.append((file, f, have))
    return s


def render(s: Score) -> str:
    out = [
        f"overall accuracy: {s.accuracy:.4%} "
        f"({sum(s.right.values())}/{sum(s.labelled.values())} labelled fields right, "
        f"{len(s.invented)} values where the label is empty)",
        "",
        "per field:",
    ]
    out += [
        f"  {f:18} {s.right[f]:4}/{s.labelled[f]:4}  {s.right[f] / s.labelled[f]:.2%}"
        for f in FIELDS
        if s.labelled[f]
    ]
    out += ["", "per era:"]
    out += [
        f"  {era:18} {c['right']:5}/{c['labelled']:5}  {c['right'] / c['labelled']:.2%}"
        for era, c in sorted(s.by_era.items())
    ]
    out += ["", f"misses ({len(s.misses)}):"]
    out += [f"  {file} | {f}: label {want!r}, got {have!r}" for file, f, want, have in s.misses]
    out += ["", f"values where the label is empty ({len(s.invented)}):"]
    out += [f"  {file} | {f}: got {have!r}" for file, f, have in s.invented]
    return "\n".join(out)
