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

from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from .analysis.themes import Cell
from .answers import Store, national
from .answers import themes as theme_answers
from .export import (
    RECOVERED_COLUMNS,
    TABLES,
    THEME_TABLE_COLUMNS,
    latest_rows,
    recovered_rows,
    theme_table_rows,
)
from .model import HISTORY_AREAS
from .reference import local_authorities, lookup
from .store.db import connect
from .vocabulary import current

_DATES = (
    "publication_date",
    "inspection_start",
    "inspection_end",
    "visit_start",
    "visit_end",
    "letter_date",
    "as_at",
    "month",
    "date",
    "first",
    "last",
)

# The columns of `theme_points` and `la_themes`, named even when no row has them
POINT_COLUMNS: tuple[str, ...] = (
    *("file", "urn", "la", "date", "kind"),
    *("number", "printed_number", "page", "text", "themes"),
)
LA_THEME_COLUMNS = (
    *("theme", "theme_label", "times", "recurring", "first", "last"),
    *(
        f"{place}_{n}"
        for place in ("la", "neighbours", "region", "national")
        for n in ("asked", "of", "share")
    ),
)


def _frame(rows: list[dict[str, Any]], columns: Sequence[str] = ()) -> pd.DataFrame:
    """The rows as a frame, dates parsed; `columns` name them when there are none."""
    frame = pd.DataFrame(rows) if rows else pd.DataFrame(columns=list(columns))
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

    def themes(
        self, by: str = "year", start: date | None = None, end: date | None = None
    ) -> pd.DataFrame:
        """Per group of inspections (year, era, grade or region) and practice theme, how many
        of the group's inspections asked to improve it: `csc-inspections themes` in long
        form (theme, theme_label, group, asked, inspections, share). Counted: graded SIF and
        ILACS reports with improvement points read, each dated by its last day on site."""
        table = theme_answers.table(self.store, by, start, end)
        return _frame(theme_table_rows(table), THEME_TABLE_COLUMNS)

    def theme_points(
        self,
        theme: str,
        by: str | None = None,
        group: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> pd.DataFrame:
        """The improvement points behind one number of `themes()`: one row per point of the
        inspections of `group` (all groups if None) that asked for `theme`, newest first."""
        key = theme_answers.theme(theme).key
        asks = theme_answers.behind_number(self.store, key, by, group, start, end).asks
        rows = [
            {
                "file": a.document.file,
                "urn": a.document.urn,
                "la": a.document.la_name,
                "date": a.on,
                "kind": a.document.kind,
                "number": p.number,
                "printed_number": p.printed_number,
                "page": p.page,
                "text": p.text,
                "themes": ";".join(p.themes),
            }
            for a in asks
            for p in a.points[key]
        ]
        return _frame(rows, POINT_COLUMNS)

    def la_themes(
        self, la: str | int, start: date | None = None, end: date | None = None
    ) -> pd.DataFrame:
        """The themes an LA's reports and letters asked for (`csc-inspections themes --la`),
        most asked first: how often, recurring or once, first and last date, and the share of
        the LA's, its statistical neighbours', its region's and England's inspections asking."""
        found = lookup(str(la))
        rows = [
            {
                "theme": r.theme,
                "theme_label": current().theme(r.theme).label,
                "times": len(r.documents),
                "recurring": r.recurring,
                "first": r.first,
                "last": r.last,
                **_cell("la", r.la),
                **_cell("neighbours", r.neighbours),
                **_cell("region", r.region),
                **_cell("national", r.national),
            }
            for r in theme_answers.for_la(self.store, found.urn, start, end)
        ]
        return _frame(rows, LA_THEME_COLUMNS)

    def recovered_themes(self) -> pd.DataFrame:
        """What the councils that came out of inadequate were no longer asked
        (`csc-inspections themes --recovered`): per theme, of the recoveries whose inadequate
        report asked for it, how many better reports no longer did, still did, or newly did."""
        return _frame(recovered_rows(theme_answers.recovered(self.store)), RECOVERED_COLUMNS)


def _cell(prefix: str, c: Cell) -> dict[str, Any]:
    return {f"{prefix}_asked": c.asked, f"{prefix}_of": c.of, f"{prefix}_share": c.share}


def open_database(db: str | Path = "csc-inspections.db") -> Database:
    """Open a database by SQLite path or URL; a missing one is an error, not a new file."""
    return Database(connect(db, create=False))
