"""Two inspections of an LA side by side, area by area: the table people build by hand today.

For each canonical area either report judges: how each framework words it, whether the two
only approximately match (data/areas.csv), the grade in each, the direction of change, and
the opening sentences of each report's own section for that area with its page. Then what the
later report still asks to improve, which of those asks repeat the earlier report's
(`recurring.repeats`), and the letters that fell between the two.

Pure functions over the records of `store.read` (history, sections_of, recommendations,
letters, findings, and judgements_of for the printed wording), so every interface and the
tests share them. A is always the earlier inspection. The
renderers (Markdown, CSV rows, JSON, HTML) are in `compare_render`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import chain, pairwise
from typing import Any

from ..errors import UsageError
from ..frameworks import area_wordings, frameworks
from ..records import (
    FindingRecord,
    JudgementRecord,
    LetterRecord,
    RecommendationRecord,
    ReportRecord,
    SectionRecord,
)
from ..vocabulary import current
from . import rank, same_scale
from .recurring import THRESHOLD, Pair, Rec, as_rec, repeats
from .themes import Asked, ThemeChange, asked, theme_changes

Row = ReportRecord

# The areas of a comparison, from data/judgement_areas.csv: table order (overall first, as in
# every table of the site, then as the reports and the hand-made tables list them); where a
# report says most about each, best first (overall: the report's own summary); the name used
# where the printed wording is unknown or a sentence ("The overall judgement is that children's
# services are", "The LSCB is"), the same in every era; and the areas printed as such a sentence.
AREAS: tuple[str, ...] = tuple(a.key for a in current().compared_areas)
SECTION_KINDS: dict[str, tuple[str, ...]] = {a.key: a.sections for a in current().compared_areas}
AREA_NAMES: dict[str, str] = {a.key: a.compare_label for a in current().compared_areas}
_SENTENCE_AREAS = frozenset(a.key for a in current().areas if a.printed == "sentence")
_FINDING_MAX = 400  # characters: one or two sentences, cut at a word beyond that
_SHORT = 120  # a first sentence shorter than this is followed by the second


@dataclass(frozen=True)
class Side:
    """One of the two inspections, as the table heads it."""

    inspection_id: int
    file: str
    la_name: str | None
    framework: str
    publication_date: date | None
    inspection_start: date | None
    inspection_end: date | None


@dataclass(frozen=True)
class AreaRow:
    """One area: wording, grades, change and each report's opening finding (page or None)."""

    area: str
    wording_a: str
    wording_b: str
    note: str  # why the two only approximately match, or what covers an area not judged
    grade_a: str  # '' = not judged
    grade_b: str
    change: str  # improved | declined | same | new | not judged | not comparable
    finding_a: str
    page_a: int | None
    finding_b: str
    page_b: int | None


@dataclass(frozen=True)
class LetterBetween:
    """A letter between the two inspections: its topic and first key finding."""

    file: str
    kind: str
    visit_start: date | None
    publication_date: date | None
    topic: str | None
    finding: str
    page: int | None


@dataclass(frozen=True)
class Comparison:
    a: Side
    b: Side
    rows: tuple[AreaRow, ...]
    still_to_improve: tuple[Rec, ...]  # B's main recommendations, in order
    repeated: tuple[Pair, ...]  # (A's, B's, score) where B asks again what A asked
    letters: tuple[LetterBetween, ...]
    threshold: float
    # The themes of A's main points B still asks for, no longer asks for, and asks anew
    themes: tuple[ThemeChange, ...] = ()


# Picking an inspection


def _describe(row: Row) -> str:
    return (
        f"{row.inspection_id} ({row.framework}, inspected "
        f"{row.inspection_start or '?'} to {row.inspection_end or '?'}, "
        f"published {row.publication_date or '?'})"
    )


def _one(found: Sequence[Row], ref: str, rows: Sequence[Row]) -> Row:
    if len(found) == 1:
        return found[0]
    listed = "; ".join(_describe(r) for r in (found or rows))
    if found:
        raise UsageError(f"{ref!r} matches {len(found)} inspections: {listed}; give a date or id")
    raise UsageError(f"no inspection matches {ref!r}; there are: {listed or 'none'}")


def _in_year(row: Row, year: int) -> bool:
    days = (row.inspection_start, row.inspection_end, row.publication_date)
    return any(d is not None and d.year == year for d in days)


def _on_day(row: Row, day: date) -> bool:
    start, end = row.inspection_start, row.inspection_end
    return row.publication_date == day or bool(start and end and start <= day <= end)


def comparable(history_rows: Sequence[Row]) -> list[Row]:
    """The rows a comparison can pick from: every stored report that is one."""
    return [r for r in history_rows if r.framework != "not_a_report"]


def pick(history_rows: Sequence[Row], ref: str) -> Row:
    """The inspection `ref` names among an LA's history rows.

    `ref` is a year (an inspection whose visit or publication fell in it), an ISO date (the
    publication day or a day on site), an inspection id, or a unique part of the file name.
    A year that matches nothing is tried as an id. Raises UsageError listing the candidates
    when nothing or more than one matches.
    """
    ref = ref.strip()
    rows = comparable(history_rows)
    if re.fullmatch(r"\d{4}-\d\d-\d\d", ref):
        try:
            day = date.fromisoformat(ref)
        except ValueError:
            raise UsageError(f"{ref!r} is not a date") from None
        return _one([r for r in rows if _on_day(r, day)], ref, rows)
    if re.fullmatch(r"(?:19|20)\d\d", ref) and any(_in_year(r, int(ref)) for r in rows):
        return _one([r for r in rows if _in_year(r, int(ref))], ref, rows)
    if ref.isdigit():
        return _one([r for r in rows if str(r.inspection_id) == ref], ref, rows)
    return _one([r for r in rows if ref.lower() in r.file.lower()], ref, rows)


# Areas: wording, crosswalk note, change


def _change(a: str, b: str) -> str:
    if a and b:
        if not same_scale(a, b):
            return "not comparable"  # the pre-2013 scale (adequate), or two different scales
        first, second = rank(a) or 0, rank(b) or 0
        return "improved" if second > first else "declined" if second < first else "same"
    return "new" if b else "not judged"


def _family(row: Row) -> str:
    kind = frameworks().get(row.kind)
    return kind.family if kind else row.framework.split("_")[0]


def _crosswalk(area: str, family_a: str, family_b: str) -> str:
    """The areas.csv note when the two frameworks only approximately share the area."""
    if family_a == family_b:
        return ""
    wordings = area_wordings()
    notes = [
        w.crosswalk
        for f in (family_a, family_b)
        for w in wordings
        if (w.family, w.area) == (f, area)
    ]
    return next((n for n in notes if not n.startswith("exact")), "")


def _wordings(judgements: Sequence[JudgementRecord]) -> dict[str, str]:
    """Each area's wording as printed in the report's judgement list."""
    return {j.area: j.area_text for j in judgements if j.area not in _SENTENCE_AREAS}


def _covered_by(area: str, wordings: Mapping[str, str], row: Row) -> str:
    """The judged area whose printed wording names `area` too (ILACS 'in care and care leavers')."""
    patterns = [w.pattern for w in area_wordings() if w.area == area]
    for other, text in wordings.items():
        if other != area and row.grades.get(other) and any(p.search(text) for p in patterns):
            return text
    return ""


# Findings: the opening sentences of a section

_BULLET = re.compile(r"^(?:[•\-−–]\s*|\d{1,3}\.\s*)")
_SENTENCE_END = re.compile(r"(?<=[.!?])[’”']?\s+(?=[A-Z‘“'(])")


def _prose(text: str, first_page: int) -> Iterator[tuple[int, str]]:
    """(page, line) of the prose: pages advance at form feeds; leading lead-ins ('... because:',
    'Summary') and sub-headings over bullets are dropped, bullets and paragraph numbers cut.
    Lazy, because a finding needs only the first lines of a section of many pages."""
    lines = (
        (first_page + n, line.strip())
        for n, chunk in enumerate(text.split("\f"))
        for line in chunk.split("\n")
        if line.strip()
    )
    started = False
    for (page, line), (_, following) in pairwise(chain(lines, [(0, "")])):
        lead_in = not started and (line.endswith(":") or line == "Summary")
        sub_heading = not line.endswith((".", ";", ",")) and following.startswith(("•", "−"))
        if not (lead_in or sub_heading):
            started = True
            yield page, _BULLET.sub("", line)


def opening(text: str, first_page: int) -> tuple[str, int | None]:
    """The first sentence of a section's prose (two if the first is short), and its page;
    ('', None) when the section has no prose."""
    kept: list[tuple[int, str]] = []
    length = 0
    for page, line in _prose(text, first_page):
        kept.append((page, line))
        length += len(line) + 1
        if length > _SHORT + _FINDING_MAX:  # the most that is shown: a short one, then a cut
            break
    if not kept:
        return "", None
    sentences = _SENTENCE_END.split(" ".join(line for _, line in kept))
    found = sentences[0]
    if len(found) < _SHORT and len(sentences) > 1:
        found = f"{found} {sentences[1]}"
    if len(found) > _FINDING_MAX:
        found = found[:_FINDING_MAX].rsplit(" ", 1)[0] + " …"
    return found, kept[0][0]


def area_finding(sections: Sequence[SectionRecord], area: str) -> tuple[str, int | None]:
    """The opening finding of the report's own section for the area (('', None) if none)."""
    for kind in SECTION_KINDS[area]:
        for s in sections:
            if s.kind == kind and (found := opening(s.text, s.page_start))[0]:
                return found
    return "", None


def _area_row(area: str, a: Row, b: Row, sides: Sequence[Mapping[str, Any]]) -> AreaRow:
    grades = (a.grades.get(area, ""), b.grades.get(area, ""))
    notes = [_crosswalk(area, _family(a), _family(b))]
    for label, grade, side in zip("AB", grades, sides, strict=True):
        if not grade and (cover := _covered_by(area, side["wordings"], side["row"])):
            notes.append(f"in {label}, judged within '{cover}'")
    pairs = list(zip(grades, sides, strict=True))
    words = [s["wordings"].get(area, AREA_NAMES[area]) if g else "" for g, s in pairs]
    found = [area_finding(s["sections"], area) if g else ("", None) for g, s in pairs]
    return AreaRow(
        area=area,
        wording_a=words[0],
        wording_b=words[1],
        note="; ".join(n for n in notes if n),
        grade_a=grades[0],
        grade_b=grades[1],
        change=_change(*grades),
        finding_a=found[0][0],
        page_a=found[0][1],
        finding_b=found[1][0],
        page_b=found[1][1],
    )


# Letters between, and the comparison


def _key_date(row: LetterRecord) -> date | None:
    return row.visit_start or row.letter_date or row.publication_date


def letters_between(
    a: Row, b: Row, letters: Sequence[LetterRecord], findings: Sequence[FindingRecord] = ()
) -> list[LetterBetween]:
    """Letters whose visit (else letter, else publication) date fell after A's inspection
    ended and before B's began, each with its first key finding where `findings` has one."""
    after = a.inspection_end or a.publication_date or date.min
    before = b.inspection_start or b.publication_date or date.max
    first: dict[str, FindingRecord] = {}
    for row in sorted(findings, key=lambda r: r.number or 0):
        first.setdefault(row.file, row)
    out = []
    for x in sorted(letters, key=lambda x: _key_date(x) or date.min):
        when = _key_date(x)
        if when is not None and after < when < before:
            f = first.get(x.file)
            text, page = opening(f.text, f.page or 0) if f else ("", None)
            out.append(
                LetterBetween(
                    file=x.file,
                    kind=x.kind,
                    visit_start=x.visit_start,
                    publication_date=x.publication_date,
                    topic=x.topic,
                    finding=text,
                    page=page or None,
                )
            )
    return out


def _order(row: Row) -> tuple[date, date]:
    return (row.publication_date or date.min, row.inspection_start or date.min)


def _side(row: Row) -> Side:
    return Side(
        inspection_id=row.inspection_id,
        file=row.file,
        la_name=row.la_name,
        framework=row.framework,
        publication_date=row.publication_date,
        inspection_start=row.inspection_start,
        inspection_end=row.inspection_end,
    )


def compare(
    a_row: Row,
    b_row: Row,
    a_sections: Sequence[SectionRecord],
    b_sections: Sequence[SectionRecord],
    a_recs: Sequence[RecommendationRecord],
    b_recs: Sequence[RecommendationRecord],
    letters: Sequence[LetterRecord] = (),
    *,
    findings: Sequence[FindingRecord] = (),
    a_judgements: Sequence[JudgementRecord] = (),
    b_judgements: Sequence[JudgementRecord] = (),
    corpus: Sequence[str] | None = None,
    threshold: float = THRESHOLD,
) -> Comparison:
    """The side-by-side comparison of two inspections (swapped so that A is the earlier).

    `letters`: the LA's letters (those between A and B are kept), `findings` their key
    findings; `a_judgements`/`b_judgements`: the areas' printed wording; `corpus`: the texts
    the recommendation similarity weighs words over (pass the LA's recommendations; default
    A's and B's).
    """
    if a_row.inspection_id == b_row.inspection_id:
        raise UsageError("compare needs two different inspections")
    if _order(b_row) < _order(a_row):
        a_row, b_row, a_sections, b_sections = b_row, a_row, b_sections, a_sections
        a_recs, b_recs, a_judgements, b_judgements = b_recs, a_recs, b_judgements, a_judgements
    sides = [
        {"sections": s, "wordings": _wordings(j), "row": r}
        for s, j, r in ((a_sections, a_judgements, a_row), (b_sections, b_judgements, b_row))
    ]
    rows = [_area_row(area, a_row, b_row, sides) for area in AREAS]
    main_a = [r for r in a_recs if r.scope == "main"]
    main_b = [r for r in b_recs if r.scope == "main"]
    return Comparison(
        a=_side(a_row),
        b=_side(b_row),
        rows=tuple(r for r in rows if r.grade_a or r.grade_b),
        still_to_improve=tuple(as_rec(r) for r in main_b),
        repeated=tuple(repeats(main_a, main_b, threshold, corpus)),
        letters=tuple(letters_between(a_row, b_row, letters, findings)),
        threshold=threshold,
        themes=tuple(theme_changes(_asked(a_row, main_a), _asked(b_row, main_b))),
    )


def _asked(row: Row, recs: Sequence[RecommendationRecord]) -> Asked | None:
    found = asked([row], recs)
    return found[0] if found else None
