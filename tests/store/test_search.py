"""Full-text search on real reports: phrases, prefixes, filters, pages, and bad queries."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine

from csc_inspections.errors import UsageError
from csc_inspections.ingest import ingest
from csc_inspections.model import Section
from csc_inspections.store import query as query_syntax
from csc_inspections.store.db import connect
from csc_inspections.store.search import (
    MARK_END,
    MARK_START,
    Filters,
    count,
    passages,
    search,
    to_fts,
)
from tests.conftest import CORPUS
from tests.databases import new_database

ROTHERHAM_2014 = "80543_rotherham/children's services inspection - 19 november 2014.pdf"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, backend: str) -> Iterator[Engine]:
    engine = connect(new_database(backend, tmp_path_factory.mktemp("search"), "search"))
    ingest(
        engine,
        [
            CORPUS / "reports" / "80543_rotherham",
            CORPUS / "reports" / "80418_norfolk",
            CORPUS / "letters" / "80543_rotherham",
        ],
    )
    yield engine
    engine.dispose()


def test_phrase_hit_names_file_page_and_marks_the_match(engine: Engine) -> None:
    hits = search(engine, '"management oversight"', Filters(urn=80543), limit=100)
    pages_2014 = {h.page for h in hits if h.file == ROTHERHAM_2014}
    # read in the PDF: page 14 ("no management oversight recorded on files") and page 32
    # ("the management oversight of assessment, intervention and planning for care leavers")
    assert {14, 32} <= pages_2014
    assert all(MARK_START in h.snippet and MARK_END in h.snippet for h in hits)
    marked = f"{MARK_START}management oversight{MARK_END}"
    assert marked in " ".join(hits[0].snippet.lower().split())
    assert {h.urn for h in hits} == {80543}


def test_prefix_query_and_stemming(engine: Engine) -> None:
    assert search(engine, "safeguard*", limit=5)
    stemmed = {h.file for h in search(engine, "inspecting", limit=100)}
    assert ROTHERHAM_2014 in stemmed  # the report says "inspection" / "inspected"


def test_filters(engine: Engine) -> None:
    norfolk = search(engine, "children", Filters(urn=80418), limit=50)
    assert norfolk and {h.la_name for h in norfolk} == {"Norfolk"}
    letters = search(engine, "children", Filters(kinds=("focused_visit",)), limit=50)
    assert letters and {h.kind for h in letters} == {"focused_visit"}
    recent = search(engine, "children", Filters(since=date(2022, 1, 1)))
    assert all(h.publication_date and h.publication_date >= date(2022, 1, 1) for h in recent)


@pytest.mark.parametrize("query", ['"unclosed', "AND", "manag* AND (", "   "])
def test_malformed_queries_are_usage_errors(engine: Engine, query: str) -> None:
    with pytest.raises(UsageError):
        search(engine, query)


def test_hostile_query_is_data_not_sql(engine: Engine) -> None:
    hits = search(engine, '"\'; DROP TABLE documents; --"')
    assert hits == []
    assert search(engine, "children", limit=1)


def test_passages_are_sections_cut_at_page_breaks() -> None:
    sections = [
        Section("summary", "Summary of findings", 1, 2, "abc\fmore abc"),
        Section("strengths", "", 2, 2, "xyz"),
    ]
    got = [(p.page, p.section_kind, p.text) for p in passages(sections)]
    assert got == [
        (1, "summary", "Summary of findings\nabc"),
        (2, "summary", "more abc"),
        (2, "strengths", "xyz"),
    ]


def test_users_words_are_text_not_syntax(engine: Engine) -> None:
    """Hyphens, apostrophes and FTS keywords in what people type are searched as words."""
    assert search(engine, "pre-proceedings", limit=1) is not None
    assert search(engine, "children's services", limit=1)
    # NOT binds tighter than AND (FTS5's precedence), made explicit for either database
    assert to_fts('leaders AND "social work" NOT adopt*') == (
        '("leaders" AND ("social work" NOT "adopt"*))'
    )


@given(st.text(max_size=40))
def test_any_query_is_translated_or_refused_plainly(query: str) -> None:
    try:
        translated = to_fts(query)
    except UsageError:
        return
    assert translated.strip()


@pytest.mark.parametrize(
    ("query", "filters", "total"),
    [
        ('"management oversight"', Filters(urn=80543), 19),
        ('"management oversight"', Filters(), 31),
        ('"care leavers" NOT "personal adviser"', Filters(kinds=("focused_visit",)), 2),
        ("zzzqqq", Filters(), 0),
    ],
)
def test_count_is_the_same_total_on_either_database(
    engine: Engine, query: str, filters: Filters, total: int
) -> None:
    """The total a search states ("N results, showing 1-20"): every passage the search could
    list, counted from the index alone; measured on SQLite, held on PostgreSQL (whose search
    also lists, last, passages whose heading alone holds the query: those are not counted)."""
    assert count(engine, query, filters) == total
    listed = search(engine, query, filters, limit=500)
    assert len([h for h in listed if h.score != 0]) == total


def test_count_refuses_a_malformed_query_as_search_does(engine: Engine) -> None:
    with pytest.raises(UsageError, match="a quotation mark is not closed"):
        count(engine, '"unclosed')


def test_sort_by_date_is_newest_first_and_pages_follow_it(engine: Engine) -> None:
    newest = search(engine, "children", limit=400, order="date")
    days = [h.publication_date for h in newest]
    assert None not in days and len(set(days)) > 2
    assert days == sorted(days, reverse=True)
    # the same order page by page, and the same passages as by relevance
    pages = [h for n in range(3) for h in search(engine, "children", limit=7, offset=7 * n,
                                                   order="date")]  # fmt: skip
    assert [(h.file, h.page, h.section) for h in pages] == [
        (h.file, h.page, h.section) for h in newest[:21]
    ]
    best = search(engine, "children", limit=400)
    assert sorted((h.file, h.page, h.section) for h in best) == sorted(
        (h.file, h.page, h.section) for h in newest
    )
    filtered = search(engine, "children", Filters(urn=80418), limit=50, order="date")
    assert filtered and {h.la_name for h in filtered} == {"Norfolk"}
    assert [h.publication_date for h in filtered] == sorted(
        (h.publication_date for h in filtered),
        reverse=True,
    )


def test_an_order_not_offered_is_refused(engine: Engine) -> None:
    with pytest.raises(UsageError, match="order"):
        search(engine, "children", order="score; DROP TABLE passages")


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ('"management oversight', ["management", "oversight"]),
        ("<script>alert(1)</script>", ["script", "alert", "1", "script"]),
        ("AND OR", ["AND", "OR"]),
        ("manag* AND (", ["manag", "AND"]),
    ],
)
def test_a_query_not_in_syntax_reads_as_plain_words(typed: str, words: list[str]) -> None:
    tree, plain = query_syntax.read(typed)
    assert plain and tree is not None
    assert [t.text for t in query_syntax.terms(tree)] == words
    assert not any(t.prefix for t in query_syntax.terms(tree))


def test_plain_reading_of_nothing_and_of_a_long_text() -> None:
    assert query_syntax.read("*") == (None, True)
    tree, plain = query_syntax.read("care " * 200)
    assert plain and tree is not None
    assert len(query_syntax.terms(tree)) == query_syntax.PLAIN_WORDS
    assert query_syntax.read('"care leavers" OR adoption')[1] is False


def test_a_plain_reading_is_searched_and_counted(engine: Engine) -> None:
    tree, _ = query_syntax.read('"management oversight')
    assert tree is not None
    assert search(engine, tree, limit=5)
    assert count(engine, tree) == count(engine, "management oversight") > 0


@pytest.mark.parametrize("query", ["neglect", "management oversight", "advocacy", "zzyzx"])
def test_a_result_page_states_the_count_of_every_match(engine: Engine, query: str) -> None:
    """The total a page states is the count of every match, whether it is worked out from the
    last page's hits or counted apart, on the first page and on the last."""
    from csc_inspections.answers import Store
    from csc_inspections.answers.search import results

    store, tree = Store(engine), query_syntax.read(query)[0]
    assert tree is not None
    everything = count(engine, tree)
    for size in (5, 1000):
        first = results(store, query, size=size)
        assert first.total == everything
        last = results(store, query, page=first.last_page, size=size)
        assert last.total == everything
        assert len(last.hits) == everything - (first.last_page - 1) * size
        past = results(store, query, page=first.last_page + 1, size=size)
        assert past.total == everything and not past.hits
