"""Local authorities: DfE/ONS reference data, and resolving the many ways reports name an LA.

Reports say "Metropolitan Borough of Rotherham", "Rotherham Metropolitan Borough Council" or
"Rotherham"; the lookup says "Rotherham". Both sides are reduced to a key (lower case, no
council/borough/city words, '&' as 'and') and matched exactly, then by a unique word prefix
("Newcastle" -> "Newcastle upon Tyne").
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


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


def name_key(name: str) -> str:
    """A name reduced to what distinguishes one LA from another."""
    key = name.lower().replace("&", " and ").replace("’", "'")
    key = re.sub(r"[^a-z0-9']+", " ", key)
    key = " ".join(key.replace("'", "").split())
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


@cache
def _lookup_rows() -> tuple[dict[str, str], ...]:
    text = resources.files("csc_inspections").joinpath("data", "la_lookup.csv")
    return tuple(csv.DictReader(text.read_text(encoding="utf-8-sig").splitlines()))


@cache
def local_authorities() -> dict[int, LocalAuthority]:
    """Every LA of the lookup, by Ofsted URN."""
    return {int(r["urn"]): _authority(r) for r in _lookup_rows()}


def _authority(r: dict[str, str]) -> LocalAuthority:
    population = r.get("ons_population_0-25", "").strip()
    return LocalAuthority(
        urn=int(r["urn"]),
        name=r["local_authority_ons_name"].removesuffix(", City of"),
        la_code=r["la_code"],
        ons_code=r["la_code_new"],
        region=r["region_name"],
        la_type=r["ons_la_type"],
        child_population=int(population) if population.isdigit() else None,
        stat_neighbours=tuple(x.strip() for x in r["stat_neighbours"].split(",") if x.strip()),
    )


@cache
def _index() -> dict[str, int]:
    index: dict[str, int] = {}
    for r in _lookup_rows():
        aliases = [r["local_authority_ons_name"], r["ltla23nm"], r["utla23nm"]]
        aliases += r["also_known_as"].strip("[]").split(",")
        for alias in aliases:
            if alias.strip():
                index.setdefault(name_key(alias), int(r["urn"]))
    return index


def resolve(name: str) -> LocalAuthority | None:
    """The LA a printed name refers to, or None when no LA or more than one fits."""
    key = name_key(name)
    if not key:
        return None
    index = _index()
    if key in index:
        return local_authorities()[index[key]]
    hits = {urn for k, urn in index.items() if k.startswith(key + " ")}
    return local_authorities()[hits.pop()] if len(hits) == 1 else None


def by_urn(urn: int) -> LocalAuthority | None:
    return local_authorities().get(urn)


def find(text: str) -> LocalAuthority | None:
    """An LA from what a user types: a URN, an LA code, an ONS code or a name."""
    text = text.strip()
    las = local_authorities()
    if text.isdigit() and int(text) in las:
        return las[int(text)]
    return next((la for la in las.values() if text in (la.la_code, la.ons_code)), None) or resolve(
        text
    )
