"""Draw items to hand-label for the theme tagger from a database of the corpus (how the
labelled items of csc_inspections/themes/labelled/ were drawn: see its README).

    .venv/bin/python scripts/sample_theme_items.py DB SEED FIRST_KEY OUT.csv [EXCLUDE.csv ...]
    .venv/bin/python scripts/sample_theme_items.py --rare DB SEED FIRST_KEY OUT.csv EXCLUDE.csv

Stratified by the kind of document and item, each text drawn once (and never one that an
EXCLUDE file already holds); wave one used seed 20261204 from key 1, wave two 20261205 from
key 1001 excluding wave one. `--rare` draws wave three (seed 20261206 from key 2001, excluding
the labelled items): 260 recommendations and 140 findings at random among those whose text
names a word of the three themes the tagger read worst (health and education, disabled
children, placements), so that they have more labels; each is read for every theme.
"""

from __future__ import annotations

import csv
import random
import re
import sqlite3
import sys

RECOMMENDATIONS = {  # (document kind, scope): how many
    ("sif", "main"): 140,
    ("sif", "lscb"): 50,
    ("sif_reinspection", "main"): 30,
    ("other_lac_2013", "main"): 15,
    ("other_lscb_review", "lscb"): 5,
    ("ilacs_standard", "main"): 130,
    ("ilacs_short", "main"): 60,
    ("ilacs_2026", "main"): 14,
    ("focused_visit", "main"): 110,
    ("jtai", "agencies"): 70,
}
FINDINGS = {
    "sif": 80,
    "sif_reinspection": 20,
    "ilacs_standard": 55,
    "ilacs_short": 35,
    "ilacs_2026": 8,
    "other_lac_2013": 8,
    "other_lscb_review": 3,
    "focused_visit": 100,
    "jtai": 50,
    "jar_progress": 10,
}
ITEMS = (
    "select d.label, r.scope, r.number, r.page, r.form, r.text from recommendations r"
    " join inspections i on i.id = r.inspection_id join documents d on d.id = i.document_id"
    " where i.kind = ? and r.scope = ? order by d.label, r.number"
)
FOUND = (
    "select d.label, '', f.number, f.page, '', f.text from findings f"
    " join inspections i on i.id = f.inspection_id join documents d on d.id = i.document_id"
    " where i.kind = ? order by d.label, f.number"
)
COLUMNS = ["key", "file", "item", "scope", "number", "page", "era", "form", "text"]


def main(db_path: str, seed: int, first_key: int, out: str, *exclude: str) -> None:
    db = sqlite3.connect(db_path)
    rng = random.Random(seed)
    seen: set[str] = set()
    for path in exclude:
        with open(path, encoding="utf-8") as f:
            seen.update(r["text"] for r in csv.DictReader(f))
    strata = [("recommendation", ITEMS, (k, s), n) for (k, s), n in RECOMMENDATIONS.items()]
    strata += [("finding", FOUND, (k,), n) for k, n in FINDINGS.items()]
    rows = []
    for item, query, args, wanted in strata:
        found = db.execute(query, args).fetchall()
        rng.shuffle(found)
        taken = 0
        for label, scope, number, page, form, text in found:
            if taken == wanted:
                break
            if text not in seen:
                seen.add(text)
                taken += 1
                rows.append([label, item, scope, number, page, args[0], form, text])
    rng.shuffle(rows)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows([f"t{first_key + n:04d}", *row] for n, row in enumerate(rows))


RARE = re.compile(
    r"\b(health|mental|camhs|emotional|well-?being|dental|school|education|virtual|attainment"
    r"|attendance|exclusion|disab|send\b|special educational|short break|transition to adult"
    r"|foster|placement|sufficiency|residential|out of area|carers?)\b",
    re.IGNORECASE,
)
RARE_COUNTS = {"recommendation": 260, "finding": 140}


def rare(db_path: str, seed: int, first_key: int, out: str, labelled: str) -> None:
    db = sqlite3.connect(db_path)
    with open(labelled, encoding="utf-8") as f:
        seen = {r["text"] for r in csv.DictReader(f)}
    found: dict[str, list[list[object]]] = {"recommendation": [], "finding": []}
    for item, query in (("recommendation", ITEMS), ("finding", FOUND)):
        for kind in (*(k for k, _ in RECOMMENDATIONS), *FINDINGS):
            for scope in ("main", "lscb", "agencies") if item == "recommendation" else ("",):
                args = (kind, scope) if item == "recommendation" else (kind,)
                for label, sc, number, page, form, text in db.execute(query, args):
                    if text not in seen and RARE.search(text):
                        seen.add(text)
                        found[item].append([label, item, sc, number, page, kind, form, text])
    rng = random.Random(seed)
    rows = []
    for item, wanted in RARE_COUNTS.items():
        rng.shuffle(found[item])
        rows += found[item][:wanted]
    rng.shuffle(rows)
    with open(out, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(COLUMNS)
        writer.writerows([f"t{first_key + n:04d}", *row] for n, row in enumerate(rows))


if __name__ == "__main__":
    if sys.argv[1] == "--rare":
        rare(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], sys.argv[6])
    else:
        main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], *sys.argv[5:])
