"""Other printings of the same report: pure functions from pages to pages.

Each transform lays the text of a report out as another printing (or another PDF text
extractor) might, without changing a word of what it says: a parser that reads the same
framework, grades, dates and recommendations from both is reading the report, not the file.
The transforms find what they move by the vocabulary (the areas' wordings of data/areas.csv,
the grades of data/grades.csv), never by a file's own text, so they apply to any report of
any era, including ones not yet published.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache

from csc_inspections.model import Page
from csc_inspections.vocabulary import current

Pages = tuple[Page, ...]
Transform = Callable[[Pages], Pages]

# An area title wraps over at most this many lines before its grade (SIF "2. Children looked
# after and achieving / permanence / Require improvement").
_TITLE_LINES = 3
# A line ending in a word that cannot end a title runs on to the next ("The experiences and
# progress of" / "children who need help and protection").
_CONTINUED = re.compile(r"\b(?:of|and|the|with|for|to|in|on)\s*$", re.IGNORECASE)


@cache
def _grade() -> re.Pattern[str]:
    """Any grade of any scale, as the vocabulary words it (whole words only)."""
    return current().grade_words().regex


@cache
def _overall() -> re.Pattern[str]:
    """Any family's wording of the overall judgement ("overall effectiveness", "overall
    judgement")."""
    found = [w.pattern.pattern for w in current().wordings if w.area == "overall"]
    return re.compile("|".join(f"(?:{p})" for p in found), re.IGNORECASE)


def _is_grade(line: str) -> bool:
    """A line that is a grade and nothing else (a table's grade cell)."""
    return _grade().fullmatch(line.strip()) is not None


def _grade_cell(lines: Sequence[str], at: int) -> int:
    """How many lines from `at` make up a grade cell: one grade, whole or wrapped over up to
    three lines ("Requires" / "improvement to be" / "good"); 0 where none starts there."""
    for n in range(1, _TITLE_LINES + 1):
        cell = lines[at : at + n]
        if len(cell) < n or not cell[-1].strip():
            return 0
        if _is_grade(" ".join(x.strip() for x in cell)):
            return n
    return 0


def _area(text: str) -> str | None:
    """The canonical area any family's wording names in `text`, or None."""
    families = dict.fromkeys(w.family for w in current().wordings)
    return next((a for f in families if (a := current().match_area(f, text))), None)


def _lines_map(pages: Pages, change: Callable[[list[str]], list[str]]) -> Pages:
    return tuple(replace(p, text="\n".join(change(p.text.split("\n")))) for p in pages)


def _title_start(lines: Sequence[str], at: int) -> int | None:
    """Where the area title ending just above line `at` starts: the fewest lines above it that
    name an area; None where no area is named there."""
    for k in range(1, _TITLE_LINES + 1):
        start = at - k
        if start < 0 or not lines[start].strip() or _is_grade(lines[start]):
            return None
        if _area(" ".join(lines[start:at])):
            while start > 0 and _CONTINUED.search(lines[start - 1]):
                start -= 1
            return start
    return None


def _join_rows(lines: list[str], overall: bool, sep: str) -> list[str]:
    """Each grade cell joined to the area title above it (overall effectiveness only, or every
    area but it), so the title and its grade stand on one line."""
    out: list[str] = []
    at = 0
    while at < len(lines):
        cell = _grade_cell(lines, at)
        start = _title_start(out, len(out)) if cell else None
        if start is None or (_area(" ".join(out[start:])) == "overall") != overall:
            out.append(lines[at])
            at += 1
            continue
        title = " ".join(x.strip() for x in out[start:])
        grade = " ".join(x.strip() for x in lines[at : at + cell])
        del out[start:]
        out.append(f"{title}{sep}{grade}")
        at += cell
    return out


def title_beside_grade(pages: Pages) -> Pages:
    """(a) An area's title, wrapped or not, joined to its grade on one line."""
    return _lines_map(pages, lambda lines: _join_rows(lines, overall=False, sep=" "))


def overall_beside_label(pages: Pages) -> Pages:
    """(e) The overall judgement printed beside its label rather than below it: the grade cell
    joined to the "Overall effectiveness" label, and a sentence that names the overall judgement
    ("The overall judgement is that children's services require / improvement") on one line."""

    def change(lines: list[str]) -> list[str]:
        out = [_colon_row(x) for x in _join_rows(lines, overall=True, sep=": ")]
        for at, line in enumerate(out):
            if not _overall().search(line) or _grade().search(line):
                continue
            head = line.strip()
            for n in range(1, _TITLE_LINES):  # the sentence's grade wrapped to the next lines
                joined = " ".join(x.strip() for x in out[at : at + n + 1])
                m = _grade().search(joined)
                if m and m.start() <= len(head) + 1 < m.end():
                    out[at : at + n + 1] = [joined]
                    break
        return out

    return _lines_map(pages, change)


def _colon_row(line: str) -> str:
    """A grade ending a line that names the overall judgement put after a colon: "Overall
    effectiveness: Good", "The overall judgement is that children's services are: good"."""
    m = _grade().search(line)
    label = line[: m.start()].rstrip() if m and m.end() == len(line.rstrip()) else ""
    if not label or label.endswith(":") or not _overall().search(label):
        return line
    return f"{label}: {line[m.start() :]}"


def grade_split(pages: Pages) -> Pages:
    """(b) A grade of several words that ends its line wrapped as a narrow table cell wraps it:
    after its first word and before its last ("Requires" / "improvement to be" / "good";
    "Require" / "improvement")."""

    def split(line: str) -> str:
        found = [m for m in _grade().finditer(line) if " " in m.group(0).strip()]
        if not found or found[-1].end() != len(line.rstrip()):
            return line
        m = found[-1]
        words = m.group(0).split()
        middle = " ".join(words[1:-1])
        return "\n".join(x for x in (line[: m.start()] + words[0], middle, words[-1]) if x)

    return _lines_map(pages, lambda lines: [split(x) for x in lines])


def loose_spacing(pages: Pages) -> Pages:
    """(c) Extra blank lines between lines, and runs of spaces within and around them."""

    def spread(line: str) -> list[str]:
        return [f"  {line.replace(' ', '   ')} " if line.strip() else line, ""]

    return _lines_map(pages, lambda lines: [y for x in lines for y in spread(x)])


def moved_running_lines(pages: Pages) -> Pages:
    """(d) Running headers and footers moved and duplicated: the report's title (its first two
    lines on page 1, as a running header repeats it) printed again at the foot of every page
    above "Page n of N", and at the head of every page after the first above its number."""
    head = [x.strip() for x in pages[0].text.split("\n") if x.strip() and not x.strip().isdigit()]
    header = head[:2]
    total = len(pages)
    out: list[Page] = []
    for page in pages:
        footer = [*header, f"Page {page.number} of {total}"]
        lines = page.text.split("\n")
        top = [] if page.number == 1 else [*header, str(page.number)]
        out.append(replace(page, text="\n".join([*top, *lines, *footer])))
    return tuple(out)


TRANSFORMS: dict[str, Transform] = {
    "title_beside_grade": title_beside_grade,
    "grade_split": grade_split,
    "loose_spacing": loose_spacing,
    "moved_running_lines": moved_running_lines,
    "overall_beside_label": overall_beside_label,
}
