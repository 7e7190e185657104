"""The database schema, declared once for SQLite and PostgreSQL alike.

Reports, letters between inspections and (later) inspections cited by reports all live in
`inspections`, told apart by `family`, so an LA's history is one ordered query. Every value read
from a document keeps its page and source text: judgements in their own columns, the scalar
facts of an inspection in `field_sources`.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from ..frameworks import frameworks
from ..model import AREAS, GRADES, LETTER_KINDS

SCHEMA_VERSION = 1

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
    Column("topic", Text, comment="letters: what the visit looked at"),
    _one_of("family", ("report", "letter")),
    _one_of("kind", tuple(frameworks()) + LETTER_KINDS),
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
    _one_of("area", AREAS),
    _one_of("grade", GRADES),
    UniqueConstraint("inspection_id", "area"),
    comment="Graded judgements, one per area of an inspection",
)

problems = Table(
    "problems",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("field", String(30), nullable=False),
    Column("message", Text, nullable=False),
    Column("page", Integer),
    comment="What the parser expected and could not read: missing is recorded, never invented",
)

meta = Table(
    "meta",
    metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)
