"""The Python API: open a database, get pandas DataFrames.

    >>> from csc_inspections.api import open_database
    >>> db = open_database("csc-inspections.db")
    >>> db.inspections().query("overall == 'inadequate'").groupby("region").size()

Each table method returns the same rows as the matching `csc-inspections export ...` command
(`export.TABLES`), with ISO dates parsed into datetimes, so a notebook and a spreadsheet see
the same data; the answers (`latest`, `stats`, ...) come from the answers layer, as on the
site and the command line.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from .answers import Store, national
from .export import TABLES, latest_rows
from .model import HISTORY_AREAS
from .reference import local_authorities
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
        self.store = Store(engine)

    def _table(self, name: str) -> pd.DataFrame:
        rows_of, _ = TABLES[name]
        return _frame(rows_of(self.engine))

    def las(self) -> pd.DataFrame:
        """Every LA of the lookup: URN, codes, region, type, statistical neighbours."""
        return pd.DataFrame([asdict(la) for la in local_authorities().values()])

    def inspections(self) -> pd.DataFrame:
        """One row per report, a column per judgement area (the history export)."""
        return self._table("history")

    def letters(self) -> pd.DataFrame:
        """One row per letter between inspections."""
        return self._table("letters")

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
        return self._table("recommendations")

    def findings(self) -> pd.DataFrame:
        return self._table("findings")

    def figures(self) -> pd.DataFrame:
        return self._table("figures")

    def cited(self) -> pd.DataFrame:
        """Earlier inspections known from later reports' citations."""
        return self._table("cited")

    def latest(self, as_at: date | None = None) -> pd.DataFrame:
        """One row per LA: its latest graded report and its neighbours' grades."""
        return _frame(latest_rows(self.store.history(), as_at))

    def stats(self, as_at: date) -> pd.DataFrame:
        """Grade counts per area (rows) and grade (columns), as at a date."""
        counts = national.picture(self.store, as_at)["areas"]
        return pd.DataFrame(counts).T

    def shares(self, as_at: date) -> pd.DataFrame:
        """Overall effectiveness good or outstanding, and inadequate, per region and for
        England (rows), out of the councils with an overall grade: `stats`' shares."""
        found = national.shares(national.picture(self.store, as_at))
        return pd.DataFrame({**found["regions"], "England": found["england"]}).T


def open_database(db: str | Path = "csc-inspections.db") -> Database:
    """Open a database by SQLite path or URL; a missing one is an error, not a new file."""
    return Database(connect(db, create=False))
