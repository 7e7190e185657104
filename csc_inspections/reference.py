"""Local authorities: DfE/ONS reference data, the councils that were reorganised, and resolving
the many ways reports name an LA.

Reports say "Metropolitan Borough of Rotherham", "Rotherham Metropolitan Borough Council" or
"Rotherham"; the lookup says "Rotherham". Both sides are reduced to a key (lower case, no
council/borough/city words, '&' as 'and') and matched exactly, then by a unique word prefix
("Newcastle" -> "Newcastle upon Tyne").

Councils that were reorganised (data/lineage.csv) can share a key: the old Dorset County
Council and today's Dorset both reduce to "dorset". Such a tie is settled, in order, by the
council that existed on the date the text is from (when the caller knows it), by the council
whose own name or alias is exactly the text ("Dorset County Council", "Dorset"), and by the
council that exists today; if more than one still fits, the name is not guessed.

Every council of the lookup is a `Council`, with its Ofsted URN when the lookup holds one;
only councils with a URN are `LocalAuthority`s, because reports, pages and the database are
keyed by URN. A council without a URN (the lookup lacks Bournemouth's and the old Dorset
County Council's) still counts in the number of councils that existed on a date, still
appears in its successors' lineage, and still stops its name from being read as another
council's; filling its `urn` cell in la_lookup.csv makes it a `LocalAuthority` with no other
change.
"""

from __future__ import annotations

import csv
import difflib
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources

from .errors import UnknownLocalAuthority


@dataclass(frozen=True)
class Link:
    """Another council in a reorganisation: which one, on which day, and what passed."""

    name: str
    la_code: str
    urn: int | None  # None: the lookup holds no Ofsted URN for that council yet
    on: date  # the day children's services passed from the predecessor to the successor
    area: str  # what of the predecessor's area passed, as lineage.csv words it
    history: bool  # the successor's history shows the predecessor's inspections


def _exists(start: date | None, end: date | None, day: date) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


@dataclass(frozen=True)
class LocalAuthority:
    urn: int
    name: str
    la_code: str
    ons_code: str
    region: str
    la_type: str
    child_population: int | None
    stat_neighbours: tuple[str, ...]  # old three-digit LA codes, DfE's order
    start: date | None = None  # created by a reorganisation that day (None: before 2013)
    end: date | None = None  # abolished: the first day its successors held its duties
    predecessors: tuple[Link, ...] = ()
    successors: tuple[Link, ...] = ()

    def exists_on(self, day: date) -> bool:
        """True when the council held children's services duties on that day."""
        return _exists(self.start, self.end, day)


@dataclass(frozen=True)
class Council:
    """Any council of the lookup, with or without an Ofsted URN (see the module docstring)."""

    la_code: str
    name: str
    urn: int | None
    ons_code: str
    region: str
    start: date | None
    end: date | None

    def exists_on(self, day: date) -> bool:
        return _exists(self.start, self.end, day)


_PREFIXES = (
    "the ",
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city and county of ",
    "city of ",
    "council of the ",
    "county of ",
)
_SUFFIXES = (
    " safeguarding children board",
    " safeguarding children partnership",
    " children and families trust",
    " childrens services",
    " childrens trust",
    " children first",
    " local authority",
    " metropolitan borough council",
    " mbc",
    " metropolitan district council",
    " district metropolitan council",
    " metropolitan borough",
    " metropolitan council",
    " borough council",
    " city council",
    " county council",
    " council",
    " borough",
    " city of",
    " city",
)


def _plain(name: str) -> str:
    """Lower case, '&' as 'and', punctuation as spaces: the whole name, nothing dropped."""
    key = name.lower().replace("&", " and ").replace("’", "'")
    key = re.sub(r"[^a-z0-9']+", " ", key)
    return " ".join(key.replace("'", "").split())


def name_key(name: str) -> str:
    """A name reduced to what distinguishes one LA from another."""
    key = _plain(name)
    changed = True
    while changed:
        changed = False
        for p in _PREFIXES:
            if key.startswith(p) and len(key) > len(p):
                key, changed = key[len(p) :], True
        for s in _SUFFIXES:
            if key.endswith(s) and len(key) > len(s):
                key, changed = key[: -len(s)], True
    return key.removeprefix("county ").strip()


def _data_rows(name: str) -> tuple[dict[str, str], ...]:
    text = resources.files("csc_inspections").joinpath("data", name)
    return tuple(csv.DictReader(text.read_text(encoding="utf-8-sig").splitlines()))


@cache
def _lookup_rows() -> tuple[dict[str, str], ...]:
    return _data_rows("la_lookup.csv")


@dataclass(frozen=True)
class _Transfer:
    on: date
    predecessor: str  # LA codes
    successor: str
    area: str
    history: bool


@cache
def _transfers() -> tuple[_Transfer, ...]:
    return tuple(
        _Transfer(
            on=date.fromisoformat(r["date"]),
            predecessor=r["predecessor_la_code"].strip(),
            successor=r["successor_la_code"].strip(),
            area=r["area"].strip(),
            history=r["history"].strip() == "yes",
        )
        for r in _data_rows("lineage.csv")
    )


def _urn(r: dict[str, str]) -> int | None:
    return int(r["urn"]) if r["urn"].strip() else None


def _name(r: dict[str, str]) -> str:
    return r["local_authority_ons_name"].removesuffix(", City of")


def _dates(la_code: str) -> tuple[date | None, date | None]:
    """When the council came into being and when it was abolished, from lineage.csv."""
    starts = [t.on for t in _transfers() if t.successor == la_code]
    ends = [t.on for t in _transfers() if t.predecessor == la_code]
    return min(starts, default=None), min(ends, default=None)


@cache
def councils() -> dict[str, Council]:
    """Every council of the lookup, by LA code, whether or not its Ofsted URN is known."""
    out = {}
    for r in _lookup_rows():
        start, end = _dates(r["la_code"])
        out[r["la_code"]] = Council(
            r["la_code"], _name(r), _urn(r), r["la_code_new"], r["region_name"], start, end
        )
    return out


def councils_on(day: date) -> list[Council]:
    """The councils that held children's services duties on that day (the national count's
    denominator: 152 in 2017-19, 151 from April 2019, 152 from April 2021, 153 from April
    2023), in name order."""
    return sorted((c for c in councils().values() if c.exists_on(day)), key=lambda c: c.name)


def _link(la_code: str, t: _Transfer) -> Link:
    other = councils()[la_code]
    return Link(other.name, la_code, other.urn, t.on, t.area, t.history)


@cache
def local_authorities() -> dict[int, LocalAuthority]:
    """Every LA of the lookup that has an Ofsted URN, by URN."""
    return {urn: _authority(r, urn) for r in _lookup_rows() if (urn := _urn(r)) is not None}


def _authority(r: dict[str, str], urn: int) -> LocalAuthority:
    population = r.get("ons_population_0-25", "").strip()
    code = r["la_code"]
    start, end = _dates(code)
    return LocalAuthority(
        urn=urn,
        name=_name(r),
        la_code=code,
        ons_code=r["la_code_new"],
        region=r["region_name"],
        la_type=r["ons_la_type"],
        child_population=int(population) if population.isdigit() else None,
        stat_neighbours=tuple(x.strip() for x in r["stat_neighbours"].split(",") if x.strip()),
        start=start,
        end=end,
        predecessors=tuple(_link(t.predecessor, t) for t in _transfers() if t.successor == code),
        successors=tuple(_link(t.successor, t) for t in _transfers() if t.predecessor == code),
    )


def history_predecessors(la: LocalAuthority) -> dict[int, str]:
    """URN -> name of every council whose inspections belong in this LA's history: its
    predecessors marked `history` in lineage.csv, and theirs in turn. A predecessor without a
    URN has no stored reports to show and is left out."""
    out: dict[int, str] = {}
    todo = list(la.predecessors)
    while todo:
        link = todo.pop(0)
        if link.history and link.urn is not None and link.urn not in out:
            out[link.urn] = link.name
            todo.extend(local_authorities()[link.urn].predecessors)
    return out


def _aliases(r: dict[str, str]) -> list[str]:
    aliases = [r["local_authority_ons_name"], r["ltla23nm"], r["utla23nm"]]
    aliases += r["also_known_as"].strip("[]").split(",")
    return [a.strip() for a in aliases if a.strip()]


@cache
def _index() -> dict[str, tuple[str, ...]]:
    """Name key -> the LA codes of every council with a name or alias of that key."""
    index: dict[str, list[str]] = defaultdict(list)
    for r in _lookup_rows():
        for alias in _aliases(r):
            if r["la_code"] not in index[name_key(alias)]:
                index[name_key(alias)].append(r["la_code"])
    return {key: tuple(codes) for key, codes in index.items()}


@cache
def _exact_names() -> dict[str, frozenset[str]]:
    """LA code -> its name and aliases written out in full (see `_plain`)."""
    return {r["la_code"]: frozenset(_plain(a) for a in _aliases(r)) for r in _lookup_rows()}


def _pick(codes: tuple[str, ...], name: str, on: date | None) -> Council | None:
    """One council among those sharing a key; the order of the tie-breaks is explained in the
    module docstring."""
    found = [councils()[code] for code in codes]
    if len(found) > 1 and on is not None:
        found = [c for c in found if c.exists_on(on)] or found
    if len(found) > 1:
        found = [c for c in found if _plain(name) in _exact_names()[c.la_code]] or found
    if len(found) > 1:
        found = [c for c in found if c.end is None] or found
    return found[0] if len(found) == 1 else None


def resolve_council(name: str, on: date | None = None) -> Council | None:
    """The council a printed name refers to (on the date the text is from, when known), or
    None when no council or more than one fits."""
    key = name_key(name)
    if not key:
        return None
    index = _index()
    if key in index:
        return _pick(index[key], name, on)
    hits = {code for k, codes in index.items() if k.startswith(key + " ") for code in codes}
    return councils()[hits.pop()] if len(hits) == 1 else None


def resolve(name: str, on: date | None = None) -> LocalAuthority | None:
    """The LA a printed name refers to, or None when no LA or more than one fits, or when the
    council it names has no Ofsted URN in the lookup (its reports cannot be stored under
    another council's URN). `on`: the date of the text, which settles names that two
    councils have borne (a 2016 report's "Dorset" is the old county)."""
    council = resolve_council(name, on)
    return by_urn(council.urn) if council is not None and council.urn is not None else None


def by_urn(urn: int) -> LocalAuthority | None:
    return local_authorities().get(urn)


def find_council(text: str) -> Council | None:
    """A council from what a user types: a URN, an LA code, an ONS code or a name."""
    text = text.strip()
    for council in councils().values():
        urn = "" if council.urn is None else str(council.urn)
        if text and text in (urn, council.la_code, council.ons_code):
            return council
    return resolve_council(text)


def find(text: str) -> LocalAuthority | None:
    """An LA from what a user types: a URN, an LA code, an ONS code or a name.

    A council whose Ofsted URN the lookup lacks has no page of its own; typing its name
    ("Bournemouth", "Dorset County Council") finds the one successor that shows its history,
    whose page names it as a predecessor.
    """
    council = find_council(text)
    if council is None:
        return None
    if council.urn is not None:
        return by_urn(council.urn)
    heirs = {t.successor for t in _transfers() if t.predecessor == council.la_code and t.history}
    urns = [councils()[code].urn for code in heirs]
    return by_urn(urns[0]) if len(urns) == 1 and urns[0] is not None else None


@cache
def _names_by_key() -> dict[str, str]:
    """The key of every name and alias of an LA with a URN -> that LA's name."""
    out: dict[str, str] = {}
    for r in _lookup_rows():
        if _urn(r) is not None:
            for alias in _aliases(r):
                out.setdefault(name_key(alias), _name(r))
    return out


def suggest(text: str, limit: int = 3) -> tuple[str, ...]:
    """The names of the LAs closest to what a user typed, best first, for "did you mean".

    Names with a word starting with the text come first ("kingston" -> both Kingstons,
    "hull" -> Kingston upon Hull), then near spellings (difflib: "Rotheram" -> Rotherham);
    names and aliases are compared as `name_key` reduces them. Pure: the web finder asks it too.
    """
    key = name_key(text)
    if len(key) < 2:
        return ()
    names = _names_by_key()
    starting = {k for k in names if any(w.startswith(key) for w in k.split())}
    close = set(difflib.get_close_matches(key, names, n=limit, cutoff=0.75))

    def rank(k: str) -> tuple[bool, float, str]:
        return (k not in starting, -difflib.SequenceMatcher(None, key, k).ratio(), k)

    found: list[str] = []
    for k in sorted(starting | close, key=rank):
        if names[k] not in found:
            found.append(names[k])
    return tuple(found[:limit])


def lookup(text: str) -> LocalAuthority:
    """`find`, or UnknownLocalAuthority naming the closest LAs."""
    la = find(text)
    if la is None:
        raise UnknownLocalAuthority(text, suggest(text))
    return la
