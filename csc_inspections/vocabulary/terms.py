"""The terms of the vocabulary as frozen values, and the look-ups every part asks of them."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property


class VocabularyError(ValueError):
    """A data file that contradicts itself or another: the message names the file and key."""


@dataclass(frozen=True)
class Area:
    """A canonical judgement area. Empty labels in the file fall back as documented there."""

    key: str
    order: int
    label: str  # pages and charts' tables: "Help and protection"
    short: str  # narrow table headings: "Leaders"
    terminal: str  # command-line table headings: "Help & protection"
    chart: str  # a timeline lane: "LSCB"
    compare_label: str  # the same in every era, for comparisons: "Children looked after / in care"
    compare_order: int | None  # place in a comparison table; None: not compared
    printed: str  # "heading" (its printed wording is shown) or "sentence" (compare_label is)
    history: bool  # a column of the history export and of every report row
    counted: bool  # counted in the national picture (every era judges it)
    sections: tuple[str, ...]  # section kinds that say most about it, best first


@dataclass(frozen=True)
class Grade:
    """One grade of one scale; `rank` is higher for better, within its scale."""

    scale: str
    key: str
    rank: int
    label: str  # as Ofsted words it: "requires improvement to be good"
    short: str  # a chart mark: "RI"
    css: str  # the class of its colour on the web pages
    style: str  # its Rich style in the terminal ('' = plain)
    pattern: str  # the printed wording as a regex (no capturing groups)
    description: str = ""  # what it means, in plain English, for the pages and glossary


@dataclass(frozen=True)
class Scale:
    """A grade scale, best grade first. `use`: counted (the national picture is drawn on it),
    compared (grades on it are ranked across an LA's reports), read (only read and stored)."""

    key: str
    label: str
    use: str
    grades: tuple[Grade, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(g.key for g in self.grades)

    @property
    def compared(self) -> bool:
        return self.use != "read"


@dataclass(frozen=True)
class Framework:
    """A report kind: a row of frameworks.csv."""

    kind: str
    family: str
    export_as: str
    label: str
    title: str
    in_force_from: date
    in_force_to: date | None
    has_overall: bool
    grade_scale: str
    compared: bool  # counted nationally and compared with the LA's other reports
    areas: tuple[str, ...]  # judged by every report of the kind, in printed order
    # The last day an inspection of the kind can start on site, where inspections already
    # planned ran on after the next framework came into force (None: `in_force_to`).
    last_on_site: date | None = None
    description: str = ""  # what it is, in plain English, for the pages and glossary
    era: str = ""  # the era it belongs to, for counts by era ("ILACS 2018-26"); '': its label

    def allows(self, day: date) -> bool:
        """Whether an inspection on site on `day` can be of this kind: on or after the day the
        framework came into force, and no later than the last day one could start."""
        last = self.last_on_site or self.in_force_to
        return self.in_force_from <= day and (last is None or day <= last)


@dataclass(frozen=True)
class LetterKind:
    kind: str
    label: str
    graded: bool
    description: str = ""  # what the visit is, in plain English


@dataclass(frozen=True)
class Term:
    """A word or acronym of the glossary (glossary.csv): what it stands for and means, and
    the Ofsted document that defines it (by title)."""

    term: str
    expansion: str  # '' when the term is no abbreviation
    description: str
    source: str


@dataclass(frozen=True)
class Cycle:
    """When the next full inspection is expected after one with `grade` (cycles.csv; grade ''
    for an inspection with no overall grade): an estimate from the framework's cycle."""

    grade: str
    next_kind: str
    months: int
    between: str  # what happens before it
    source: str


@dataclass(frozen=True)
class AreaWording:
    family: str
    area: str
    pattern: re.Pattern[str]
    crosswalk: str


@dataclass(frozen=True)
class TitleRule:
    """Wording that tells a family: `where` is "title" (the first lines of page 1) or "page"
    (anywhere on page 1, tried only when no title rule matched)."""

    family: str
    module: str
    where: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class GradeWords:
    """A regex for the grades of some scales, and the grade each alternative names."""

    regex: re.Pattern[str]
    keys: tuple[str, ...]

    def key(self, match: re.Match[str]) -> str:
        """The grade a match of `regex` names."""
        return next(k for n, k in enumerate(self.keys) if match.group(f"g{n}") is not None)

    def find(self, text: str) -> str | None:
        """The first grade named in `text`, or None."""
        m = self.regex.search(text)
        return self.key(m) if m else None


@dataclass(frozen=True)
class Theme:
    """A practice theme of themes.csv: what recommendations and findings are about (the
    tagger learns them from hand-labelled items; `covers` is the reader's definition)."""

    key: str
    order: int
    label: str  # "Management oversight and supervision"
    covers: str  # what it covers, as the labelling guide gives it


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything loaded from the data files; build one with `load`."""

    folders: tuple[str, ...]
    areas: tuple[Area, ...]  # in order
    scales: tuple[Scale, ...]
    frameworks: Mapping[str, Framework]
    letter_kinds: tuple[LetterKind, ...]
    wordings: tuple[AreaWording, ...]
    title_rules: tuple[TitleRule, ...]
    glossary: tuple[Term, ...] = ()
    cycles: tuple[Cycle, ...] = ()
    themes: tuple[Theme, ...] = ()  # in order
    _grade_words: dict[tuple[str, ...], GradeWords] = field(default_factory=dict, repr=False)

    # --- areas ---------------------------------------------------------------------------

    @cached_property
    def _areas(self) -> dict[str, Area]:
        return {a.key: a for a in self.areas}

    def area(self, key: str) -> Area:
        """The area of that key (KeyError if none)."""
        return self._areas[key]

    @cached_property
    def area_keys(self) -> tuple[str, ...]:
        return tuple(self._areas)

    @cached_property
    def history_areas(self) -> tuple[str, ...]:
        return tuple(a.key for a in self.areas if a.history)

    @cached_property
    def counted_areas(self) -> tuple[str, ...]:
        return tuple(a.key for a in self.areas if a.counted)

    @cached_property
    def compared_areas(self) -> tuple[Area, ...]:
        """The areas of a comparison table, in its order."""
        listed = [a for a in self.areas if a.compare_order is not None]
        return tuple(sorted(listed, key=lambda a: a.compare_order or 0))

    def kinds_judging(self, area: str) -> tuple[str, ...]:
        """The report kinds every report of which judges `area`."""
        return tuple(k for k, f in self.frameworks.items() if area in f.areas)

    @cached_property
    def _wordings(self) -> dict[str, tuple[AreaWording, ...]]:
        out: dict[str, list[AreaWording]] = {}
        for w in self.wordings:
            out.setdefault(w.family, []).append(w)
        return {family: tuple(found) for family, found in out.items()}

    def match_area(self, family: str, text: str) -> str | None:
        """The canonical area whose wording for `family` occurs in `text` (earlier rows win)."""
        flat = " ".join(text.split())
        return next(
            (w.area for w in self._wordings.get(family, ()) if w.pattern.search(flat)), None
        )

    def cycle(self, grade: str | None) -> Cycle | None:
        """The cycle rule after an overall grade (None or '': no overall grade given)."""
        return next((c for c in self.cycles if c.grade == (grade or "")), None)

    @cached_property
    def theme_keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.themes)

    def theme(self, key: str) -> Theme:
        """The theme of that key (KeyError if none)."""
        found = next((t for t in self.themes if t.key == key), None)
        if found is None:
            raise KeyError(key)
        return found

    def term(self, name: str) -> Term:
        """The glossary's entry for `name` (KeyError if none)."""
        found = next((t for t in self.glossary if t.term.lower() == name.lower()), None)
        if found is None:
            raise KeyError(name)
        return found

    # --- grades --------------------------------------------------------------------------

    @cached_property
    def _scales(self) -> dict[str, Scale]:
        return {s.key: s for s in self.scales}

    def scale(self, key: str) -> Scale:
        """The scale of that key (KeyError if none)."""
        return self._scales[key]

    @cached_property
    def counted_scale(self) -> Scale:
        return next(s for s in self.scales if s.use == "counted")

    @cached_property
    def _compared(self) -> dict[str, Grade]:
        return {g.key: g for s in self.scales if s.compared for g in s.grades}

    @cached_property
    def grades(self) -> tuple[Grade, ...]:
        """Every grade once (its first row), best first; equal ranks in file order."""
        first: dict[str, Grade] = {}
        for s in self.scales:
            for g in s.grades:
                first.setdefault(g.key, g)
        return tuple(sorted(first.values(), key=lambda g: -g.rank))

    @cached_property
    def grade_keys(self) -> tuple[str, ...]:
        return tuple(self._grades)

    @cached_property
    def _grades(self) -> dict[str, Grade]:
        return {g.key: g for g in self.grades}

    def grade(self, key: str) -> Grade:
        """The grade of that key, as worded on every scale it is on (KeyError if none)."""
        return self._grades[key]

    def rank(self, grade: str) -> int | None:
        """The rank of a grade on a compared scale (higher is better); None for any other."""
        found = self._compared.get(grade)
        return found.rank if found else None

    def same_scale(self, a: str, b: str) -> bool:
        """True when both grades are on one compared scale, so their ranks can be compared."""
        first, second = self._compared.get(a), self._compared.get(b)
        return first is not None and second is not None and first.scale == second.scale

    def family_scales(self, *families: str) -> tuple[str, ...]:
        """The scales the frameworks of these families (all families if none named) grade on."""
        chosen = [f for f in self.frameworks.values() if not families or f.family in families]
        return tuple(dict.fromkeys(f.grade_scale for f in chosen))

    @cached_property
    def _report_scales(self) -> tuple[str, ...]:
        return self.family_scales()

    def grade_pattern(self, scales: Iterable[str]) -> str:
        """A non-capturing regex for every grade of the scales, longest wording first."""
        return "(?:" + "|".join(self._patterns(scales).values()) + ")"

    def grade_words(self, scales: Iterable[str] | None = None) -> GradeWords:
        """Grade wording of the scales (default: those of every framework), whole words only."""
        chosen = self._report_scales if scales is None else tuple(scales)
        if chosen not in self._grade_words:
            patterns = self._patterns(chosen)
            groups = "|".join(f"(?P<g{n}>{p})" for n, p in enumerate(patterns.values()))
            regex = re.compile(rf"\b(?:{groups})\b", re.IGNORECASE)
            self._grade_words[chosen] = GradeWords(regex, tuple(patterns))
        return self._grade_words[chosen]

    def _patterns(self, scales: Iterable[str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for key in scales:
            for g in self.scale(key).grades:
                found.setdefault(g.key, g.pattern)
        return dict(sorted(found.items(), key=lambda kv: -len(kv[1])))

    # --- kinds and families ----------------------------------------------------------------

    @cached_property
    def kinds(self) -> tuple[str, ...]:
        """Every report kind, then every letter kind."""
        return (*self.frameworks, *(k.kind for k in self.letter_kinds))

    @cached_property
    def kind_labels(self) -> dict[str, str]:
        return {
            **{k: f.label for k, f in self.frameworks.items()},
            **{k.kind: k.label for k in self.letter_kinds},
        }

    @cached_property
    def _modules(self) -> dict[str, str]:
        return {r.family: r.module for r in self.title_rules}

    def module(self, family: str) -> str:
        """The dotted name of the module whose `parse(pages, label)` reads the family (KeyError
        for a family without a row in families.csv)."""
        return self._modules[family]
