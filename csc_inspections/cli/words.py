"""The vocabulary's words for the terminal: kinds, areas, grades and sections as people say
them, and the cells that show grades. Keys stay in CSV and JSON; every table and message of the
command line shows these words instead (`views`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from rich.text import Text

from ..vocabulary import current

# From the vocabulary (data/grades.csv, judgement_areas.csv): each grade's colour, and the
# heading of each area's column in the tables of reports.
GRADE_STYLE = {g.key: g.style for g in current().grades if g.style}
AREA_COLUMNS = {a: current().area(a).terminal for a in current().history_areas}


# --- words for keys ------------------------------------------------------------------------


def kind_label(key: str) -> str:
    """A report or letter kind in words; also a report's framework as exported, which is its
    kind or, for frameworks exported together ("other"), names them all as a report."""
    vocabulary = current()
    if key in vocabulary.kind_labels:
        return vocabulary.kind_labels[key]
    named = {f.label for f in vocabulary.frameworks.values() if f.export_as == key}
    if len(named) == 1:
        return named.pop()
    return f"{key.replace('_', ' ').capitalize()} report"


def area_label(key: str) -> str:
    """An area's label ("Help and protection"); a key the vocabulary lacks, in words."""
    return current().area(key).label if key in current().area_keys else key.replace("_", " ")


def area_short(key: str) -> str:
    return current().area(key).short if key in current().area_keys else key.replace("_", " ")


def grade_label(key: str | None) -> str:
    """A grade as Ofsted words it ("requires improvement to be good")."""
    if not key:
        return ""
    return current().grade(key).label if key in current().grade_keys else key


def grade_short(key: str) -> str:
    return current().grade(key).short if key in current().grade_keys else key


def section_label(kind: str) -> str:
    """A section kind in words: "judgement_help_protection" is "Judgement: Help and protection";
    otherwise its words, an area's acronym ("lscb") as the vocabulary writes it ("LSCB")."""
    judged = kind.removeprefix("judgement_")
    if judged != kind and judged in current().area_keys:
        return f"Judgement: {area_label(judged)}"
    words = " ".join(
        area_short(w) if w in current().area_keys and area_short(w).isupper() else w
        for w in kind.split("_")
    )
    return words[:1].upper() + words[1:]


def cited_what(what: str | None) -> str:
    """What a citation says was inspected; an area it names by key ("children's services:
    help_protection", as data/cited_kinds.csv records it) given by its label."""
    head, colon, key = (what or "").partition(": ")
    return f"{head}: {area_label(key)}" if colon and key in current().area_keys else what or ""


# --- cells ---------------------------------------------------------------------------------


def grade(value: str | None) -> Text:
    return Text(grade_label(value), style=GRADE_STYLE.get(value or "", ""))


def stacked(grades: Mapping[str, str]) -> Text:
    """A report's grades in one cell, a line per judged area ("Overall: good"), in the
    vocabulary's order; areas not judged are left out."""
    judged = [a for a in current().area_keys if grades.get(a)]
    return Text("\n").join(Text.assemble(f"{area_short(a)}: ", grade(grades[a])) for a in judged)


def day_text(value: date | None) -> str:
    return value.isoformat() if value else ""


def span_text(start: date | None, end: date | None) -> str:
    return f"{day_text(start)} – {day_text(end)}" if start or end else ""


def under(first: str | Text, second: str) -> Text:
    """A cell's value with a dim line under it (a visit under a date, a file under an event)."""
    cell = first.copy() if isinstance(first, Text) else Text(first)
    return cell.append(f"\n{second}", style="dim") if second else cell


# --- themes --------------------------------------------------------------------------------


def theme_label(key: str) -> str:
    """A practice theme in words ("Management oversight and supervision")."""
    return current().theme(key).label if key in current().theme_keys else key.replace("_", " ")


def group_label(by: str, group: str) -> str:
    """A group of the themes table in words: a grade as Ofsted words it, else as it is."""
    if by == "grade":
        return grade_label(group) if group in current().grade_keys else "no overall grade"
    return group


def share_text(asked: int, of: int, percent: int | None) -> str:
    """A share as "73% (27/37)"; '' of nothing."""
    return f"{percent}% ({asked}/{of})" if of else ""
