"""/api/openapi.json documents every field of every JSON route, and every real answer (from
the three LAs of the fixture database) is exactly what its declared model says: no field the
model lacks, every value of its declared type, missing values null rather than ''."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import BaseModel, TypeAdapter, ValidationError

from csc_inspections.model import GRADES, HISTORY_AREAS
from csc_inspections.web import api
from csc_inspections.web import api_models as m
from tests.web.conftest import BARNET, DEVON, ROTHERHAM

ROUTES = {r.path: r for r in api.router.routes if isinstance(r, APIRoute)}
TAKES_AN_ID = {"/api/las/{urn}", "/api/inspections/{inspection_id}", "/api/themes/{theme}"}
TYPED = ("type", "$ref", "anyOf", "allOf", "oneOf", "enum", "const")
LAS = (ROTHERHAM, DEVON, BARNET)


def samples(route: str, ids: dict[str, int]) -> list[str]:
    """URLs answered by `route`: each LA, and the filters that bring other fields."""
    per_la = {
        "/api/las/{urn}": "",
        "/api/las/{urn}/timeline": "/timeline",
        "/api/las/{urn}/neighbours": "/neighbours",
        "/api/las/{urn}/themes": "/themes",
    }
    if route in per_la:
        return (
            [f"/api/las/{urn}{per_la[route]}" for urn in LAS]
            + ([f"/api/las/{DEVON}/neighbours?as_at=2016-01-01"] if "neighbours" in route else [])
            + ([f"/api/las/{BARNET}/themes?from=2040-01-01"] if "themes" in route else [])
        )
    compare = f"/api/las/{ROTHERHAM}/compare"
    return {
        "/api/las": ["/api/las"],
        "/api/las/{urn}/compare": [
            f"{compare}?a=2014&b=2017",
            f"{compare}?a=2018&b=2022",
            f"{compare}?a=2022&b=2025",
            f"/api/las/{BARNET}/compare?a=2017&b=2024",
        ],
        "/api/inspections": ["/api/inspections", f"/api/inspections?urn={DEVON}&since=2020-01-01"],
        "/api/inspections/{inspection_id}": [f"/api/inspections/{n}" for n in ids.values()],
        "/api/search": [
            "/api/search?q=care",
            "/api/search?q=care&page=2",
            '/api/search?q="management oversight"&la=Rotherham&kind=sif',
        ],
        "/api/stats": ["/api/stats", "/api/stats?as_at=2016-01-01"],
        "/api/changes": ["/api/changes", "/api/changes?area=care_leavers"],
        "/api/improvement-times": ["/api/improvement-times?as_at=2026-01-01"],
        "/api/improvement-times/themes": ["/api/improvement-times/themes"],
        "/api/health": ["/api/health"],
        "/api/themes": [f"/api/themes?by={by}" for by in ("year", "era", "grade", "region")]
        + ["/api/themes?from=2030-01-01"],  # no inspection counted
        "/api/themes/{theme}": [
            "/api/themes/workforce",
            "/api/themes/assessment?by=grade&group=inadequate",
            "/api/themes/care_leavers?by=year&group=2017&from=2017-01-01",
        ],
    }[route]


def undeclared(value: object, where: str = "answer") -> Iterator[str]:
    """Fields a validated answer holds that its model does not declare (passed through)."""
    if isinstance(value, BaseModel):
        yield from (f"{where}.{name}" for name in value.model_extra or {})
        for name in type(value).model_fields:
            yield from undeclared(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, list | tuple):
        for n, item in enumerate(value):
            yield from undeclared(item, f"{where}[{n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from undeclared(item, f"{where}[{key!r}]")


def empty_strings(value: object, where: str = "answer") -> Iterator[str]:
    if value == "":
        yield where
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from empty_strings(item, f"{where}[{n}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from empty_strings(item, f"{where}.{key}")


def untyped(schema: dict[str, Any], where: str) -> Iterator[str]:
    """Places in a schema with no type: the schema itself, and everything nested in it."""
    if not any(k in schema for k in TYPED):
        yield where
    for key in ("anyOf", "allOf", "oneOf", "prefixItems"):
        for n, part in enumerate(schema.get(key, [])):
            yield from untyped(part, f"{where}.{key}[{n}]")
    for key in ("items", "propertyNames"):
        if isinstance(schema.get(key), dict):
            yield from untyped(schema[key], f"{where}.{key}")
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        yield from untyped(extra, f"{where}.additionalProperties")


def test_every_api_route_declares_its_answer() -> None:
    assert len(ROUTES) == 16
    assert [path for path, route in ROUTES.items() if route.response_model is None] == []


def test_openapi_documents_every_field(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path in ROUTES:
        answer = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert answer["schema"].get("$ref") or answer["schema"]["items"]["$ref"], path
    lacking = [
        f"{name}.{field}: {problem}"
        for name, schema in schemas.items()
        for field, prop in schema.get("properties", {}).items()
        for problem in [
            *(["no description"] if not prop.get("description") else []),
            *untyped(prop, "type"),
        ]
    ]
    assert lacking == []
    assert len(schemas) > 30  # every answer's models are there, not only the routes' outer ones


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    error = {"$ref": "#/components/schemas/Error"}
    for path in ROUTES:
        responses = spec["paths"][path]["get"]["responses"]
        takes_input = bool(spec["paths"][path]["get"].get("parameters"))
        errors = {"4XX", "500"} | ({"400"} if takes_input else set())
        errors |= {"404"} if path.startswith(tuple(TAKES_AN_ID)) else set()
        assert set(responses) == {"200", *errors}, path  # no 422: bad values are answered 400
        for code in errors:
            assert responses[code]["content"]["application/json"]["schema"] == error
    assert set(spec["components"]["schemas"]["Error"]["required"]) == {"error", "status"}
    assert "HTTPValidationError" not in spec["components"]["schemas"]


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_answer_is_exactly_its_model(
    client: TestClient, ids: dict[str, int], route: str
) -> None:
    adapter: TypeAdapter[Any] = TypeAdapter(ROUTES[route].response_model)
    for url in samples(route, ids):
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        body = response.json()
        answer = adapter.validate_python(body)
        assert list(undeclared(answer)) == [], url
        assert adapter.dump_python(answer, mode="json") == body, url  # nothing read differently
        assert list(empty_strings(body)) == [], url  # missing is null, never ''


def test_missing_values_are_null(client: TestClient) -> None:
    reports = {r["framework"]: r for r in client.get(f"/api/las/{ROTHERHAM}").json()["reports"]}
    assert reports["ilacs_short"]["lscb"] is None  # ILACS does not judge the LSCB
    assert reports["sif"]["lscb"] == "inadequate"
    barnsley = client.get(f"/api/las/{ROTHERHAM}/neighbours").json()["neighbours"][0]
    assert barnsley["la_name"] == "Barnsley" and barnsley["file"] is None  # no report held
    assert barnsley["publication_date"] is None and barnsley["grades"] == {}


def test_an_undeclared_field_is_kept_and_found() -> None:
    """A column added to the store's rows reaches the JSON (and fails the test above)."""
    row = {"area": "overall", "grade": "good", "area_text": "Overall", "grade_text": "Good"}
    judged = m.Judgement.model_validate({**row, "page": 1, "source_text": "It is good."})
    assert list(undeclared(judged)) == ["answer.source_text"]
    assert judged.model_dump()["source_text"] == "It is good."
    assert list(undeclared(m.Judgement.model_validate({**row, "page": 1}))) == []


def test_empty_text_becomes_null_only_where_null_is_allowed() -> None:
    section = m.Section.model_validate(
        {"kind": "front", "heading": "", "page_start": 1, "page_end": 1, "footnotes": []}
    )
    assert section.heading is None
    kind = m.Section.model_validate(
        {"kind": "", "heading": "x", "page_start": 1, "page_end": 1, "footnotes": []}
    )
    assert kind.kind == ""  # not nullable: left for the test of every answer to catch


def test_grades_and_areas_come_from_the_vocabulary() -> None:
    row = {"area": "overall", "grade": "good", "area_text": "", "grade_text": "", "page": None}
    m.Judgement.model_validate(row)
    for wrong in ({"grade": "excellent"}, {"area": "catering"}):
        with pytest.raises(ValidationError):
            m.Judgement.model_validate(row | wrong)
    assert m.Judgement.model_json_schema()["properties"]["grade"]["enum"] == list(GRADES)
    assert "requires improvement" in GRADES and "adequate" in GRADES
    assert set(HISTORY_AREAS) <= set(m.Report.model_fields)  # a grade field per area
