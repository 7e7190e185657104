"""Recommendations that come back report after report: the same ask in other words.

Users ask whether an LA acted on what Ofsted asked, or whether "management oversight" and
"caseloads" return at every inspection. Two recommendations say the same thing when their
words, weighted by how rare each word is among recommendations (TF-IDF), point the same way
(cosine similarity). Written by hand because it is a few lines and the weighting is then
easy to explain; scikit-learn's TfidfVectorizer (smoothed idf, l2 norm) computes the same
numbers given this tokeniser, so it would add a dependency and nothing else.

Stop words are English function words, the words nearly every recommendation uses ("ensure",
"improve", "children", "looked [after]") and the words that say how a thing should improve
rather than what ("the quality and consistency of ..."). Words are cut to a crude stem so
"plans"/"planning" and "supervision"/"supervised" meet. The idf should come from many
recommendations: the command line passes the LA's own (`corpus`).

The threshold was chosen on 82 pairs read and labelled by hand and checked on 44 more
labelled after it was frozen (tests/fixtures/recommendation_pairs.csv; the tests recompute
the figures). With the LA's recommendations as the idf corpus, at 0.30: precision 0.87,
recall 0.80 over the 126 pairs (held-out: 0.88 / 0.79). Bag-of-words limits: the same ask in
different words is missed ("plans ... underpinned by thorough assessments" vs "all plans: are
clear ..."), and two short asks sharing one rare word can meet ("placed with parents" vs
"placement stability").

Rows are those of `store.read.recommendations` (file, number, scope, page, text); pairs are
only ever made between different files, since a report does not "repeat" itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Protocol


class Row(Protocol):
    """A recommendation as `store.read.recommendations` gives it (`records`), or a `Rec`."""

    @property
    def file(self) -> str: ...
    @property
    def number(self) -> int | None: ...
    @property
    def page(self) -> int | None: ...
    @property
    def text(self) -> str: ...
    @property
    def scope(self) -> str: ...
    @property
    def printed_number(self) -> int | None: ...


Vector = dict[str, float]

# Chosen on the labelled pairs (module docstring): F1 is flat from 0.26 to 0.32; 0.30 keeps
# precision high, since a false "asked again" misleads more than a missed one.
THRESHOLD = 0.30

_FUNCTION_WORDS = """
a about above after again all also an and any are as at be been being both but by can could
do does each for from further had has have how if in into is it its may more most must no nor
not of on or other our out over own same should so some such than that the their them then
there these they this those through to too under until up very was we were what when where
which while who whom why will with within without would you your
"""
_EVERYDAY_WORDS = """
ensure improve improvement improving develop continue further strengthen increase establish
make take secure enable embed provide use undertake consider including include includes
child children young people person looked local authority authorities service services council
well good better quality effective effectively appropriate appropriately timely consistent
consistently robust all every full fully work working practice across through need needs
"""
# Words that say how a thing should be better, not what: "the quality and consistency of ...".
_ASPECT_WORDS = """
quality consistency effectiveness impact timeliness rigour extent level regular regularly
clear clarity range reliability sufficient
"""
STOP_WORDS: frozenset[str] = frozenset((_FUNCTION_WORDS + _EVERYDAY_WORDS + _ASPECT_WORDS).split())

_WORD = re.compile(r"[a-z][a-z']+")
_ACRONYM = re.compile(r"\([A-Z]{2,}s?\)")  # "(IROs)" after its words would count them twice
_SUFFIXES = (
    "ations", "ation", "ments", "ment", "ings", "ing", "ions", "ion", "ers", "er", "ies", "ied",
    "ed", "es", "s",
)  # fmt: skip


@dataclass(frozen=True)
class Rec:
    """A recommendation as the answers show it: where it is and what it says."""

    file: str
    number: int | None  # its place in its list as read
    page: int | None
    text: str
    scope: str = "main"
    printed_number: int | None = None  # the number the report prints before it, if any

    @property
    def shown(self) -> int | None:
        """The number a reader finds in the report: the printed one, else its place."""
        return self.printed_number or self.number


@dataclass(frozen=True)
class Pair:
    """Two recommendations of different reports whose similarity reached the threshold."""

    a: Rec
    b: Rec
    score: float


@dataclass(frozen=True)
class Group:
    """Recommendations across two or more reports that say the same thing, oldest file first."""

    recs: tuple[Rec, ...]
    score: float  # the weakest link that holds the group together


@cache  # the vocabulary of reports is small and every comparison reads it again
def stem(word: str) -> str:
    """A crude suffix cut, not a real stemmer: enough that "managers", "management" and
    "managed", or "plans" and "planning", or "permanence" and "permanency", meet."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith("ss"):
            word = word[: -len(suffix)]
            break
    if word[-1] in "ey" and len(word) > 4:
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "aeiousl":
        word = word[:-1]  # planning -> plann -> plan
    return word


def tokens(text: str) -> list[str]:
    """Lowercase word stems of the text, without stop words or possessive endings."""
    words = _WORD.findall(_ACRONYM.sub(" ", text).lower().replace("’", "'"))
    kept = (w.removesuffix("'s").strip("'") for w in words)
    return [stem(w) for w in kept if len(w) > 2 and w not in STOP_WORDS]


def idf(texts: Iterable[str]) -> dict[str, float]:
    """Smoothed inverse document frequency over the texts (each text one document)."""
    df: Counter[str] = Counter()
    n = 0
    for text in texts:
        df.update(set(tokens(text)))
        n += 1
    return {term: math.log((1 + n) / (1 + count)) + 1 for term, count in df.items()}


def vector(text: str, weights: Mapping[str, float]) -> Vector:
    """Term frequency times idf; a term unseen in the idf corpus counts as the rarest."""
    rarest = max(weights.values(), default=1.0)
    counts = Counter(tokens(text))
    return {term: tf * weights.get(term, rarest) for term, tf in counts.items()}


def cosine(u: Vector, v: Vector) -> float:
    """Cosine of the angle between two sparse vectors (0 when either is empty)."""
    dot = sum(weight * v.get(term, 0.0) for term, weight in u.items())
    norm = math.sqrt(sum(w * w for w in u.values())) * math.sqrt(sum(w * w for w in v.values()))
    return dot / norm if norm else 0.0


def as_rec(row: Row) -> Rec:
    """A stored recommendation as the answers show it."""
    return Rec(row.file, row.number, row.page, row.text, row.scope, row.printed_number)


def similarity(a: str, b: str, corpus: Sequence[str] | None = None) -> float:
    """Cosine of two texts, with idf over `corpus` (default: the two texts themselves)."""
    weights = idf(corpus if corpus is not None else (a, b))
    return cosine(vector(a, weights), vector(b, weights))


def similar_pairs(
    recs: Sequence[Row],
    threshold: float = THRESHOLD,
    corpus: Sequence[str] | None = None,
) -> list[Pair]:
    """Pairs of recommendations from different files scoring at least `threshold`, best first.

    idf comes from `corpus` when given (e.g. every stored recommendation's text), otherwise
    from `recs` themselves.
    """
    items = [as_rec(r) for r in recs]
    weights = idf(corpus if corpus is not None else [r.text for r in items])
    vectors = [vector(r.text, weights) for r in items]
    pairs = [
        Pair(items[i], items[j], round(cosine(vectors[i], vectors[j]), 3))
        for i in range(len(items))
        for j in range(i + 1, len(items))
        if items[i].file != items[j].file
    ]
    found = [p for p in pairs if p.score >= threshold]
    return sorted(found, key=lambda p: (-p.score, p.a.file, p.b.file))


def _components(pairs: Sequence[Pair]) -> list[tuple[list[Rec], float]]:
    """Connected components of the pair graph, each with its weakest edge."""
    parent: dict[Rec, Rec] = {}

    def root(rec: Rec) -> Rec:
        while parent.setdefault(rec, rec) != rec:
            rec = parent[rec]
        return rec

    for p in pairs:
        parent[root(p.a)] = root(p.b)
    members: dict[Rec, list[Rec]] = {}
    weakest: dict[Rec, float] = {}
    for p in pairs:
        top = root(p.a)
        weakest[top] = min(weakest.get(top, 1.0), p.score)
    for rec in parent:
        members.setdefault(root(rec), []).append(rec)
    return [(recs, weakest[top]) for top, recs in members.items()]


def recurring(
    recs: Sequence[Row],
    threshold: float = THRESHOLD,
    corpus: Sequence[str] | None = None,
) -> list[Group]:
    """Groups of recommendations, across reports, linked by similar pairs; strongest first.

    Linking is transitive (A~B and B~C put A, B, C together), which is what a reader of
    "came back three times" wants; the group's score is its weakest link.
    """
    order = {r.file: n for n, r in enumerate(recs)}
    groups = [
        Group(tuple(sorted(members, key=lambda r: (order.get(r.file, 0), r.number or 0))), score)
        for members, score in _components(similar_pairs(recs, threshold, corpus))
    ]
    return sorted(groups, key=lambda g: (-len({r.file for r in g.recs}), -g.score))


def group_rows(groups: Sequence[Group]) -> list[dict[str, Any]]:
    """One row per recommendation of each group (numbered from 1), for CSV or JSON."""
    return [
        {"group": n, "score": g.score, "file": r.file, "number": r.number, "page": r.page,
         "scope": r.scope, "text": r.text}
        for n, g in enumerate(groups, 1)
        for r in g.recs
    ]  # fmt: skip


def repeats(
    earlier: Sequence[Row],
    later: Sequence[Row],
    threshold: float = THRESHOLD,
    corpus: Sequence[str] | None = None,
) -> list[Pair]:
    """For each later recommendation, its closest earlier one if they say the same thing.

    Pairs are (earlier, later, score), in the later report's order.
    """
    pairs = similar_pairs([*earlier, *later], threshold, corpus)
    later_files = {r.file for r in later}
    best: dict[Rec, Pair] = {}
    for p in pairs:
        old, new = (p.a, p.b) if p.b.file in later_files else (p.b, p.a)
        if old.file in later_files or new.file not in later_files:
            continue
        if new not in best or p.score > best[new].score:
            best[new] = Pair(old, new, p.score)
    ranked = [as_rec(r) for r in later]
    return [best[r] for r in ranked if r in best]
