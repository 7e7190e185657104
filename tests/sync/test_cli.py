"""`csc-inspections sync` end to end: the summary and exit codes, usage errors, the `la`
output of an unavailable publication, and a run killed with SIGKILL during a download."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from csc_inspections.cli import app
from csc_inspections.store import publications, read
from tests.sync.conftest import Run
from tests.sync.standin import StandIn

runner = CliRunner()


def sync_args(db: str, standin: StandIn, tmp_path: Path, *more: str) -> list[str]:
    return [
        "--db",
        db,
        "sync",
        "--base-url",
        standin.site_url,
        "--data-dir",
        str(tmp_path / "files"),
        "--delay",
        "0",
        *more,
    ]


def test_sync_names_the_missing_file_exits_1_then_0(
    db: str, engine: Engine, standin: StandIn, tmp_path: Path
) -> None:
    first = runner.invoke(app, sync_args(db, standin, tmp_path, "--la", "Rotherham"))
    assert first.exit_code == 1, first.output
    link = standin.files_url + standin.file_path(standin.councils[1].pubs[0])
    assert (
        f"missing: Rotherham: Children's services inspection, 2012-08-10: {link}: "
        'the site answers "Report not found" (HTTP 200)'
    ) in first.output
    assert "overall grade: Rotherham: none → good" in first.output
    assert (
        "1 LA, 4 publications listed: 2 new reports, 1 new letter, 1 grade change, "
        "1 missing, 0 failed"
    ) in first.output
    again = runner.invoke(app, sync_args(db, standin, tmp_path, "--la", "80543"))
    assert again.exit_code == 0, again.output
    assert "0 new reports, 0 new letters, 0 grade changes, 0 missing, 0 failed" in again.stdout


def test_la_shows_what_is_published_but_unavailable(
    db: str, standin: StandIn, tmp_path: Path
) -> None:
    runner.invoke(app, sync_args(db, standin, tmp_path, "--la", "Rotherham"))
    link = standin.files_url + standin.file_path(standin.councils[1].pubs[0])
    table = runner.invoke(app, ["--db", db, "la", "Rotherham"])
    assert table.exit_code == 0 and "Published but unavailable" in table.stdout
    shown = json.loads(runner.invoke(app, ["--db", db, "la", "80543", "-f", "json"]).stdout)
    assert [(r["published"], r["url"]) for r in shown["unavailable"]] == [("2012-08-10", link)]


def test_a_dry_run_lists_and_stores_nothing(
    db: str, engine: Engine, standin: StandIn, tmp_path: Path
) -> None:
    result = runner.invoke(app, sync_args(db, standin, tmp_path, "--dry-run", "--la", "Bedford"))
    assert result.exit_code == 0, result.output
    assert result.stdout.count("would fetch: Bedford") == 3
    assert "1 LA, 3 publications listed; 3 to fetch" in result.stdout
    assert standin.hits("files") == [] and read.letters(engine) == []


def test_usage_errors_exit_2(db: str, standin: StandIn, tmp_path: Path) -> None:
    unknown = runner.invoke(app, sync_args(db, standin, tmp_path, "--la", "Atlantis"))
    assert unknown.exit_code == 2 and "no local authority matches 'Atlantis'" in unknown.output
    assert standin.log == []  # refused before asking the site anything
    absent = runner.invoke(app, sync_args(db, standin, tmp_path, "--la", "999999"))
    assert absent.exit_code == 2 and "no provider with URN 999999 on the site" in absent.output
    negative = runner.invoke(app, sync_args(db, standin, tmp_path, "--delay", "-1"))
    assert negative.exit_code == 2
    args = ["--db", db, "sync", "--base-url", "reports.ofsted.gov.uk", "--data-dir", str(tmp_path)]
    no_scheme = runner.invoke(app, args)
    assert no_scheme.exit_code == 2 and "is not a web address" in no_scheme.output


def test_a_search_that_cannot_be_read_exits_1(db: str, tmp_path: Path) -> None:
    with StandIn([]) as empty:
        args = ["--db", db, "sync", "--base-url", empty.site_url + "/gone", "--delay", "0"]
        result = runner.invoke(app, [*args, "--data-dir", str(tmp_path / "files")])
    assert (
        result.exit_code == 1 and "/gone/search?" in result.output and "HTTP 404" in result.output
    )


def test_a_run_killed_during_a_download_resumes_and_leaves_nothing_half_written(
    db: str, engine: Engine, standin: StandIn, tmp_path: Path, run: Run
) -> None:
    big = standin.councils[1].pubs[1]  # Rotherham's 2014 report, 390 KB
    assert big.source is not None
    standin.fail(standin.file_path(big), "trickle")
    final = tmp_path / "files" / "80543_rotherham" / big.source.name
    part = final.with_name(f".{final.name}.part")
    command = [sys.executable, "-m", "csc_inspections", *sync_args(db, standin, tmp_path)]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert standin.trickling.wait(timeout=60), "the download never started"
        deadline = time.monotonic() + 10
        while not (part.exists() and part.stat().st_size) and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        proc.kill()  # SIGKILL: no clean-up of any kind
        proc.wait()
    standin.release.set()
    assert part.stat().st_size > 0 and not final.exists()  # half a file, under its temporary name

    result = run()

    assert not list((tmp_path / "files").rglob("*.part"))
    assert final.read_bytes() == big.source.read_bytes()
    assert (result.reports, result.letters, result.failed) == (3, 3, [])
    assert result.missing == []  # recorded as missing by the killed run: not asked again
    states = {(r.title, r.published): r.state for r in publications.for_la(engine, 80543)}
    assert sorted(states.values()) == ["held", "held", "held", "missing"]
