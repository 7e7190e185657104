"""Reading the vocabulary's data files, the package's and any added folder's, and refusing
files that contradict themselves or each other (see data/README.md for every column)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from datetime import date
from importlib import resources
from pathlib import Path

from .terms import (
    Area,
    AreaWording,
    Cycle,
    Framework,
    Grade,
    LetterKind,
    Scale,
    Term,
    Theme,
    TitleRule,
    Vocabulary,
    VocabularyError,
)

FILES = (
    *("frameworks.csv", "letter_kinds.csv", "judgement_areas.csv", "grade_scales.csv"),
    *("grades.csv", "areas.csv", "families.csv", "glossary.csv", "cycles.csv", "themes.csv"),
)
SCALE_USES = ("counted", "compared", "read")  # see grade_scales.csv in data/README.md
_FIRST_WINS = ("areas.csv", "families.csv")  # the first matching row wins: added rows first
_FLAGS = re.IGNORECASE | re.MULTILINE

Row = dict[str, str]


def load(*folders: str | Path) -> Vocabulary:
    """The package's data extended by each folder's files, checked for contradictions."""
    tables = {name: _package_rows(name) for name in FILES}
    for folder in folders:
        for name in FILES:
            path = Path(folder) / name
            if path.is_file():
                rows = _rows(path.read_text(encoding="utf-8"), str(path))
                tables[name] = rows + tables[name] if name in _FIRST_WINS else tables[name] + rows
    scales = _scales(tables["grade_scales.csv"], tables["grades.csv"])
    vocabulary = Vocabulary(
        folders=tuple(str(f) for f in folders),
        areas=_areas(tables["judgement_areas.csv"]),
        scales=scales,
        frameworks=_frameworks(tables["frameworks.csv"]),
        letter_kinds=tuple(
            LetterKind(r["kind"], r["label"], r["graded"] == "yes", r.get("description") or "")
            for r in tables["letter_kinds.csv"]
        ),
        wordings=tuple(
            AreaWording(r["family"], r["area"], re.compile(r["pattern"], re.I), r["crosswalk"])
            for r in tables["areas.csv"]
        ),
        title_rules=_title_rules(tables["families.csv"]),
        glossary=tuple(
            Term(r["term"], r["expansion"], r["description"], r["source"])
            for r in tables["glossary.csv"]
        ),
        cycles=tuple(
            Cycle(r["grade"], r["next_kind"], int(r["months"]), r["between"], r["source"])
            for r in tables["cycles.csv"]
        ),
        themes=tuple(
            sorted(
                (
                    Theme(r["theme"], int(r["order"]), r["label"], r["covers"])
                    for r in tables["themes.csv"]
                ),
                key=lambda t: t.order,
            )
        ),
    )
    _check(vocabulary)
    return vocabulary


def _package_rows(name: str) -> list[Row]:
    text = resources.files("csc_inspections").joinpath("data", name).read_text(encoding="utf-8")
    return _rows(text, f"data/{name}")


def _rows(text: str, where: str) -> list[Row]:
    rows = list(csv.DictReader(text.splitlines()))
    for number, row in enumerate(rows, start=2):
        if None in row:  # an unquoted comma in a pattern split it
            raise VocabularyError(f"{where} line {number}: too many fields")
    return rows


def _yes(value: str) -> bool:
    return value == "yes"


def _unique(keys: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise VocabularyError(f"{what} {key!r} is defined twice")
        seen.add(key)


def _areas(rows: Sequence[Row]) -> tuple[Area, ...]:
    _unique((r["area"] for r in rows), "area")
    areas = []
    for r in rows:
        short = r["short"] or r["label"]
        areas.append(
            Area(
                key=r["area"],
                order=int(r["order"]),
                label=r["label"],
                short=short,
                terminal=r["terminal"] or short,
                chart=r["chart"] or r["label"],
                compare_label=r["compare_label"] or r["label"],
                compare_order=int(r["compare_order"]) if r["compare_order"] else None,
                printed=r["printed"],
                history=_yes(r["history"]),
                counted=_yes(r["counted"]),
                sections=tuple(r["sections"].split("|"))
                if r["sections"]
                else (f"judgement_{r['area']}",),
            )
        )
    return tuple(sorted(areas, key=lambda a: a.order))


def _pattern(text: str) -> str:
    """A grade's printed wording as a regex: a space is any whitespace (wording wraps), an
    optional space (" ?") any whitespace or none, as in sections.csv."""
    return text.replace(" ?", r"\s*").replace(" ", r"\s+")


def _scales(scale_rows: Sequence[Row], grade_rows: Sequence[Row]) -> tuple[Scale, ...]:
    _unique((r["scale"] for r in scale_rows), "grade scale")
    _unique((f"{r['scale']}: {r['grade']}" for r in grade_rows), "grade")
    scales = []
    for s in scale_rows:
        grades = [
            Grade(
                scale=r["scale"],
                key=r["grade"],
                rank=int(r["rank"]),
                label=r["label"],
                short=r["short"],
                css=r["css"],
                style=r["style"],
                pattern=_pattern(r["pattern"]),
                description=r.get("description") or "",
            )
            for r in grade_rows
            if r["scale"] == s["scale"]
        ]
        ordered = tuple(sorted(grades, key=lambda g: -g.rank))
        scales.append(Scale(s["scale"], s["label"], s["use"], ordered))
    return tuple(scales)


def _frameworks(rows: Sequence[Row]) -> dict[str, Framework]:
    _unique((r["kind"] for r in rows), "report kind")
    return {
        r["kind"]: Framework(
            kind=r["kind"],
            family=r["family"],
            export_as=r["export_as"],
            label=r["label"],
            title=r["title"],
            in_force_from=date.fromisoformat(r["in_force_from"]),
            in_force_to=_day(r["in_force_to"]),
            has_overall=_yes(r["has_overall"]),
            grade_scale=r["grade_scale"],
            compared=_yes(r["compared"]),
            areas=tuple(r["areas"].split("|")) if r["areas"] else (),
            last_on_site=_day(r.get("last_on_site")),
            description=r.get("description") or "",
            era=r.get("era") or r["label"],
        )
        for r in rows
    }


def _day(text: str | None) -> date | None:
    """An ISO date cell; None when empty (or, for an optional column, absent)."""
    return date.fromisoformat(text) if text else None


def _title_rules(rows: Sequence[Row]) -> tuple[TitleRule, ...]:
    rules = []
    for r in rows:
        module = r["module"] or f"csc_inspections.parse.{r['family']}"
        rules.append(TitleRule(r["family"], module, r["where"], re.compile(r["pattern"], _FLAGS)))
    return tuple(sorted(rules, key=lambda r: r.where != "title"))  # stable: file order kept


def _check(v: Vocabulary) -> None:
    """Every cross-reference resolves and no key is defined twice."""
    _unique((str(a.order) for a in v.areas), "area order")
    _unique((t.term.lower() for t in v.glossary), "glossary term")
    _unique((c.grade for c in v.cycles), "cycle of grade")
    _unique((t.key for t in v.themes), "theme")
    _unique(v.kinds, "kind")
    _check_scales(v.scales)
    problems = _unknown_references(v)
    modules: dict[str, set[str]] = {}
    for r in v.title_rules:
        modules.setdefault(r.family, set()).add(r.module)
    problems += [
        f"family {f!r} names modules {sorted(m)}" for f, m in modules.items() if len(m) > 1
    ]
    if problems:
        raise VocabularyError("; ".join(problems))


def _unknown_references(v: Vocabulary) -> list[str]:
    areas, scales = set(v.area_keys), {s.key for s in v.scales}
    families = {r.family for r in v.title_rules}
    found = []
    for kind, f in v.frameworks.items():
        if f.grade_scale not in scales:
            found.append(f"kind {kind!r}: unknown grade scale {f.grade_scale!r}")
        if f.family not in families:
            found.append(f"kind {kind!r}: family {f.family!r} has no row in families.csv")
        found += [f"kind {kind!r}: unknown area {a!r}" for a in f.areas if a not in areas]
    found += [f"areas.csv: unknown area {w.area!r}" for w in v.wordings if w.area not in areas]
    wheres = {r.where for r in v.title_rules} - {"title", "page"}
    return found + [f"families.csv: where {w!r} is neither title nor page" for w in wheres]


def _check_scales(scales: Sequence[Scale]) -> None:
    """One counted scale; a grade is on at most one compared scale (so its rank is one number)
    and is worded the same on every scale it is on."""
    problems = [f"scale {s.key!r}: use {s.use!r}" for s in scales if s.use not in SCALE_USES]
    if [s.use for s in scales].count("counted") != 1:
        problems.append("exactly one grade scale must have use 'counted'")
    compared = [g.key for s in scales if s.compared for g in s.grades]
    twice = sorted(k for k in set(compared) if compared.count(k) > 1)
    problems += [f"grade {k!r} is on two compared scales" for k in twice]
    first: dict[str, Grade] = {}
    for g in (g for s in scales for g in s.grades):
        seen = first.setdefault(g.key, g)
        if _wording(seen) != _wording(g):
            problems.append(f"grade {g.key!r} is worded differently on {seen.scale}, {g.scale}")
        if re.compile(g.pattern).groups:
            problems.append(f"grade {g.key!r}: its pattern has a capturing group")
    if problems:
        raise VocabularyError("grades: " + "; ".join(problems))


def _wording(g: Grade) -> tuple[str, ...]:
    return (g.label, g.short, g.css, g.style, g.pattern)
