"""What each JSON route under /api/ answers, declared once, so /api/openapi.json documents
every field (its type, units and allowed values) and FastAPI checks each answer against it.

The routes keep returning the plain rows and dicts the pages and the command line use; FastAPI
validates them against these models and writes the JSON in pydantic's core. Two rules hold:

- A value not read, or not applicable, is `null` (`Maybe`). The store's rows say '' for it,
  as CSV has no null, so '' arriving in a `Maybe` field is sent as null.
- A field the model does not declare is passed through unchanged rather than dropped
  (`extra="allow"`), so a row that gains a column never silently loses it here;
  tests/web/test_openapi.py fails on such a field until it is declared and described.

Grades, areas and letter kinds are enumerated from the vocabulary (`model.GRADES`,
`model.AREAS`, ...), as it stood when this module was imported, like every name derived from
it at import: a new grade or area in data/ is a new allowed value here without an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    create_model,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, core_schema

from ..analysis import COUNTED_AREAS, SCALE
from ..analysis.themes import STATUSES as THEME_STATUSES
from ..answers.search import PAGE_SIZE
from ..model import AREAS, GRADES, HISTORY_AREAS, LETTER_KINDS
from ..vocabulary import current
from .text import area_label

T = TypeVar("T")
Day = date  # for models with a field named `date`, which hides the type in the class body
ISO = "ISO 8601 date (YYYY-MM-DD)"


@dataclass(frozen=True)
class OneOf:
    """`Annotated[str, OneOf(values)]`: a string that must be one of `values`, checked in
    pydantic's core and listed as an `enum` in the schema. Unlike a `Literal` written out by
    hand, the values come from the vocabulary's tuples."""

    values: tuple[str, ...]

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        return core_schema.literal_schema(list(self.values))


# '' read as None. The type's own schema is tried first, with every string in it at least one
# character long: then only an empty value fails it (pydantic-core builds an error each time a
# branch fails) and reaches this branch, the one Python call, which costs nothing for the others.
_EMPTY = core_schema.no_info_after_validator_function(
    lambda _: None, core_schema.literal_schema([""])
)


def _not_empty(schema: CoreSchema) -> CoreSchema:
    """`schema` with its strings (also inside `X | None` and unions) at least one character."""
    if schema["type"] == "str":
        return core_schema.str_schema(min_length=1)
    if schema["type"] == "nullable":
        return core_schema.nullable_schema(_not_empty(schema["schema"]))
    if schema["type"] == "union":
        return core_schema.union_schema(
            [_not_empty(c[0] if isinstance(c, tuple) else c) for c in schema["choices"]]
        )
    return schema


@dataclass(frozen=True)
class EmptyIsNull:
    """Annotated marker: '' is read as null; the schema is that of the type it marks, its
    strings never empty."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> CoreSchema:
        marked = _not_empty(handler(source))
        return core_schema.union_schema([marked, _EMPTY], mode="left_to_right")

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        marked: CoreSchema = schema["choices"][0]
        return handler(marked)


Maybe = Annotated[T | None, EmptyIsNull()]
Grade = Annotated[str, OneOf(GRADES)]
ScaleGrade = Annotated[str, OneOf(SCALE)]
Area = Annotated[str, OneOf(HISTORY_AREAS)]
CountedArea = Annotated[str, OneOf(COUNTED_AREAS)]
Grades = dict[Area, Grade]
MaybeGrade = Maybe[Grade]
Counts = dict[ScaleGrade, int]
Scope = Annotated[str, OneOf(("main", "lscb", "agencies"))]  # of a recommendation
ThemeKey = Annotated[str, OneOf(current().theme_keys)]  # a practice theme (data/themes.csv)
GRADE_WORDS = "outstanding, good, requires improvement, inadequate (adequate before November 2013)"
FRAMEWORKS = "sif, sif_reinspection, ilacs_standard, ilacs_short, ilacs_2026 or other"


class Answer(BaseModel):
    """The base of every answer: fields it does not declare pass through (module docstring)."""

    model_config = ConfigDict(extra="allow")


A = TypeVar("A", bound=Answer)


def _with_grades(base: type[A], name: str, doc: str) -> type[A]:
    """`base` with one grade field per area of the history export, in the vocabulary's order."""
    fields: dict[str, Any] = {
        area: (
            MaybeGrade,
            Field(
                description=f"{area_label(area)}: the report's grade ({GRADE_WORDS}); "
                "null when the report makes no such judgement"
            ),
        )
        for area in HISTORY_AREAS
    }
    return create_model(name, __base__=base, __module__=__name__, __doc__=doc, **fields)


class Error(BaseModel):
    """Every error under /api/ has this shape (the error edge in `app`)."""

    error: str = Field(description="What was wrong, in words: the value and why")
    status: int = Field(description="The HTTP status code, repeated: 400, 404, 405 or 500")


# Local authorities


class Link(Answer):
    """Another council in a reorganisation of children's services (data/lineage.csv)."""

    name: str = Field(description="The other council's name")
    la_code: Maybe[str] = Field(description="Its DfE three-digit LA code")
    urn: Maybe[int] = Field(description="Its Ofsted URN; null when the lookup holds none")
    on: date = Field(description=f"The day children's services passed to the successor, {ISO}")
    area: str = Field(description="What of the predecessor's area passed, in words")
    history: bool = Field(description="Whether the successor's history shows its inspections")


class LocalAuthority(Answer):
    """An English LA with children's social care duties, as the DfE/ONS lookup gives it."""

    urn: int = Field(description="Ofsted's unique reference number of the LA")
    name: str = Field(description="The LA's name (ONS)")
    la_code: Maybe[str] = Field(description="DfE three-digit LA code, e.g. 372")
    ons_code: Maybe[str] = Field(description="ONS nine-character code, e.g. E08000018")
    region: Maybe[str] = Field(description="English region, e.g. Yorkshire and the Humber")
    la_type: Maybe[str] = Field(description="e.g. County, London Borough, Metropolitan District")
    child_population: Maybe[int] = Field(description="ONS population aged 0-25 (people)")
    stat_neighbours: list[str] = Field(
        description="DfE's ten statistical neighbours, by LA code, closest first"
    )
    start: Maybe[date] = Field(
        description=f"The day a reorganisation created it, {ISO}; null: before 2013"
    )
    end: Maybe[date] = Field(
        description=f"Abolished: the first day its successors held its duties, {ISO}; null: exists"
    )
    predecessors: list[Link] = Field(description="The councils it took children's services from")
    successors: list[Link] = Field(description="The councils that took over from it")


class LatestReport(Answer):
    """An LA's latest graded report: the one its current grades come from."""

    inspection_id: int = Field(description="The report's id: /api/inspections/{id}")
    publication_date: date = Field(description=f"Publication date, {ISO}")
    framework: str = Field(description=f"Inspection framework: {FRAMEWORKS}")
    file: str = Field(description="The stored PDF: <LA folder>/<file name>")
    grades: Grades = Field(description=f"Grade per area ({GRADE_WORDS}); areas not judged absent")


class LaListed(LocalAuthority):
    """One LA of /api/las."""

    latest: LatestReport | None = Field(description="Latest graded report; null when none held")
    url: str = Field(description="The LA's page on this site")


# Rows of reports, letters and citations (store.read)


class Stored(Answer):
    """What every stored report and letter row says about itself and its LA."""

    inspection_id: int = Field(description="The report's or letter's id: /api/inspections/{id}")
    file: str = Field(description="The stored PDF: <LA folder>/<file name>")
    urn: Maybe[int] = Field(description="The LA's URN; null when the LA was not resolved")
    la_name: Maybe[str] = Field(description="The LA's name (ONS); null when not resolved")
    la_code: Maybe[str] = Field(description="DfE three-digit LA code")
    ons_code: Maybe[str] = Field(description="ONS nine-character LA code")
    region: Maybe[str] = Field(description="English region of the LA")
    la_name_printed: Maybe[str] = Field(description="The LA's name as the document prints it")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}; null if not read")
    publication_date_source: Maybe[Annotated[str, OneOf(("text", "file_name"))]] = Field(
        description="Where the publication date was read: text (the document) or file_name"
    )


class _Report(Stored):
    framework: str = Field(description=f"Inspection framework: {FRAMEWORKS}")
    report_kind: str = Field(
        description="The stored kind (data/frameworks.csv), finer than framework"
    )
    inspection_start: Maybe[date] = Field(description=f"First day on site, {ISO}; null if not read")
    inspection_end: Maybe[date] = Field(description=f"Last day on site, {ISO}; null if not read")
    lead_inspector: Maybe[str] = Field(description="Lead inspector(s), '; '-joined")


if TYPE_CHECKING:
    Report = _Report
else:
    Report = _with_grades(_Report, "Report", "One stored report, a grade per area.")


class Letter(Stored):
    """One stored letter between inspections (focused visit, JTAI, monitoring visit)."""

    kind: Annotated[str, OneOf(LETTER_KINDS)] = Field(description="What kind of letter")
    visit_start: Maybe[date] = Field(description=f"First day of the visit, {ISO}")
    visit_end: Maybe[date] = Field(description=f"Last day of the visit, {ISO}")
    letter_date: Maybe[date] = Field(description=f"The date the letter prints, {ISO}")
    inspectors: Maybe[str] = Field(description="The inspectors, '; '-joined")
    topic: Maybe[str] = Field(description="What the visit looked at")


class Cited(Answer):
    """An earlier inspection known only from a later report's citation of it."""

    urn: int = Field(description="The LA's URN")
    what: Maybe[str] = Field(description="What was inspected, as the citing report words it")
    month: Maybe[date] = Field(
        description=f"Month of the inspection: {ISO}, day always 01 (January 01 for a year)"
    )
    precision: str = Field(description="month, or year where the citing report gives only that")
    grade: Maybe[Grade] = Field(description=f"The grade cited ({GRADE_WORDS}, satisfactory)")
    grade_area: Maybe[str] = Field(
        description="What the grade is for: overall (effectiveness) or a 2009-13 aspect"
    )
    cited_by: str = Field(description="The citing report's stored file")
    page: Maybe[int] = Field(description="Page of the citing report (1-based)")
    text: Maybe[str] = Field(description="The citing sentence")


class LaDetail(Answer):
    """An LA with everything stored about it: /api/las/{urn}."""

    la: LocalAuthority = Field(description="The LA as the lookup gives it")
    reports: list[Report] = Field(description="Its stored reports, oldest published first")
    letters: list[Letter] = Field(description="Its stored letters, oldest published first")
    cited: list[Cited] = Field(description="Earlier inspections its reports cite, oldest first")


class Event(Answer):
    """One event of an LA's history; `date` is the day it sorts by, `basis` why."""

    date: Maybe[Day] = Field(description=f"The day the event sorts by, {ISO}; null: none read")
    basis: str = Field(description="Why that date, e.g. 'first day of the inspection'")
    kind: Annotated[str, OneOf(("report", "letter", "cited", "unavailable"))] = Field(
        description="report, letter, cited (an earlier inspection a report cites), or "
        "unavailable (listed on Ofsted's site, which cannot serve the file)"
    )
    what: str = Field(description="Report framework, letter kind, or what a citation names")
    file: Maybe[str] = Field(description="The stored PDF; null for a cited inspection")
    publication_date: Maybe[Day] = Field(description=f"Publication date, {ISO}")
    start: Maybe[Day] = Field(description=f"First day on site or of the visit, {ISO}")
    end: Maybe[Day] = Field(description=f"Last day on site or of the visit, {ISO}")
    grades: Grades = Field(description=f"Grade per area ({GRADE_WORDS}); letters: none")
    topic: Maybe[str] = Field(description="Letters: what the visit looked at")
    cited_by: list[str] = Field(description="Cited: every report citing it, oldest first")
    citations: list[tuple[str, int | None]] = Field(
        description="Cited: [citing report's file, page] for each citation"
    )
    predecessor: Maybe[str] = Field(
        description="The predecessor council the event belongs to; null: the LA's own"
    )
    link: Maybe[str] = Field(description="Unavailable: the file link Ofsted's site gives")
    precision: Annotated[str, OneOf(("day", "month", "year"))] = Field(
        description="How much of `date` is known: day, or for a cited inspection the month or "
        "only the year (its first day stands for it)"
    )


class LatestGrades(Answer):
    """An LA's latest graded report on the date asked (nulls and no grades when none)."""

    urn: int = Field(description="The LA's URN")
    la_code: Maybe[str] = Field(description="DfE three-digit LA code")
    la_name: str = Field(description="The LA's name (ONS)")
    region: Maybe[str] = Field(description="English region of the LA")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}")
    framework: Maybe[str] = Field(description=f"Inspection framework: {FRAMEWORKS}")
    file: Maybe[str] = Field(description="The stored PDF of that report")
    grades: Grades = Field(description=f"Grade per area ({GRADE_WORDS}); areas not judged absent")


class Neighbours(Answer):
    """An LA beside DfE's ten statistical neighbours and its region."""

    la: LatestGrades = Field(description="The LA's latest grades")
    neighbours: list[LatestGrades] = Field(description="Its statistical neighbours, closest first")
    region: str = Field(description="The LA's region")
    region_las_counted: int = Field(description="LAs of the region with a graded report")
    region_counts: dict[CountedArea, Counts] = Field(
        description="Per area, how many of the region's LAs hold each grade (the LA included)"
    )
    unknown_codes: list[str] = Field(description="Neighbour codes the lookup has no LA for")


# One inspection


class Document(Answer):
    """The stored PDF a report or letter was read from."""

    id: int = Field(description="Document id")
    file: str = Field(description="<LA folder>/<file name>")
    pages: int = Field(description="Number of pages")
    pdf_url: str = Field(description="The PDF on this site (add #page=N for a page)")


class Judgement(Answer):
    """One graded judgement, with the words and page it was read from."""

    area: Annotated[str, OneOf(AREAS)] = Field(description="Canonical area")
    grade: Grade = Field(description=f"Normalised grade: {GRADE_WORDS}, satisfactory")
    area_text: str = Field(description="The area as printed")
    grade_text: str = Field(description="The grade as printed")
    page: Maybe[int] = Field(description="Page it was read from (1-based)")


class Section(Answer):
    kind: str = Field(description="Canonical section kind (data/sections.csv), e.g. summary")
    heading: Maybe[str] = Field(description="The heading as printed; null when untitled")
    page_start: int = Field(description="First page (1-based)")
    page_end: int = Field(description="Last page (1-based)")
    footnotes: list[str] = Field(
        description="Footnotes printed at the foot of its pages, kept out of its text"
    )


class Content(Answer):
    """A row of the report's content, with the report it belongs to."""

    file: str = Field(description="The stored PDF")
    urn: Maybe[int] = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    report_kind: str = Field(description="Report framework or letter kind")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}")
    page: Maybe[int] = Field(description="Page it was read from (1-based)")


class Finding(Content):
    number: int = Field(description="Position in the list of key findings, from 1")
    heading: Maybe[str] = Field(description="The heading it sits under")
    text: str = Field(description="The finding, as printed")
    themes: list[ThemeKey] = Field(
        description="Practice themes it is about (data/themes.csv; /api/themes), the likeliest "
        "first; [] when the tagger finds none"
    )


class Recommendation(Content):
    scope: Scope = Field(description="main, lscb (the safeguarding board's) or agencies (JTAI)")
    number: int = Field(description="Position in its list, from 1")
    printed_number: Maybe[int] = Field(description="The number printed before it; none if bulleted")
    group: Maybe[str] = Field(
        description="The list it is printed under: priority, improvement, what_needs_to_improve, "
        "recommendation, ... (data/item_groups.csv)"
    )
    form: str = Field(
        description="listed (a recommendation) or narrative (a JTAI area for improvement "
        "paragraph, 2016-2020): count recommendations with form = listed"
    )
    heading: Maybe[str] = Field(description="The sub-heading it sits under")
    text: str = Field(description="What the report asks to improve")
    framework_ref: Maybe[str] = Field(description="ILACS: reference to the national framework")
    agencies: Maybe[str] = Field(description="JTAI: agencies addressed, '; '-joined")
    themes: list[ThemeKey] = Field(
        description="Practice themes it is about (data/themes.csv; /api/themes), the likeliest "
        "first; [] when the tagger finds none"
    )


class Figure(Content):
    name: str = Field(description="Which figure, e.g. children_in_need, looked_after_rate")
    value: Maybe[int | float | str] = Field(
        description="The value in `unit`; text for dates (ISO 8601) and words (e.g. interim)"
    )
    unit: Annotated[str, OneOf(("count", "percent", "per_10000", "date", "text"))] = Field(
        description="count (children), percent, per_10000 (per 10,000 children), date or text"
    )
    as_at: Maybe[date] = Field(description=f"The date the figure is for, {ISO}")
    source_text: str = Field(description="The sentence it was read from")


class CitedHere(Answer):
    what: Maybe[str] = Field(description="What was inspected, as this report words it")
    month: Maybe[date] = Field(
        description=f"Month of the inspection: {ISO}, day always 01 (January 01 for a year)"
    )
    precision: str = Field(description="month, or year where this report gives only that")
    cited_page: Maybe[int] = Field(description="Page of this report citing it")
    grade: Maybe[Grade] = Field(description="The grade cited")
    grade_area: Maybe[str] = Field(
        description="What the grade is for: overall (effectiveness) or a 2009-13 aspect"
    )


class Provenance(Answer):
    field: str = Field(description="Which fact, e.g. publication_date, start_date, inspectors")
    page: Maybe[int] = Field(description="Page it was read from; null: from the file name")
    text: str = Field(description="The text it was read from")


class InspectionDetail(Answer):
    """One report or letter with its facts, content and where each was read."""

    family: Annotated[str, OneOf(("report", "letter"))] = Field(description="report or letter")
    facts: Report | Letter = Field(description="The row /api/las/{urn} lists for it")
    judgements: list[Judgement] = Field(description="Graded judgements, in report order")
    sections: list[Section] = Field(description="Titled sections, in order")
    findings: list[Finding] = Field(description="Key findings, in order")
    recommendations: list[Recommendation] = Field(description="What it asks to improve")
    figures: list[Figure] = Field(description="Context figures about the LA")
    cited: list[CitedHere] = Field(description="Earlier inspections it cites")
    provenance: list[Provenance] = Field(description="Where each scalar fact was read")
    document: Document = Field(description="The stored PDF")


class Inspections(Answer):
    total: int = Field(description="Reports matching the filters (all pages)")
    inspections: list[Report] = Field(description="This page of them, by LA then publication")


# Comparison


class Side(Answer):
    """One of the two inspections compared."""

    inspection_id: int = Field(description="The report's id")
    file: str = Field(description="The stored PDF")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    framework: str = Field(description=f"Inspection framework: {FRAMEWORKS}")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}")
    inspection_start: Maybe[date] = Field(description=f"First day on site, {ISO}")
    inspection_end: Maybe[date] = Field(description=f"Last day on site, {ISO}")


class AreaRow(Answer):
    """One area of the comparison: how each report words and grades it."""

    area: Area = Field(description="Canonical area")
    wording_a: Maybe[str] = Field(description="A's printed title of the area; null: unknown")
    wording_b: Maybe[str] = Field(description="B's printed title of the area; null: unknown")
    note: Maybe[str] = Field(description="Why the two only approximately match; null: they do")
    grade_a: Maybe[Grade] = Field(description="A's grade; null: not judged")
    grade_b: Maybe[Grade] = Field(description="B's grade; null: not judged")
    change: str = Field(
        description="improved, declined, same, new, not judged or not comparable (adequate)"
    )
    finding_a: Maybe[str] = Field(description="Opening of A's own section on the area")
    page_a: Maybe[int] = Field(description="Page of finding_a")
    finding_b: Maybe[str] = Field(description="Opening of B's own section on the area")
    page_b: Maybe[int] = Field(description="Page of finding_b")


class Rec(Answer):
    file: str = Field(description="The stored PDF asking it")
    number: Maybe[int] = Field(description="Position in its list, from 1")
    page: Maybe[int] = Field(description="Page (1-based)")
    text: str = Field(description="What it asks to improve")
    scope: Scope = Field(description="main, lscb (the safeguarding board's) or agencies (JTAI)")
    printed_number: Maybe[int] = Field(
        description="The number the report prints before it; null when bulleted"
    )


class Pair(Answer):
    a: Rec = Field(description="A's recommendation")
    b: Rec = Field(description="B's recommendation asking it again")
    score: float = Field(description="TF-IDF cosine similarity, 0 to 1")


class LetterBetween(Answer):
    file: str = Field(description="The stored PDF")
    kind: Annotated[str, OneOf(LETTER_KINDS)] = Field(description="What kind of letter")
    visit_start: Maybe[date] = Field(description=f"First day of the visit, {ISO}")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}")
    topic: Maybe[str] = Field(description="What the visit looked at")
    finding: Maybe[str] = Field(description="Its first key finding")
    page: Maybe[int] = Field(description="Page of that finding")


class ThemeChange(Answer):
    """A practice theme of A's or B's improvement points: still, no longer or newly asked."""

    theme: ThemeKey = Field(description="The theme (data/themes.csv; /api/themes)")
    label: str = Field(description="The theme in words, e.g. Management oversight and supervision")
    status: Annotated[str, OneOf(THEME_STATUSES)] = Field(
        description="still asked (A and B ask for it), no longer asked (A only) or newly asked "
        "(B only)"
    )
    a: list[Rec] = Field(description="A's main improvement points about it, in order")
    b: list[Rec] = Field(description="B's main improvement points about it, in order")


class Comparison(Answer):
    """Two inspections of an LA side by side; A is always the earlier."""

    a: Side = Field(description="The earlier inspection")
    b: Side = Field(description="The later inspection")
    rows: list[AreaRow] = Field(description="One row per area either report judges")
    still_to_improve: list[Rec] = Field(description="B's main recommendations, in order")
    repeated: list[Pair] = Field(description="B's asks that repeat one of A's")
    letters: list[LetterBetween] = Field(description="Letters published between A and B")
    threshold: float = Field(description="Similarity at or above which an ask counts as repeated")
    themes: list[ThemeChange] = Field(
        description="The themes of A's and B's main improvement points: those B still asks for, "
        "then those it no longer asks for, then those it asks anew, each in the themes' order"
    )


# Search, national counts, changes, improvement times, health


class Hit(Answer):
    """A passage (one section on one page) matching the search."""

    inspection_id: int = Field(description="The report's or letter's id")
    file: str = Field(description="The stored PDF")
    kind: str = Field(description="Report framework kind or letter kind")
    urn: Maybe[int] = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    publication_date: Maybe[date] = Field(description=f"Publication date, {ISO}")
    page: int = Field(description="Page of the passage (1-based)")
    section: str = Field(description="Canonical section kind, e.g. judgement_care_leavers")
    heading: Maybe[str] = Field(description="The section's printed heading")
    snippet: str = Field(description="The passage around the matches, matches between **")
    report_url: str = Field(description="The report's page on this site")
    page_url: str = Field(description="The page's text on this site")
    pdf_url: str = Field(description="The PDF at that page")


class SearchResults(Answer):
    page: int = Field(description=f"This page of hits, from 1 ({PAGE_SIZE} hits a page)")
    more: bool = Field(description="Whether a next page exists")
    total: int = Field(description="Passages that match, on every page")
    plain: bool = Field(
        default=False,
        description="Whether the query was not valid query syntax and was searched as plain words",
    )
    hits: list[Hit] = Field(description="Best first, or newest first with order=date")


class RegionCounts(Answer):
    overall: Counts = Field(description="How many of the region's LAs hold each overall grade")


class Share(Answer):
    """Overall effectiveness: the headline shares, out of the councils with an overall grade."""

    graded: int = Field(description="Councils with an overall grade: the denominator")
    good_or_outstanding: int = Field(description="Of them, judged good or outstanding")
    good_or_outstanding_pct: int | None = Field(
        description="That as a whole percentage (halves up); null when none is graded"
    )
    inadequate: int = Field(description="Of them, judged inadequate")
    inadequate_pct: int | None = Field(description="That as a whole percentage (halves up)")


class Shares(Answer):
    """`answers.national.shares`: the same numbers as the pages and `csc-inspections stats`."""

    as_at: date = Field(description=f"The date of the count, {ISO}")
    england: Share = Field(description="Every council counted")
    regions: dict[str, Share] = Field(description="Per region")


class Uncounted(Answer):
    """A council that existed on the date but has no graded report counted."""

    urn: int | None = Field(description="The council's Ofsted URN, null where the lookup has none")
    la_code: str = Field(description="DfE three-digit LA code")
    name: str = Field(description="The council's name")
    created: Maybe[str] = Field(
        description=f"When a reorganisation created it, {ISO}; null for older councils"
    )


class Stats(Answer):
    """Each LA counted once, by its latest graded report published on or before `as_at`."""

    as_at: date = Field(description=f"The date of the count, {ISO}")
    las_counted: int = Field(description="LAs with a graded report by then")
    areas: dict[CountedArea, Counts] = Field(description="Per area, LAs per grade")
    regions: dict[str, RegionCounts] = Field(description="Per region, LAs per overall grade")
    las_existing: int = Field(
        description="Councils with children's services duties that existed on `as_at` (after "
        "reorganisations, data/lineage.csv): the denominator of a share"
    )
    without_report: list[Uncounted] = Field(
        description="Existing councils that no graded report held counts: not yet inspected "
        "since their creation, or a report the database lacks"
    )
    shares: Shares = Field(description="Good or outstanding, and inadequate, as shares")


class Change(Answer):
    """A report whose grade in `area` differs from the LA's previous grade there."""

    urn: int = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    region: Maybe[str] = Field(description="English region of the LA")
    area: CountedArea = Field(description="The area")
    direction: Annotated[str, OneOf(("up", "down"))] = Field(description="up: better; down: worse")
    from_grade: ScaleGrade = Field(description="The previous grade")
    to_grade: ScaleGrade = Field(description="The new grade")
    from_publication_date: date = Field(description=f"Previous report's publication, {ISO}")
    to_publication_date: date = Field(description=f"This report's publication, {ISO}")
    from_file: str = Field(description="The previous report's stored PDF")
    to_file: str = Field(description="This report's stored PDF")


class Changes(Answer):
    area: CountedArea = Field(description="The area asked about")
    changes: list[Change] = Field(description="Changes published in the period, oldest first")
    transitions: dict[ScaleGrade, Counts] = Field(
        description="All consecutive reports held: from grade (outer key) to grade (inner)"
    )


class Episode(Answer):
    """One spell of inadequate overall effectiveness, with how and when it ended."""

    urn: int = Field(description="The LA's URN")
    la_name: Maybe[str] = Field(description="The LA's name (ONS)")
    start_date: date = Field(description=f"Publication of the first inadequate report, {ISO}")
    start_file: str = Field(description="That report's stored PDF")
    end_date: date = Field(description=f"Publication of the report ending it, or as_at, {ISO}")
    end_file: Maybe[str] = Field(description="The report ending it; null when censored")
    end_grade: Maybe[Grade] = Field(description="The better grade; null when censored")
    improved: bool = Field(description="true: improved (event); false: censored")
    reason: str = Field(description="How it ended, in words")
    months: float = Field(description="Length in months (365.25 / 12 days)")


class Step(Answer):
    """The Kaplan-Meier estimate just after `time`, with its 95% band."""

    time: float = Field(description="Months since the inadequate judgement")
    at_risk: int = Field(description="Episodes still open at that time")
    events: int = Field(description="Episodes ending in improvement at that time")
    censored: int = Field(description="Episodes censored at that time")
    survival: float = Field(description="Share still inadequate, 0 to 1")
    lower: float = Field(description="95% band, lower (0 to 1)")
    upper: float = Field(description="95% band, upper (0 to 1)")


class Median(Answer):
    median: Maybe[float] = Field(description="Median months to improve; null: not reached")
    lower: Maybe[float] = Field(description="95% interval, lower (months); null: not reached")
    upper: Maybe[float] = Field(description="95% interval, upper (months); null: not reached")


class TimeToImprove(Answer):
    """Months from an inadequate overall judgement to a better one (Kaplan-Meier)."""

    as_at: Maybe[date] = Field(description=f"Episodes still open are censored here, {ISO}")
    episodes: list[Episode] = Field(description="Every inadequate spell")
    steps: list[Step] = Field(description="The estimate, one step per distinct time")
    median: Median = Field(description="Median time and its 95% interval")


class Health(Answer):
    status: Annotated[str, OneOf(("ok",))] = Field(description="Always ok when the site answers")
    documents: int = Field(description="Documents stored")
    pages_kept: int = Field(description="Answers kept in memory, ready to send again")
    warming: bool = Field(description="Whether pages are still being built ahead in the background")
