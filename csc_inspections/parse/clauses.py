"""Clauses of a sentence citing earlier inspections: which kinds it cites, and which grades it
gives them.

A sentence is cut into clauses at commas, semicolons and dashes (the kinds of inspection masked
first, so the comma in "contact, referral and assessment" cuts nothing). A kind is cited only
from a clause that says "inspect" or "Ofsted"; a grade is a kind's only from the clause naming it,
or a clause referring back to it, and only where the words judge. Used by `cited`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..frameworks import match_area
from .text import MONTH_RE

CITING = re.compile(r"inspect|\bOfsted\b", re.I)
_CLAUSE = re.compile(r"[,;]|\s[–-]\s")
_LIST_GOES_ON = re.compile(r"\s*and\s+(?:of|for|in)\b", re.I)


@dataclass(frozen=True)
class Span:
    """Something found in a sentence: a kind of inspection, a date or a grade, at an offset."""

    start: int
    end: int
    value: str
    month: date | None = None
    binds_next: bool = False  # a grade printed as "good for <kind>"
    precision: str = "month"  # of a date: "month", or "year" (`month` is then 1 January)
    area: str = "overall"  # of a grade: the aspect it is for (data/areas.csv, legacy rows)


def in_citing_clause(sentence: str, base: int, found: list[Span], in_part: bool) -> list[Span]:
    """The kinds that share a clause with "inspect"/"Ofsted" (kinds masked first, so the comma
    in "contact, referral and assessment" cuts nothing); in an "Ofsted inspections" list, all."""
    if in_part:
        return found
    flat = _masked(sentence, base, found)
    cuts = [m.start() for m in _CLAUSE.finditer(flat)]
    citing = {_clause(cuts, m.start()) for m in CITING.finditer(flat)}
    for i, cut in enumerate(cuts, start=1):  # "inspections of X (in 2012), ..., and of Y"
        if _LIST_GOES_ON.match(flat, cut + 1) and {i - 1, i - 2} & citing:
            citing.add(i)
    return [
        f
        for f in found
        if _clause(cuts, f.start - base) in citing
        or CITING.search(sentence[f.start - base : f.end - base])
    ]


def _clause(cuts: Sequence[int], offset: int) -> int:
    return sum(1 for c in cuts if c < offset)


# A grade is a cited inspection's only where the words around it judge: "judged ... to be
# good", "found services inadequate", "the 2011 adequate judgement", "Overall effectiveness:
# Good"; not "built on ... to provide good services".
_JUDGING_VERB = re.compile(  # anywhere before the grade in its clause group
    r"\b(?:judg(?:ed|es|ing)|judge|found|finds|rated|graded|awarded|deemed|assessed|considered"
    r"|were|was|remained|improved\s+to)\b|effectiveness|:",
    re.I,
)
_JUDGING_NOUN = re.compile(r"\b(?:judgements?|ratings?|grades?)\s+(?:of\s+)?$", re.I)
_JUDGING_AFTER = re.compile(r"\s*(?:judgements?|ratings?|grades?|overall|for|in)\b", re.I)
# A sentence opening on the inspection ("In the last inspection ... in 2012, the local authority
# was judged to be good") grades it in its main clause, the one after.
_ADJUNCT = re.compile(r"\s*(?:In|At|For|Following|After|Since|During|From)\b")
# A clause that opens so is about the inspection named in the clause before it ("... in 2015,
# when they were judged to be good"; "..., which judged services to be good"; "..., in January
# 2019, judged all services as ..."): a relative word, a verb carrying on the same subject, or
# an adjunct of time.
_RELATIVE = re.compile(
    r"\s*(?:which|when|where|that|who|whose|with|whereupon|in\s+which|at\s+which"
    r"|judged|found|rated|graded|was|were|published|carried\s+out|undertaken"
    r"|following|after|as|since|because"
    rf"|(?:in|on|during|between)\s+(?:\d|{MONTH_RE})"
    r"|and\s+(?:was|were|it|they|this|that|then|judged|found|rated)\b)\b",
    re.I,
)


def eligible(sentence: str, base: int, found: list[Span], grades: list[Span]) -> list[Span]:
    """The grades the sentence gives the inspections it names: only from the clause naming
    one (with the clauses that refer back to it), only where the words around judge, each
    with the aspect its clause names; a grade for another aspect ("with outcomes for
    safeguarding judged to be adequate") gives way to the overall effectiveness grade."""
    flat = _masked(sentence, base, found)
    cuts = [m.start() for m in _CLAUSE.finditer(flat)]
    group = [0]  # the clause group of each clause: a referring clause joins the one before
    for i, cut in enumerate(cuts, start=1):
        refers = _RELATIVE.match(flat, cut + 1) or (i == 1 and _ADJUNCT.match(flat))
        group.append(group[-1] if refers or CITING.search(flat, cut, _end(cuts, i, flat)) else i)
    named = {group[_clause(cuts, f.start - base)] for f in found}
    out = []
    for g in grades:
        at, clause = g.start - base, _clause(cuts, g.start - base)
        if group[clause] not in named:
            continue
        lo, hi = (cuts[clause - 1] + 1 if clause else 0), _end(cuts, clause, flat)
        first = group.index(group[clause])
        opening = cuts[first - 1] + 1 if first else 0
        judged = _JUDGING_VERB.search(flat, opening, at) or _JUDGING_NOUN.search(flat, lo, at)
        if not (judged or _JUDGING_AFTER.match(flat, g.end - base)):
            continue
        out.append(replace(g, area=match_area("legacy", sentence[lo:hi]) or "overall"))
    return overall_first(out)


def aspects(sentence: str, base: int, grades: list[Span]) -> list[Span]:
    """Each grade with the aspect its clause names ("overall" where none is named)."""
    cuts = [m.start() for m in _CLAUSE.finditer(sentence)]
    out = []
    for g in grades:
        clause = _clause(cuts, g.start - base)
        lo = cuts[clause - 1] + 1 if clause else 0
        hi = cuts[clause] if clause < len(cuts) else len(sentence)
        out.append(replace(g, area=match_area("legacy", sentence[lo:hi]) or "overall"))
    return out


def _end(cuts: Sequence[int], clause: int, text: str) -> int:
    return cuts[clause] if clause < len(cuts) else len(text)


def overall_first(grades: list[Span]) -> list[Span]:
    """The overall effectiveness grades, where a sentence gives them and other aspects'."""
    overall = [g for g in grades if g.area == "overall"]
    return overall or grades


def _masked(sentence: str, base: int, found: list[Span]) -> str:
    """The sentence with each kind of inspection masked, so that the comma in "contact,
    referral and assessment" cuts no clause."""
    masked = list(sentence)
    for f in found:
        masked[f.start - base : f.end - base] = "x" * (f.end - f.start)
    return "".join(masked)
