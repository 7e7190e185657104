"""The theme tagger: TF-IDF of words and character n-grams, one logistic regression per theme,
and a threshold per theme chosen by cross-validation on the items it learns from.

Learned rather than a keyword list because a theme is worded a hundred ways across three
frameworks ("drift", "delay", "timely progression"), and small and offline because it runs
inside `ingest`: it trains in a few seconds from the labelled items the package ships, once a
machine (then it is read from the user's cache folder), and the store records the version that
tagged it so that a new model re-tags it.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import joblib
import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from ..vocabulary import current
from . import model_version
from .labelled import Labelled, labelled

FOLDS = 5
CACHE_ENV = "CSC_INSPECTIONS_CACHE"  # where the trained tagger is kept (default ~/.cache)
_GRID = np.round(np.arange(0.10, 0.91, 0.025), 3)


@dataclass(frozen=True)
class Tag:
    theme: str
    score: float  # the model's probability that the item is about the theme, 0 to 1


def _pipeline() -> Pipeline:
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    # Four-letter pieces of words catch "assess", "assessed", "reassessment" alike; 3-5 scored
    # no better in cross-validation and cost four times as long to compute.
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(4, 4), min_df=2, sublinear_tf=True)
    model = LogisticRegression(C=10.0, class_weight="balanced", solver="liblinear", max_iter=1000)
    return Pipeline(
        [
            ("features", FeatureUnion([("words", words), ("chars", chars)])),
            ("model", OneVsRestClassifier(model)),
        ]
    )


def _matrix(items: Sequence[Labelled], themes: Sequence[str]) -> np.ndarray:
    return np.array([[t in i.themes for t in themes] for i in items], dtype=int)


def best_threshold(truth: np.ndarray, scores: np.ndarray) -> float:
    """The threshold that gives the best F1 on these cross-validated scores (0.5 when the
    theme has too few examples to choose by); ties go to the threshold nearest 0.5."""
    if truth.sum() < 3:
        return 0.5
    best, best_f1 = 0.5, -1.0
    for cut in sorted(_GRID, key=lambda c: abs(c - 0.5)):
        predicted = scores >= cut
        tp = int((predicted & (truth == 1)).sum())
        f1 = 2 * tp / (predicted.sum() + truth.sum()) if tp else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(cut), f1
    return best


class Tagger:
    """A fitted tagger: `tags(texts)` gives each text's themes above their thresholds."""

    def __init__(
        self, pipeline: Pipeline, themes: tuple[str, ...], thresholds: np.ndarray, version: str
    ) -> None:
        self._pipeline = pipeline
        self.themes = themes
        self.thresholds = thresholds
        self.version = version

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, one column per theme: the probability of each."""
        if not texts:
            return np.zeros((0, len(self.themes)))
        return np.asarray(self._pipeline.predict_proba(list(texts)))

    def tags(self, texts: Sequence[str]) -> list[tuple[Tag, ...]]:
        """Each text's themes whose score reaches their threshold, best first."""
        found = []
        for row in self.scores(texts):
            above = [
                Tag(theme, round(float(score), 4))
                for theme, score, cut in zip(self.themes, row, self.thresholds, strict=True)
                if score >= cut
            ]
            found.append(tuple(sorted(above, key=lambda t: -t.score)))
        return found


def fit(
    items: Sequence[Labelled], themes: Sequence[str] | None = None, version: str = ""
) -> Tagger:
    """A tagger learned from `items`, each theme's threshold chosen on out-of-fold scores."""
    themes = tuple(themes if themes is not None else current().theme_keys)
    texts = [i.text for i in items]
    truth = _matrix(items, themes)
    out_of_fold = cross_val_predict(
        _pipeline(),
        texts,
        truth,
        groups=[i.file for i in items],  # a report's items all in one fold, as when held out
        cv=GroupKFold(FOLDS),
        method="predict_proba",
    )
    thresholds = np.array(
        [best_threshold(truth[:, j], out_of_fold[:, j]) for j in range(len(themes))]
    )
    pipeline = _pipeline().fit(texts, truth)
    return Tagger(pipeline, themes, thresholds, version)


def _cache_file(version: str) -> Path:
    root = os.environ.get(CACHE_ENV) or os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    name = hashlib.sha256(version.encode()).hexdigest()[:16]
    return Path(root) / "csc-inspections" / f"theme-tagger-{name}.joblib"


@cache
def tagger() -> Tagger:
    """The tagger learned from every labelled item: trained once a machine (a few seconds)
    and kept in the user's cache folder under its version's name; trained again in memory
    when that folder cannot be read or written."""
    version = model_version()
    path = _cache_file(version)
    try:
        kept = joblib.load(path)
        if isinstance(kept, Tagger) and kept.version == version:
            return kept
    except (OSError, EOFError, ValueError, pickle.UnpicklingError, AttributeError):
        pass
    fitted = fit(labelled(), version=version)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        joblib.dump(fitted, partial)
        partial.replace(path)
    except OSError:
        pass
    return fitted
