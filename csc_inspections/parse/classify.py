"""Which family of document a text is, from its first page; None when it is none we know.

A document we cannot place is reported as unrecognised, never guessed: every rule here names
wording that Ofsted prints on the first page of that family.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..model import Page

_FLAGS = re.IGNORECASE | re.MULTILINE

# Report titles stand in the first lines of page 1; a letter's heading follows its address
# block, and its body may name the report framework, so letters are tried last.
_TITLE_LINES = 8

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "sif",
        re.compile(r"(re-?)?inspection of services for children\s+in\s+need\s+of\s+help", _FLAGS),
    ),
    ("legacy", re.compile(r"inspection of looked after children\s+services", _FLAGS)),
    (
        "legacy",
        re.compile(r"^\s*review of the effectiveness of the local safeguarding children", _FLAGS),
    ),
    (
        "ilacs",
        re.compile(
            r"^\s*inspection of\b[^\n]*(\n[^\n]*){0,2}?(children['’]s\s+(social\s+care\s+)?"
            r"services|children\s+and\s+families\s+trust)",
            _FLAGS,
        ),
    ),
)

_LETTER_RULES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"^\s*(focused visit to|monitoring visit (to|of)|joint targeted area inspection)\b", _FLAGS
    ),
    re.compile(r"inspection of progress made in the provision\s+of safeguarding", _FLAGS),
)


def classify(pages: Sequence[Page]) -> str | None:
    """'sif', 'ilacs', 'legacy' or 'letter' from the first page; None if unrecognised."""
    if not pages:
        return None
    first = pages[0].text
    top = "\n".join([x for x in first.split("\n") if x.strip()][:_TITLE_LINES])
    family = next((family for family, rule in _RULES if rule.search(top)), None)
    if family is None and any(rule.search(first) for rule in _LETTER_RULES):
        family = "letter"
    return family
