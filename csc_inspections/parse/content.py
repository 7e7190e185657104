"""Everything a document says beyond its headline facts: sections, recommendations, findings,
context figures and the earlier inspections it cites.

Runs after the family parser on the same pages; each part is a pure function of the sections.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..model import Content, Page, Parsed
from .cited import cited_inspections
from .figures import figures
from .recommendations import findings, recommendations
from .sections import split_sections


def _paragraph_starts(pages: Sequence[Page]) -> frozenset[tuple[int, str]]:
    """(page, line key) of every line the printed pages show opening a paragraph."""
    return frozenset((p.number, key) for p in pages for key in p.paragraph_starts)


def with_content(parsed: Parsed, pages: Sequence[Page], family: str) -> Parsed:
    """The parse with its `content` filled in."""
    sections = split_sections(pages, family, parsed.file)
    content = Content(
        sections=sections,
        recommendations=recommendations(sections, family, parsed.file),
        findings=findings(sections, family, parsed.file, _paragraph_starts(pages)),
        figures=figures(sections, parsed.file),
        cited=cited_inspections(sections, parsed.file),
    )
    return replace(parsed, content=content)
