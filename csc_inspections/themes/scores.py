"""How well the tagger reads themes, measured on the labelled items it did not learn from, and
how far two readers agree: the figures the README gives and a test holds to."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..vocabulary import current
from .labelled import Labelled, labelled, second_reading

TARGET_MICRO_F1 = 0.80
# The shipped labels' held-out micro-F1, as the pages state it; test_scores checks it is still so.
MEASURED_MICRO_F1 = 0.81


@dataclass(frozen=True)
class Score:
    """Agreement of predicted with true themes, over a set of items."""

    name: str  # a theme, or "micro" for all themes together
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def support(self) -> int:
        return self.true_positives + self.false_negatives

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        return self.true_positives / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        both = self.precision + self.recall
        return 2 * self.precision * self.recall / both if both else 0.0


def score(
    truth: Sequence[frozenset[str]], predicted: Sequence[frozenset[str]], themes: Iterable[str]
) -> list[Score]:
    """One Score per theme, then the micro-average over all of them."""
    rows = []
    for theme in themes:
        pairs = [(theme in t, theme in p) for t, p in zip(truth, predicted, strict=True)]
        rows.append(
            Score(
                theme,
                sum(t and p for t, p in pairs),
                sum(p and not t for t, p in pairs),
                sum(t and not p for t, p in pairs),
            )
        )
    total = [sum(getattr(r, f) for r in rows) for f in ("true_positives", "false_positives")]
    missed = sum(r.false_negatives for r in rows)
    return [*rows, Score("micro", total[0], total[1], missed)]


def held_out_scores(items: Sequence[Labelled] | None = None) -> list[Score]:
    """Train on the items not held out, score on those held out (per theme, then micro)."""
    from .tagger import fit

    items = labelled() if items is None else items
    test = [i for i in items if i.held_out]
    tagger = fit([i for i in items if not i.held_out])
    found = [frozenset(t.theme for t in tags) for tags in tagger.tags([i.text for i in test])]
    return score([i.themes for i in test], found, current().theme_keys)


def reader_agreement() -> Score:
    """The first reading scored against the second, blind one, micro-averaged."""
    items = {i.key: i for i in labelled()}
    second = second_reading()
    keys = sorted(second)
    return score(
        [items[k].themes for k in keys], [second[k].themes for k in keys], current().theme_keys
    )[-1]


def markdown(scores: Sequence[Score]) -> str:
    """The scores as the README's table (a test keeps the README's copy equal to this)."""
    lines = ["| theme | precision | recall | F1 | held-out labels |", "|---|---:|---:|---:|---:|"]
    for s in scores:
        name = "**micro-average**" if s.name == "micro" else f"`{s.name}`"
        lines.append(f"| {name} | {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} | {s.support} |")
    return "\n".join(lines)
