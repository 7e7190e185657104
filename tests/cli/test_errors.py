"""Every mistake a user can make at the command line, as a new user made them (issue 13): one
line on stderr naming the thing and what to do, the documented exit code, no traceback unless
--debug; and the global options accepted before or after the command."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import Result

from csc_inspections.cli import app, documents
from csc_inspections.errors import DatabaseUnavailable
from tests.cli.conftest import ROTHERHAM_LETTERS, runner

INGEST_HINT = "build one with `csc-inspections ingest FOLDER`, or name another with --db"


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return runner.invoke(app, list(args), prog_name="csc-inspections", env=env)


def said(result: Result) -> str:
    """The one line the command wrote on stderr (and nothing more)."""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# The database named by --db


def test_a_read_command_on_a_mistyped_database_does_not_make_it(tmp_path: Path) -> None:
    path = tmp_path / "mistyped.db"
    result = run("--db", str(path), "summary")
    assert (result.exit_code, said(result)) == (2, f"error: no database at {path}: {INGEST_HINT}")
    assert not path.exists()


@pytest.mark.parametrize("command", [["summary"], ["ingest", ROTHERHAM_LETTERS], ["db", "upgrade"]])
def test_a_database_in_a_missing_folder(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "no-such-folder" / "x.db"
    result = run("--db", str(path), *command)
    assert (result.exit_code, said(result)) == (
        2,
        f"error: no folder {path.parent} for the database {path}: make the folder first, "
        "or name another with --db",
    )
    assert not path.parent.exists()


@pytest.mark.parametrize(
    "command", [["la", "Rotherham"], ["ingest", ROTHERHAM_LETTERS], ["db", "upgrade"]]
)
def test_a_text_file_given_as_the_database(tmp_path: Path, command: list[str]) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("not a database\n")
    result = run("--db", str(path), *command)
    assert (result.exit_code, said(result)) == (
        2,
        f"error: {path} is not a SQLite database: name the database file with --db "
        "(`csc-inspections ingest` makes one)",
    )
    assert path.read_text() == "not a database\n"


def test_a_folder_given_as_the_database(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path), "summary")
    assert (result.exit_code, said(result)) == (
        2,
        f"error: {tmp_path} is a folder: name a database file with --db",
    )


def _closed_port() -> int:
    """A local port nothing listens on: connecting to it is refused at once, no network."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


@pytest.mark.parametrize("command", [["summary"], ["db", "upgrade"]])
def test_an_unreachable_database_server(command: list[str]) -> None:
    port = _closed_port()
    result = run("--db", f"postgresql://reader:secret@127.0.0.1:{port}/inspections", *command)
    assert (result.exit_code, said(result)) == (
        2,
        f"error: cannot open postgresql://reader:***@127.0.0.1:{port}/inspections: connection "
        f'failed: connection to server at "127.0.0.1", port {port} failed: Connection refused: '
        "check that the server is running and the URL's host, port, user and database",
    )


@pytest.mark.parametrize(
    ("given", "said_"),
    [
        (
            "mysql://reader@localhost/inspections",
            "error: mysql databases are not supported: give a SQLite file or a URL such as "
            "postgresql://user@host/db with --db",
        ),
        (
            "postgresql://reader:secret@localhost:fivefourthree/inspections",
            "error: postgresql://reader:***@localhost:fivefourthree/inspections is not a "
            "database URL: give a SQLite file or a URL such as postgresql://user@host/db with "
            "--db",
        ),
    ],
)
def test_a_database_url_this_tool_cannot_use(given: str, said_: str) -> None:
    result = run("--db", given, "summary")
    assert (result.exit_code, said(result)) == (2, said_)


# Output files


def test_an_export_to_a_missing_folder(db: str, tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "history.csv"
    result = run("--db", db, "export", "history", "--output", str(out))
    assert (result.exit_code, said(result)) == (
        2,
        f"error: cannot write {out}: no folder {out.parent}: make it first, or write elsewhere",
    )


def test_an_export_to_a_folder_or_below_a_file(db: str, tmp_path: Path) -> None:
    result = run("--db", db, "export", "history", "-o", str(tmp_path))
    assert (result.exit_code, said(result)) == (
        2,
        f"error: cannot write {tmp_path}: it is a folder: name a file in it",
    )
    a_file = tmp_path / "a.csv"
    a_file.write_text("")
    result = run("--db", db, "export", "history", "-o", str(a_file / "b.csv"))
    assert (result.exit_code, said(result)) == (
        2,
        f"error: cannot write {a_file / 'b.csv'}: {a_file} is not a folder",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_export_to_a_folder_without_permission(db: str, tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        result = run("--db", db, "export", "history", "-o", str(tmp_path / "h.csv"))
    finally:
        tmp_path.chmod(0o700)
    assert (result.exit_code, said(result)) == (
        2,
        f"error: cannot write {tmp_path / 'h.csv'}: permission denied: write where you may, "
        "or ask for access",
    )


# Values of options and arguments


@pytest.mark.parametrize(
    ("command", "option"),
    [
        (["stats", "--as-at", "2020-13-01"], "--as-at"),
        (["changes", "--from", "1/4/2024"], "--from"),
        (["search", "children", "--since", "last year"], "--since"),
    ],
)
def test_a_malformed_date(db: str, command: list[str], option: str) -> None:
    result = run("--db", db, *command)
    value = command[-1]
    assert (result.exit_code, said(result)) == (
        2,
        f"error: Invalid value for '{option}': '{value}' is not a date: write it as YYYY-MM-DD, "
        f"e.g. 2024-03-31 (see `csc-inspections {command[0]} --help`)",
    )


def test_a_date_as_written_is_read(db: str) -> None:
    result = run("--db", db, "stats", "--as-at", "2020-12-01", "-f", "json")
    assert result.exit_code == 0, result.output


def test_an_unknown_area_or_kind_is_refused_not_silently_empty(db: str) -> None:
    result = run("--db", db, "changes", "--area", "protection")
    assert (result.exit_code, said(result)) == (
        2,
        "error: Invalid value for '--area': 'protection' is not an area: one of overall, "
        "leadership, help_protection, children_in_care, care_leavers, adoption, lscb "
        "(see `csc-inspections changes --help`)",
    )
    result = run("--db", db, "search", "children", "--framework", "focus")
    assert result.exit_code == 2
    assert said(result).startswith(
        "error: Invalid value for '--framework': 'focus' is not a report or letter kind: one of "
        "sif, sif_reinspection, "
    )


def test_an_area_or_kind_in_words_is_read(db: str) -> None:
    by_words = run("--db", db, "changes", "--area", "Help and protection", "-f", "json")
    by_key = run("--db", db, "changes", "--area", "help_protection", "-f", "json")
    assert by_words.exit_code == 0 and by_words.stdout == by_key.stdout
    letters = run("--db", db, "search", "children", "--framework", "Focused visit", "-f", "json")
    assert letters.exit_code == 0
    assert {hit["kind"] for hit in json.loads(letters.stdout)} == {"focused_visit"}


@pytest.mark.parametrize(
    ("typed", "answer"),
    [
        ("Rotheram", "did you mean Rotherham?"),
        ("rother", "did you mean Rotherham?"),
        ("kingston", "did you mean Kingston Upon Hull or Kingston upon Thames?"),
        (
            "Atlantis",
            "give an LA's name, its URN, its LA code (372) or its ONS code (E08000018)",
        ),
    ],
)
def test_an_unknown_la_suggests_the_closest_names(db: str, typed: str, answer: str) -> None:
    for command in (["la", typed], ["search", "children", "--la", typed]):
        result = run("--db", db, *command)
        assert (result.exit_code, said(result)) == (
            2,
            f"error: no local authority matches {typed!r}: {answer}",
        )


def test_an_unknown_option_names_the_command_to_ask(db: str) -> None:
    result = run("--db", db, "la", "Rotherham", "--colour")
    assert (result.exit_code, said(result)) == (
        2,
        "error: No such option: --colour (see `csc-inspections la --help`)",
    )


# Global options, and what --debug changes


def test_global_options_before_or_after_the_command(db: str, tmp_path: Path) -> None:
    before = run("--db", db, "la", "Rotherham", "-f", "json")
    after = run("la", "Rotherham", "--db", db, "-f", "json")
    from_env = run("la", "Rotherham", "-f", "json", env={"CSC_INSPECTIONS_DB": db})
    assert before.exit_code == after.exit_code == from_env.exit_code == 0, after.output
    assert before.stdout == after.stdout == from_env.stdout
    # typed after the command, it wins over the one before and over the environment
    missing = tmp_path / "missing.db"
    result = run("--db", db, "summary", "--db", str(missing), env={"CSC_INSPECTIONS_DB": db})
    assert said(result) == f"error: no database at {missing}: {INGEST_HINT}"


def test_debug_raises_the_error_with_its_traceback(tmp_path: Path) -> None:
    path = tmp_path / "mistyped.db"
    before = ["--debug", "--db", str(path), "summary"]
    after = ["summary", "--db", str(path), "--debug"]
    for args in (before, after):
        result = run(*args)
        assert isinstance(result.exception, DatabaseUnavailable)
        assert result.stderr == ""


def test_an_unexpected_error_is_one_line_too(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(documents.read, "summary", broken)
    result = run("--db", db, "summary")
    assert (result.exit_code, said(result)) == (
        1,
        "error: unexpected RuntimeError: the disk said no (run again with --debug for the "
        "traceback)",
    )


def test_the_installed_command_prints_one_line_and_debug_the_traceback(tmp_path: Path) -> None:
    """As a shell runs it (python -m csc_inspections), not through the test runner."""
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "CSC_INSPECTIONS_DB": ""}
    missing = tmp_path / "mistyped.db"
    command = [sys.executable, "-m", "csc_inspections", "summary", "--db", str(missing)]
    plain = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert (plain.returncode, plain.stderr) == (
        2,
        f"error: no database at {missing}: {INGEST_HINT}\n",
    )
    debug = subprocess.run(
        [*command, "--debug"], env=env, capture_output=True, text=True, check=False
    )
    assert debug.returncode == 1
    assert "Traceback" in debug.stderr and "DatabaseUnavailable" in debug.stderr
    assert not missing.exists()
