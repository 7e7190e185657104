"""What every route takes from the running app: the site, and a way to render a page."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.responses import Response

from .data import Site


def site(request: Request) -> Site:
    """The route dependency: the `Site` the app was created with (tests pass their own)."""
    found: Site = request.app.state.site
    return found


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A page from its template; the templates escape every value."""
    page: Response = request.app.state.templates.TemplateResponse(
        request, name, context, status_code=status
    )
    return page
