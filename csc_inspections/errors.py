"""The errors a user can meet, each naming the file it is about.

    CscError
    ├── DocumentError            a file that cannot be read as a report (path, reason)
    │   ├── NotAPdf              e.g. an HTML "Report not found" page saved as .pdf
    │   ├── EmptyPdf             zero bytes, or no pages
    │   ├── EncryptedPdf         needs a password
    │   ├── UnreadablePdf        truncated or corrupt
    │   ├── NoTextLayer          scanned pages, nothing to read
    │   └── UnknownLayout        a PDF, but not an Ofsted LA report or letter we recognise
    ├── UsageError               a bad argument or query at an interface edge
    │   ├── DatabaseUnavailable  a --db that names no database this code can open (name)
    │   ├── CannotWrite          an output file that cannot be written (path)
    │   └── UnknownLocalAuthority  a name or code that matches no LA, with the closest names
    └── NotFound                 nothing stored under the id or name asked for (web: 404)

The interfaces turn these into one plain line (CLI) or one JSON shape (web) at the edge; the
CLI exits with `exit_code` (1: a file could not be read, 2: the user asked for something that
cannot be done).
"""

from __future__ import annotations


class CscError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 2


class DocumentError(CscError):
    """A file that could not be turned into a report or letter."""

    reason = "cannot be read"
    exit_code = 1  # as `ingest` exits when some files failed

    def __init__(self, path: str, detail: str = "") -> None:
        self.path = path
        self.detail = detail
        super().__init__(f"{path}: {self.reason}" + (f" ({detail})" if detail else ""))

    def __reduce__(self) -> tuple[type[DocumentError], tuple[str, str]]:
        """Rebuild from path and detail when a worker process sends the error back."""
        return (type(self), (self.path, self.detail))


class NotAPdf(DocumentError):
    reason = "not a PDF"


class EmptyPdf(DocumentError):
    reason = "empty PDF"


class EncryptedPdf(DocumentError):
    reason = "encrypted PDF (needs a password)"


class UnreadablePdf(DocumentError):
    reason = "damaged or truncated PDF"


class NoTextLayer(DocumentError):
    reason = "PDF has no text layer (scanned?)"


class UnknownLayout(DocumentError):
    reason = "not a recognised Ofsted children's services report or letter"


class UsageError(CscError):
    """A bad argument, named for the user."""


class DatabaseUnavailable(UsageError):
    """A --db that cannot be used: missing, in a missing folder, not a database, unreachable.

    `name` is the database as the user should recognise it (a path, or a URL without its
    password); the message says why and what to do."""

    def __init__(self, name: str, why: str, todo: str) -> None:
        self.name = name
        super().__init__(f"{why}: {todo}")


class CannotWrite(UsageError):
    """An output file that cannot be written (a missing folder, a folder named as the file,
    no permission), named as the user gave it."""

    def __init__(self, path: str, why: str) -> None:
        self.path = path
        super().__init__(f"cannot write {path}: {why}")


class UnknownLocalAuthority(UsageError):
    """A name or code that matches no LA; `suggestions` are the closest names, best first, so
    a typo ("Rotheram") is answered with the LA meant."""

    def __init__(self, text: str, suggestions: tuple[str, ...] = ()) -> None:
        self.text = text
        self.suggestions = suggestions
        if suggestions:
            names = ", ".join(suggestions[:-1]) + (" or " if len(suggestions) > 1 else "")
            todo = f"did you mean {names}{suggestions[-1]}?"
        else:
            todo = "give an LA's name, its URN, its LA code (372) or its ONS code (E08000018)"
        super().__init__(f"no local authority matches {text!r}: {todo}")


class NotFound(CscError, LookupError):
    """Nothing stored under the id or name asked for: no such LA, report, page or PDF."""
