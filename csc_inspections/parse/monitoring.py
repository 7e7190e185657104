"""What a monitoring visit letter prints beyond the facts every letter has (see `letters`).

A monitoring visit names what it looked at under its own heading, "Areas covered by the visit",
rather than in its opening sentence as a focused visit does: a sentence naming the visit's focus,
or a lead-in ("inspectors reviewed the progress made in the following areas of concern ...:")
to the areas of concern of the last inspection, listed as bullets. Its findings stand under
"Overview" or "Headline findings" and "Findings and evaluation of progress" or "Findings and
progress" (data/sections.csv). No such letter is in the corpus: this follows the letter form
Ofsted publishes, and a letter that does not fit it gets a `Problem`, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Fact, Problem, Section
from .facts import fact
from .sections import section_pages, without_noise
from .text import BULLET, squash

# Sentences on how a visit was done rather than what it looked at ("Inspectors considered a
# range of evidence, including case records"); the focused visit reader skips them too.
METHOD = (
    r"(?!a (?:broad |wide )?range|relevant|local authority performance|case records"
    r"|children[’']s (?:case )?records)"
)
_AREAS = "areas_covered"  # the section kind of data/sections.csv
_FINDINGS = frozenset({"headline_findings", "main_findings"})
_AREA_VERBS = r"(?:reviewed|evaluated|considered|examined|assessed|looked at|focused on)"
_AREA_WHO = r"\b(?:[Ii]nspectors|[Tt]h(?:e|is) (?:monitoring )?visit)"
_AREA_LEADS: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"\b[Tt]he (?:main )?focus of (?:this|the) (?:monitoring )?visit was (?:on )?"
        r"(?P<topic>[^.•:]+)"
    ),
    re.compile(
        rf"{_AREA_WHO} {_AREA_VERBS}(?: the)?(?: local authority[’']s)? progress(?: made)?"
        r"(?: by the local authority)? (?:in relation to|regarding|in|on|for|with) "
        r"(?P<topic>[^.•:]+)"
    ),
    re.compile(rf"{_AREA_WHO} {_AREA_VERBS} {METHOD}(?P<topic>[^.•:]+)"),
)
_LIST_LEAD = re.compile(r"\bthe following\b")
_ITEM_END = re.compile(r"(?<=[.;])\s+(?=[A-Z])")  # a listed area ends with its sentence


def topic(sections: Sequence[Section], label: str) -> Fact[str] | None:
    """What a monitoring visit looked at, from "Areas covered by the visit": the focus a sentence
    names, or, after a lead-in to a list ("inspectors reviewed the progress made in the following
    areas of concern ...:"), the areas listed; else the section's first sentence."""
    section = next((s for s in sections if s.kind == _AREAS), None)
    if section is None:
        return None
    text, starts = _flat_section(section)
    lead = text.split(BULLET, 1)[0]
    items = [i for i in (_ITEM_END.split(i.strip(), 1)[0] for i in text.split(BULLET)[1:]) if i]
    items = [re.sub(r"[\s,;.]+$|\s+and$", "", i) for i in items]
    hit = next((m for rule in _AREA_LEADS if (m := rule.search(lead))), None)
    lead_in = hit is None or _LIST_LEAD.search(hit["topic"]) or lead[hit.end() :].startswith(":")
    if items and lead_in:
        at = hit.start() if hit else len(lead)
        return fact(label, _page_of(starts, at), text[at:], "; ".join(items))
    if hit is not None:
        return fact(label, _page_of(starts, hit.start()), hit[0], hit["topic"].strip(" ,"))
    first = _ITEM_END.split(lead.strip(), 1)[0].rstrip(" .")
    return fact(label, section.page_start, first, first) if first else None


def _flat_section(section: Section) -> tuple[str, list[tuple[int, int]]]:
    """A section's text squashed (noise taken out), with (offset, page) where each page starts."""
    parts: list[str] = []
    starts: list[tuple[int, int]] = []
    offset = 0
    for number, page_text in section_pages(section):
        part = squash(without_noise(page_text))
        starts.append((offset, number))
        parts.append(part)
        offset += len(part) + 1
    return " ".join(parts), starts


def _page_of(starts: Sequence[tuple[int, int]], offset: int) -> int:
    """The page a squashed section's character at `offset` was printed on."""
    return max(number for start, number in starts if start <= offset)


def findings_problems(sections: Sequence[Section]) -> list[Problem]:
    """A problem when a monitoring visit letter (split into `sections`) has no findings heading:
    its findings then stand in no section that search and the findings export read as such."""
    if not sections or any(s.kind in _FINDINGS for s in sections):
        return []
    return [Problem("findings", "no findings heading (Overview, Findings, ...)")]
