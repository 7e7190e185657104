"""The hand-labelled items the tagger learns from and is scored on (labelled/README.md says
how they were drawn and read), and the split that keeps a held-out part unseen by training."""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from ..vocabulary import current

FOLDER = "labelled"
HELD_OUT_SHARE = 5  # one file in five, chosen by its name's hash, is held out


@dataclass(frozen=True)
class Labelled:
    """One recommendation or finding as stored from `file`, with the themes a reader gave it."""

    key: str
    file: str  # the stored label, <folder>/<file name>
    item: str  # recommendation or finding
    scope: str  # recommendations: main, lscb or agencies; findings: ''
    number: int  # its number in its list, as stored
    page: int | None
    era: str  # the kind of the document it is from
    text: str
    themes: frozenset[str]
    reader: str

    @property
    def held_out(self) -> bool:
        """Held out from training, by file, so that no report's items are on both sides."""
        digest = hashlib.sha256(self.file.encode()).digest()
        return digest[0] % HELD_OUT_SHARE == 0


def _folder() -> Traversable:
    return resources.files(__package__).joinpath(FOLDER)


def _read(name: str) -> list[dict[str, str]]:
    text = _folder().joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines(keepends=True)))


def themes_of(cell: str) -> frozenset[str]:
    """A `themes` cell (ids joined by ';') as a set, refusing an id the vocabulary lacks."""
    found = frozenset(t for t in cell.split(";") if t)
    unknown = found - set(current().theme_keys)
    if unknown:
        raise ValueError(f"unknown themes {sorted(unknown)} in the labelled items")
    return found


@cache
def labelled() -> tuple[Labelled, ...]:
    """Every labelled item, in file order."""
    return tuple(
        Labelled(
            key=r["key"],
            file=r["file"],
            item=r["item"],
            scope=r["scope"],
            number=int(r["number"]),
            page=int(r["page"]) if r["page"] else None,
            era=r["era"],
            text=r["text"],
            themes=themes_of(r["themes"]),
            reader=r["reader"],
        )
        for r in _read("items.csv")
    )


@dataclass(frozen=True)
class Reading:
    themes: frozenset[str]
    reader: str


@cache
def second_reading() -> dict[str, Reading]:
    """The themes a second reader gave a sample of the items, by key, read blind."""
    return {
        r["key"]: Reading(themes_of(r["themes"]), r["reader"]) for r in _read("second_reading.csv")
    }


def fingerprint() -> str:
    """A hash of the labels and the themes: the tagger's version changes when either does."""
    digest = hashlib.sha256(_folder().joinpath("items.csv").read_bytes())
    for theme in current().themes:
        digest.update(f"{theme.key}\t{theme.covers}\n".encode())
    return digest.hexdigest()
