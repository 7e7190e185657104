"""Earlier inspections a report cites: "Child protection arrangements were last inspected in July
2012 and were judged to be adequate".

SIF reports (2013-18) cite the 2009-13 inspections in "Other/Previous Ofsted inspections" (part of
"Information about this local authority area"), in "Progress since the last inspection" and in
the executive summary; re-inspections cite the single inspection with its list of judgements.
What was inspected is canonical (`data/cited_kinds.csv`: pattern -> what, more specific rows
first); the date is month-precise, or year-precise where only a year is printed ("the child
protection inspection in 2013": the year is kept, no month invented); the grade is as printed on
the scale of its day ("satisfactory" for agencies before 2013), with the aspect it is for
(overall effectiveness unless the clause names another, e.g. capacity to improve).

The grammar, per bullet or paragraph ("item"):
- a sentence naming a kind of inspection and a date opens citations (outside the "Ofsted
  inspections" list it must also say "inspect" or "Ofsted" in the same clause as the kind, so
  "since the Ofsted inspections of 2010 and 2012, services for children looked after have
  deteriorated" cites nothing);
- grades in that sentence go to its kinds ("judged services for looked after children as adequate
  and safeguarding as inadequate"), but only grades of the clause naming the inspection (or of
  a clause referring back to it: "..., which judged services to be good") and only where the
  words judge ("built on the 2011 adequate judgement ... to provide good services" is adequate);
  a grade for another aspect gives way to the overall effectiveness grade; a later sentence of
  the item without a kind ("The local authority was judged to be adequate [in both
  inspections].") grades the citations still open;
  a later sentence with kinds and grades but no date splits the item's last citation ("The local
  authority was judged to be good for safeguarding, adequate for looked after children");
- a combined "safeguarding and looked after children" citation whose parts are graded is replaced
  by the parts; a "children's services" citation followed by "Overall effectiveness: Inadequate"
  lines becomes one citation per judgement (areas as in `data/areas.csv`);
- citations of one kind and year are one inspection, kept once (`_merge`).
Children's homes, schools and monitoring visits are not inspections of the local authority's
services and have no row, so they are never cited.
"""

from __future__ import annotations

import bisect
import csv
import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from importlib import resources

from ..frameworks import match_area
from ..model import CitedInspection, Page, Provenance, Section
from .clauses import Span, aspects, eligible, in_citing_clause, overall_first
from .figures import compile_pattern
from .stretch import Stretch, section_stretch, stretch
from .text import MONTH_RE, month_number, squash

CITED_KINDS = ("area_information", "progress", "summary")
FALLBACK_KINDS = ("inspection_information",)  # 2014 layouts missing the area heading

_GRADE = re.compile(
    r"\b(outstanding|good|satisfactory|inadequate|adequate|requir(?:es?|ing)\s+improvement"
    r"(?:\s+to\s+be\s+good)?)\b(?!\s+(?:or\s+outstanding|progress))",
    re.I,
)
# the month printed before a year: "July 2012", "25 February and 6 March 2013" (the first)
_MONTH_BEFORE = re.compile(
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?({MONTH_RE})\.?,?(?:\s+(\d{{4}}))?"
    rf"(?:\s+(?:and|to|–|-)\s+\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH_RE}\.?,?)?\s+$",
    re.I,
)
# digits first, so the engine skips straight to them; "2013-14" is a span, not a year
_YEAR = re.compile(r"(?:19|20)\d\d(?<!\d\d\d\d\d)(?!\d)(?!\s*[–/-]\s*\d)")
_PART_OPEN = re.compile(r"(?:Other|Previous) Ofsted inspections[ \t]*$", re.M)
_PART_CLOSE = re.compile(
    r"(?:Local leadership|Other information about|Children living in|Child protection in)"
)
_ITEM = re.compile(r"•|\n\s*[–−-]\s+|\n\s*\d{1,3}\.\s+|\n(?=\s*(?:Other|Previous) Ofsted)")
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
_JUDGEMENT = re.compile(rf":\s*({_GRADE.pattern})", re.I)  # "Adoption performance: Good"
_JUDGEMENT_AREA = re.compile(r"[A-Za-z][A-Za-z\s,’']{3,80}$")
_FOR = re.compile(r"\s+(?:for|in respect of)\b")
_GRADE_ONLY = re.compile(r"\b(?:judged|found|rated|were|was)\b", re.I)
_NOT_LA = re.compile(r"\bhomes?\b|\bschools?\b|\bunits?\b", re.I)


@dataclass(frozen=True)
class Kind:
    """A row of data/cited_kinds.csv; `needs`: words (lower case, any of) without which the
    pattern cannot match, tested first because a substring test costs far less than a regex."""

    what: str
    needs: tuple[str, ...]
    pattern: re.Pattern[str]


@cache
def kinds() -> tuple[Kind, ...]:
    """Rows of data/cited_kinds.csv in file order (earlier rows win an overlap)."""
    text = resources.files("csc_inspections").joinpath("data", "cited_kinds.csv")
    rows = csv.DictReader(text.read_text(encoding="utf-8").splitlines())
    return tuple(
        Kind(r["what"], tuple(r["needs"].split("|")), compile_pattern("(?i)" + r["pattern"]))
        for r in rows
    )


@dataclass
class Draft:
    """A citation being built while its item is read (its grade may come sentences later)."""

    what: str
    month: date | None
    grade: str | None
    offset: int
    text: str
    parts: list[str] = field(default_factory=list)
    precision: str = "month"
    area: str = "overall"


def cited_inspections(sections: Sequence[Section], label: str) -> tuple[CitedInspection, ...]:
    """The earlier inspections a report cites, from its area, progress and summary sections."""
    wanted: tuple[str, ...] = CITED_KINDS
    if not any(s.kind == "area_information" for s in sections):
        wanted = CITED_KINDS + FALLBACK_KINDS
    pages = section_stretch(sections, wanted)
    return read_cited(pages, label) if pages else ()


def read_cited(pages: Sequence[Page], label: str) -> tuple[CitedInspection, ...]:
    """Every citation in a stretch of pages, in the order printed."""
    s = stretch(pages)
    parts = _parts(s.text)
    years = [m.start() for m in _YEAR.finditer(s.text)]
    drafts: list[Draft] = []
    for start, end in _items(s.text):
        i = bisect.bisect_left(years, start)
        if i < len(years) and years[i] < end:  # an item citing nothing has no year
            in_part = any(a <= start < b for a, b in parts)
            drafts += _item(s, start, end, in_part)
    drafts = _merge([d for draft in drafts for d in _judgement_list(s, draft)])
    return tuple(
        CitedInspection(
            d.what,
            d.month,
            d.grade,
            Provenance(label, s.page(d.offset), d.text),
            d.precision if d.month else "month",
            d.area if d.grade else "overall",
        )
        for d in drafts
    )


def _merge(drafts: list[Draft]) -> list[Draft]:
    """One citation per inspection. A report cites the same earlier inspection in its summary,
    its progress section and its list of inspections; an LA has at most one inspection of a
    kind in a year, so citations of one kind and year are one inspection. The fullest is kept
    (graded first, then graded for overall effectiveness, then month-precise; the earliest month
    printed among equals, the month the inspection began where another mention gives its
    publication), with its own page and sentence, so its grade and date read where it stands."""
    groups: dict[tuple[str, int | None], list[Draft]] = {}
    for d in drafts:
        groups.setdefault((d.what, d.month.year if d.month else None), []).append(d)
    kept: list[Draft] = []
    for (_, year), same in groups.items():
        kept += same if year is None else [min(same, key=_fullest)]
    return sorted(kept, key=lambda d: d.offset)


def _fullest(d: Draft) -> tuple[bool, bool, bool, date, int]:
    """Sort key: the fullest citation first (see `_merge`)."""
    return (
        d.grade is None,
        d.area != "overall",
        d.precision != "month",
        d.month or date.max,
        d.offset,
    )


def _parts(text: str) -> list[tuple[int, int]]:
    """The spans of "Other/Previous Ofsted inspections" lists, where every item is a citation
    even without the word "inspected" ("LA Fostering 10 Nov 2011 Good")."""
    spans = []
    for m in _PART_OPEN.finditer(text):
        close = _PART_CLOSE.search(text, m.end())
        spans.append((m.start(), close.start() if close else len(text)))
    return spans


def _items(text: str) -> Iterator[tuple[int, int]]:
    """Bullets and numbered paragraphs, as (start, end) offsets."""
    start = 0
    for m in _ITEM.finditer(text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cuts = [start, *(m.end() for m in _SENTENCE.finditer(text, start, end)), end]
    yield from itertools.pairwise(cuts)


def _item(s: Stretch, start: int, end: int, in_part: bool) -> list[Draft]:
    """The citations of one bullet or paragraph, sentence by sentence (module docstring). A
    sentence continues the citations only straight after a citing or continuing sentence."""
    drafts: list[Draft] = []
    chain = False
    for a, b in _sentences(s.text, start, end):
        sentence = s.text[a:b]
        if _YEAR.search(sentence):  # cheap test first: most sentences cite nothing
            found = _mentions(sentence, a)
            found = in_citing_clause(sentence, a, found, in_part) if found else found
            opened = _open(found, sentence, a, in_part) if found else []
            drafts, chain = drafts + opened, bool(opened)
        elif chain and _GRADE_ONLY.search(sentence) and (grades := _grades(sentence, a)):
            found = _mentions(sentence, a)
            if found:
                grades = eligible(sentence, a, found, grades)
                drafts += _split(drafts, found, grades, squash(sentence))
            else:
                _grade_open(drafts, overall_first(aspects(sentence, a, grades)), sentence)
        else:
            chain = False
    return [d for d in drafts if not d.parts]


def _mentions(sentence: str, base: int) -> list[Span]:
    """Kinds of inspection named in a sentence; an earlier row wins where two overlap."""
    lowered = sentence.lower()
    taken: list[Span] = []
    for kind in kinds():
        for word in kind.needs:
            if word in lowered:
                break
        else:
            continue
        for m in kind.pattern.finditer(sentence):
            if all(m.end() <= t.start - base or m.start() >= t.end - base for t in taken):
                taken.append(Span(base + m.start(), base + m.end(), kind.what))
    return sorted(taken, key=lambda t: t.start)


def _dates(sentence: str, base: int) -> list[Span]:
    """Each year printed, with the month before it when there is one ("July 2012"; "between 25
    February and 6 March 2013": the first); found year first, which is quick."""
    out = []
    for m in _YEAR.finditer(sentence):
        before = _MONTH_BEFORE.search(sentence, max(0, m.start() - 48), m.start())
        if before is None:  # a year alone: kept, at year precision
            first = date(int(m.group(0)), 1, 1)
            out.append(Span(base + m.start(), base + m.end(), m.group(0), first, precision="year"))
            continue
        year = int(before.group(2) or m.group(0))
        month = date(year, month_number(before.group(1)), 1)
        out.append(Span(base + before.start(), base + m.end(), m.group(0), month))
    return out


def _grades(sentence: str, base: int) -> list[Span]:
    out = []
    for m in _GRADE.finditer(sentence):
        word = " ".join(m.group(1).lower().split())
        grade = "requires improvement" if word.startswith("requir") else word
        binds = _FOR.match(sentence, m.end()) is not None
        out.append(Span(base + m.start(), base + m.end(), grade, binds_next=binds))
    return out


@cache
def _components(what: str) -> tuple[str, ...]:
    """The kinds a combined kind is made of ("safeguarding and looked after children")."""
    parts = tuple(what.split(" and "))
    known = {k.what for k in kinds()}
    return parts if len(parts) > 1 and all(p in known for p in parts) else ()


def _open(found: list[Span], sentence: str, base: int, in_part: bool = False) -> list[Draft]:
    """New citations from a dated sentence; a combined kind named with its parts gives way to
    them ("inspection of safeguarding and looked after children ... found safeguarding
    inadequate")."""
    dates, grades = _dates(sentence, base), _grades(sentence, base)
    if not in_part:  # a line of the inspections list ("LA Fostering 10 Nov 2011 Good") is one
        grades = eligible(sentence, base, found, grades)
    named, text = {f.value for f in found}, squash(sentence)
    found = [f for f in found if not set(_components(f.value)) & named] or found
    drafts = []
    whens = _whens(found, dates, sentence, base)
    for (mention, grade), listed in zip(_pair(found, grades), whens, strict=True):
        for when in listed:
            drafts.append(
                Draft(mention.value, when.month, grade.value if grade else None, mention.start,
                      text, precision=when.precision, area=grade.area if grade else "overall")
            )  # fmt: skip
    return drafts


_PLURAL = re.compile(r"\binspections\b", re.I)  # "inspections in 2010 and 2011": several
_LIST_JOIN = re.compile(r"\s*(?:,|and|,\s*and)\s*")


def _whens(found: list[Span], dates: list[Span], sentence: str, base: int) -> list[list[Span]]:
    """The dates of each kind named: the first printed after it (before the next kind), else
    the sentence's first. Kinds named together and then as many dates ("inspections of child
    protection and of children looked after in 2012 and 2011") take them in turn; one kind
    with a list of years ("the two previous safeguarding inspections in 2010 and 2011") is
    one inspection a year (not "were judged adequate when last inspected in 2011 and 2013",
    which may give each year to another kind)."""
    after = []
    for i, mention in enumerate(found):
        limit = found[i + 1].start if i + 1 < len(found) else None
        after.append(
            [d for d in dates if d.start >= mention.end and (limit is None or d.start < limit)]
        )
    if len(found) > 1 and not any(after[:-1]) and len(after[-1]) == len(found):
        return [[d] for d in after[-1]]
    out = []
    for own in after:
        listed = own[:1]
        plural = bool(own) and _PLURAL.search(sentence, 0, own[0].start - base) is not None
        for prev, nxt in itertools.pairwise(own if plural else ()):
            joined = _LIST_JOIN.fullmatch(sentence, prev.end - base, nxt.start - base)
            if not joined or nxt.value in {d.value for d in listed}:
                break
            listed.append(nxt)
        out.append(listed or dates[:1])
    return out


def _pair(found: list[Span], grades: list[Span]) -> list[tuple[Span, Span | None]]:
    """Each kind with its grade: one kind takes "<grade> for <kind>", else the first grade after
    it; one grade serves all;
    "good for safeguarding, adequate for ..." pairs each kind with the grade before it, "judged
    safeguarding as inadequate and ..." with the grade after it."""
    if not grades:
        return [(f, None) for f in found]
    if len(found) == 1:
        before = [g for g in grades if g.end <= found[0].start]
        after = [g for g in grades if g.start >= found[0].start]
        if before and before[-1].binds_next:
            return [(found[0], before[-1])]
        return [(found[0], (after or grades[-1:])[0])]
    if len({g.value for g in grades}) == 1:
        return [(f, grades[0]) for f in found]
    if grades[0].start < found[0].start:
        return [(f, [g for g in grades if g.start < f.start][-1]) for f in found]
    bounds = [f.start for f in found[1:]] + [10**9]
    return [
        (f, next((g for g in grades if f.start <= g.start < nxt), None))
        for f, nxt in zip(found, bounds, strict=True)
    ]


def _split(drafts: list[Draft], found: list[Span], grades: list[Span], text: str) -> list[Draft]:
    """Grades for kinds named again without a date: the open citation of that kind, or a part
    of the item's combined citation, or a new citation of the item's last date."""
    new = []
    for mention, grade in _pair(found, grades):
        if grade is None:
            continue
        same = [d for d in drafts if d.what == mention.value and d.grade is None]
        if same:
            same[-1].grade, same[-1].area = grade.value, grade.area
            same[-1].text = f"{same[-1].text} {text}"
            continue
        whole = [d for d in drafts if mention.value in _components(d.what)]
        base = whole[-1] if whole else drafts[-1]
        if whole:
            base.parts.append(mention.value)
        new.append(
            replace(base, what=mention.value, grade=grade.value, offset=mention.start,
                    text=f"{base.text} {text}", parts=[], area=grade.area)
        )  # fmt: skip
    return new


def _grade_open(drafts: list[Draft], grades: list[Span], sentence: str) -> None:
    """ "The local authority was judged to be adequate [in both inspections]." grades every
    citation of the item still without one; two different grades here are ambiguous."""
    if len({g.value for g in grades}) != 1 or _NOT_LA.search(sentence):
        return
    for d in drafts:
        if d.grade is None:
            d.grade, d.area = grades[0].value, grades[0].area
            d.text = f"{d.text} {squash(sentence)}"


def _judgement_list(s: Stretch, draft: Draft) -> Iterator[Draft]:
    """A cited "children's services" inspection followed by its judgements ("Overall
    effectiveness: Inadequate", ...) becomes one citation per judged area."""
    if draft.what != "children's services":
        yield draft
        return
    end = min(len(s.text), draft.offset + 1500)
    close = _PART_CLOSE.search(s.text, draft.offset, end)
    end = close.start() if close else end
    areas: list[tuple[str, str]] = []
    for m in _JUDGEMENT.finditer(s.text, draft.offset, end):
        label = _JUDGEMENT_AREA.search(s.text, max(0, m.start() - 80), m.start())
        area = match_area("sif", label.group(0)) if label else None
        if area and area not in {a for a, _ in areas}:
            areas.append((area, _grades(m.group(1), 0)[0].value))
    if not areas:
        yield draft
    for area, grade in areas:
        yield replace(draft, what=f"children's services: {area}", grade=grade, parts=[])
