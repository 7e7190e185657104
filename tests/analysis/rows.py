"""Hand-built records: what `store.read` returns, only what a test sets."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from csc_inspections.records import (
    CitationRecord,
    LetterRecord,
    RecommendationRecord,
    ReportRecord,
)
from csc_inspections.reference import LocalAuthority


def day(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def report(
    urn: int,
    published: str,
    overall: str = "",
    framework: str = "ilacs_standard",
    region: str = "North",
    *,
    start: str = "",
    end: str = "",
    inspection_id: int = 0,
    file: str = "",
    la_name: str = "",
    **areas: str,
) -> ReportRecord:
    """A graded report record; areas not given (or given '') are not judged."""
    grades = {"overall": overall, **areas}
    return ReportRecord(
        inspection_id=inspection_id,
        file=file or f"{urn}/report - {published}.pdf",
        kind=framework,
        urn=urn,
        la_name=la_name or f"LA {urn}",
        la_name_printed=None,
        la_code=None,
        ons_code=None,
        region=region,
        publication_date=day(published),
        publication_date_source="text",
        framework=framework,
        inspection_start=day(start),
        inspection_end=day(end),
        lead_inspector=None,
        grades=MappingProxyType({a: g for a, g in grades.items() if g}),
    )


def letter(
    urn: int, published: str, kind: str = "focused_visit", *, start: str = "", topic: str = "",
    file: str = "", inspection_id: int = 0, letter_date: str = "",
) -> LetterRecord:  # fmt: skip
    return LetterRecord(
        inspection_id=inspection_id,
        file=file or f"{urn}/letter - {published}.pdf",
        kind=kind,
        urn=urn,
        la_name=f"LA {urn}",
        la_name_printed=None,
        la_code=None,
        ons_code=None,
        region="North",
        publication_date=day(published),
        publication_date_source="text",
        visit_start=day(start),
        visit_end=day(start),
        letter_date=day(letter_date),
        inspectors=None,
        topic=topic or None,
    )


def recommendation(
    file: str, number: int, text: str, *themes: str, page: int | None = 1, scope: str = "main",
    printed_number: int | None = None,
) -> RecommendationRecord:  # fmt: skip
    """An improvement point of `file`, tagged with `themes`."""
    return RecommendationRecord(
        file=file, urn=None, la_name=None, report_kind="ilacs_standard", publication_date=None,
        scope=scope, number=number, printed_number=printed_number, group=None, form="listed",
        heading=None, text=text, framework_ref=None, agencies=None, page=page, themes=themes,
    )  # fmt: skip


def cited(
    urn: int, month: str, what: str, grade: str = "", cited_by: str = "", page: int | None = 1,
    precision: str = "month",
) -> CitationRecord:  # fmt: skip
    return CitationRecord(
        urn=urn, what=what, month=day(month), precision=precision, grade=grade or None,
        grade_area="overall" if grade else None, cited_by=cited_by, page=page, text=None,
    )  # fmt: skip


def la(urn: int, code: str, region: str = "North", neighbours: str = "") -> LocalAuthority:
    return LocalAuthority(
        urn=urn,
        name=f"LA {urn}",
        la_code=code,
        ons_code=f"E0{code}",
        region=region,
        la_type="Unitary Authority",
        child_population=None,
        stat_neighbours=tuple(neighbours.split()),
    )
