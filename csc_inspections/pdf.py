"""PDF bytes to pages of clean text; the only module that touches pypdfium2.

A document is read whole from disk once (for its hash), opened from those bytes, and closed
page by page, so memory stays at one document however large the corpus.
"""

from __future__ import annotations

import hashlib
from itertools import pairwise
from pathlib import Path

import pypdfium2 as pdfium

from .errors import EmptyPdf, EncryptedPdf, NotAPdf, NoTextLayer, UnreadablePdf
from .model import Document, Page
from .parse.text import clean_page, paragraph_key, strip_running_lines

Read = tuple[bytes, str]  # a file's bytes and their sha256


def raw_page_texts(data: bytes, path: str) -> list[str]:
    """PDFium's text of every page, in order; raises a named error for unreadable files."""
    return [text for text, _ in _read_pages(data, path)]


def _read_pages(data: bytes, path: str) -> list[tuple[str, frozenset[str]]]:
    """Each page's text and the lines that open its paragraphs (`_paragraph_starts`)."""
    if not data.strip():
        raise EmptyPdf(path, "the file has no content")
    if b"%PDF-" not in data[:1024]:
        head = data[:200].lstrip().lower()
        kind = "an HTML page" if head.startswith((b"<!doctype html", b"<html")) else "no PDF header"
        raise NotAPdf(path, kind)
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedPdf(path) from exc
        raise UnreadablePdf(path, str(exc)) from exc
    try:
        return [_page_text(doc, i) for i in range(len(doc))]
    finally:
        doc.close()


def _page_text(doc: pdfium.PdfDocument, index: int) -> tuple[str, frozenset[str]]:
    page = doc[index]
    textpage = page.get_textpage()
    try:
        return str(textpage.get_text_bounded()), _paragraph_starts(textpage)
    finally:
        textpage.close()
        page.close()


_SAME_LINE = 3.0  # points: lines whose tops differ less than this are one printed line
_GAP = 1.5  # a line this many usual line pitches below the one before opens a paragraph
_FEWEST_LINES = 4


def _paragraph_starts(textpage: pdfium.PdfTextPage) -> frozenset[str]:
    """The lines that open a paragraph after a blank space: the text layer runs paragraphs
    together, and a paragraph whose last line is full looks the same as a line break. A line's
    height on the page is that of its first printed character."""
    text = str(textpage.get_text_range())
    lines: list[tuple[float, str]] = []  # (top, text) of each printed line, in reading order
    start = 0
    for line in text.split("\n"):
        first = start + len(line) - len(line.lstrip())
        if line.strip():
            lines.append((textpage.get_charbox(first)[3], line))
        start += len(line) + 1
    drops = [a[0] - b[0] for a, b in pairwise(lines)]
    pitches = sorted(d for d in drops if d > _SAME_LINE)
    if len(pitches) < _FEWEST_LINES:
        return frozenset()
    usual = pitches[len(pitches) // 2]
    return frozenset(
        paragraph_key(clean_page(line))
        for drop, (_, line) in zip(drops, lines[1:], strict=True)
        if drop > _GAP * usual
    )


def read_bytes(path: Path, label: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UnreadablePdf(label, exc.strerror or str(exc)) from exc


def read_document(path: Path, label: str, read: Read | None = None) -> Document:
    """A PDF as a Document of cleaned pages, or a DocumentError naming `label`. `read`: the
    file's bytes and their sha256 when the caller has them already (ingest hashes every file
    to skip those stored), so that a file is read and hashed once."""
    data, sha256 = read if read else (read_bytes(path, label), None)
    raw = _read_pages(data, label)
    if not raw:
        raise EmptyPdf(label, "the PDF has no pages")
    cleaned = strip_running_lines([clean_page(t) for t, _ in raw])
    if not any(t.strip() for t in cleaned):
        raise NoTextLayer(label)
    return Document(
        path=str(path),
        label=label,
        sha256=sha256 or hashlib.sha256(data).hexdigest(),
        size=len(data),
        pages=tuple(
            Page(i, t, paragraph_starts=starts)
            for i, (t, (_, starts)) in enumerate(zip(cleaned, raw, strict=True), start=1)
        ),
    )


def document_label(path: Path, root: Path | None = None) -> str:
    """How the corpus, the labels and the exports name a file: its path relative to `root`,
    the folder it was found in (a file given alone: its own folder), with at least the name of
    the folder it sits in (`80543_rotherham/x.pdf`: corpus folders carry the LA's URN), never
    an absolute path: a file given without a folder (`alone.pdf`, `../x.pdf`) is its name."""
    parts = path.relative_to(root).parts if root is not None else (path.name,)
    folder = path.parent.name
    if len(parts) == 1 and folder not in ("", ".", ".."):
        parts = (folder, path.name)
    return "/".join(parts)
