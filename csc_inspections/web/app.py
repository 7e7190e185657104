"""The web site and JSON API: `create_app(settings)` builds the whole application.

One error edge for every route: under /api/ an error is `{"error": ..., "status": ...}`, and
elsewhere an HTML page whose message is escaped by the template. The database is opened
read-only unless the settings allow writes, and only GET routes exist; HEAD is answered
wherever GET is, and pages carry ETag and Last-Modified (see `conditional`).

    CscError (UsageError)  -> 400   a bad query or argument, named for the user
    NotFound               -> 404   no such LA, report, page or PDF
    validation errors      -> 400   a path or query value of the wrong type
    a number the database
    cannot hold            -> 404   an id or URN beyond its integers: nothing is stored there
    another value it
    refuses (DataError)    -> 400   e.g. a NUL character in text, which PostgreSQL refuses
    anything else          -> 500   logged; the page says only that something went wrong

Numbers out of the database's range are caught here, once, from the driver's own error,
rather than bounded route by route: SQLite refuses an integer beyond 64 bits when binding it
(OverflowError), PostgreSQL one beyond the column's type (`NumericValueOutOfRange`, which
SQLAlchemy raises as DataError), and the bound differs by column and database.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from anyio import to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy import Engine
from sqlalchemy.exc import DataError
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.templating import Jinja2Templates
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..analysis import COUNTED_AREAS, SCALE
from ..errors import CscError, NotFound, UsageError
from ..model import GRADES
from ..settings import Settings
from ..store.db import connect, database_url
from ..vocabulary import current
from . import api, downloads, pages, text, themes
from .cache import ResponseCache, Responses
from .conditional import Revalidation
from .data import Site
from .deps import render
from .warming import keep_warm, start_paths, warm

log = logging.getLogger(__name__)
PAGE_THREADS = 4
MAX_INT_DIGITS = 9  # a number of ten digits or more may be beyond PostgreSQL's `integer`
HERE = Path(str(resources.files("csc_inspections.web")))
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; "
    "style-src 'self'; script-src 'none'; frame-ancestors 'self'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def open_engine(settings: Settings) -> Engine:
    """The database the settings name; SQLite files read-only unless writes are allowed."""
    url = database_url(settings.db)
    if not url.startswith("sqlite:///") or settings.allow_writes:
        return connect(url, create=settings.allow_writes, read_only=not settings.allow_writes)
    path = Path(url.removeprefix("sqlite:///"))
    if not path.is_file():
        raise UsageError(f"{path}: no such database (run `csc-inspections ingest` first)")
    return connect(f"sqlite:///file:{quote(str(path.resolve()))}?mode=ro&uri=true", create=False)


def templates() -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(("html", "xml", "atom", "svg"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        long_date=text.long_date,
        month_year=text.month_year,
        area=text.area_label,
        kind=text.kind_label,
        figure=text.figure_label,
        figure_value=text.figure_value,
        short=text.area_short,
        snippet=text.snippet_html,
        highlight=text.highlight,
        without_overall=text.without_overall,
        field=text.field_label,
        grade_means=text.grade_means,
        kind_means=text.kind_means,
        abbr=text.abbreviate,
        theme=text.theme_label,
    )
    env.globals.update(
        GRADE_CLASS=text.GRADE_CLASS,
        GRADE_ABBR=text.GRADE_ABBR,
        AREAS=text.AREA_LABELS,
        COUNTED_AREAS=COUNTED_AREAS,
        GRADES=GRADES,
        SCALE=SCALE,
        GRADE_FULL=text.GRADE_FULL,
        TERM=current().term,
    )
    return Jinja2Templates(env=env)


def create_app(settings: Settings, engine: Engine | None = None) -> FastAPI:
    """The application; `engine` may be given (tests), otherwise the settings' database."""
    app = FastAPI(
        lifespan=_lifespan,
        title="Children's services inspections",
        summary="Ofsted inspections of English local authority children's services, as data.",
        version="1",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the interactive docs load scripts from a CDN
        redoc_url=None,
    )
    app.state.site = Site(engine or open_engine(settings), settings)
    app.state.owns_engine = engine is None
    app.state.warming = False
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(themes.router)
    app.include_router(downloads.router)  # after the pages: compare.md before compare.{fmt}
    _error_edge(app)
    app.state.responses = Responses(app.state.site.state)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ResponseCache, responses=app.state.responses)  # keeps headers
    app.add_middleware(Revalidation, last_modified=app.state.site.last_modified)  # outermost
    return app


class SecurityHeaders:
    """ASGI middleware: SECURITY_HEADERS on every response that does not set its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def add(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, add if scope["type"] == "http" else send)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Pages are built by at most PAGE_THREADS threads at once. Building a page is mostly
    Python under one interpreter lock, where more threads only take turns more often; a search
    is mostly SQLite, which runs without the lock, so a few threads let searches use both
    cores. Measured with benchmarks/web_load.py on two cores: pages built on request, 40
    threads served 124 a second and 2 threads 172; first searches, p95 100-127 ms with 2
    threads and 73-81 ms with 4.

    With `warm` set, the start pages (every LA's among them) are built before the server takes
    its first request, and the comparisons after, in the background (see `warming`)."""
    to_thread.current_default_thread_limiter().total_tokens = PAGE_THREADS
    site: Site = app.state.site
    task = None
    if site.settings.warm:
        await warm(app, start_paths())
        app.state.warming = True
        task = asyncio.create_task(keep_warm(app, site))
    yield
    if task is not None:
        task.cancel()
    if app.state.owns_engine:
        site.close()
        site.engine.dispose()  # a database server's connections closed with the app


def app_from_env() -> FastAPI:
    """The app for uvicorn's `factory=True` (several worker processes), from the environment."""
    return create_app(Settings.from_env())


def error_response(request: Request, status: int, message: str) -> Response:
    """The one error shape: JSON under /api/, an escaped HTML page elsewhere."""
    if request.url.path == "/api" or request.url.path.startswith("/api/"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return render(request, "error.html", {"status": status, "message": message}, status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for e in exc.errors():
        where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
        parts.append(f"{where}: {e.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def _error_edge(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        messages = {404: "no such page", 405: "only reading is allowed here"}
        detail = exc.detail if exc.detail and exc.detail != _reason(exc.status_code) else None
        return error_response(
            request, exc.status_code, detail or messages.get(exc.status_code, "error")
        )

    @app.exception_handler(RequestValidationError)
    async def bad_value(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 400, _validation_message(exc))

    @app.exception_handler(CscError)
    async def usage(request: Request, exc: CscError) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(OverflowError)
    @app.exception_handler(DataError)
    async def refused_by_the_store(request: Request, exc: Exception) -> Response:
        found = _large_number(request)
        if found is not None:
            name, value = found
            return error_response(request, 404, f"nothing is stored under {name} {value}")
        if isinstance(exc, DataError):  # the database refused a value the request gave it
            reason = str(exc.orig).splitlines()[0] if exc.orig else "a value it cannot hold"
            return error_response(request, 400, f"a value of the request was refused: {reason}")
        return await crash(request, exc)  # an overflow of ours

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("error serving %s", request.url.path, exc_info=exc)
        return error_response(request, 500, "something went wrong on our side")


def _large_number(request: Request) -> tuple[str, str] | None:
    """The request's longest number (path first) beyond 32 bits (PostgreSQL's `integer`; SQLite
    holds 64), which the database could not hold; None when it has none."""
    values = [*request.path_params.items(), *request.query_params.items()]
    numbers = [(k, str(v)) for k, v in values if str(v).lstrip("-").isdigit()]
    longest = max(numbers, key=lambda kv: len(kv[1]), default=None)
    return longest if longest and len(longest[1].lstrip("-")) > MAX_INT_DIGITS else None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""
