"""The HTML pages: each route reads its query, calls `data` or `overview`, renders a template.

Form values arrive as text (an empty date box sends ''), so dates and LAs typed into forms are
read here with messages that name the field; wrong types in the path are the edge's 400.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, PlainTextResponse, RedirectResponse, Response

from ..analysis.compare_render import to_markdown
from ..answers import local_authority, national
from ..answers import search as searching
from ..answers.comparisons import choices, comparison
from ..answers.la import la_view
from ..answers.outlook import outlook
from ..errors import NotFound, UnknownLocalAuthority, UsageError
from ..reference import by_urn, local_authorities
from . import data, overview, themes
from .charts import timeline_chart
from .data import Site
from .deps import render, site
from .text import KIND_LABELS, SECTION_LABELS, area_label

router = APIRouter(include_in_schema=False)
SiteDep = Annotated[Site, Depends(site)]
Text = Annotated[str, Query(max_length=500)]
# What a search box may send: anything longer than a query is read as its first plain words.
LongText = Annotated[str, Query(max_length=20_000)]


def _las() -> list[tuple[int, str]]:
    return sorted(((la.urn, la.name) for la in local_authorities().values()), key=lambda x: x[1])


@router.get("/")
def home(request: Request, s: SiteDep) -> Response:
    return render(request, "home.html", {**overview.home_view(s), "las": _las()})


@router.get("/la")
def find_la(request: Request, s: SiteDep, q: Text = "", region: Text = "") -> Response:
    """The LA finder's target: an LA found, or the one LA a part or a misspelling of a name
    can mean ("rother", "Rotheram"), goes to its page; several ("kingston") are a choice; with
    nothing typed, the list of LAs with their latest grades, or a region's (the national
    page's regions link here). Only text close to no name at all is an error."""
    rows = data.la_rows(s.history(), region.strip())
    context: dict[str, object] = {"las": _las(), "rows": rows, "region": region.strip()}
    context |= {"regions": data.regions(), "q": q, "choices": []}
    if q.strip():
        try:
            return RedirectResponse(f"/la/{searching.find_la(q).urn}", status_code=303)
        except UnknownLocalAuthority as e:
            if not e.suggestions:
                raise
            if len(e.suggestions) == 1:
                urn = searching.find_la(e.suggestions[0]).urn
                return RedirectResponse(f"/la/{urn}", status_code=303)
            context["choices"] = [(searching.find_la(n).urn, n) for n in e.suggestions]
    return render(request, "las.html", context)


@router.get("/la/{ref}")
def la_page(request: Request, s: SiteDep, ref: str) -> Response:
    """An LA by URN; any other name or code (an LA code is digits too) redirects to its URN.
    A path names an LA, so one that names none is 404, as in the API (the finder's query is
    400: it is a question, not an address)."""
    urn = int(ref) if ref.isascii() and ref.isdigit() and len(ref) < 12 else None
    if urn is None or by_urn(urn) is None:
        try:
            return RedirectResponse(f"/la/{searching.find_la(ref).urn}", status_code=303)
        except UnknownLocalAuthority as e:
            raise NotFound(str(e)) from None
    view = la_view(s, urn)
    regions = [(area_label(a), counts) for a, counts in view.neighbours.region_counts.items()]
    ids = s.files()
    context = {"v": view, "file_ids": ids, "doc_ids": s.document_ids()}
    context["chart"] = timeline_chart(view.events, ids, s.today())
    context["outlook"] = outlook(view, s.today())
    context["figure_columns"], context["figure_rows"] = data.figure_table(view.figures)
    context["themes"] = themes.la_rows(s, urn)
    published = [*view.earlier, *view.reports]
    context["published"] = {r.file: r.publication_date for r in published}
    return render(request, "la.html", {**context, "region_rows": regions})


@router.get("/la/{urn}/compare")
def compare_page(request: Request, s: SiteDep, urn: int, a: Text = "", b: Text = "") -> Response:
    la = local_authority(urn)
    reports = choices(s, urn)
    context = {"la": la, "reports": reports, "a": a, "b": b, "c": None, "ids": s.files()}
    context |= {"doc_ids": s.document_ids(), "pdf_ok": s.settings.corpus is not None}
    if a.strip() and b.strip():
        context["c"] = found = comparison(s, urn, a, b, reports)
        context["again"] = {p.b: p.a for p in found.repeated}
        context["doc_ids"] = _held(s, (found.a.inspection_id, found.b.inspection_id))
    return render(request, "compare.html", context)


def _held(s: Site, inspection_ids: tuple[int, ...]) -> dict[int, int]:
    """Inspection id -> document id of those whose PDF is here: no link to a missing file."""
    ids = s.document_ids()
    found = {i: ids[i] for i in inspection_ids if i in ids}
    return {i: d for i, d in found.items() if data.pdf_available(s, d)}


@router.get("/la/{urn}/compare.md")
def compare_markdown(s: SiteDep, urn: int, a: Text, b: Text) -> Response:
    c = comparison(s, urn, a, b)
    name = f"compare-{urn}-{c.a.inspection_id}-{c.b.inspection_id}.md"
    return _download(to_markdown(c).encode(), "text/markdown", name)


def _download(body: bytes, media_type: str, name: str) -> Response:
    return Response(
        body,
        media_type=f"{media_type}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@router.get("/report/{inspection_id}")
def report_page(request: Request, s: SiteDep, inspection_id: int) -> Response:
    view = data.report_view(s, inspection_id)
    ok = data.pdf_available(s, view["document"].document_id)
    context = {**view, "pdf_ok": ok, "d": data.overall_first(view["d"])}
    context["ofsted_url"] = None if ok else data.ofsted_url(s, view["document"].label)
    context["recommendation_lists"] = data.recommendation_lists(view["d"].recommendations)
    return render(request, "report.html", context)


@router.get("/report/{inspection_id}/page/{number}")
def page_text(
    request: Request, s: SiteDep, inspection_id: int, number: int, q: Text = ""
) -> Response:
    view = data.page_view(s, inspection_id, number)
    ok = data.pdf_available(s, view["document"].document_id)
    return render(
        request, "page.html", {**view, "inspection_id": inspection_id, "q": q, "pdf_ok": ok}
    )


@router.get("/pdf/{document_id}")
def pdf(s: SiteDep, document_id: int) -> Response:
    path = data.pdf_file(s, document_id)
    return FileResponse(
        path, media_type="application/pdf", filename=path.name, content_disposition_type="inline"
    )


@router.get("/search")
def search_page(
    request: Request,
    s: SiteDep,
    q: LongText = "",
    la: Text = "",
    kind: Text = "",
    section: Text = "",
    since: Text = "",
    until: Text = "",
    order: Text = "relevance",
    page: Annotated[int, Query(ge=1, le=1000)] = 1,
) -> Response:
    """The search form and one page of hits. Any text is searched (as plain words, with a note,
    when it is not query syntax); a filter that cannot be read is said above the form, which
    keeps what was typed, rather than a page that loses it."""
    order = order if order in ("relevance", "date") else "relevance"
    form = {"q": q, "la": la, "kind": kind, "section": section, "since": since, "until": until}
    form["order"] = order
    context: dict[str, object] = {"form": form, "found": None, "hits": [], "page": page}
    context |= {"kinds": KIND_LABELS, "sections": SECTION_LABELS, "error": None}
    kept = {k: v for k, v in form.items() if v and not (k == "order" and v == "relevance")}
    context["query"] = urlencode(kept)
    context["pdf_ok"] = s.settings.corpus is not None
    status = 200
    if q.strip():
        try:
            context |= _results(s, form, page, kept)
        except UsageError as e:
            context["error"], status = str(e), 400
    return render(request, "search.html", {**context, "las": _las()}, status)


def _results(s: Site, form: dict[str, str], page: int, kept: dict[str, str]) -> dict[str, object]:
    """One page of hits for the form, each with its PDF's id only when the PDF is here, and
    each suggested search as a link that keeps the filters."""
    where = data.form_filters(form["la"], form["kind"], form["section"], form["since"],
                              form["until"])  # fmt: skip
    found = searching.results(s, form["q"], where, page, order=form["order"])
    hits = data.with_documents(s, found)
    held = {d for d in {d for _h, d in hits if d is not None} if data.pdf_available(s, d)}
    return {
        "found": found,
        "hits": [(h, d if d in held else None) for h, d in hits],
        "alternatives": [(a, urlencode({**kept, "q": a})) for a in found.suggestions],
    }


@router.get("/national")
def national_page(
    request: Request, s: SiteDep, as_at: Text = "", area: Text = "overall"
) -> Response:
    day: date | None = data.parse_day(as_at, "as_at")
    view = overview.national_view(s, day, national.counted_area(area))
    return render(request, "national.html", view)


@router.get("/about")
def about(request: Request) -> Response:
    return render(request, "about.html", {})


@router.get("/guide")
def guide(request: Request) -> Response:
    """Every grade, framework, letter and term of the vocabulary explained, with the cycle
    the LA pages' "next expected" rests on and Ofsted's documents by title."""
    return render(request, "guide.html", {"guide": overview.guide_view()})


@router.get("/feed.atom")
def feed(request: Request, s: SiteDep) -> Response:
    return _atom(request, overview.feed_view(s))


@router.get("/la/{urn}/feed.atom")
def la_feed(request: Request, s: SiteDep, urn: int) -> Response:
    """One LA's feed, so that a reporter or a council can follow one authority."""
    return _atom(request, overview.feed_view(s, urn))


def _atom(request: Request, view: dict[str, object]) -> Response:
    """A feed with absolute links on the host asked for (so never kept: see `cache`)."""
    base = str(request.base_url).rstrip("/")
    page = render(request, "feed.atom", {**view, "base": base})
    page.headers["Content-Type"] = "application/atom+xml; charset=utf-8"
    return page


@router.get("/robots.txt")
def robots() -> Response:
    return PlainTextResponse("User-agent: *\nDisallow: /pdf/\nDisallow: /api/\n")
