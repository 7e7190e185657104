"""The exports: stored records as the wide rows of a spreadsheet, written as CSV, JSON or XLSX.

A wide row is a plain dict with the same keys in the same order for every row (the first row's
keys are the header): one column per judgement area, ISO dates, and '' where nothing was read,
as `labels.csv` and the published spreadsheets lay them out. Only the exports (and the Python
API's DataFrames, which are the exports' rows) use this shape; everything else reads records.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import Engine

from .analysis.national import latest_of_las
from .analysis.themes import Recovery, ThemeTable
from .analysis.timeline import Event
from .errors import CannotWrite
from .records import CitationRecord, ContentRecord, LetterRecord, ReportRecord, Stored
from .reference import LocalAuthority
from .store import read
from .vocabulary import current

Rows = Sequence[dict[str, Any]]


def _cell(value: object) -> object:
    """A value as a spreadsheet cell: ISO dates, '' for nothing read."""
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, date) else value


def cells(fields: dict[str, Any]) -> dict[str, Any]:
    """A row's values as spreadsheet cells."""
    return {k: _cell(v) for k, v in fields.items()}


def _where(r: Stored) -> dict[str, Any]:
    """The columns every report and letter row ends with: its LA's codes and region, and how
    the document named the LA and dated itself."""
    return {
        "la_code": r.la_code,
        "ons_code": r.ons_code,
        "region": r.region,
        "la_name_printed": r.la_name_printed,
        "publication_date_source": r.publication_date_source,
    }


def history_row(r: ReportRecord) -> dict[str, Any]:
    """A report as a row of the history export (labels.csv's columns first)."""
    return cells(
        {
            "file": r.file,
            "urn": r.urn,
            "la_name": r.la_name,
            "framework": r.framework,
            "publication_date": r.publication_date,
            "inspection_start": r.inspection_start,
            "inspection_end": r.inspection_end,
            "lead_inspector": r.lead_inspector,
            **{area: r.grades.get(area) for area in current().history_areas},
            **_where(r),
            "report_kind": r.kind,
            "inspection_id": r.inspection_id,
        }
    )


def event_row(e: Event) -> dict[str, Any]:
    """A timeline event (`analysis.timeline.Event`) as a flat row: the command line's
    `timeline --format csv` and the LA page's timeline download."""
    return cells(
        {
            "date": e.date,
            "kind": e.kind,
            "what": e.what,
            **{area: e.grades.get(area, "") for area in current().history_areas},
            "topic": e.topic,
            "file": e.file or "; ".join(e.cited_by),
            "date_basis": e.basis,
            "predecessor": e.predecessor,
        }
    )


def letter_row(r: LetterRecord) -> dict[str, Any]:
    """A letter as a row of the letters export."""
    return cells(
        {
            "file": r.file,
            "urn": r.urn,
            "la_name": r.la_name,
            "kind": r.kind,
            "publication_date": r.publication_date,
            "visit_start": r.visit_start,
            "visit_end": r.visit_end,
            "letter_date": r.letter_date,
            "inspectors": r.inspectors,
            "topic": r.topic,
            **_where(r),
            "inspection_id": r.inspection_id,
        }
    )


def content_row(r: ContentRecord) -> dict[str, Any]:
    """A row of content (recommendation, finding, figure), its fields in declared order; a
    text not read stays null in JSON (blank in CSV); themes are ids joined by ';'."""
    return {k: _content_cell(v) for k, v in asdict(r).items()}


def _content_cell(value: Any) -> Any:
    """A content value as a cell: ISO dates, themes joined by ';', None kept (null in JSON)."""
    if isinstance(value, date):
        return value.isoformat()
    return ";".join(value) if isinstance(value, tuple) else value


def cited_row(r: CitationRecord) -> dict[str, Any]:
    """An earlier inspection as a later report cites it."""
    return cells(asdict(r))


SHEET_COLUMNS: tuple[str, ...] = (
    "urn",
    "la_code",
    "ons_code",
    "la_name",
    "region",
    "publication_date",
    "inspection_start",
    "inspection_end",
    "framework",
    "lead_inspector",
    *current().history_areas,
    "file",
    "neighbours_overall",
)
_FROM_REPORT = SHEET_COLUMNS[5:-1]  # taken from the LA's latest report, as the history export


def latest_rows(
    rows: Iterable[ReportRecord],
    as_at: date | None = None,
    las: Mapping[int, LocalAuthority] | None = None,
) -> list[dict[str, Any]]:
    """The analysts' summary sheet: one row per LA of the lookup, in name order
    (`analysis.national.latest_of_las`); an LA with no graded report in the rows has its LA
    columns filled and the report columns empty."""
    out = []
    for entry in latest_of_las(rows, as_at, las):
        la, report = entry.la, entry.report
        row = history_row(report) if report else {}
        out.append(
            {
                "urn": la.urn,
                "la_code": la.la_code,
                "ons_code": la.ons_code,
                "la_name": la.name,
                "region": la.region,
                **{column: row.get(column, "") for column in _FROM_REPORT},
                "neighbours_overall": entry.neighbours_overall,
            }
        )
    return out


def _rows_of(
    reader: Callable[[Engine], Iterable[Any]], row: Callable[[Any], dict[str, Any]]
) -> Callable[[Engine], list[dict[str, Any]]]:
    return lambda engine: [row(r) for r in reader(engine)]


# Each export: its rows from a database, and what one row is (the command's help).
TABLES: dict[str, tuple[Callable[[Engine], list[dict[str, Any]]], str]] = {
    "history": (
        _rows_of(read.history, history_row),
        "One row per report: LA, framework, dates, lead inspector, grades.",
    ),
    "letters": (
        _rows_of(read.letters, letter_row),
        "One row per letter between inspections: kind, LA, dates, topic.",
    ),
    "recommendations": (
        _rows_of(read.recommendations, content_row),
        "One row per improvement point: printed number, group (priority action, what needs to "
        "improve, ...) and form (listed or narrative), with its page.",
    ),
    "findings": (
        _rows_of(read.findings, content_row),
        "One row per key finding of a report or letter, with its page.",
    ),
    "figures": (
        _rows_of(read.figures, content_row),
        "One row per context figure: value, unit, as-at date, page.",
    ),
    "cited": (_rows_of(read.cited, cited_row), "One row per earlier inspection a report cites."),
    "latest": (
        lambda engine: latest_rows(read.history(engine)),
        "One row per LA: codes, region, latest inspection, grades, neighbours' grades.",
    ),
}


def _csv(rows: Rows, out: BinaryIO, bom: bool = False) -> None:
    text = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out.write(text.getvalue().encode("utf-8-sig" if bom else "utf-8"))


def _json(rows: Rows, out: BinaryIO) -> None:
    out.write(json.dumps(list(rows), indent=2, ensure_ascii=False, default=str).encode("utf-8"))
    out.write(b"\n")


def _xlsx(rows: Rows, out: BinaryIO) -> None:
    from openpyxl import Workbook  # imported here: only this format needs it

    book = Workbook()
    sheet = book.active
    if rows:
        header = list(rows[0])
        sheet.append(header)
        for row in rows:
            sheet.append([row.get(k) for k in header])
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    book.save(out)


FORMATS: dict[str, Callable[[Rows, BinaryIO], None]] = {
    "csv": _csv,
    "json": _json,
    "xlsx": _xlsx,
}


def write(rows: Rows, fmt: str, out: BinaryIO, bom: bool = False) -> None:
    """`rows` in format `fmt` (a key of FORMATS). `bom` puts a byte-order mark before CSV:
    without it Excel reads UTF-8 as its own code page and garbles apostrophes and accents
    ("Children’s"), so the site's downloads, opened there, carry one; the command line's do
    not, as pipes and other programs expect."""
    if fmt == "csv":
        _csv(rows, out, bom)
    else:
        FORMATS[fmt](rows, out)


def write_file(rows: Rows, fmt: str, path: Path) -> None:
    """Write to a file, or say in one line why the file cannot be made (CannotWrite)."""
    try:
        fh = path.open("wb")
    except OSError as exc:
        raise CannotWrite(str(path), _why(path, exc)) from exc
    with fh:
        write(rows, fmt, fh)


def _why(path: Path, exc: OSError) -> str:
    """What the user can do about a file that cannot be opened for writing."""
    if isinstance(exc, IsADirectoryError):
        return "it is a folder: name a file in it"
    if isinstance(exc, FileNotFoundError):
        return f"no folder {path.parent}: make it first, or write elsewhere"
    if isinstance(exc, NotADirectoryError):
        return f"{path.parent} is not a folder"
    if isinstance(exc, PermissionError):
        return "permission denied: write where you may, or ask for access"
    return exc.strerror or str(exc)


THEME_TABLE_COLUMNS = ("theme", "theme_label", "group", "asked", "inspections", "share")


def theme_table_rows(table: ThemeTable) -> list[dict[str, Any]]:
    """The themes table (`answers.themes.table`) in long form: one row per theme and group,
    how many of the group's inspections asked for it; the page's download and the Python API."""
    return [
        dict(
            zip(
                THEME_TABLE_COLUMNS,
                (key, current().theme(key).label, group, cell.asked, cell.of, cell.share),
                strict=True,
            )
        )
        for key in table.themes
        for group in table.groups
        for cell in (table.cell(key, group),)
    ]


RECOVERED_COLUMNS = (
    *("theme", "theme_label", "recoveries", "asked_when_inadequate", "no_longer_asked"),
    *("still_asked", "newly_asked", "share_no_longer_asked"),
)


def recovered_rows(rows: Sequence[Recovery]) -> list[dict[str, Any]]:
    """Per theme, what the councils that came out of inadequate were asked before and after
    (`answers.themes.recovered`): one row a theme, most often dropped first."""
    return [
        dict(
            zip(
                RECOVERED_COLUMNS,
                (
                    *(r.theme, current().theme(r.theme).label, len(r.pairs), r.asked),
                    *(r.dropped, r.still, r.new, r.share_dropped.share),
                ),
                strict=True,
            )
        )
        for r in rows
    ]
