"""The Python API: open a database, get pandas DataFrames.

    >>> from csc_inspections.api import open_database
    >>> db = open_database("csc-inspections.db")
    >>> db.inspections().query("overall == 'inadequate'").groupby("region").size()

Each method returns the same rows as the matching `csc-inspections export ...` command, with
ISO dates parsed into datetimes, so a notebook and a spreadsheet see the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from .analysis.national import latest_rows, stats_as_at
from .model import HISTORY_AREAS
from .reference import local_authorities
from .store import read
from .store.db import connect

_DATES = (
    "publication_date",
    "inspection_start",
    "inspection_end",
    "visit_start",
    "visit_end",
    "letter_date",
    "as_at",
    "month",
)


def _frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows)
    for column in _DATES:
        if column in frame.columns:
            frame[column] = pd.to_datetime(frame[column].replace("", None), errors="coerce")
    return frame


class Database:
    """A stored collection of inspections, read as DataFrames."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def _read(self, reader: Callable[[Engine], list[dict[str, Any]]]) -> pd.DataFrame:
        return _frame(reader(self.engine))

    def las(self) -> pd.DataFrame:
        """Every LA of the lookup: URN, codes, region, type, statistical neighbours."""
        return pd.DataFrame([asdict(la) for la in local_authorities().values()])

    def inspections(self) -> pd.DataFrame:
        """One row per report, a column per judgement area (the history export)."""
        return self._read(read.history)

    def letters(self) -> pd.DataFrame:
        """One row per letter between inspections."""
        return self._read(read.letters)

    def judgements(self) -> pd.DataFrame:
        """One row per report and area: the long form of `inspections()`, for grouping."""
        wide = self.inspections()
        keys = [
            "inspection_id",
            "file",
            "urn",
            "la_name",
            "region",
            "framework",
            "publication_date",
        ]
        areas = [a for a in HISTORY_AREAS if a in wide.columns]
        long = wide.melt(id_vars=keys, value_vars=areas, var_name="area", value_name="grade")
        return long[long["grade"] != ""].reset_index(drop=True)

    def recommendations(self) -> pd.DataFrame:
        return self._read(read.recommendations)

    def findings(self) -> pd.DataFrame:
        return self._read(read.findings)

    def figures(self) -> pd.DataFrame:
        return self._read(read.figures)

    def cited(self) -> pd.DataFrame:
        """Earlier inspections known from later reports' citations."""
        return self._read(read.cited)

    def latest(self, as_at: date | None = None) -> pd.DataFrame:
        """One row per LA: its latest graded report and its neighbours' grades."""
        return _frame(latest_rows(read.history(self.engine), as_at))

    def stats(self, as_at: date) -> pd.DataFrame:
        """Grade counts per area (rows) and grade (columns), as at a date."""
        counts = stats_as_at(read.history(self.engine), as_at)["areas"]
        return pd.DataFrame(counts).T


def open_database(db: str | Path = "csc-inspections.db") -> Database:
    """Open a database by SQLite path or URL; a missing one is an error, not a new file."""
    return Database(connect(db, create=False))
