"""The schema's life: a database of the previous release upgraded by `db upgrade` answers as a
fresh one; commands that read never make a database; a schema the code does not know, or a
file that is not a database, is refused with one line naming what to do."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from collections.abc import Sequence
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, inspect, text
from typer.testing import CliRunner

from csc_inspections.cli import app
from csc_inspections.errors import UsageError
from csc_inspections.ingest import ingest
from csc_inspections.store import lifecycle, read
from csc_inspections.store.db import connect, engine_for
from csc_inspections.store.search import search
from tests.conftest import CORPUS
from tests.databases import new_database

# The last commit of release 0.1, whose schema had no migrations (create_all, meta row).
PREVIOUS_RELEASE = "ed3cc0035d4ab32b1e8955f6cbca636baa05b33f"
ROOT = Path(__file__).resolve().parents[2]
ROTHERHAM = [CORPUS / "reports" / "80543_rotherham", CORPUS / "letters" / "80543_rotherham"]
runner = CliRunner()


def previous_release(folder: Path) -> Path:
    """The previous release's package, taken from the project's own history."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", PREVIOUS_RELEASE, "csc_inspections"],
        capture_output=True,
        check=False,
    )
    if archive.returncode:
        pytest.fail(f"the previous release is not in this clone's history: {archive.stderr!r}")
    with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def build_with_previous_release(db: str, code: Path) -> None:
    script = (
        "import sys; from pathlib import Path\n"
        "import csc_inspections\n"
        f"assert csc_inspections.__file__.startswith({str(code)!r}), csc_inspections.__file__\n"
        "from csc_inspections.store.db import connect\n"
        "from csc_inspections.ingest import ingest\n"
        "ingest(connect(sys.argv[1]), [Path(p) for p in sys.argv[2:]])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run(
        [sys.executable, "-c", script, db, *map(str, ROTHERHAM)], cwd=code, env=env, check=True
    )


def answers(engine: Engine) -> dict[str, Any]:
    """What users read, without the row ids that depend on the order of storing."""

    def rows(found: Sequence[Any]) -> list[Any]:
        return sorted(
            (replace(r, inspection_id=0) if hasattr(r, "inspection_id") else r for r in found),
            key=repr,
        )

    hits = search(engine, '"management oversight" OR caseloads', limit=50)
    return {
        "history": rows(read.history(engine)),
        "letters": rows(read.letters(engine)),
        "recommendations": rows(read.recommendations(engine)),
        "findings": rows(read.findings(engine)),
        "figures": rows(read.figures(engine)),
        "cited": rows(read.cited(engine)),
        "search": [(h.file, h.page, h.section) for h in hits],
    }


def test_a_previous_release_database_upgrades_and_answers_as_a_fresh_one(
    tmp_path: Path, backend: str
) -> None:
    code = previous_release(tmp_path / "release")
    old, fresh = new_database(backend, tmp_path, "old"), new_database(backend, tmp_path, "fresh")
    build_with_previous_release(old, code)

    refused = runner.invoke(app, ["--db", old, "la", "Rotherham"])
    assert refused.exit_code == 2
    assert "older schema (0001" in refused.output and "csc-inspections db upgrade" in refused.output

    upgraded = runner.invoke(app, ["--db", old, "db", "upgrade"])
    assert upgraded.exit_code == 0 and f"0001 upgraded to {lifecycle.head()}" in upgraded.output
    again = runner.invoke(app, ["--db", old, "db", "upgrade"])
    assert again.exit_code == 0 and "already the newest" in again.output

    old_engine, fresh_engine = connect(old, create=False), connect(fresh)
    ingest(old_engine, ROTHERHAM)  # re-reads what a newer parser reads differently
    ingest(fresh_engine, ROTHERHAM)
    assert answers(old_engine) == answers(fresh_engine)
    assert answers(fresh_engine)["history"] and answers(fresh_engine)["search"]
    old_engine.dispose()
    fresh_engine.dispose()


def test_reading_never_makes_a_database(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    result = runner.invoke(app, ["--db", str(missing), "la", "Rotherham"])
    assert result.exit_code == 2
    assert f"no database at {missing}" in result.output
    assert not missing.exists()


def test_an_empty_server_database_is_not_read(tmp_path: Path) -> None:
    empty = new_database("postgresql", tmp_path, "empty")
    result = runner.invoke(app, ["--db", empty, "summary"])
    assert result.exit_code == 2 and "is empty: build it with" in result.output
    made = runner.invoke(app, ["--db", empty, "db", "upgrade"])
    assert made.exit_code == 0 and f"made, schema {lifecycle.head()}" in made.output


def test_a_newer_schema_is_refused(tmp_path: Path, backend: str) -> None:
    db = new_database(backend, tmp_path, "newer")
    engine = connect(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(UsageError, match=r"made by a newer csc-inspections \(schema 9999"):
        connect(db, create=False)
    with pytest.raises(UsageError, match="newer"):
        connect(db)  # nor will a command that writes touch it


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"file,urn\nx,1\n", "other.db is not a SQLite database: name the database file"),
        (b"", "is empty: build it with"),
    ],
)
def test_a_file_that_is_not_our_database_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises(UsageError, match=message):
        connect(path, create=False)


def test_a_database_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    engine = connect(path)
    with engine.begin() as conn:  # made ours, then stripped of what says so
        conn.execute(text("DROP TABLE alembic_version"))
    engine.dispose()
    with pytest.raises(UsageError, match="not a csc-inspections database"):
        connect(path, create=False)


def test_an_upgrade_that_fails_changes_nothing(
    tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One transaction, SQLite's copies of tables included: a failure at the last step leaves
    the previous release's database as it was, and a second try upgrades it."""
    old = new_database(backend, tmp_path, "interrupted")
    build_with_previous_release(old, previous_release(tmp_path / "release"))

    def fail(_conn: object) -> None:
        raise RuntimeError("stopped at the last step")

    monkeypatch.setattr(lifecycle, "refresh_reference", fail)
    engine = engine_for(old)
    with pytest.raises(RuntimeError, match="last step"):
        lifecycle.upgrade(engine)
    with engine.connect() as conn:
        assert lifecycle.revision(conn) == "0001"
        assert not inspect(conn).has_table("publications")
    monkeypatch.undo()
    assert lifecycle.upgrade(engine) == ("0001", lifecycle.head())
    engine.dispose()
