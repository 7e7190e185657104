"""Tagging the store: every item of every stored document tagged by the current model, a new
model re-tags everything, and a run that dies half-way leaves whole batches that the next run
completes. On SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from csc_inspections import themes
from csc_inspections.ingest import ingest
from csc_inspections.store import read
from csc_inspections.store import themes as stored
from csc_inspections.store.db import connect
from csc_inspections.store.schema import (
    finding_themes,
    findings,
    inspections,
    recommendation_themes,
    recommendations,
    themes_tagged,
)
from csc_inspections.themes.tagger import tagger
from csc_inspections.vocabulary import current
from tests.conftest import CORPUS
from tests.databases import new_database

ROCHDALE = [CORPUS / "reports" / "80542_rochdale", CORPUS / "letters" / "80542_rochdale"]


@pytest.fixture
def engine(backend: str, tmp_path: Path) -> Engine:
    found = connect(new_database(backend, tmp_path, "themes"))
    ingest(found, ROCHDALE)
    return found


def _count(engine: Engine, query: object) -> int:
    with engine.connect() as conn:
        return int(conn.execute(query).scalar_one())  # type: ignore[call-overload]


def test_ingest_tags_every_document_with_the_current_model(engine: Engine) -> None:
    with engine.connect() as conn:
        models = conn.execute(select(themes_tagged.c.model).distinct()).scalars().all()
        documents = conn.execute(
            select(func.count()).where(inspections.c.document_id.is_not(None))
        ).scalar_one()
    assert models == [themes.model_version()]
    assert _count(engine, select(func.count()).select_from(themes_tagged)) == documents > 0
    # Each stored tag is the tagger's reading of that item's text, over its theme's threshold
    model = tagger()
    cut = dict(zip(model.themes, model.thresholds, strict=True))
    points = read.recommendations(engine)
    assert sum(bool(p.themes) for p in points) > len(points) * 0.8
    for point, tags in zip(points, model.tags([p.text for p in points]), strict=True):
        assert point.themes == tuple(t.theme for t in tags)
    with engine.connect() as conn:
        for theme, score in conn.execute(select(finding_themes.c.theme, finding_themes.c.score)):
            assert score >= cut[theme] - 1e-4


def test_a_second_ingest_tags_nothing(engine: Engine) -> None:
    assert themes.tag_store(engine) == 0


@dataclass
class _Fake:
    """A model that tags every text with one theme, and can die after some batches."""

    version: str
    theme: str = "workforce"
    die_after: int | None = None
    calls: int = 0

    def tags(self, texts: Sequence[str]) -> list[tuple[stored.Tags, ...]]:
        self.calls += 1
        if self.die_after is not None and self.calls > self.die_after:
            raise KeyboardInterrupt  # what Ctrl-C raises mid-run
        return [(_Tag(self.theme, 0.9),) for _ in texts]


@dataclass(frozen=True)
class _Tag:
    theme: str
    score: float


def _themes_in_store(engine: Engine) -> set[str]:
    with engine.connect() as conn:
        found = conn.execute(select(recommendation_themes.c.theme).distinct()).scalars()
        return {*found, *conn.execute(select(finding_themes.c.theme).distinct()).scalars()}


def test_a_new_model_re_tags_the_whole_store(engine: Engine) -> None:
    model = _Fake("another model", theme="early_help")
    with engine.connect() as conn:
        todo = stored.stale(conn, model.version)
    assert len(todo) == _count(engine, select(func.count()).select_from(themes_tagged))
    stored.tag(engine, model, todo)
    assert _themes_in_store(engine) == {"early_help"}
    every_item = _count(engine, select(func.count()).select_from(recommendations)) + _count(
        engine, select(func.count()).select_from(findings)
    )
    tagged_items = _count(engine, select(func.count()).select_from(recommendation_themes)) + _count(
        engine, select(func.count()).select_from(finding_themes)
    )
    assert tagged_items == every_item
    # Back to the real model: stale again, and re-tagged by it
    assert themes.tag_store(engine) == len(todo)
    assert len(_themes_in_store(engine)) > 5


def test_an_interrupted_tagging_leaves_whole_batches_and_the_next_run_finishes(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stored, "BATCH", 2)
    model = _Fake("model two", die_after=2)  # two item kinds a batch: dies in batch two
    with engine.connect() as conn:
        todo = stored.stale(conn, model.version)
    assert len(todo) >= 4
    before = _tags_of(engine, todo[2:])
    with pytest.raises(KeyboardInterrupt):
        stored.tag(engine, model, todo)
    with engine.connect() as conn:
        done = set(
            conn.execute(
                select(themes_tagged.c.inspection_id).where(themes_tagged.c.model == "model two")
            ).scalars()
        )
        left = stored.stale(conn, "model two")
    assert done == set(todo[:2])  # the first batch whole, nothing of the second
    assert left == todo[2:]
    assert _tags_of(engine, todo[2:]) == before  # the rest keep their tags: nothing half-done
    assert {t for _, t in _tags_of(engine, todo[:2])} == {"workforce"}
    stored.tag(engine, _Fake("model two"), left)
    with engine.connect() as conn:
        assert stored.stale(conn, "model two") == []


def _tags_of(engine: Engine, documents: list[int]) -> set[tuple[int, str]]:
    r, t = recommendations, recommendation_themes
    query = (
        select(t.c.recommendation_id, t.c.theme)
        .join(r, r.c.id == t.c.recommendation_id)
        .where(r.c.inspection_id.in_(documents))
    )
    with engine.connect() as conn:
        return {(row[0], row[1]) for row in conn.execute(query)}


def test_tags_are_known_themes(engine: Engine) -> None:
    assert _themes_in_store(engine) <= set(current().theme_keys)


def test_the_command_line_says_how_many_documents_it_tagged(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from csc_inspections.cli import app

    db = str(tmp_path / "cli.db")
    folder = str(CORPUS / "reports" / "80542_rochdale")
    first = CliRunner().invoke(app, ["--db", db, "ingest", folder])
    assert "themes: the items of 3 documents tagged" in first.stdout
    again = CliRunner().invoke(app, ["--db", db, "ingest", folder])
    assert "themes:" not in again.stdout  # nothing new, the same model
