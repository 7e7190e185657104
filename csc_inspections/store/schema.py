"""The database schema, declared once for SQLite and PostgreSQL alike.

Reports, letters between inspections and (later) inspections cited by reports all live in
`inspections`, told apart by `family`, so an LA's history is one ordered query. Every value read
from a document keeps its page and source text: judgements in their own columns, the scalar
facts of an inspection in `field_sources`.

Areas, grades and kinds are the vocabulary's (data/), checked when rows are written rather
than by CHECK constraints, so that a new framework is rows in data/ and not a migration. The
schema changes only through the migrations in `store/migrations`.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()


def _one_of(column: str, values: tuple[str, ...]) -> CheckConstraint:
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=f"ck_{column}_allowed")


local_authorities = Table(
    "local_authorities",
    metadata,
    Column("urn", Integer, primary_key=True, comment="Ofsted's unique reference number of the LA"),
    Column("name", Text, nullable=False, comment="ONS name"),
    Column("la_code", String(3), comment="DfE three-digit LA code"),
    Column(
        "ons_code", String(9), comment="ONS nine-character code (E06..., E08..., E09..., E10...)"
    ),
    Column("region", Text),
    Column("la_type", Text),
    Column("child_population", Integer, comment="ONS population aged 0-25"),
    Column(
        "stat_neighbours", Text, comment="ten statistical neighbours, DfE LA codes, comma-separated"
    ),
    comment="English local authorities with children's social care duties (la_lookup.csv)",
)

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "sha256", String(64), nullable=False, unique=True, comment="content hash: the import key"
    ),
    Column("label", Text, nullable=False, comment="<folder>/<file name>, as the corpus names it"),
    Column("path", Text, nullable=False, comment="where the file was read from"),
    Column("size", Integer, nullable=False),
    Column("pages", Integer, nullable=False),
    Column("family", String(10), nullable=False),
    Column("parser_version", String(20), nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    _one_of("family", ("report", "letter")),
    comment="Every PDF stored, one row each: also the import log",
)

pages = Table(
    "pages",
    metadata,
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("number", Integer, primary_key=True, comment="1-based page number"),
    Column("text", Text, nullable=False, comment="cleaned text of the page"),
)

inspections = Table(
    "inspections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), unique=True),
    Column("family", String(10), nullable=False, comment="report or letter"),
    Column("kind", String(30), nullable=False, comment="report framework or letter kind"),
    Column("urn", ForeignKey("local_authorities.urn"), comment="null when the LA was not resolved"),
    Column("la_name_text", Text, comment="the LA's name as the document prints it"),
    Column("start_date", Date, comment="first day on site"),
    Column("end_date", Date, comment="last day on site"),
    Column("letter_date", Date, comment="letters: the date the letter prints"),
    Column("publication_date", Date),
    Column("publication_date_source", String(10), comment="text or file_name"),
    Column(
        "inspectors", Text, comment="reports: lead inspector(s); letters: inspectors; '; '-joined"
    ),
    Column("topic", Text, comment="letters: what the visit looked at; cited: what was inspected"),
    Column(
        "date_precision",
        String(5),
        nullable=False,
        server_default="day",
        comment="day; month or year for inspections known only from a later report's citation"
        " (start_date is then the month's or the year's first day)",
    ),
    Column(
        "cited_by",
        ForeignKey("inspections.id", ondelete="CASCADE"),
        index=True,
        comment="cited: the report that cites this inspection",
    ),
    Column("cited_page", Integer, comment="cited: the page of the citing report"),
    Column("cited_text", Text, comment="cited: the sentence of the citing report"),
    _one_of("family", ("report", "letter", "cited")),
    _one_of("date_precision", ("day", "month", "year")),
    _one_of("publication_date_source", ("text", "file_name")),
    CheckConstraint(
        "start_date IS NULL OR end_date IS NULL OR start_date <= end_date", name="ck_dates_ordered"
    ),
    comment="Inspections and visits of an LA: graded reports and letters between them",
)
Index("ix_inspections_urn_date", inspections.c.urn, inspections.c.publication_date)

field_sources = Table(
    "field_sources",
    metadata,
    Column("inspection_id", ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True),
    Column("field", String(30), primary_key=True),
    Column("page", Integer, comment="null when read from the file name"),
    Column("text", Text, nullable=False, comment="the text the value was read from"),
    comment="Provenance of each scalar fact of an inspection",
)

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("inspection_id", ForeignKey("inspections.id", ondelete="CASCADE"), nullable=False),
    Column("area", String(30), nullable=False, comment="canonical area"),
    Column("grade", String(25), nullable=False, comment="normalised grade"),
    Column("area_text", Text, nullable=False, comment="the area as printed"),
    Column("grade_text", Text, nullable=False, comment="the grade as printed"),
    Column("page", Integer),
    Column("source_text", Text, nullable=False),
    UniqueConstraint("inspection_id", "area"),
    comment="Graded judgements, one per area of an inspection",
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("field", String(30), nullable=False),
    Column("message", Text, nullable=False),
    Column("page", Integer),
    comment="What the parser expected and could not read: missing is recorded, never invented",
)

sections = Table(
    "sections",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("ordinal", Integer, nullable=False, comment="position in the document, from 1"),
    Column("kind", String(40), nullable=False, comment="canonical kind (data/sections.csv)"),
    Column("heading", Text, nullable=False, comment="the heading as printed"),
    Column("page_start", Integer, nullable=False),
    Column("page_end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column(
        "footnotes",
        Text,
        comment="the footnotes printed at the foot of its pages, one a line; null: none",
    ),
    CheckConstraint("page_start <= page_end", name="ck_section_pages"),
    comment="Titled sections of a document, in order",
)

passages = Table(
    "passages",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("page", Integer, nullable=False),
    Column("section_kind", String(40), nullable=False),
    Column("heading", Text, nullable=False),
    Column("text", Text, nullable=False),
    comment="The text of one section on one page: the unit of full-text search",
)
Index("ix_passages_document", passages.c.document_id)

recommendations = Table(
    "recommendations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "inspection_id",
        ForeignKey("inspections.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("scope", String(10), nullable=False, comment="main, lscb, or agencies (JTAI)"),
    Column("number", Integer, nullable=False, comment="position in its list, from 1"),
    Column("printed_number", Integer, comment="the number printed before it; none if bulleted"),
    Column(
        "group_name",
        String(30),
        comment="the list it is printed under: a key of data/item_groups.csv (priority, ...)",
    ),
    Column(
        "form",
        String(10),
        nullable=False,
        server_default="listed",
        comment="listed (a recommendation) or narrative (a JTAI area for improvement paragraph)",
    ),
    Column("heading", Text, comment="the sub-heading the point sits under"),
    Column("text", Text, nullable=False),
    Column("framework_ref", Text, comment="ILACS: cross-reference to the national framework"),
    Column("agencies", Text, comment="JTAI: agencies addressed, '; '-joined"),
    Column("page", Integer),
    _one_of("scope", ("main", "lscb", "agencies")),
    _one_of("form", ("listed", "narrative")),
    comment="Improvement points: what the report or letter asks to improve",
)

findings = Table(
    "findings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "inspection_id",
        ForeignKey("inspections.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("number", Integer, nullable=False),
    Column("heading", Text),
    Column("text", Text, nullable=False),
    Column("page", Integer),
    comment="Key findings: summary bullets of reports, findings of letters",
)


def _themes_of(item: str) -> Table:
    """Themes of one kind of item, with the tagger's score (only themes over its threshold)."""
    return Table(
        f"{item}_themes",
        metadata,
        Column(
            f"{item}_id",
            ForeignKey(f"{item}s.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        Column("theme", String(30), primary_key=True, comment="a key of data/themes.csv"),
        Column("score", Float, nullable=False, comment="the tagger's probability, 0 to 1"),
        Index(f"ix_{item}_themes_theme", "theme"),
        comment=f"The practice themes each {item} is about, as the theme tagger reads them",
    )


recommendation_themes = _themes_of("recommendation")
finding_themes = _themes_of("finding")

themes_tagged = Table(
    "themes_tagged",
    metadata,
    Column("inspection_id", ForeignKey("inspections.id", ondelete="CASCADE"), primary_key=True),
    Column("model", Text, nullable=False, comment="the tagger's version that tagged its items"),
    comment="Which documents' items are tagged, and by which model: a new model re-tags them",
)


figures = Table(
    "figures",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "inspection_id",
        ForeignKey("inspections.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("name", String(40), nullable=False),
    Column("value_number", Float, comment="numeric figures"),
    Column("value_text", Text, comment="dates and words (e.g. interim)"),
    Column("unit", String(10), nullable=False),
    Column("as_at", Date),
    Column(
        "as_at_precision",
        String(5),
        nullable=False,
        server_default="day",
        comment="day, or month where the report prints only a month (as_at is its first day)",
    ),
    Column("page", Integer),
    Column("source_text", Text, nullable=False),
    _one_of("unit", ("count", "percent", "per_10000", "date", "text")),
    _one_of("as_at_precision", ("day", "month")),
    comment="Context figures from 'Information about this local authority area'",
)

publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("url", Text, nullable=False, unique=True, comment="the file link as the site gives it"),
    Column("urn", Integer, nullable=False, index=True, comment="the provider's URN on the site"),
    Column("la_name", Text, nullable=False, comment="the provider's name as the site prints it"),
    Column("kind", String(30), nullable=False, comment="the site's kind, from the label"),
    Column("title", Text, nullable=False, comment="the publication's title as the site labels it"),
    Column("published", Date, comment="the date the site gives"),
    Column("state", String(10), nullable=False, comment="listed, held, missing or failed"),
    Column("label", Text, comment="held: <folder>/<file> under the data folder (documents.label)"),
    Column("sha256", String(64), comment="held: the content hash (documents.sha256)"),
    Column("message", Text, comment="missing or failed: why"),
    Column("first_seen", DateTime, nullable=False),
    Column("checked_at", DateTime, nullable=False),
    _one_of("state", ("listed", "held", "missing", "failed")),
    comment="Every publication seen on Ofsted's report site by `sync`: its record and resume log",
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
    comment="Release 0.1 kept schema_version = 1 here; later schemas are Alembic revisions",
)

data_version = Table(
    "data_version",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("version", Integer, nullable=False, comment="one more for each document stored"),
    CheckConstraint("id = 1", name="ck_data_version_one_row"),
    comment="One row that every write of documents changes, in the same transaction: readers "
    "(the web cache) learn that the data changed from one indexed read",
)
