"""The walk: every LA the site lists, every publication of each, what is new fetched and
ingested, everything recorded.

Per LA, in this order: read its provider page; record every publication listed (new ones as
`listed`); fetch each one not held (a PDF goes to a temporary name, renamed when whole); hand
the LA's new files to `ingest.ingest`, which parses and stores them exactly as it does the
corpus; record each as held, missing or failed. A run stopped anywhere (even `kill -9`)
resumes: a publication becomes `held` only after its document is stored, a file that reached
its final name is complete and is ingested rather than fetched again, and a temporary file
left by a stopped download is removed when the next run starts.

What is not fetched: held publications (a second run fetches nothing it has); publications
whose label names a file the database already stores (a database built from the corpus is
not downloaded again); missing ones checked within `MISSING_RECHECK` (the site rarely mends
them, so they are asked for again now and then, not every night). Failed ones are tried again
on every run.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, make_url

if sys.platform != "win32":
    import fcntl

from ..analysis import latest
from ..errors import UsageError
from ..ingest import Outcome, ingest
from ..model import LETTER_KINDS
from ..store import publications, read
from ..store.db import database_url
from ..store.publications import Listed, Record
from ..store.write import stored
from .client import PART_SUFFIX, FetchError, Polite, is_pdf
from .site import Link, Provider, file_name, folder_name, read_provider, read_search, search_url

MISSING_RECHECK = timedelta(days=28)
LOCK_NAME = ".sync.lock"
Progress = Callable[[str, int, int], None]  # (what is being done, done, total)


@dataclass(frozen=True)
class Options:
    """What to walk and where files go; `las` empty means every LA the site lists."""

    base_url: str
    data_dir: Path
    las: frozenset[int] = frozenset()
    since: date | None = None
    dry_run: bool = False


@dataclass(frozen=True)
class Problem:
    """A page or publication that could not be had, named for the user."""

    la_name: str
    what: str  # a publication's title and date, or "provider page"
    url: str
    message: str


@dataclass(frozen=True)
class GradeChange:
    urn: int
    la_name: str
    before: str  # overall grade of the LA's latest report before the run ('' if none)
    after: str
    file: str  # the report that brings it


@dataclass
class Result:
    providers: int = 0  # LAs walked
    listed: int = 0  # publications their pages list
    ingested: list[Outcome] = field(default_factory=list)
    unchanged: int = 0  # fetched, but the same bytes were stored already
    missing: list[Problem] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    would_fetch: list[Listed] = field(default_factory=list)  # --dry-run
    grade_changes: list[GradeChange] = field(default_factory=list)
    not_listed: list[int] = field(default_factory=list)  # URNs asked for, not on the site

    @property
    def reports(self) -> int:
        return sum(o.kind not in LETTER_KINDS for o in self.ingested)

    @property
    def letters(self) -> int:
        return sum(o.kind in LETTER_KINDS for o in self.ingested)


def sync(
    engine: Engine, http: Polite, options: Options, progress: Progress | None = None
) -> Result:
    """Walk the site as the module docstring says; FetchError if the search cannot be read
    (nothing else can be done), every other problem is in the result."""
    if options.dry_run:
        return _walk(engine, http, options, progress)
    with _alone(options.data_dir):
        _sweep(options.data_dir)
        return _walk(engine, http, options, progress)


def _walk(engine: Engine, http: Polite, options: Options, progress: Progress | None) -> Result:
    result = Result()
    report = progress or (lambda _what, _done, _total: None)
    providers = [
        p for p in list_providers(http, options.base_url) if not options.las or p.urn in options.las
    ]
    result.not_listed = sorted(options.las - {p.urn for p in providers})
    before = _overall(engine)
    for n, provider in enumerate(providers):
        report(provider.name, n, len(providers))
        _walk_provider(engine, http, provider, options, result)
    report("", len(providers), len(providers))
    result.providers = len(providers)
    if result.ingested:
        result.grade_changes = _changes(before, _overall(engine))
    return result


def list_providers(http: Polite, base_url: str) -> list[Provider]:
    """Every provider of every search page, following `next` links until there are none."""
    found: dict[int, Provider] = {}
    url: str | None = search_url(base_url)
    seen: set[str] = set()
    while url is not None and url not in seen:
        seen.add(url)
        page = read_search(http.text(url), url)
        found.update((p.urn, p) for p in page.providers if p.urn not in found)
        url = page.next_url
    return list(found.values())


def _walk_provider(
    engine: Engine, http: Polite, provider: Provider, options: Options, result: Result
) -> None:
    try:
        links = read_provider(http.text(provider.url), provider.url)
    except FetchError as exc:
        result.failed.append(Problem(provider.name, "provider page", exc.url, exc.reason))
        return
    listed = [_listed(provider, link) for link in links]
    result.listed += len(listed)
    now = _now()
    urls = [item.url for item in listed]
    known = (
        publications.records(engine, urls)
        if options.dry_run
        else publications.record_listed(engine, listed, now)
    )
    plan = _plan(engine, [i for i in listed if _wanted(i, known.get(i.url), options, now)])
    if options.dry_run:
        result.would_fetch += [step.item for step in plan if step.stored is None]
        return
    fetched = []
    for step in plan:
        if step.stored is not None:  # the same publication, ingested from elsewhere
            publications.mark(
                engine,
                step.item.url,
                "held",
                _now(),
                label=step.label,
                sha256=step.stored,
                message="already stored",
            )
        elif got := _fetch(engine, http, step.item, options.data_dir / step.label, result):
            fetched.append(_Fetched(step.item, options.data_dir / step.label, got))
    _ingest(engine, fetched, result)


def _listed(provider: Provider, link: Link) -> Listed:
    return Listed(link.url, provider.urn, provider.name, link.kind, link.title, link.published)


def _wanted(item: Listed, record: Record | None, options: Options, now: datetime) -> bool:
    if options.since and item.published and item.published < options.since:
        return False
    if record is None or record.state in ("listed", "failed"):
        return True
    return record.state == "missing" and now - record.checked_at >= MISSING_RECHECK


@dataclass(frozen=True)
class _Step:
    item: Listed
    label: str  # where its file goes, relative to the data folder
    stored: str | None  # sha256 of a stored document with that label: nothing to fetch


@dataclass(frozen=True)
class _Fetched:
    item: Listed
    path: Path
    sha256: str


def _plan(engine: Engine, todo: list[Listed]) -> list[_Step]:
    """Each wanted publication's file name, and whether a document of that name is stored."""
    if not todo:
        return []
    taken = publications.held_labels(engine)
    stored_labels = {label: sha for sha, (_version, label) in stored(engine).items()}
    steps = []
    for item in todo:
        label = _label(item, taken)
        taken[label] = item.url
        steps.append(_Step(item, label, stored_labels.get(label)))
    return steps


def _label(item: Listed, taken: dict[str, str]) -> str:
    """`<urn>_<la name>/<title> - <date>.pdf`; another publication's name is not reused (a
    number is added), so two links with one label never share a file."""
    title = item.title
    for n in range(2, 1000):
        label = f"{folder_name(item.urn, item.la_name)}/{file_name(title, item.published)}"
        if taken.get(label, item.url) == item.url:
            return label
        title = f"{item.title} ({n})"
    raise RuntimeError(f"no free file name for {item.url}")


def _fetch(engine: Engine, http: Polite, item: Listed, dest: Path, result: Result) -> str | None:
    """The file's sha256 once it is whole at `dest`; None (and the reason recorded) if not."""
    held = dest.read_bytes() if dest.is_file() else b""
    if is_pdf(held):  # renamed into place (so whole) by a run stopped before it was recorded
        return hashlib.sha256(held).hexdigest()
    what = _what(item)
    try:
        got = http.download(item.url, dest)
    except FetchError as exc:
        publications.mark(engine, item.url, "failed", _now(), message=exc.reason)
        result.failed.append(Problem(item.la_name, what, item.url, exc.reason))
        return None
    if got.state == "pdf":
        return got.sha256
    state = "missing" if got.state == "missing" else "failed"
    publications.mark(engine, item.url, state, _now(), message=got.message)
    bucket = result.missing if state == "missing" else result.failed
    bucket.append(Problem(item.la_name, what, item.url, got.message))
    return None


def _ingest(engine: Engine, fetched: list[_Fetched], result: Result) -> None:
    """Ingest the LA's new files in one call and record what became of each."""
    if not fetched:
        return
    by_label = {f"{f.path.parent.name}/{f.path.name}": f for f in fetched}
    for outcome in ingest(engine, [f.path for f in fetched]):
        f = by_label[outcome.label]
        failed = outcome.status == "failed"
        publications.mark(
            engine,
            f.item.url,
            "failed" if failed else "held",
            _now(),
            label=outcome.label,
            sha256=f.sha256,
            message=outcome.reason or None,
        )
        if failed:
            result.failed.append(Problem(f.item.la_name, _what(f.item), f.item.url, outcome.reason))
        elif outcome.status == "ingested":
            result.ingested.append(outcome)
        else:
            result.unchanged += 1


def _what(item: Listed) -> str:
    return f"{item.title}, {item.published.isoformat()}" if item.published else item.title


def _overall(engine: Engine) -> dict[int, tuple[str, str, str]]:
    """URN -> (LA name, overall grade, file) of each LA's latest graded report."""
    return {
        urn: (row.la_name or "", row.grade("overall") or "", row.file)
        for urn, row in latest(read.history(engine)).items()
    }


def _changes(
    before: dict[int, tuple[str, str, str]], after: dict[int, tuple[str, str, str]]
) -> list[GradeChange]:
    """Each LA whose latest report is new and gives another overall grade than before."""
    out = []
    for urn, (name, grade, file) in sorted(after.items()):
        _name, old_grade, old_file = before.get(urn, ("", "", ""))
        if old_file != file and old_grade != grade:
            out.append(GradeChange(urn, name, old_grade, grade, file))
    return out


def default_data_dir(db: str) -> Path:
    """`<database file name without suffix>-files` beside a SQLite file; for a server
    database, `csc-inspections-files` in the current folder."""
    url = make_url(database_url(db))
    if url.get_backend_name() == "sqlite" and url.database:
        path = Path(url.database)
        return path.with_name(f"{path.stem}-files")
    return Path("csc-inspections-files")


@contextmanager
def _alone(data_dir: Path) -> Iterator[None]:
    """Hold the data folder's lock for the run: two syncs into one folder would write the same
    temporary files. The lock dies with its process, so a killed run never blocks the next."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / LOCK_NAME).open("a") as lock:
        if sys.platform != "win32":
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise UsageError(f"another sync is running with {data_dir}") from None
        yield


def _sweep(data_dir: Path) -> None:
    """Remove what downloads stopped by a killed run left (their temporary files)."""
    for part in _parts(data_dir):
        part.unlink(missing_ok=True)


def _parts(data_dir: Path) -> Iterator[Path]:
    if data_dir.is_dir():
        yield from data_dir.glob(f"*/.*{PART_SUFFIX}")


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
