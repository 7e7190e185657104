"""The vocabulary every part shares: judgement areas, grades and their scales, report and letter
kinds, and the report families with the wording that tells them apart, loaded from data/.

These lists used to be typed again in the parsers, the analysis, the command line and the web
pages, so a new framework meant finding every copy. Now a new framework is rows in data/ plus,
when its reports are laid out differently, one parser module that a row names:

- `frameworks.csv`: report kinds (family, label, dates in force, overall judgement or not, grade
  scale, the areas every report judges); `letter_kinds.csv`: letters between inspections;
- `judgement_areas.csv`: the canonical areas, their labels and which lists each belongs to;
- `grade_scales.csv` and `grades.csv`: each scale's grades with rank, labels, marks and the
  wording reports print;
- `areas.csv`: how each family words each area; `families.csv`: the title wording that tells a
  family, and its parser module;
- `glossary.csv`: the acronyms and terms the pages explain, with Ofsted's documents by title;
  `cycles.csv`: when the next full inspection is expected after each overall grade;
- `themes.csv`: the practice themes that recommendations and findings are tagged with.

`current()` is the vocabulary in use: the package's data plus any folders named in the
environment variable `CSC_INSPECTIONS_DATA` (separated like PATH). `use(folder)` adds a folder
for the length of a `with` block, which is how a test adds a made-up framework. An added folder
holds only the files it extends, with the same columns. Its rows follow the package's, except
in `areas.csv` and `families.csv`, where the first matching row wins: there they come first, so
that a new framework's wording is tried before an older, more general one. A key defined twice
is an error, never a silent override.

Names derived at import elsewhere (`model.AREAS`, `web.text.AREA_LABELS`, ...) follow the
vocabulary in use when they were imported; code that must follow `use()` asks `current()`.

`terms` holds the frozen values and their look-ups, `files` the reading and checking of the
files; this module, the vocabulary in use. Nothing here imports the rest of the package.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .files import FILES, load
from .terms import (
    Area,
    AreaWording,
    Cycle,
    Framework,
    Grade,
    GradeWords,
    LetterKind,
    Scale,
    Term,
    Theme,
    TitleRule,
    Vocabulary,
    VocabularyError,
)

__all__ = [
    "DATA_ENV",
    "FILES",
    "Area",
    "AreaWording",
    "Cycle",
    "Framework",
    "Grade",
    "GradeWords",
    "LetterKind",
    "Scale",
    "Term",
    "Theme",
    "TitleRule",
    "Vocabulary",
    "VocabularyError",
    "current",
    "load",
    "use",
]

DATA_ENV = "CSC_INSPECTIONS_DATA"

_in_use: Vocabulary | None = None


def _env_folders() -> list[str]:
    return [f for f in os.environ.get(DATA_ENV, "").split(os.pathsep) if f]


def current() -> Vocabulary:
    """The vocabulary in use: the package's data and the folders of CSC_INSPECTIONS_DATA."""
    global _in_use
    if _in_use is None:
        _in_use = load(*_env_folders())
    return _in_use


@contextmanager
def use(*folders: str | Path) -> Iterator[Vocabulary]:
    """The package's data extended by `folders` while the block runs, then as before.

    The environment variable is set too, so worker processes started inside the block load
    the same vocabulary.
    """
    global _in_use
    before, env = _in_use, os.environ.get(DATA_ENV)
    _in_use = load(*folders)
    os.environ[DATA_ENV] = os.pathsep.join(str(f) for f in folders)
    try:
        yield _in_use
    finally:
        _in_use = before
        if env is None:
            os.environ.pop(DATA_ENV, None)
        else:
            os.environ[DATA_ENV] = env
