"""Which family of document a text is, from its first page; None when it is none we know.

A document we cannot place is reported as unrecognised, never guessed: every rule (a row of
data/families.csv) names wording that Ofsted prints on the first page of that family.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Page
from ..vocabulary import current

# Report titles stand in the first lines of page 1 (rules whose `where` is "title"); a letter's
# heading follows its address block, and its body may name the report framework, so rules
# that search the whole page are tried only when no title rule matched.
_TITLE_LINES = 8


def classify(pages: Sequence[Page]) -> str | None:
    """The family ('sif', 'ilacs', 'legacy', 'letter', or one added in data/) from the first
    page, the first matching rule winning; None if no rule matches."""
    if not pages:
        return None
    first = pages[0].text
    top = "\n".join([x for x in first.split("\n") if x.strip()][:_TITLE_LINES])
    for rule in current().title_rules:  # title rules first, each in file order
        if rule.pattern.search(top if rule.where == "title" else first):
            return rule.family
    return None
