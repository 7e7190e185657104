"""The whole walk against the stand-in: files laid out as the corpus, the record, a second run
that fetches nothing, --la, --since, --dry-run, faults on the way, and the exports of a synced
database equal to those of `ingest` over the same corpus files."""

from __future__ import annotations

import fcntl
import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update

from csc_inspections.analysis.timeline import timeline
from csc_inspections.errors import UsageError
from csc_inspections.export import TABLES
from csc_inspections.ingest import ingest
from csc_inspections.settings import Settings
from csc_inspections.store import publications, read
from csc_inspections.store.db import connect
from csc_inspections.store.schema import publications as publications_table
from csc_inspections.sync.run import LOCK_NAME, MISSING_RECHECK, default_data_dir
from csc_inspections.web.app import create_app
from tests.conftest import CORPUS
from tests.databases import new_database
from tests.sync.conftest import REPORTS, ROTHERHAM, Run, Synced, served_files
from tests.sync.standin import Pub, StandIn

ONLY_ROTHERHAM = frozenset({80543})
R2025 = REPORTS / ROTHERHAM / "children's services inspection - 16 december 2025.pdf"


def corpus_label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


def held(engine: Engine, urn: int) -> dict[str, str]:
    return {r.label or "": r.state for r in publications.for_la(engine, urn)}


def test_a_sync_holds_every_file_under_its_corpus_name(synced: Synced) -> None:
    result, served = synced.result, served_files(synced.standin)
    on_disk = sorted(corpus_label(p) for p in synced.files.glob("*/*"))
    assert on_disk == sorted(corpus_label(p) for p in served)
    for path in served:
        assert (synced.files / corpus_label(path)).read_bytes() == path.read_bytes()
    assert (result.providers, result.listed, result.reports, result.letters) == (5, 7, 3, 3)
    assert [(p.la_name, p.what) for p in result.missing] == [
        ("Rotherham", "Children's services inspection, 2012-08-10")
    ]
    assert result.failed == [] and result.not_listed == []
    # the first reports of each LA in this database: none before
    assert [(c.la_name, c.before, c.after) for c in result.grade_changes] == [
        ("Bedford Borough", "", "good"),
        ("Rotherham", "", "good"),
    ]
    stored = {r.file for r in [*read.history(synced.engine), *read.letters(synced.engine)]}
    assert stored == set(on_disk)


def test_the_record_says_what_became_of_each_publication(synced: Synced) -> None:
    rows = publications.for_la(synced.engine, 80543)
    assert [(r.published, r.kind, r.state) for r in rows] == [
        (date(2012, 8, 10), "inspection", "missing"),
        (date(2014, 11, 19), "inspection", "held"),
        (date(2019, 4, 15), "focused_visit", "held"),
        (date(2022, 8, 12), "inspection", "held"),
    ]
    assert rows[0].label is None and "Report not found" in (rows[0].message or "")
    assert rows[1].label == "80543_rotherham/children's services inspection - 19 november 2014.pdf"
    assert [r.kind for r in publications.for_la(synced.engine, 80428)] == [
        "focused_visit",
        "inspection",
        "jtai",
    ]


def test_a_missing_publication_is_in_the_history_with_its_link(synced: Synced) -> None:
    engine, standin = synced.engine, synced.standin
    missing = publications.unavailable(engine, 80543)
    link = standin.files_url + standin.file_path(standin.councils[1].pubs[0])
    assert [(r.title, r.url) for r in missing] == [("Children's services inspection", link)]
    events = timeline(read.history(engine, 80543), read.letters(engine, 80543), [], None, missing)
    first = events[0]
    assert (first.kind, first.date, first.link, first.grades) == (
        "unavailable",
        date(2012, 8, 10),
        link,
        {},
    )
    assert publications.unavailable(engine, 80428) == []


def test_the_la_page_shows_a_missing_publication_with_its_link(synced: Synced) -> None:
    link = synced.standin.files_url + synced.standin.file_path(synced.standin.councils[1].pubs[0])
    engine = connect(synced.db)
    with TestClient(create_app(Settings(db=synced.db), engine)) as client:
        page = client.get("/la/80543")
    engine.dispose()
    assert page.status_code == 200
    row = page.text.split('<tr class="event-unavailable">', 1)[1].split("</tr>", 1)[0]
    assert "10 August 2012" in row and "Report not found" in row and f'href="{link}"' in row


def _without_ids(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with the surrogate key dropped: ids follow the order documents were stored in."""
    return [{k: v for k, v in r.items() if k != "inspection_id"} for r in rows]


def _export(name: str, engine: Engine) -> list[dict[str, Any]]:
    rows_of, _ = TABLES[name]
    return _without_ids(rows_of(engine))


def test_exports_of_a_synced_database_equal_those_of_ingest(
    synced: Synced, backend: str, tmp_path: Path
) -> None:
    reference = connect(new_database(backend, tmp_path, "reference"), create=True)
    outcomes = ingest(reference, served_files(synced.standin))
    assert {o.status for o in outcomes} == {"ingested"}
    for export in ("history", "letters", "recommendations", "findings"):
        ours, theirs = _export(export, synced.engine), _export(export, reference)
        assert ours == theirs and ours, export
    reference.dispose()


def test_a_second_run_fetches_no_file(synced: Synced) -> None:
    before = len(synced.standin.hits("files"))
    again = synced.run()
    assert len(synced.standin.hits("files")) == before
    assert (again.reports, again.letters, again.missing, again.failed) == (0, 0, [], [])
    assert again.listed == 7  # every page was still read


def test_a_new_publication_is_fetched_alone_with_the_grade_change_it_brings(
    run: Run, standin: StandIn
) -> None:
    run()
    pub = Pub("Children's services inspection - 16 December 2025, pdf", date(2025, 12, 16), R2025)
    standin.councils[1].pubs.append(pub)
    standin.number_files()
    before = len(standin.hits("files"))
    result = run()
    assert [h.path for h in standin.hits("files")[before:]] == [standin.file_path(pub)]
    # labels.csv: Rotherham 2022 good, 2025 outstanding
    assert [(c.la_name, c.before, c.after) for c in result.grade_changes] == [
        ("Rotherham", "good", "outstanding")
    ]


def test_only_the_las_asked_for(run: Run, standin: StandIn) -> None:
    result = run(las=frozenset({80428, 123}))
    bedford = {standin.file_path(p) for p in standin.councils[3].pubs}
    assert {h.path for h in standin.hits("files")} == bedford
    assert result.providers == 1 and result.not_listed == [123]
    assert not any("/provider/16/80543" in h.path for h in standin.hits("site"))


def test_only_publications_since(run: Run, standin: StandIn, engine: Engine) -> None:
    run(since=date(2022, 1, 1))
    fetched = {h.path for h in standin.hits("files")}
    wanted = {
        standin.file_path(p)
        for c in standin.councils
        for p in c.pubs
        if p.published >= date(2022, 1, 1)
    }
    assert fetched == wanted and len(wanted) == 3
    # the older ones are on record, to be fetched by a run without --since
    assert set(held(engine, 80543).values()) == {"listed", "held"}


def test_a_dry_run_fetches_and_records_nothing(
    run: Run, standin: StandIn, engine: Engine, tmp_path: Path
) -> None:
    result = run(dry_run=True)
    assert standin.hits("files") == [] and not (tmp_path / "files").exists()
    assert len(result.would_fetch) == 7 and publications.for_la(engine, 80543) == []


def test_faults_on_the_way_are_retried(run: Run, standin: StandIn) -> None:
    pubs = standin.councils[3].pubs
    standin.fail("/provider/16/80543", "503")
    standin.fail(standin.file_path(pubs[0]), "429")
    standin.fail(standin.file_path(pubs[1]), "slow")
    result = run()  # the slow answer takes longer than the run's time-out: asked again
    assert (result.reports, result.letters, result.failed) == (3, 3, [])
    statuses = [h.status for h in standin.hits("files") if h.path == standin.file_path(pubs[0])]
    assert statuses == [429, 200]


def test_a_provider_page_that_keeps_failing_is_named_and_the_rest_is_done(
    run: Run, standin: StandIn
) -> None:
    standin.fail("/provider/16/80543", *["503"] * 5)
    result = run()
    assert [(p.la_name, p.what) for p in result.failed] == [("Rotherham", "provider page")]
    assert "HTTP 503 (gave up after 5 tries)" in result.failed[0].message
    assert (result.reports, result.letters) == (1, 2)  # Bedford's


def test_missing_files_are_asked_for_again_only_after_a_while(
    run: Run, standin: StandIn, engine: Engine
) -> None:
    missing = standin.file_path(standin.councils[1].pubs[0])
    run(las=ONLY_ROTHERHAM)
    run(las=ONLY_ROTHERHAM)
    assert [h.path for h in standin.hits("files")].count(missing) == 1
    with engine.begin() as conn:  # four weeks on
        old = datetime.now(UTC).replace(tzinfo=None) - MISSING_RECHECK - timedelta(hours=1)
        conn.execute(update(publications_table).values(checked_at=old))
    run(las=ONLY_ROTHERHAM)
    assert [h.path for h in standin.hits("files")].count(missing) == 2


def test_a_database_built_from_the_corpus_is_not_downloaded_again(
    run: Run, standin: StandIn, engine: Engine
) -> None:
    ingest(engine, [CORPUS / kind / ROTHERHAM for kind in ("reports", "letters")])
    run(las=ONLY_ROTHERHAM)
    rotherham = {standin.file_path(p) for p in standin.councils[1].pubs}
    fetched = {h.path for h in standin.hits("files")}
    assert fetched & rotherham == {
        standin.file_path(standin.councils[1].pubs[0])
    }  # the missing one
    assert "held" in held(engine, 80543).values()


def test_a_stale_temporary_file_is_removed(run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "files" / "80543_rotherham"
    folder.mkdir(parents=True)
    stale = folder / ".children's services inspection - 19 november 2014.pdf.part"
    stale.write_bytes(b"%PDF-1.4 half")
    run(las=ONLY_ROTHERHAM)
    assert not stale.exists()


def test_a_file_completed_before_a_stop_is_ingested_not_fetched_again(
    run: Run, standin: StandIn, tmp_path: Path, engine: Engine
) -> None:
    source = standin.councils[1].pubs[1].source
    assert source is not None
    done = tmp_path / "files" / corpus_label(source)
    done.parent.mkdir(parents=True)
    done.write_bytes(source.read_bytes())  # renamed into place, then the run was stopped
    run(las=ONLY_ROTHERHAM)
    assert standin.file_path(standin.councils[1].pubs[1]) not in {
        h.path for h in standin.hits("files")
    }
    record = {r.label: r for r in publications.for_la(engine, 80543)}[corpus_label(source)]
    assert record.state == "held"
    assert corpus_label(source) in {r.file for r in read.history(engine, 80543)}
    assert (
        hashlib.sha256(done.read_bytes()).hexdigest()
        == hashlib.sha256(source.read_bytes()).hexdigest()
    )


def test_one_sync_at_a_time_per_folder(run: Run, standin: StandIn, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    with (folder / LOCK_NAME).open("a") as held_lock:
        fcntl.flock(held_lock, fcntl.LOCK_EX)  # another sync, running
        with pytest.raises(UsageError, match="another sync is running"):
            run()
    assert standin.log == []
    run(las=frozenset({900001}))  # the lock went with its holder


def test_files_default_to_a_folder_beside_the_database(tmp_path: Path) -> None:
    assert default_data_dir(str(tmp_path / "csc.db")) == tmp_path / "csc-files"
    assert default_data_dir(f"sqlite:///{tmp_path}/x.db") == tmp_path / "x-files"
    assert default_data_dir("postgresql://u@h/db") == Path("csc-inspections-files")
