"""Practice themes: which of data/themes.csv each recommendation and finding is about.

`labelled` holds the hand-labelled items, `tagger` the model learned from them, `scores` its
measured precision and recall. `tag_store` is what `ingest` and `sync` call: it loads
scikit-learn and trains the model only when some document needs tagging, so commands that only
read never pay for either.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import version

from sqlalchemy import Engine

from ..store import themes as stored_themes
from .labelled import fingerprint

RECIPE = "tfidf-words12-chars44+ovr-logreg-C10-balanced+cv5-thresholds:1"


def model_version() -> str:
    """The name of the model: labels and themes, recipe and library, so a change of any
    re-tags the store."""
    return f"{fingerprint()[:16]}/{RECIPE}/scikit-learn-{version('scikit-learn')}"


def tag_store(engine: Engine, on_start: Callable[[int], None] | None = None) -> int:
    """Tag the documents whose items are untagged or tagged by another model; how many.
    `on_start` hears how many before the work starts (seconds, more when the tagger trains)."""
    with engine.connect() as conn:
        todo = stored_themes.stale(conn, model_version())
    if todo:
        if on_start:
            on_start(len(todo))
        from .tagger import tagger  # scikit-learn: only when there is something to tag

        stored_themes.tag(engine, tagger(), todo)
    return len(todo)
