"""Detectors of the text defects of issue 16, written apart from the parser's own rules.

Each detector reads a parsed document (and the document's page text) and names the defects of
its class. The patterns here describe what a reader would see as wrong in quoted text; none is
imported from `csc_inspections.parse`, so the check does not test the parser against itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from csc_inspections.model import Document, Letter, Parsed


@dataclass(frozen=True)
class Defect:
    """One defect: its class, the document, and the text that shows it."""

    kind: str
    file: str
    text: str


# A short capitalised phrase with no closing punctuation after the item's last full sentence:
# the heading of whatever follows ("... outcomes. Summary for children and young people").
_GLUED_TAIL = re.compile(r"[.;!?][’”'\")]*\s+(?P<tail>[A-Z][^.;:!?•]{2,90}[?:]?)$")
_TAIL_WORDS = 12
_PAGE_OF = re.compile(r"\bPage\s+\d+\s+of\s+\d+\b", re.IGNORECASE)
_LETTERHEAD = re.compile(
    r"Piccadilly Gate|Store Street|M1 2WD|Aviation House|WC2B 6SE|enquiries@ofsted|"
    r"www\.gov\.uk/ofsted|Textphone|0300 123 ?1231",
    re.IGNORECASE,
)
# A footnote number stuck between two words ("children2receive") or after a word before
# punctuation or a space ("services.3", "area2 "), never inside a code or a date.
_MARKER = re.compile(r"\b[a-z]{3,}(?:[’']s)?[.,;:]?\d{1,2}(?=[a-z]{2,}\b|[\s.,;:)]|$)")
_CLOSING = re.compile(
    r"Yours sincerely|Yours faithfully|I am copying this letter|copied to the|"
    r"\(Lead [Ii]nspector\)|Majesty[’']s Inspector\s*$|Ofsted will take the findings",
)
_NOTHING = re.compile(
    r"^(?:there\s+(?:are|is|were)\s+no\b|no\s+(?:areas?|priority|recommendations?)\b|none\b)",
    re.IGNORECASE,
)
_NOTHING_WORDS = 20
_NO_PRIORITY = re.compile(
    r"(?:There\s+(?:are|were)\s+no|No)\s+(?:areas\s+(?:for|of)\s+)?priority\s+actions?",
    re.IGNORECASE,
)
_LIST_HEADING = re.compile(
    r"^[ \t]*(?P<h>Areas?\s+for\s+priority\s+actions?|What\s+needs\s+to\s+improve|"
    r"Areas?\s+for\s+improvement|Priority\s+and\s+immediate\s+action)",
    re.IGNORECASE | re.MULTILINE,
)


def _quoted(parsed: Parsed) -> Iterator[tuple[str, str]]:
    """(what, text) for every item and finding a reader would quote."""
    for r in parsed.content.recommendations:
        yield "item", r.text
    for f in parsed.content.findings:
        yield "finding", f.text


def glued_headings(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    for _, text in _quoted(parsed):
        m = _GLUED_TAIL.search(text)
        if m and len(m.group("tail").split()) <= _TAIL_WORDS and not text.endswith(")"):
            yield Defect("glued_heading", doc.label, m.group("tail"))


def page_furniture(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    for _, text in _quoted(parsed):
        for rx in (_PAGE_OF, _LETTERHEAD, _MARKER):
            if m := rx.search(text):
                yield Defect(
                    "page_furniture", doc.label, text[max(0, m.start() - 30) : m.end() + 30]
                )


def closing_lines(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    for _, text in _quoted(parsed):
        if m := _CLOSING.search(text):
            yield Defect("closing_line", doc.label, text[max(0, m.start() - 40) : m.end() + 40])


def none_items(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    for r in parsed.content.recommendations:
        if _NOTHING.search(r.text) and len(r.text.split()) <= _NOTHING_WORDS:
            yield Defect("none_item", doc.label, r.text)


def priority_contradictions(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    """A letter that says it has no priority actions and has some; a letter's item labelled
    priority that stands under another list's heading on its page."""
    if not isinstance(parsed, Letter):
        return
    priority = [r for r in parsed.content.recommendations if r.group == "priority"]
    whole = "\n".join(p.text for p in doc.pages)
    if priority and _NO_PRIORITY.search(whole):
        yield Defect("priority_contradiction", doc.label, f"{len(priority)} priority items")
    for r in priority:
        heading = _heading_above(doc, r.source.page, r.text)
        if heading is not None and "priority" not in heading.lower():
            yield Defect("priority_contradiction", doc.label, f"under {heading!r}: {r.text[:60]}")


def _heading_above(doc: Document, page: int | None, text: str) -> str | None:
    """The last list heading printed before the item's first words, on its page or earlier."""
    if page is None:
        return None
    words = text.split()[:6]
    probe = re.compile(r"\s+".join(re.escape(w) for w in words))
    for number in range(page, 0, -1):
        body = doc.pages[number - 1].text
        end = len(body)
        if number == page:
            m = probe.search(body)
            if m is None:
                return None
            end = m.start()
        found = [h.group("h") for h in _LIST_HEADING.finditer(body, 0, end)]
        if found:
            return found[-1]
    return None


# A footnote as printed at a page's foot: a blank line, then its number and its first words.
_FOOTNOTE = re.compile(r"\n[ \t]*\n[ \t]*\d{1,2}\s+(?P<words>[A-Za-z][^\n]{20,})")


def footnote_text(doc: Document, parsed: Parsed) -> Iterator[Defect]:
    """A footnote's words inside an item or a finding (footnotes are kept apart)."""
    starts = {
        " ".join(m.group("words").split()[:6])
        for p in doc.pages
        for m in _FOOTNOTE.finditer(p.text)
    }
    for _, text in _quoted(parsed):
        for start in starts:
            if start in text:
                yield Defect("footnote_text", doc.label, start)


DETECTORS: dict[str, Callable[[Document, Parsed], Iterator[Defect]]] = {
    "glued_heading": glued_headings,
    "page_furniture": page_furniture,
    "closing_line": closing_lines,
    "none_item": none_items,
    "priority_contradiction": priority_contradictions,
    "footnote_text": footnote_text,
}
