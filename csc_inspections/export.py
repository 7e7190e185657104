"""Writing rows as CSV, JSON or XLSX: one registry, used by every export command.

Rows are plain dicts with the same keys in the same order; the first row's keys are the header.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from .errors import CannotWrite

Rows = Sequence[dict[str, Any]]


def _csv(rows: Rows, out: BinaryIO) -> None:
    text = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(text, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    out.write(text.getvalue().encode("utf-8"))


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


def write(rows: Rows, fmt: str, out: BinaryIO) -> None:
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
