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
    └── NotFound                 nothing stored under the id or name asked for (web: 404)

The interfaces turn these into one plain line (CLI) or one JSON shape (web) at the edge.
"""

from __future__ import annotations


class CscError(Exception):
    """Base of every error this package raises on purpose."""


class DocumentError(CscError):
    """A file that could not be turned into a report or letter."""

    reason = "cannot be read"

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


class NotFound(CscError, LookupError):
    """Nothing stored under the id or name asked for: no such LA, report, page or PDF."""
