"""Pure text helpers every parser shares: clean-up, grades, dates, names.

Nothing here touches files; everything takes and returns strings, so the normalisers can be
property-tested and the parsers stay pure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from datetime import date

from ..vocabulary import current

BULLET = "•"

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)

# Glyphs that PDF fonts use for bullets: private-use symbols, squares, a stray C1 control.
_BULLET_CHARS = re.compile(r"[\ue000-\uf8ff\u25fc\u25aa\u25cf\u2022\u0083\u00b7]")
_SOFT_BREAK = re.compile(r"[\u00ad\ufffe]\s*\n\s*")


def clean_page(raw: str) -> str:
    """Normalise one page of PDFium text: line ends, hyphen artefacts, bullet glyphs, spaces."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _SOFT_BREAK.sub("", text)
    text = text.replace("\u00ad", "").replace("\ufffe", "-").replace("\x02", "-")
    text = _BULLET_CHARS.sub(BULLET, text)
    text = text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2011", "-")
    return "\n".join(line.rstrip() for line in text.split("\n"))


_PAGE_NUMBER = re.compile(r"^\s*\d+\s*|\s*\d+\s*$")  # at the start of a line or its end


def _header_key(line: str) -> str:
    """A running header with its page number removed, so the same header matches on every page."""
    return _PAGE_NUMBER.sub("", line).strip()


def strip_running_lines(pages: Sequence[str]) -> list[str]:
    """Drop page numbers and the running header/footer lines repeated on most pages.

    Page 1 keeps the lines at its head: its title is what a running header repeats, and parsers
    read it; a running footer at its foot goes, as on every other page.
    """
    edges = [_edge_lines(p) for p in pages]
    counts = Counter(k for lines in edges[1:] for k in {_header_key(x) for x in lines})
    threshold = max(3, (len(pages) - 1) // 2)
    running = {k for k, n in counts.items() if n >= threshold and len(k) > 3}
    out = [_without_foot(pages[0], running)] if pages else []
    for page, edge in zip(pages[1:], edges[1:], strict=True):
        lines = page.split("\n")
        drop = {
            i
            for i, line in enumerate(lines)
            if line in edge and _is_running(line, running) and not _footnote_number(lines, i)
        }
        out.append("\n".join(x for i, x in enumerate(lines) if i not in drop))
    return out


def _footnote_number(lines: Sequence[str], i: int) -> bool:
    """A number alone on its line after a blank line, with text under it: the number of the
    footnote that follows, printed on a line of its own, not the page's number."""
    return (
        lines[i].strip().isdigit()
        and 0 < i < len(lines) - 1
        and not lines[i - 1].strip()
        and bool(lines[i + 1].strip())
    )


def _without_foot(page: str, running: set[str], depth: int = 3) -> str:
    """Page 1 without the running lines among its last `depth` lines (a footer); its first
    `depth` lines, where the title stands, are never taken for a footer."""
    lines = page.split("\n")
    foot = [i for i, x in enumerate(lines) if x.strip()][depth:][-depth:]
    drop = {i for i in foot if _header_key(lines[i]) in running}
    return "\n".join(x for i, x in enumerate(lines) if i not in drop)


def _edge_lines(page: str, depth: int = 3) -> list[str]:
    lines = [x for x in page.split("\n") if x.strip()]
    return lines[:depth] + lines[-depth:]


def _is_running(line: str, running: set[str]) -> bool:
    key = _header_key(line)
    return not key or key in running


# --- grades ---------------------------------------------------------------------------------


def normalise_grade(text: str) -> str | None:
    """The grade a phrase names, on the scale of any framework (data/grades.csv: the wording
    "Requires improvement to be good" is "requires improvement"), or None if it names none."""
    return current().grade_words().find(text or "")


def grade_at_start(text: str) -> tuple[str, str] | None:
    """(verbatim, normalised) when `text` begins with a grade phrase; used for wrapped tables."""
    words = current().grade_words()
    m = words.regex.match(text.strip())
    return (m.group(0), words.key(m)) if m else None


# --- dates ----------------------------------------------------------------------------------

_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_DATE_RE = re.compile(rf"{_DAY}\s+(?:of\s+)?({MONTH_RE})\.?,?\s+(\d{{4}})", re.IGNORECASE)


def month_number(name: str) -> int:
    """1-12 for a month as `MONTH_RE` matches it ("September", "Sept", "sep.")."""
    return _MONTHS[name.lower().rstrip(".")]


def make_date(year: int, month: int, day: int) -> date | None:
    """The day, or None where the printed numbers name no day (a typo such as 31 June)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """The first full date ("8 October 2014") in `text`, or None."""
    m = _DATE_RE.search(text or "")
    return make_date(int(m.group(3)), month_number(m.group(2)), int(m.group(1))) if m else None


_RANGE_RE = re.compile(
    rf"{_DAY}(?:\s+({MONTH_RE}))?(?:\s+(\d{{4}}))?"
    rf"\s*(?:-|–|—|to|and|until)\s*"
    rf"{_DAY}\s+(?:of\s+)?({MONTH_RE})\.?,?\s+(\d{{4}})",
    re.IGNORECASE,
)


def parse_date_range(text: str) -> tuple[date, date] | None:
    """First and last day of a printed span ("16 September – 8 October 2014", "8 – 12 July 2013",
    "17 and 18 May 2023"), or a single date as both; None if nothing parses."""
    m = _RANGE_RE.search(text or "")
    if m:
        end = make_date(int(m.group(6)), month_number(m.group(5)), int(m.group(4)))
        if end is not None:
            month = month_number(m.group(2)) if m.group(2) else end.month
            year = int(m.group(3)) if m.group(3) else end.year
            if not m.group(3) and month > end.month:
                year -= 1
            start = make_date(year, month, int(m.group(1)))
            if start is not None and start <= end:
                return start, end
    single = parse_date(text)
    return (single, single) if single else None


_YEARLESS_RANGE_RE = re.compile(
    rf"{_DAY}(?:\s+({MONTH_RE}))?\s*(?:-|–|—|to|and|until)\s*{_DAY}\s+({MONTH_RE})\b"
    r"(?!\.?,?\s+\d{4})",
    re.IGNORECASE,
)


def parse_yearless_range(text: str, before: date) -> tuple[date, date] | None:
    """A span printed without a year ("Between 20 and 24 June, Ofsted ..."), placed in the latest
    year that ends it on or before `before` (the date of the letter that reports it)."""
    m = _YEARLESS_RANGE_RE.search(text or "")
    if not m:
        return None
    end_month, end_day = month_number(m.group(4)), int(m.group(3))
    year = before.year if (end_month, end_day) <= (before.month, before.day) else before.year - 1
    end = make_date(year, end_month, end_day)
    month = month_number(m.group(2)) if m.group(2) else end_month
    start = make_date(year - 1 if month > end_month else year, month, int(m.group(1)))
    return (start, end) if start and end and start <= end else None


_FILE_DATE_RE = re.compile(rf"-\s*{_DAY}\s+({MONTH_RE})\s+(\d{{4}})\s*(?:\.pdf)?$", re.IGNORECASE)


def file_name_date(name: str) -> date | None:
    """The publication date in a corpus file name ("... - 19 november 2014.pdf")."""
    m = _FILE_DATE_RE.search(name.strip())
    return make_date(int(m.group(3)), month_number(m.group(2)), int(m.group(1))) if m else None


# --- whitespace and lines --------------------------------------------------------------------


def squash(text: str) -> str:
    """Collapse runs of whitespace (line breaks included) to single spaces."""
    return " ".join(text.split())


PARAGRAPH_KEY = 30  # characters of a line that name it among a page's paragraph starts


def paragraph_key(line: str) -> str:
    """How a line that opens a paragraph is named on its page (`Page.paragraph_starts`): its
    first characters, whitespace squashed."""
    return " ".join(line.split())[:PARAGRAPH_KEY]


def lines(text: str) -> list[str]:
    """Non-empty stripped lines."""
    return [x.strip() for x in text.split("\n") if x.strip()]
