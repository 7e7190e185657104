"""The stand-in site's content: real corpus files of two LAs, and providers with none.

Why these files: Rotherham's 2014 SIF report (inadequate) and 2022 ILACS report (good; ILACS
reports print no publication date, so it comes from the file name the label gives), one of its
focused visits (label with ", pdf" in the middle), and its 2012 "report" that is really the
site's HTML "Report not found" page (served with status 200). Bedford: an ILACS report, a
focused visit and a JTAI letter ("Joint area child protection inspection"). Three more
providers list nothing, so that the search runs to several pages.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import httpx2
import pytest
from sqlalchemy import Engine

from csc_inspections.store.db import connect
from csc_inspections.sync.client import Polite
from csc_inspections.sync.run import Options, Result, sync
from tests.conftest import CORPUS
from tests.databases import new_database
from tests.sync.standin import Council, Pub, StandIn

REPORTS, LETTERS = CORPUS / "reports", CORPUS / "letters"
TIMEOUT = 0.5  # seconds: the stand-in's slow answers take longer
ROTHERHAM, BEDFORD = "80543_rotherham", "80428_bedford"


def rotherham() -> Council:
    return Council(
        80543,
        "Rotherham",
        [
            Pub(
                "Children's services inspection - 10 August 2012, pdf",
                date(2012, 8, 10),
                None,
            ),
            Pub(
                "Children's services inspection - 19 November 2014, pdf",
                date(2014, 11, 19),
                REPORTS / ROTHERHAM / "children's services inspection - 19 november 2014.pdf",
            ),
            Pub(
                "Children's services focused visit, pdf - 15 April 2019",
                date(2019, 4, 15),
                LETTERS / ROTHERHAM / "children's services focused visit - 15 april 2019.pdf",
            ),
            Pub(
                "Children's services inspection - 12 August 2022, pdf",
                date(2022, 8, 12),
                REPORTS / ROTHERHAM / "children's services inspection - 12 august 2022.pdf",
            ),
        ],
    )


def bedford() -> Council:
    return Council(
        80428,
        "Bedford",
        [
            Pub(
                "Children's services focused visit, pdf - 04 January 2019",
                date(2019, 1, 4),
                LETTERS / BEDFORD / "children's services focused visit - 04 january 2019.pdf",
            ),
            Pub(
                "Children's services inspection - 14 January 2022, pdf",
                date(2022, 1, 14),
                REPORTS / BEDFORD / "children's services inspection - 14 january 2022.pdf",
            ),
            Pub(
                "Joint area child protection inspection - 31 March 2023, pdf",
                date(2023, 3, 31),
                LETTERS / BEDFORD / "joint area child protection inspection - 31 march 2023.pdf",
            ),
        ],
    )


def councils() -> list[Council]:
    """Five providers, two a search page: three pages."""
    empty = [Council(900001, "Nowhere"), Council(900002, "Elsewhere"), Council(900003, "Anyplace")]
    return [empty[0], rotherham(), empty[1], bedford(), empty[2]]


def served_files(standin: StandIn) -> list[Path]:
    """The corpus PDFs the stand-in serves."""
    return [p.source for c in standin.councils for p in c.pubs if p.source is not None]


@pytest.fixture
def standin() -> Iterator[StandIn]:
    with StandIn(councils()) as site:
        yield site


@pytest.fixture
def db(backend: str, tmp_path: Path) -> str:
    """A new database on each backend: the record's SQL must serve both."""
    return new_database(backend, tmp_path, "sync")


@pytest.fixture
def engine(db: str) -> Iterator[Engine]:
    found = connect(db, create=True)
    yield found
    found.dispose()


Run = Callable[..., Result]


def syncer(standin: StandIn, engine: Engine, data_dir: Path, client: httpx2.Client) -> Run:
    """A sync of the stand-in into `engine`, no pauses, a short time-out and back-off;
    keyword arguments change the options (las, since, dry_run)."""

    def go(**changes: object) -> Result:
        http = Polite(client, delay=0, timeout=TIMEOUT, backoff=0.01)
        options = Options(base_url=standin.site_url, data_dir=data_dir)
        return sync(engine, http, replace(options, **changes))  # type: ignore[arg-type]

    return go


@pytest.fixture
def run(standin: StandIn, engine: Engine, tmp_path: Path) -> Iterator[Run]:
    """A sync into this test's database, files under tmp_path/files."""
    with httpx2.Client() as client:
        yield syncer(standin, engine, tmp_path / "files", client)


@dataclass
class Synced:
    """One whole sync of the stand-in, shared by the tests that only read what it made."""

    standin: StandIn
    db: str
    engine: Engine
    files: Path
    result: Result
    run: Run  # another run into the same database and folder


@pytest.fixture(scope="module")
def synced(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synced]:
    folder = tmp_path_factory.mktemp("synced")
    db = new_database(backend, folder, "synced")
    engine = connect(db, create=True)
    with StandIn(councils()) as site, httpx2.Client() as client:
        run = syncer(site, engine, folder / "files", client)
        yield Synced(site, db, engine, folder / "files", run(), run)
    engine.dispose()
