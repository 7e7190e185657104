"""Numbers and dates as context figures print them: counts in digits or words ("1,915",
"nine", "forty-three"), and the day or month a figure is "at".

Kept apart from `figures`, which knows the wording of the figures; this module knows only how
numbers and dates are written, so the table's patterns and the readers share one reading.
"""

from __future__ import annotations

import re
from datetime import date

from .text import MONTH_RE, make_date, month_number

# fmt: off
_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
# fmt: on
NUMBER_WORDS = {w: i for i, w in enumerate(_WORDS)} | {"no": 0, "none": 0}
NUMBER_WORDS |= {tens: 20 + 10 * i for i, tens in enumerate(_TENS)}
NUMBER_WORDS |= {  # "forty-three", printed with a hyphen, a space or a line break between
    f"{tens}-{unit}": 20 + 10 * i + u
    for i, tens in enumerate(_TENS)
    for u, unit in enumerate(_WORDS[1:10], start=1)
}
_UNITS, _SINGLE = "|".join(_WORDS[1:10]), sorted(NUMBER_WORDS.keys() - _TENS, key=len)
# A compound ("forty-three") is tried before its tens, so the whole number is read; a unit word
# straight after a hyphenated word ("forty-three") never starts a number of its own.
WORD = (
    rf"(?<![A-Za-z]-)(?:(?:{'|'.join(_TENS)})(?:[-\x20\n](?:{_UNITS})\b)?"
    rf"|{'|'.join(w for w in reversed(_SINGLE) if '-' not in w)})"
)
DAY = r"\d{1,2}(?:st|nd|rd|th)?"


def number(text: str) -> float | None:
    """A printed count or percentage ("1,915", "48.5", "nine") as a number."""
    word = text.strip().lower()
    if word[:1].isalpha():  # "forty three" as printed over a space or a line break
        word = re.sub(r"[-\s]+", "-", word)
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    try:
        return float(word.replace(",", "").replace(" ", ""))
    except ValueError:
        return None


_FULL = re.compile(rf"({DAY})\s+(?:of\s+)?({MONTH_RE})\.?,?\s+(\d{{4}}|\d{{2}})\b", re.I)
_US = re.compile(rf"({MONTH_RE})\s+({DAY}),?\s+(\d{{4}})", re.I)
_END = re.compile(rf"end\s+of\s+({MONTH_RE})\s+(\d{{4}})", re.I)


def _ymd(year: str, month: str, day: int) -> date | None:
    return make_date(int(year) + (2000 if len(year) == 2 else 0), month_number(month), day)


def as_at_date(text: str) -> date | None:
    """The day a figure is "at": "31st March 2014", "March 31 2017", "30 June 15", "the end of
    February 2014" (its last day); None for a month without a day ("at March 2013")."""
    if m := _END.search(text):
        first = _ymd(m.group(2), m.group(1), 1)
        return _month_end(first) if first else None
    if m := _FULL.search(text):
        return _ymd(m.group(3), m.group(2), int(re.sub(r"\D", "", m.group(1))))
    if m := _US.search(text):
        return _ymd(m.group(3), m.group(1), int(re.sub(r"\D", "", m.group(2))))
    return None


When = tuple[date | None, str]  # an as-at date and its precision ("day" or "month")
_MONTH_ONLY = re.compile(rf"\b({MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)


def as_at(text: str) -> When:
    """The as-at date printed, at its precision: a day ("31 March 2014"), else a month ("At
    December 2014" is December 2014, kept as its first day with precision "month": no day is
    invented, and the month is not lost)."""
    if day := as_at_date(text):
        return day, "day"
    if m := _MONTH_ONLY.search(text):
        return date(int(m.group(2)), month_number(m.group(1)), 1), "month"
    return None, "day"


def _month_end(first: date) -> date:
    nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


def since_value(text: str) -> str:
    """A start date at the precision printed: "2013-10-21", "2013-09" or "2011"."""
    full = _FULL.search(text)
    if full and len(full.group(3)) == 4:
        day = _ymd(full.group(3), full.group(2), int(re.sub(r"\D", "", full.group(1))))
        if day:
            return day.isoformat()
    m = re.search(rf"({MONTH_RE})\.?\s+(\d{{4}})", text, re.I)
    if m:
        return f"{m.group(2)}-{month_number(m.group(1)):02d}"
    return text.strip()[-4:]
