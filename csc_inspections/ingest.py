"""Ingest: find PDFs, read and parse them (in worker processes if asked), store each atomically.

Reading and parsing are pure and run in workers; only this process writes, one transaction per
document, so an interrupted ingest leaves every document either stored whole or not at all. A
bad file becomes an `Outcome` with a plain reason and the run goes on. Last, the items of the
documents stored are tagged with their practice themes (`themes.tag_store`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from .errors import DocumentError, UsageError
from .model import Document, Fact, Parsed, Problem, Report
from .parse import PARSER_VERSION, parse
from .pdf import Read, document_label, read_bytes, read_document
from .reference import by_urn, resolve
from .store.search import optimize_index
from .store.write import Resolved, store, stored
from .themes import tag_store


@dataclass(frozen=True)
class Outcome:
    """What happened to one file."""

    label: str
    status: str  # ingested | unchanged | failed
    reason: str = ""
    kind: str = ""


def find_documents(paths: Iterable[Path]) -> list[tuple[Path, str]]:
    """Files named, and every *.pdf below folders named, in a stable order, each with its
    label (`document_label`: relative to the folder named, or its own name and folder)."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            below = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() == ".pdf")
            found += [(p, document_label(p, path)) for p in below]
        elif path.is_file():
            found.append((path, document_label(path)))
        else:
            raise UsageError(f"{path}: no such file or folder")
    return found


def find_pdfs(paths: Iterable[Path]) -> list[Path]:
    """Files named, and every *.pdf below folders named, in a stable order."""
    return [path for path, _label in find_documents(paths)]


ParseResult = tuple[Document, Parsed] | DocumentError


def read_and_parse(path: Path, label: str, read: Read | None = None) -> ParseResult:
    """The worker's job; returns the error rather than raising so that the pool carries it.
    `read`: the file's bytes and hash, when this process has them (one worker)."""
    try:
        doc = read_document(path, label, read)
        return doc, parse(doc.pages, label)
    except DocumentError as exc:
        return exc


def resolve_la(parsed: Parsed, label: str) -> Resolved:
    """The LA's URN from the name the document prints; the corpus folder's URN as a fallback."""
    printed = parsed.la_name.value if parsed.la_name else None
    la = resolve(printed, _dated(parsed)) if printed else None
    folder = label.split("/", 1)[0].split("_", 1)[0]
    folder_la = by_urn(int(folder)) if folder.isdigit() and "/" in label else None
    if la is not None:
        if folder_la is not None and folder_la.urn != la.urn:
            note = f"the text names {la.name} but the file sits under URN {folder_la.urn}"
            return Resolved(la.urn, Problem("la_name", note))
        return Resolved(la.urn)
    if folder_la is not None:
        note = f"LA name {printed!r} not matched; URN {folder_la.urn} taken from the folder name"
        return Resolved(folder_la.urn, Problem("la_name", note))
    return Resolved(None, Problem("la_name", f"LA name {printed!r} not matched to any LA"))


def _dated(parsed: Parsed) -> date | None:
    """When the document was written: a name two councils have borne ("Dorset") is read as
    the council of that day."""
    facts: tuple[Fact[date] | None, ...] = (
        (parsed.inspection_start, parsed.publication_date)
        if isinstance(parsed, Report)
        else (parsed.visit_start, parsed.letter_date, parsed.publication_date)
    )
    return next((f.value for f in facts if f is not None), None)


Known = dict[str, tuple[str, str]]  # sha256 -> (parser version, label), as `stored` reads


def _current_copy(known: Known, sha256: str) -> str | None:
    """The label these bytes are stored under by this parser version, or None."""
    found = known.get(sha256)
    return found[1] if found is not None and found[0] == PARSER_VERSION else None


def _results(todo: Iterable[tuple[Path, str, Read]], workers: int) -> Iterator[ParseResult]:
    """Results as they arrive, with at most 2 x workers documents in flight; a worker process
    reads its file again rather than be sent the bytes."""
    if workers <= 1:
        for path, label, read in todo:
            yield read_and_parse(path, label, read)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending: set[Future[ParseResult]] = set()
        for path, label, _ in todo:
            pending.add(pool.submit(read_and_parse, path, label))
            if len(pending) >= 2 * workers:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                yield from (future.result() for future in done)
        yield from (future.result() for future in pending)


def ingest(
    engine: Engine,
    paths: Iterable[Path],
    workers: int = 1,
    on_file: Callable[[Outcome], None] | None = None,
    on_tagging: Callable[[int], None] | None = None,
) -> list[Outcome]:
    """Ingest every PDF under `paths`; returns one Outcome per file found. `on_tagging` hears
    how many documents' items are about to be tagged with themes."""
    outcomes: list[Outcome] = []

    def record(outcome: Outcome) -> None:
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)

    known = stored(engine)

    def todo() -> Iterator[tuple[Path, str, Read]]:
        """The files whose bytes are not stored by this parser version, read and hashed."""
        for path, label in find_documents(paths):
            try:
                data = read_bytes(path, label)
            except DocumentError as exc:
                record(Outcome(label, "failed", str(exc)))
                continue
            sha = hashlib.sha256(data).hexdigest()
            if (copy := _current_copy(known, sha)) is not None:
                record(_unchanged(label, copy))
            else:
                yield path, label, (data, sha)

    for result in _results(todo(), workers):
        record(_store_one(engine, result, known))
    if any(o.status == "ingested" for o in outcomes):
        with engine.begin() as conn:
            optimize_index(conn)
    tag_store(engine, on_tagging)  # what is new, and all of it when the tagger changed
    return outcomes


def _store_one(engine: Engine, result: ParseResult, known: Known) -> Outcome:
    """Store a parse unless the same bytes were stored earlier in this run (two copies of a
    file); `known` learns each document stored."""
    if isinstance(result, DocumentError):
        return Outcome(result.path, "failed", str(result))
    doc, parsed = result
    if (copy := _current_copy(known, doc.sha256)) is not None:
        return _unchanged(doc.label, copy)
    store(engine, doc, parsed, resolve_la(parsed, doc.label), PARSER_VERSION)
    known[doc.sha256] = (PARSER_VERSION, doc.label)
    return Outcome(doc.label, "ingested", kind=parsed.kind)


def _unchanged(label: str, stored_as: str) -> Outcome:
    return Outcome(label, "unchanged", "" if stored_as == label else f"same content as {stored_as}")
