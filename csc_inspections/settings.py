"""Settings read from the environment, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DB_ENV = "CSC_INSPECTIONS_DB"
DEFAULT_DB = "csc-inspections.db"

CORPUS_ENV = "CSC_INSPECTIONS_CORPUS"
WARM_ENV = "CSC_INSPECTIONS_WARM"


@dataclass(frozen=True)
class Settings:
    """What the web site is told at start: one object, so tests and `serve` can swap it.

    `corpus` is the only folder original PDFs are served from (None: no PDFs are served);
    `allow_writes` False opens the database read-only, so a bug in a page cannot change data;
    `warm` builds every LA page (and home, national, search) before the first visitor, then
    every comparison in the background (`web.warming`).
    """

    db: str = DEFAULT_DB
    corpus: Path | None = None
    allow_writes: bool = False
    warm: bool = False

    @classmethod
    def from_env(cls) -> Settings:
        corpus = os.environ.get(CORPUS_ENV)
        return cls(
            db=os.environ.get(DB_ENV) or DEFAULT_DB,
            corpus=Path(corpus) if corpus else None,
            warm=os.environ.get(WARM_ENV) == "1",
        )
