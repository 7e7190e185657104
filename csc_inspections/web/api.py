"""The JSON API under /api/: the same rows and answers as the pages and the command line.

Each route declares its answer's model (`api_models`), which /api/openapi.json publishes field
by field and FastAPI checks every answer against before writing it: dates are ISO 8601,
grades the normalised words, a value not read is null. Every report row carries its
`inspection_id`, and `/api/inspections/{id}` gives its judgements with the page and words each
was read from. Errors are `{"error": message, "status": code}` (see `app`).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request

from ..analysis import grades, latest
from ..analysis.compare_render import to_dict
from ..analysis.themes import GROUPINGS
from ..answers import histories, local_authority, national
from ..answers import search as searching
from ..answers import themes as theme_answers
from ..answers.as_json import (
    behind_json,
    detail_json,
    la_themes_json,
    recovered_json,
    report_json,
    theme_table_json,
)
from ..answers.comparisons import comparison
from ..answers.neighbours import neighbours
from ..reference import local_authorities
from ..store import files, read
from . import api_models as m
from . import api_theme_models as tm
from . import data
from .data import Site
from .deps import site

Responses = dict[int | str, dict[str, Any]]
Order = Literal["relevance", "date"]
BAD_VALUE: Responses = {
    400: {"model": m.Error, "description": "A bad value in the path or the query"}
}
NOT_FOUND: Responses = {404: {"model": m.Error, "description": "No LA or inspection has that id"}}
# Every route can answer these: any other client error (405 to a POST, 404 to a wrong path)
# and a crash, in the one error shape. Declaring "4XX" also keeps FastAPI from listing a 422
# that the error edge never sends (it answers 400).
ERRORS: Responses = {
    "4XX": {"model": m.Error, "description": "Any other error of the request"},
    500: {"model": m.Error, "description": "Something went wrong on our side"},
}
BY_ID = BAD_VALUE | NOT_FOUND
router = APIRouter(prefix="/api", responses=ERRORS)
SiteDep = Annotated[Site, Depends(site)]
Day = Annotated[date | None, Query(description="ISO date, YYYY-MM-DD")]
From = Annotated[date | None, Query(alias="from", description="First day counted, YYYY-MM-DD")]
To = Annotated[date | None, Query(alias="to", description="Last day counted, YYYY-MM-DD")]
GROUPED = "Group inspections by year, era, grade (overall) or region"
By = Annotated[
    str, Query(max_length=20, description=GROUPED, json_schema_extra={"enum": [*GROUPINGS]})
]
Json = dict[str, Any]


@router.get(
    "/las",
    response_model=list[m.LaListed],
    summary="Every local authority, with its latest graded report",
)
def las(s: SiteDep) -> list[Json]:
    current = latest(s.history())
    out = []
    for la in sorted(local_authorities().values(), key=lambda la: la.name):
        report = current.get(la.urn)
        summary = None
        if report:
            keep = ("inspection_id", "publication_date", "framework", "file")
            summary = {**{k: getattr(report, k) for k in keep}, "grades": grades(report)}
        out.append({**asdict(la), "latest": summary, "url": f"/la/{la.urn}"})
    return out


@router.get(
    "/las/{urn}",
    response_model=m.LaDetail,
    responses=BY_ID,
    summary="An LA: its reports, letters and earlier inspections cited",
)
def la(s: SiteDep, urn: int) -> Json:
    found = local_authority(urn)
    return {
        "la": asdict(found),
        "reports": [report_json(r) for r in read.history(s.engine, urn)],
        "letters": [asdict(r) for r in read.letters(s.engine, urn)],
        "cited": [asdict(c) for c in read.cited(s.engine, urn)],
    }


@router.get(
    "/las/{urn}/timeline",
    response_model=list[m.Event],
    responses=BY_ID,
    summary="An LA's history as dated events",
)
def la_timeline(s: SiteDep, urn: int) -> list[Json]:
    return [asdict(e) for e in histories.events(s, local_authority(urn))]


@router.get(
    "/las/{urn}/neighbours",
    response_model=m.Neighbours,
    responses=BY_ID,
    summary="Latest grades of an LA and its neighbours",
)
def la_neighbours(s: SiteDep, urn: int, as_at: Day = None) -> Json:
    return asdict(neighbours(s, urn, as_at))


@router.get(
    "/las/{urn}/compare",
    response_model=m.Comparison,
    responses=BY_ID,
    summary="Two inspections of an LA side by side",
)
def la_compare(
    s: SiteDep,
    urn: int,
    a: Annotated[str, Query(max_length=200, description="id, year, date or part of a file")],
    b: Annotated[str, Query(max_length=200, description="id, year, date or part of a file")],
) -> Json:
    return to_dict(comparison(s, urn, a, b))


@router.get(
    "/las/{urn}/themes",
    response_model=tm.LaThemes,
    responses=BY_ID,
    summary="The practice themes an LA was asked to improve, beside its neighbours and region",
)
def la_themes(s: SiteDep, urn: int, since: From = None, until: To = None) -> Json:
    found = la_themes_json(
        local_authority(urn), theme_answers.for_la(s, urn, since, until), since, until
    )
    for row in found["themes"]:
        row["documents"] = [_linked(d) for d in row["documents"]]
    return found


@router.get(
    "/inspections",
    response_model=m.Inspections,
    responses=BAD_VALUE,
    summary="Stored reports, a column per judgement area",
)
def inspections(
    s: SiteDep,
    urn: int | None = None,
    since: Day = None,
    until: Day = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> Json:
    rows = s.history() if urn is None else read.history(s.engine, urn)
    first, last = since or date.min, until or date.max
    kept = [r for r in rows if first <= (r.publication_date or first) <= last]
    return {
        "total": len(kept),
        "inspections": [report_json(r) for r in kept[offset : offset + limit]],
    }


@router.get(
    "/inspections/{inspection_id}",
    response_model=m.InspectionDetail,
    responses=BY_ID,
    summary="One report or letter, with provenance",
)
def inspection(s: SiteDep, inspection_id: int) -> Json:
    view = data.report_view(s, inspection_id)
    stored = view["document"]
    return {
        **detail_json(view["d"]),
        "provenance": view["provenance"],
        "document": {
            "id": stored.document_id,
            "file": stored.label,
            "pages": stored.pages,
            "pdf_url": f"/pdf/{stored.document_id}",
        },
    }


@router.get(
    "/search",
    response_model=m.SearchResults,
    responses=BAD_VALUE,
    summary="Full-text search of what inspectors wrote",
)
def search(
    s: SiteDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description='words, "a phrase"')],
    la: Annotated[str | None, Query(max_length=100, description="LA name or code")] = None,
    kind: Annotated[list[str] | None, Query(description="report or letter kinds")] = None,
    section: Annotated[str | None, Query(max_length=40)] = None,
    since: Day = None,
    until: Day = None,
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
    order: Annotated[Order, Query(description="relevance (best first) or date (newest)")] = (
        "relevance"
    ),
) -> Json:
    where = searching.filters(la, tuple(kind or ()), section, since, until)
    found = searching.results(s, q, where, page, order=order)
    hits = [data.hit_json(h, doc) for h, doc in data.with_documents(s, found)]
    return {
        "page": page,
        "more": found.more,
        "total": found.total,
        "plain": found.plain,
        "hits": hits,
    }


@router.get(
    "/stats",
    response_model=m.Stats,
    responses=BAD_VALUE,
    summary="Grade counts per area and region, as at a date",
)
def stats(s: SiteDep, as_at: Day = None) -> Json:
    found = national.picture(s, as_at)
    return {**found, "shares": national.shares(found)}


@router.get(
    "/changes",
    response_model=m.Changes,
    responses=BAD_VALUE,
    summary="Grade changes published in a period, and transitions",
)
def changes(
    s: SiteDep,
    since: Annotated[date | None, Query(alias="from")] = None,
    until: Annotated[date | None, Query(alias="to")] = None,
    area: Annotated[str, Query(max_length=40)] = "overall",
) -> Json:
    return asdict(national.movement(s, since, until, area))


@router.get(
    "/improvement-times",
    response_model=m.TimeToImprove,
    responses=BAD_VALUE,
    summary="Time from inadequate to a better grade",
)
def improvement_times(s: SiteDep, as_at: Day = None) -> Json:
    return asdict(national.improvement(s, as_at))


@router.get(
    "/improvement-times/themes",
    response_model=tm.RecoveredThemes,
    summary="What the councils that came out of inadequate were no longer asked, by theme",
)
def recovered_themes(s: SiteDep) -> Json:
    return recovered_json(theme_answers.recovered(s))


@router.get(
    "/themes",
    response_model=tm.ThemeTable,
    responses=BAD_VALUE,
    summary="The share of inspections asked to improve each practice theme, by group",
)
def themes(s: SiteDep, by: By = "year", since: From = None, until: To = None) -> Json:
    found = theme_table_json(theme_answers.table(s, by, since, until), since, until)
    for row in found["themes"]:
        row["total"]["points"] = _points_url(row["theme"], None, None, since, until)
        for cell in row["cells"]:
            cell["points"] = _points_url(row["theme"], by, cell["group"], since, until)
    return found


@router.get(
    "/themes/{theme}",
    response_model=tm.ThemeInspections,
    responses=BAD_VALUE | {404: {"model": m.Error, "description": "No theme has that id"}},
    summary="The inspections behind one number of /api/themes, with their points",
)
def theme_inspections(
    s: SiteDep,
    theme: str,
    by: Annotated[str | None, Query(max_length=20, description=GROUPED)] = None,
    group: Annotated[
        str | None, Query(max_length=100, description="A group of `by`, e.g. 2015 or London")
    ] = None,
    since: From = None,
    until: To = None,
) -> Json:
    named = theme_answers.theme(theme)
    number = theme_answers.behind_number(s, named.key, by, group, since, until)
    found = behind_json(named, number.asks, number.cell, by, group, since, until)
    found["inspections"] = [_linked(d) for d in found["inspections"]]
    return found


def _points_url(
    theme: str, by: str | None, group: str | None, since: date | None, until: date | None
) -> str:
    """The inspections behind a number of /api/themes."""
    asked = {"by": by, "group": group, "from": since, "to": until}
    query = urlencode({k: str(v) for k, v in asked.items() if v is not None})
    return f"/api/themes/{quote(theme)}" + (f"?{query}" if query else "")


def _linked(document: Json) -> Json:
    """A report or letter of the themes' answers with its page, and each point's, on the site."""
    page = f"/report/{document['inspection_id']}"
    return {
        **document,
        "report_url": page,
        "points": [
            {**p, "page_url": f"{page}/page/{p['page']}" if p["page"] else None}
            for p in document["points"]
        ],
    }


@router.get(
    "/health",
    response_model=m.Health,
    summary="The site is up: what it holds, and whether it is building pages",
)
def health(request: Request, s: SiteDep) -> Json:
    """For a monitor or a load balancer: never cached, answered from memory and one count."""
    return {
        "status": "ok",
        "documents": files.document_count(s.engine),
        "pages_kept": len(request.app.state.responses),
        "warming": request.app.state.warming,
    }
