"""Context figures from "Information about this local authority area" (SIF reports, 2013-18).

The section is a list of near-fixed sentences ("At 30 September 2014, 393 children and young
people were the subject of a child protection plan. This is an increase from 332 at 31 March
2014."), so every wording lives in `data/figures.csv` and this module only knows the grammar:

- `stock` rows name a topic; a statement opening "At <date>," on that topic yields the count at
  that date, its rate per 10,000 if printed, and the earlier count (and rate) it is compared with.
- `value` rows are one regex each, with the value in `{num}` (`{count}` also takes "nine");
  the first match of a name and unit wins. `after` names a stock topic whose statement the
  search starts from, and `as_at` says where the date comes from: `statement` (that statement's
  date, for "Of this number: 193 (or 48%) live outside the local authority area") or `period`
  (the end of the "In the last 12 months (to 30 November 2015)" list the value sits in).
- `needs` lists words without which a row cannot match: a substring test is far cheaper than a
  regex, and patterns are case-sensitive (unless they say `(?i)`) for the same reason.
- `since` rows read "has been in post since September 2013"; `dcs_*` rows decide which sentence
  names the director of children's services and whether the post-holder is interim.

A date printed with a month but no day ("at March 2013") gives an `as_at` of month precision
(`as_at_precision`): we do not invent the day, nor lose the month. A `value` row with no `as_at`
column takes the date its own sentence gives ("... living in poverty as at 31 August 2014").
ILACS reports (2018-) have no such section; their sections simply yield nothing.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from ..model import Figure, Page, Provenance, Section
from .numbers import DAY, WORD, When, as_at, number, since_value
from .stretch import Stretch, end_of_text, section_stretch, stretch
from .text import MONTH_RE, squash

FIGURE_KINDS = ("area_information",)
FALLBACK_KINDS = ("inspection_information",)  # 2014 layouts missing the area heading

_DIGITS = (  # "1,915", "62 100"; in "56,2002children" the glued 2 is a footnote mark
    r"(?<![\d,.])(?:\d{1,3}(?:,\d{3}|\x20\d{3}(?!\d))+(?:\.\d+)?(?=\d?(?![\d,]))"
    r"|\d+(?:\.\d+)?(?![\d,]))"
)
# A look-ahead on the first character lets the engine skip most positions at once; a figure
# that must open a bullet ("• 193 (or 48%) live outside ...") checks what precedes it after that.
BULLETS = "\n•–−―─\u0336,:-"  # dashes and a combining stroke serve as sub-bullets
_BULLET = rf"(?:(?<=[{BULLETS}])|(?<=[{BULLETS}]\s)|(?<=number\s))"
DIGITS = rf"\b(?=\d){_DIGITS}"
NUM = rf"\b(?=[\dzotfsenZOTFSEN])(?:{_DIGITS}|(?i:{WORD})\b)"
DATE = (
    rf"(?:(?:the\s+)?end\s+of\s+{MONTH_RE}\s+\d{{4}}"
    rf"|{DAY}\s+(?:of\s+)?{MONTH_RE}\.?,?\s+(?:\d{{4}}|\d{{2}})\b"
    rf"|{MONTH_RE}\s+{DAY},?\s+\d{{4}})"
)
MONTH_DATE = rf"(?:{DATE}|{MONTH_RE}\s+\d{{4}})"
SINCE = rf"(?:(?:{DAY}\s+)?{MONTH_RE}\.?\s+\d{{4}}|\d{{4}})"
_PLACEHOLDERS = {
    "{num}": rf"(?P<value>{DIGITS})(?:(?<=,\d\d\d)\d(?!\d))?",  # and a glued footnote mark
    "{n}": DIGITS,
    "{count}": rf"(?P<value>{NUM})",
    "{bullet_num}": rf"(?P<value>\b(?=\d){_BULLET}{_DIGITS})",
    "{bullet_n}": rf"\b(?=\d){_BULLET}{_DIGITS}",
    "{bullet_count}": rf"(?P<value>\b(?=[\dzotfsenZOTFSEN]){_BULLET}(?:{_DIGITS}|(?i:{WORD})\b))",
    "{date}": rf"(?P<date>{DATE})",
    "{since}": rf"(?P<since>{SINCE})",
    "{outside}": r"(?:live|lived|are living|were living|were placed|are placed) (?:outside|out of)",
}


_OWN_DATE = re.compile(rf"\b(?:as\s+(?:at|of)|at)\s+(?P<date>{MONTH_DATE})", re.I)


# --- the table ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """One row of data/figures.csv (see the module docstring); `needs`: words (lower case, any
    of) without which the pattern cannot match, tested first because that is much cheaper."""

    rule: str
    name: str
    unit: str
    after: str
    as_at: str
    value: str
    needs: tuple[str, ...]
    pattern: re.Pattern[str]

    def search(self, text: str, lowered: str, start: int = 0) -> re.Match[str] | None:
        if self.needs and not any(word in lowered for word in self.needs):
            return None
        return self.pattern.search(text, start)


def compile_pattern(text: str) -> re.Pattern[str]:
    """A table pattern as a regex: placeholders expanded, " ?" optional and " " any whitespace.
    Case matters (a case-sensitive literal start is what makes a search fast) unless the pattern
    says `(?i)`."""
    for key, regex in _PLACEHOLDERS.items():
        text = text.replace(key, regex.replace(" ?", "\x00").replace(" ", "\x01"))
    text = text.replace(" ?", r"\s*").replace(" ", r"\s+")
    return re.compile(text.replace("\x00", r"\s*").replace("\x01", r"\s+"), re.M)


@cache
def rules() -> tuple[Rule, ...]:
    """Every row of data/figures.csv, in file order (earlier rows win)."""
    text = resources.files("csc_inspections").joinpath("data", "figures.csv")
    rows = csv.DictReader(text.read_text(encoding="utf-8").splitlines())
    return tuple(_rule(r) for r in rows)


def _rule(r: dict[str, str]) -> Rule:
    needs = tuple(filter(None, r["needs"].split("|")))
    pattern = compile_pattern(r["pattern"])
    return Rule(r["rule"], r["name"], r["unit"], r["after"], r["as_at"], r["value"], needs, pattern)


def _of(kind: str) -> tuple[Rule, ...]:
    return tuple(r for r in rules() if r.rule == kind)


# --- reading --------------------------------------------------------------------------------


def figures(sections: Sequence[Section], label: str) -> tuple[Figure, ...]:
    """The context figures of a report's "Information about this local authority area"."""
    pages = section_stretch(sections, FIGURE_KINDS) or section_stretch(sections, FALLBACK_KINDS)
    return read_figures(pages, label) if pages else ()


def read_figures(pages: Sequence[Page], label: str) -> tuple[Figure, ...]:
    """Every figure the table knows, read from a stretch of pages (the area section)."""
    s = stretch(pages)
    statements = list(_statements(s))
    found = [f for st in statements for f in _stock(s, st, label)]
    found += _values(s, statements, label)
    found += _leadership(s, label)
    return tuple(found)


@dataclass(frozen=True)
class Statement:
    """One "At <date>, <count> ..." statement: where it runs and the date it opens with."""

    start: int
    end: int
    value_from: int
    when: str
    topic: Rule | None


# "At 30 September 2014, 393 children ...", "As at", "At the time of (the) inspection[, at ...]",
# "Provisionally at ...", "At 24 April," (no year), or a bare date opening a bullet
_OPENING = re.compile(
    r"(?P<at>(?:Provisionally,?\s+a|A)(?:t|s\s+at)\s+"
    r"(?:the\s+time\s+of\s+(?:the\s+)?inspection(?:,?\s+at\s+(?=\d))?)?)"
    rf"(?P<date>{MONTH_DATE}|{DAY}\s+{MONTH_RE}(?=\s*,)|(?<=inspection))\s*,?"
)
_BARE_OPENING = re.compile(rf"(?<=•)[ \t]*(?P<at>)(?P<date>{DATE})\s*,")  # "• 31 August 2015,"
_CURRENT = re.compile(
    r"[\s,]*(?:\([^)]{0,60}\)[\s,]*)?[^\d•().]{0,60}?"
    rf"(?P<value>{NUM})\s+(?:children|child|young|open|are|were)",
    re.I,
)
_RATE = re.compile(r"\(\s*a\s+rate\s+of\s+(?P<value>\d+(?:\.\d+)?)\s+per\s+10,?\s*000", re.I)
_EARLIER = re.compile(
    r"\b(?:increase|reduction|decrease|rise|fall|similar|unchanged|change|lower|higher|fewer)\b"
    rf"[^.]{{0,20}}?\b(?:from|to|on|than)\s+(?:the\s+)?(?P<value>{NUM})(?:\s+children)?"
    r"(?:\s*\(\s*(?:a\s+rate\s+of\s+)?(?P<rate>\d+(?:\.\d+)?)\s+per\s+10,?\s*000"
    r"(?:\s+children)?\s*\))?"
    rf"\s+(?:at|as\s+at|in)\s+(?P<date>{MONTH_DATE})",
    re.I,
)


def _statements(s: Stretch) -> Iterator[Statement]:
    """Each statement opening "At <date>," up to the next statement or bullet."""
    found = [*_OPENING.finditer(s.text), *_BARE_OPENING.finditer(s.text)]
    opens = sorted((m for m in found if _opens_statement(s.text, m)), key=lambda m: m.start())
    for i, m in enumerate(opens):
        nxt = opens[i + 1].start() if i + 1 < len(opens) else len(s.text)
        bullet = s.text.find("•", m.end())
        end = min(nxt, bullet if bullet >= 0 else nxt)
        yield Statement(m.start(), end, m.end(), m.group("date"), _topic(s.text, m.end(), end))


_SENTENCE_END = re.compile(r"\.(?=\s|$)")


def _topic(text: str, start: int, end: int) -> Rule | None:
    """The stock topic the statement's own sentence names, the earliest named if several: a
    topic of a later sentence ("606 children ... were being looked after. ... child protection
    plans ...") is another statement's, not this count's."""
    stop = _SENTENCE_END.search(text, start, end)
    first = text[start : stop.start() if stop else end]
    named = [(m.start(), r) for r in _of("stock") if (m := r.pattern.search(first))]
    return min(named, key=lambda n: n[0])[1] if named else None


def _opens_statement(text: str, m: re.Match[str]) -> bool:
    """Whether an opening starts a statement: "At ..." after a line start, bullet or full stop;
    a bare date only straight after a bullet (so a wrapped "at\n31 March 2014" opens nothing)."""
    if not m.group("at"):
        return True
    i = m.start() - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in "\n•."


def _stock(s: Stretch, st: Statement, label: str) -> Iterator[Figure]:
    """The count (and rate) at the statement's date, and the earlier count it is compared with."""
    if st.topic is None:
        return
    current = _CURRENT.match(s.text, st.value_from, st.end)
    if current is None:
        return
    when = as_at(st.when)
    earlier = _EARLIER.search(s.text, current.end(), st.end)
    rate = _RATE.search(s.text, current.end(), earlier.start() if earlier else st.end)
    last = max(m.end() for m in (current, rate, earlier) if m)
    stop = _SENTENCE_END.search(s.text, last, st.end)
    source = squash(
        s.text[st.start : end_of_text(s.text, st.start, stop.end() if stop else st.end)]
    )
    yield _figure(s, st.topic.name, "count", current, source, when, label)
    if rate:
        yield _figure(s, st.topic.value, "per_10000", rate, source, when, label)
    if earlier:
        before = as_at(earlier.group("date"))
        yield _figure(s, st.topic.name, "count", earlier, source, before, label)
        if earlier.group("rate"):
            yield _figure(s, st.topic.value, "per_10000", earlier, source, before, label, "rate")


def _figure(
    s: Stretch, name: str, unit: str, m: re.Match[str], source: str, when: When,
    label: str, group: str = "value",
) -> Figure:  # fmt: skip
    value = number(m.group(group))
    provenance = Provenance(label, s.page(m.start(group)), source)
    printed = m.group(group) if value is None else value
    return Figure(name, printed, unit, provenance, when[0], when[1])


def _values(s: Stretch, statements: Sequence[Statement], label: str) -> list[Figure]:
    """The first match of each `value` row per (name, unit), dated as its `as_at` column says."""
    lowered = s.text.lower()
    periods = [
        (m.start(), as_at(m.group("date")))
        for r in _of("period")
        if not r.needs or any(word in lowered for word in r.needs)
        for m in r.pattern.finditer(s.text)
    ]
    found: dict[tuple[str, str], Figure] = {}
    for rule in _of("value"):
        start = next((st.start for st in statements if st.topic and st.topic.name == rule.after), 0)
        m = None if (rule.name, rule.unit) in found else rule.search(s.text, lowered, start)
        if m is None:
            continue
        source = s.sentence(m.start("value"), m.end("value"))
        when = _when(rule, m, statements, periods, source)
        found[rule.name, rule.unit] = _figure(s, rule.name, rule.unit, m, source, when, label)
    return list(found.values())


def _when(
    rule: Rule,
    m: re.Match[str],
    statements: Sequence[Statement],
    periods: Sequence[tuple[int, When]],
    source: str,
) -> When:
    """The as-at date of a `value` match, per the row's `as_at` column: the date of the latest
    `after` statement before it, or the end of the 12 months it is counted over; else the date
    its own sentence gives ("... living in poverty as at 31 August 2014")."""
    if rule.as_at == "statement":
        topic = [st for st in statements if st.topic and st.topic.name == rule.after]
        before = [st for st in topic if st.start < m.start()]
        return as_at(before[-1].when) if before else (None, "day")
    if rule.as_at == "period":
        earlier = [when for offset, when in periods if offset < m.start()]
        return earlier[-1] if earlier else (None, "day")
    own = _OWN_DATE.search(source)
    return as_at(own.group("date")) if own else (None, "day")


def _leadership(s: Stretch, label: str) -> list[Figure]:
    """When the DCS and the LSCB chair came into post, and whether the DCS is interim."""
    out: list[Figure] = []
    for rule in _of("since"):
        m = next((m for m in rule.pattern.finditer(s.text) if _is_post(rule, m)), None)
        if m is None:
            continue
        source = s.sentence(m.start(), m.end())
        provenance = Provenance(label, s.page(m.start("since")), source)
        out.append(Figure(rule.name, since_value(m.group("since")), "date", provenance))
        if rule.name == "dcs_since":
            status = next(r for r in _of("dcs_status") if r.pattern.search(source))
            out.append(Figure(status.name, status.value, status.unit, provenance))
    return out


def _is_post(rule: Rule, m: re.Match[str]) -> bool:
    """Whether a "since" match names the post its row is about (the DCS, not the chief
    executive or a previous holder)."""
    if "title" not in m.groupdict():
        return True
    title = m.group("title")
    return any(r.pattern.search(title) for r in _of("dcs_title")) and not any(
        r.pattern.search(title) for r in _of("dcs_not")
    )
