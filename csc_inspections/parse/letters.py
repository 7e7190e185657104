"""Letters between inspections: focused visits, JTAI letters, monitoring visits, JAR progress.

The kind comes from the letter's own wording (its title, else its opening sentence), never from
the file name, because a synced file's name is only the site's label. Every pattern below names
wording Ofsted prints in that kind of letter; the corpus holds focused visits (2018-2026), JTAI
letters (2016-2025) and one 2009 joint area review progress report, and monitoring visit letters
arrive through syncing and are recognised by their title and opening sentence alone.

No monitoring visit letter is in the corpus, so their reading follows the letter form Ofsted
publishes: the title "Monitoring visit to <LA> children's services", an opening sentence with the
visit's days and the inspectors, then headings (`monitoring` reads what stands under them); a
part of that form a letter does not print is reported as a `Problem`, never guessed.

Sentences are read from each page with its line breaks squashed, so a value that wraps over
lines still carries the page it was printed on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date

from ..errors import UnknownLayout
from ..model import Fact, Letter, Page, Problem
from . import monitoring
from .facts import fact, file_name_publication
from .sections import split_sections
from .text import (
    MONTH_RE,
    make_date,
    month_number,
    parse_date_range,
    parse_yearless_range,
    squash,
)

_Flat = Sequence[tuple[int, str]]  # (page number, squashed page text)
_Hit = tuple[int, re.Match[str]]

# Titles and opening sentences, per kind. Title patterns are case-sensitive: a title starts
# with a capital, while the body of another kind may mention e.g. "the monitoring visit to".
_TITLES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("monitoring_visit", re.compile(r"\bMonitoring visit (?:to|of)\b")),
    ("focused_visit", re.compile(r"\bFocused visit (?:to|of)\b")),
    ("jtai", re.compile(r"\bJoint targeted area inspection\b")),
    ("jar_progress", re.compile(r"\bInspection of progress made in the provision of safeguarding")),
)
_OPENINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("monitoring_visit", re.compile(r"findings of (?:the|a|an) (?:\w+ )?monitoring visit", re.I)),
    (
        "monitoring_visit",
        re.compile(r"monitoring visit since the local authority was judged", re.I),
    ),
    ("focused_visit", re.compile(r"findings of (?:the|a) focused visit", re.I)),
    ("jtai", re.compile(r"findings of the joint targeted area inspection", re.I)),
)

# Where each kind names its LA, best first. `la` is the name as printed.
_NEXT_BLOCK = r"(?=\.?\s+(?:This letter|Between|From|On|During|Care Quality Commission|Ofsted)\b)"
_LA_PLACE = r"(?P<la>(?:the )?[A-Z][^.]{1,70}?)"
# What follows the LA in a visit title: its children's services, or the trust that runs them.
_SERVICES = r"(?:[Cc]hildren[’']s (?:[Ss]ervices|[Tt]rust)|[Cc]hildren and [Ff]amilies [Tt]rust)"
_LA_RULES: dict[str, tuple[re.Pattern[str], ...]] = {
    "focused_visit": (
        re.compile(rf"Focused visit (?:to|of) (?P<la>.{{2,90}}?) {_SERVICES}"),
        re.compile(rf"focused visit (?:on [^.]{{5,40}} )?to (?P<la>[^.]{{2,90}}?) {_SERVICES}"),
    ),
    "monitoring_visit": (
        re.compile(rf"Monitoring visit (?:to|of) (?P<la>.{{2,90}}?) {_SERVICES}"),
        re.compile(rf"monitoring visit (?:on [^.]{{5,40}} )?to (?P<la>[^.]{{2,90}}?) {_SERVICES}"),
    ),
    "jtai": (
        re.compile(
            rf"Joint targeted area inspection of (?!the multi-agency){_LA_PLACE}{_NEXT_BLOCK}"
        ),
        re.compile(
            rf"Joint targeted area inspection of the multi-agency [^.]*? in {_LA_PLACE}"
            rf"{_NEXT_BLOCK}"
        ),
        re.compile(rf"work of individual agencies in {_LA_PLACE}\."),
    ),
    "jar_progress": (
        re.compile(rf"provision of safeguarding services in {_LA_PLACE}{_NEXT_BLOCK}"),
    ),
}
_LA_TRIM = re.compile(r"^the\s+|\s+local authority$|[’']s$|[.,\s\d]+$", re.I)

# The date at the head of a letter, alone on its line (a JAR report prints "Published: ...").
_LETTER_DATE = re.compile(
    rf"^\s*(?:Published:\s*)?(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_RE})\.?,?\s+(\d+)\s*$",
    re.I | re.M,
)

# Sentences that print the visit's days, tried in order; the first that parses wins.
_VISIT_SENTENCES: tuple[re.Pattern[str], ...] = (
    re.compile(r"summarises the findings of [^.]*?visit[^.]*"),
    re.compile(r"\b(?:took place|was carried out) (?:from|between|on) [^.]*"),
    re.compile(r"\bBetween \d[^.]*"),
)

# Visit days printed as a list that crosses a month ("29 and 30 September, and 1 October 2020",
# "30 September, 1 and 2 October 2020") or a year ("30 and 31 December 2019, and 2 January 2020"):
# a span reader would take the last day, or the last two, for the whole visit. A list ends with
# a full date.
_LISTED_DAY = rf"\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s+{MONTH_RE}(?:,?\s+\d{{4}})?)?"
_DAY_LIST = re.compile(
    rf"{_LISTED_DAY}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){_LISTED_DAY})+(?<=\d{{4}})\b", re.I
)
_LISTED_PART = re.compile(
    rf"(\d{{1,2}})(?:st|nd|rd|th)?(?:\s+({MONTH_RE})(?:,?\s+(\d{{4}}))?)?", re.I
)

# Who inspected: the sentence naming Her/His Majesty's Inspectors, in its printed variants.
_INSPECTOR_SENTENCES: tuple[re.Pattern[str], ...] = (
    re.compile(
        r"Majesty[’']s [Ii]nspectors?(?: \(HMI\))?(?: for (?:this|the) visit)? "
        r"(?:were|was) (?P<names>[^.]+)"
    ),
    re.compile(r"The inspectors(?: for (?:this|the) visit)? were (?P<names>[^.]+)"),
    re.compile(r"(?:carried out|conducted|undertaken) by (?!inspectors from)(?P<names>[^.]+)"),
)
_TITLE_WORDS = re.compile(
    r"\([^)]*\)|,? (?:all of whom are|two of|both)\b.*$|(?:Her|His) Majesty[’']s "
    r"Inspectors?|\b(?:Senior |S)?HMI\b(?: designate)?|\b(?:lead|team|Ofsted) inspectors?\b"
    r"|\b(?:Social Care|Schools)\b",
    re.I,
)
_NAME = re.compile(r"^[A-Z][\w’'-]+(?: (?:[A-Z][\w’'-]+|de|van|von|le|la|du)){1,3}$")

# What the visit looked at: the focused visit's "Inspectors looked at ..." sentence (skipping
# the methodology sentences that follow it), or the JTAI's theme.
_TOPIC_VERBS = r"(?:looked at|evaluated|considered|reviewed|focused on)"
_METHOD = monitoring.METHOD
_FOCUS_TOPIC = re.compile(
    rf"\b(?:(?:The )?[Ii]nspectors {_TOPIC_VERBS} {_METHOD}|The focus of (?:this|the) visit was "
    rf"(?:on )?)(?P<topic>[^.•]+)"
)
_INTRO_END = re.compile(
    r"\b(?:Headline findings|Overview|What needs to improve|Main findings|"
    r"Findings|Summary of findings|Areas covered by the visit)\b"
)
_JTAI_TOPIC: tuple[re.Pattern[str], ...] = (
    re.compile(rf"Joint targeted area inspection of (?P<topic>the multi-agency .+?){_NEXT_BLOCK}"),
    re.compile(r"(?:inspection \(JTAI\)|joint inspection) of (?P<topic>the multi-agency [^.]+)"),
)
# A topic that leads into a list ("... with a particular focus on: • The quality of support. •
# Staying close and in touch.") goes on in the bullets after it: each runs to the next bullet,
# the last to the end of its sentence.
_LISTED_TOPICS = re.compile(r"\s*:?\s*(?P<items>(?:•[^•]+?(?=\s*•))*•[^•.]+\.?)")
# A JTAI theme ends where its place begins ("... domestic abuse in Norfolk"); a 2018 focused
# visit's topic may end with the framework it was carried out under.
_PLACE_TAIL = re.compile(r"\s+in (?:the )?[A-Z].*$")
_FRAMEWORK_TAIL = re.compile(r",? in accordance with the inspections? of local authority.*$", re.I)

# Fields a kind of letter is expected to print; missing ones are reported as problems. JTAI
# letters name the inspectorates, not their inspectors.
_EXPECTED: dict[str, frozenset[str]] = {
    "focused_visit": frozenset({"visit", "inspectors", "topic"}),
    "monitoring_visit": frozenset({"visit", "inspectors", "topic"}),
    "jtai": frozenset({"visit", "topic"}),
    "jar_progress": frozenset(),
}
_LONGEST_VISIT_DAYS = 31  # visits last days, a JTAI a week: a longer printed span is a misprint
_PAGES_READ = 3  # titles, dates, inspectors and topics all stand in a letter's opening


def parse(pages: Sequence[Page], label: str) -> Letter:
    """A letter's kind, LA, dates, inspectors and topic, each with where it was read."""
    flat = [(p.number, squash(p.text)) for p in pages[:_PAGES_READ]]
    kind = _kind(flat)
    if kind is None:
        raise UnknownLayout(label, "no focused visit, monitoring visit, JTAI or JAR progress title")
    problems: list[Problem] = []
    letter_date = _letter_date(pages, label, problems)
    start, end = _visit(kind, flat, label, letter_date, problems)
    if letter_date and end and letter_date.value < end.value:
        printed = letter_date.source.text
        problems.append(Problem("letter_date", f"{printed!r} is before the visit ended", 1))
        letter_date = None
    # Only a monitoring visit's topic stands under a heading rather than in its opening.
    sections = split_sections(pages, "letter", label) if kind == "monitoring_visit" else ()
    inspectors = _inspectors(flat, label) if "inspectors" in _EXPECTED[kind] else None
    topic = monitoring.topic(sections, label) or _topic(kind, flat, label)
    for name, value in (("inspectors", inspectors), ("topic", topic)):
        if value is None and name in _EXPECTED[kind]:
            problems.append(Problem(name, f"no {name} found in the opening of the letter"))
    problems.extend(monitoring.findings_problems(sections))
    return Letter(
        file=label,
        kind=kind,
        la_name=_la_name(kind, flat, label, problems),
        letter_date=letter_date,
        visit_start=start,
        visit_end=end,
        publication_date=_publication(label, letter_date, problems),
        inspectors=inspectors,
        topic=topic,
        problems=tuple(problems),
    )


def _kind(flat: _Flat) -> str | None:
    """The kind whose title stands first on page 1, else the kind its opening sentence names."""
    if not flat:
        return None
    first = flat[0][1]
    titles = [(m.start(), kind) for kind, rule in _TITLES if (m := rule.search(first))]
    if titles:
        return min(titles)[1]
    text = " ".join(t for _, t in flat)
    return next((kind for kind, rule in _OPENINGS if rule.search(text)), None)


def _search(flat: _Flat, rule: re.Pattern[str]) -> _Hit | None:
    """The first match of `rule` on the pages, with its page number."""
    return next(((n, m) for n, text in flat if (m := rule.search(text))), None)


def _la_name(kind: str, flat: _Flat, label: str, problems: list[Problem]) -> Fact[str] | None:
    for rule in _LA_RULES[kind]:
        hit = _search(flat, rule)
        if hit:
            name = _LA_TRIM.sub("", _LA_TRIM.sub("", hit[1].group("la").strip()))
            if 2 <= len(name) <= 70:
                return fact(label, hit[0], hit[1].group(0), name)
    problems.append(Problem("la_name", f"no {kind} title or sentence naming the local authority"))
    return None


def _letter_date(pages: Sequence[Page], label: str, problems: list[Problem]) -> Fact[date] | None:
    """The date line at the head of page 1; a misprinted one ("20205") is reported, not fixed."""
    m = _LETTER_DATE.search(pages[0].text) if pages else None
    if m is None:
        problems.append(Problem("letter_date", "no date line on page 1", 1))
        return None
    value = parse_date_range(m.group(0)) if len(m.group(3)) == 4 else None
    if value is None:
        problems.append(Problem("letter_date", f"misprinted date {squash(m.group(0))!r}", 1))
        return None
    return fact(label, 1, m.group(0), value[0])


def _visit(
    kind: str, flat: _Flat, label: str, letter_date: Fact[date] | None, problems: list[Problem]
) -> tuple[Fact[date] | None, Fact[date] | None]:
    """The visit's first and last day, each None (with a problem) where it cannot be trusted."""
    span = _visit_dates(flat, label, letter_date)
    if span is None:
        expected = "visit" in _EXPECTED[kind]
        detail = "no sentence with the visit's dates" if expected else f"a {kind} prints none"
        problems.append(Problem("visit_start", detail))
        return None, None
    start, end = span
    if (end.value - start.value).days > _LONGEST_VISIT_DAYS:
        problems.append(Problem("visit_start", f"misprinted span in {start.source.text!r}"))
        return None, end
    return start, end


def _visit_dates(
    flat: _Flat, label: str, letter_date: Fact[date] | None
) -> tuple[Fact[date], Fact[date]] | None:
    """First and last day of the visit, from the first sentence that prints them.

    Some 2016 JTAI letters print no year ("Between 20 and 24 June"); the letter's own date then
    places the span, since a letter reports a visit that has already happened.
    """
    readers: list[Callable[[str], tuple[date, date] | None]] = [_listed_days]
    if letter_date is not None:
        before = letter_date.value
        readers.append(lambda text: parse_yearless_range(text, before))
    for read in readers:
        for rule in _VISIT_SENTENCES:
            for number, text in flat:
                for m in rule.finditer(text):
                    span = read(m.group(0))
                    if span:
                        return (
                            fact(label, number, m.group(0), span[0]),
                            fact(label, number, m.group(0), span[1]),
                        )
    return None


def _listed_days(text: str) -> tuple[date, date] | None:
    """First and last day of a list of days, else of a printed span (`parse_date_range`). The
    first day takes the first month printed after it, and the year of the first full date
    (the year before, where its month comes later in the year than that date's)."""
    m = _DAY_LIST.search(text)
    if m is None:
        return parse_date_range(text)
    parts = _LISTED_PART.findall(m.group(0))
    first_month = next(month for _, month, _ in parts if month)
    _, month, year = next(p for p in parts if p[2])
    start_month, year_month = month_number(first_month), month_number(month)
    start_year = int(year) - 1 if start_month > year_month else int(year)
    start = make_date(start_year, start_month, int(parts[0][0]))
    end = make_date(int(parts[-1][2]), month_number(parts[-1][1]), int(parts[-1][0]))
    if start is None or end is None or start > end:
        return parse_date_range(text)
    return start, end


def _inspectors(flat: _Flat, label: str) -> Fact[tuple[str, ...]] | None:
    """The HMIs the letter names for the visit, without titles, in printed order."""
    for rule in _INSPECTOR_SENTENCES:
        hit = _search(flat, rule)
        if hit:
            names = _names(hit[1].group("names"))
            if names:
                return fact(label, hit[0], hit[1].group(0), names)
    return None


def _names(text: str) -> tuple[str, ...]:
    """Names from "A B, C D and E F, Her Majesty's Inspectors", dropping titles and observers.
    A double-barrelled name broken over two lines at its hyphen ("Green- Jones") is joined."""
    text = re.sub(r"\s+[Ii]nspectors\b.*$", "", _TITLE_WORDS.sub("", text))
    text = re.sub(r"(?<=[a-z])- (?=[A-Z])", "-", text)
    names: list[str] = []
    for piece in re.split(r",|\band\b", text):
        name = re.sub(r"^with ", "", squash(piece))
        if re.match(r"who (?:observed|shadowed)\b", name):
            names = names[:-1]  # "X, who observed the visit" names an observer
        elif _NAME.match(name):
            names.append(name)
    return tuple(names)


def _topic(kind: str, flat: _Flat, label: str) -> Fact[str] | None:
    if kind == "jtai":
        hits = (_search(flat, rule) for rule in _JTAI_TOPIC)
        hit = next((h for h in hits if h), None)
        tail = _PLACE_TAIL
    elif kind in ("focused_visit", "monitoring_visit"):
        hit = _intro_search(flat, _FOCUS_TOPIC)
        tail = _FRAMEWORK_TAIL
    else:
        return None
    if hit is None:
        return None
    topic = tail.sub("", squash(hit[1].group("topic"))).strip(" ,:")
    listed = _LISTED_TOPICS.match(dict(flat)[hit[0]], hit[1].end())
    if topic and listed:  # "..., with a particular focus on: • A. • B." keeps its list
        bullets = listed.group("items").split("•")
        items = [re.sub(r"[\s.;,]+(?:and|or)?[\s.;,]*$", "", squash(i)) for i in bullets]
        topic = f"{topic}: {'; '.join(i for i in items if i)}"
        return fact(label, hit[0], hit[1].group(0) + listed.group(0), topic)
    return fact(label, hit[0], hit[1].group(0), topic) if topic else None


def _intro_search(flat: _Flat, rule: re.Pattern[str]) -> _Hit | None:
    """A match between the letter's opening sentence and its first heading."""
    for number, text in flat:
        start = text.find("This letter summarises")
        if start < 0:
            continue
        end = _INTRO_END.search(text, start)
        m = rule.search(text, start, end.start() if end else len(text))
        if m:
            return number, m
    return None


def _publication(
    label: str, letter_date: Fact[date] | None, problems: list[Problem]
) -> Fact[date] | None:
    """The site's label date from the file name; else the letter's date, with its page."""
    published = file_name_publication(label)
    if published is None and letter_date is not None:
        problems.append(Problem("publication_date", "no date in the file name: letter date used"))
        return letter_date
    if published is None:
        problems.append(Problem("publication_date", "no date in the file name or on page 1"))
    return published
