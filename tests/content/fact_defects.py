"""Detectors of the fact defects of issue 16 (figures, cited inspections, letter facts), written
apart from the parser's own rules.

Each detector reads one parsed document and names the defects of its class. The words and
patterns here are what a reader checks a quoted fact against; none is imported from
`csc_inspections.parse`, so the check does not test the parser against itself.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from csc_inspections.model import CitedInspection, Figure, Letter, Parsed


@dataclass(frozen=True)
class Defect:
    """One defect: its class, the document, and the text that shows it."""

    kind: str
    file: str
    text: str


# --- letters -----------------------------------------------------------------------------------

_LONGEST_VISIT = 31  # days: a focused visit lasts two or three, a JTAI a week or two
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DAY_NUMBER = re.compile(r"(?<![\d,.])\b(\d{1,2})(?:st|nd|rd|th)?\b(?![\d,.]\d)")


def letter_dates(parsed: Parsed) -> Iterator[Defect]:
    """Visit dates outside the letter's own range: the first day after the last, the last
    after the letter's date, a span no visit lasts, or a first or last day that is not the
    first or last day number printed in the sentence the dates were read from."""
    if not isinstance(parsed, Letter) or not (parsed.visit_start and parsed.visit_end):
        return
    start, end = parsed.visit_start.value, parsed.visit_end.value
    text = parsed.visit_start.source.text
    printed = [int(d) for d in _DAY_NUMBER.findall(_YEAR.sub(" ", text))]
    wrong = []
    if start > end:
        wrong.append("first day after last")
    if parsed.letter_date and end > parsed.letter_date.value:
        wrong.append("visit ends after the letter")
    if (end - start).days > _LONGEST_VISIT:
        wrong.append("span longer than a visit")
    if printed and (printed[0], printed[-1]) != (start.day, end.day):
        wrong.append(f"printed days {printed[0]}..{printed[-1]}, read {start}..{end}")
    for why in wrong:
        yield Defect("letter_dates", parsed.file, f"{why}: {text}")


# A topic that stops where it leads into something: "with a particular focus on", "the
# arrangements for children in care, specifically", "including".
_OPEN_ENDED = re.compile(
    r"(?:\b(?:on|upon|of|the|to|for|and|including|specifically|particularly|namely)|[:,;])\s*$",
    re.I,
)


def letter_topics(parsed: Parsed) -> Iterator[Defect]:
    """Topics cut where they lead into a list ("... with a particular focus on")."""
    if isinstance(parsed, Letter) and parsed.topic and _OPEN_ENDED.search(parsed.topic.value):
        yield Defect("topic_cut", parsed.file, parsed.topic.value)


# --- cited inspections ---------------------------------------------------------------------------


# A year printed in a citation's sentence, not part of a span ("2013-14") or a larger number
_PRINTED_YEAR = re.compile(r"(?<![\d/–-])\b(?:19|20)\d\d\b(?!\s*[–/-]\s*\d)")


def _inspection(c: CitedInspection) -> tuple[str, int] | None:
    """What identifies one earlier inspection: its kind and year (an LA has one of a kind a
    year); the year its sentence prints where the citation kept none."""
    if c.month is not None:
        return c.what, c.month.year
    year = _PRINTED_YEAR.search(c.source.text)
    return (c.what, int(year.group(0))) if year else None


def _by_inspection(parsed: Parsed) -> dict[tuple[str, int], list[CitedInspection]]:
    groups: dict[tuple[str, int], list[CitedInspection]] = defaultdict(list)
    for c in parsed.content.cited:
        if (key := _inspection(c)) is not None:
            groups[key].append(c)
    return groups


def cited_repeats(parsed: Parsed) -> Iterator[Defect]:
    """The same earlier inspection cited more than once by one report."""
    for (what, year), same in _by_inspection(parsed).items():
        if len(same) > 1:
            pages = ", ".join(str(c.source.page) for c in same)
            yield Defect("cited_repeated", parsed.file, f"{what} {year}: pages {pages}")


def cited_conflicts(parsed: Parsed) -> Iterator[Defect]:
    """One earlier inspection given two different grades by one report."""
    for (what, year), same in _by_inspection(parsed).items():
        grades = {c.grade for c in same if c.grade}
        if len(grades) > 1:
            yield Defect("cited_conflict", parsed.file, f"{what} {year}: {sorted(grades)}")


def cited_years_lost(parsed: Parsed) -> Iterator[Defect]:
    """A citation with no date whose own sentence prints a year."""
    for c in parsed.content.cited:
        if c.month is None and _PRINTED_YEAR.search(c.source.text):
            yield Defect("cited_year_lost", parsed.file, f"{c.what}: {c.source.text[:160]}")


# --- figures -------------------------------------------------------------------------------------

# What a reader looks for in a count's own sentence to know what it counts. A sentence naming
# another topic and not the figure's own contradicts the figure's name.
_TOPIC_WORDS: dict[str, re.Pattern[str]] = {
    "child_protection_plans": re.compile(r"protection\s+plan", re.I),
    "looked_after_children": re.compile(
        r"look(?:ed|ing)\s+after|in\s+(?:the\s+)?care\b|care\s+of\b", re.I
    ),
    "children_in_need": re.compile(r"\bin\s+need\b", re.I),
    "adoptions": re.compile(r"\badopt(?:ed|ions?)\b(?!\s+(?:team|panel|service|agenc))", re.I),
    "special_guardianship_orders": re.compile(r"guardianship", re.I),
}
_NUMBER_WORDS = (
    "no|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    "|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy"
    "|eighty|ninety"
)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.;])\s+|\s+[•–−-]\s+", text) if s.strip()]


def _printed(value: float) -> re.Pattern[str]:
    """The value as a report may print it: 1816 as "1,816" or "1816"; 43 as "forty-three"."""
    whole = int(value)
    forms = [f"{whole:,}", str(whole)] if value == whole else [f"{value:g}"]
    pattern = "|".join(re.escape(f) for f in forms)
    words = _in_words(whole) if value == whole else None
    if words:
        pattern += rf"|\b{words}\b"
    return re.compile(rf"(?<![\d,.])(?:{pattern})(?!\d|,\d)", re.I)


def _in_words(n: int) -> str | None:
    """A count under 100 as a pattern of its words ("forty[- ]three"), else None."""
    words = _NUMBER_WORDS.split("|")
    units, tens = words[2:21], words[-8:]  # one..nineteen, twenty..ninety
    if n == 0:
        return "no|none|zero"
    if n < 20:
        return units[n - 1]
    if n < 100:
        rest = rf"[-\s]{units[n % 10 - 1]}" if n % 10 else ""
        return tens[n // 10 - 2] + rest
    return None


def _own_sentence(f: Figure) -> str | None:
    """The sentence of the figure's source that holds its value and names a topic (a
    comparison sentence "This is an increase from 332" is read with the one before it)."""
    if not isinstance(f.value, float):
        return None
    sentences = _sentences(f.source.text)
    value = _printed(f.value)
    for i, sentence in enumerate(sentences):
        if value.search(sentence):
            named = any(p.search(sentence) for p in _TOPIC_WORDS.values())
            return sentence if named or i == 0 else f"{sentences[i - 1]} {sentence}"
    return None


def figure_names(parsed: Parsed) -> Iterator[Defect]:
    """Counts whose own sentence names another topic and not theirs ("606 children ... were
    being looked after" as child protection plans; "one adoption team" as adoptions)."""
    for f in parsed.content.figures:
        own = _TOPIC_WORDS.get(f.name)
        if own is None or f.unit != "count":
            continue
        sentence = _own_sentence(f)
        if sentence is not None and not own.search(sentence):
            yield Defect("figure_misnamed", parsed.file, f"{f.name} {f.value:g}: {sentence}")


def figure_words(parsed: Parsed) -> Iterator[Defect]:
    """Counts printed as a compound number in words ("forty-three") read as another number."""
    tens = {w: 20 + 10 * i for i, w in enumerate(_NUMBER_WORDS.split("|")[-8:])}
    units = {w: i for i, w in enumerate(_NUMBER_WORDS.split("|")[2:11], start=1)}
    for f in parsed.content.figures:
        if not isinstance(f.value, float):
            continue
        for m in re.finditer(
            rf"\b({'|'.join(tens)})[-\s]({'|'.join(units)})\b", f.source.text, re.I
        ):
            value = tens[m.group(1).lower()] + units[m.group(2).lower()]
            if f.value in {float(units[m.group(2).lower()])} and value != f.value:
                yield Defect("figure_words", parsed.file, f"{f.name} {f.value:g}: {m.group(0)}")


def figure_dates(parsed: Parsed) -> Iterator[Defect]:
    """Counts and rates with no as-at date whose sentence opens "At <month> <year>"."""
    for f in parsed.content.figures:
        if f.as_at is None and f.unit in {"count", "per_10000"} and _AT_MONTH.match(f.source.text):
            yield Defect("figure_undated", parsed.file, f"{f.name}: {f.source.text[:120]}")


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_AT_MONTH = re.compile(rf"\s*(?:As\s+)?at\s+(?:\d{{1,2}}\s+)?(?:{_MONTHS})\s+\d{{4}}\s*,", re.I)

DETECTORS: dict[str, Callable[[Parsed], Iterator[Defect]]] = {
    "letter_dates": letter_dates,
    "topic_cut": letter_topics,
    "cited_repeated": cited_repeats,
    "cited_conflict": cited_conflicts,
    "cited_year_lost": cited_years_lost,
    "figure_misnamed": figure_names,
    "figure_words": figure_words,
    "figure_undated": figure_dates,
}


def defects(parsed: Parsed) -> Iterator[Defect]:
    """Every fact defect of one parsed document."""
    for detect in DETECTORS.values():
        yield from detect(parsed)
