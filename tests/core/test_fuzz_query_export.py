"""Fuzzing what reads outside text: the query language and every exporter.

test_query.py checks the query language on chosen inputs and test_export_roundtrip.py reads short
texts back per format; here the inputs are arbitrary (any code point, controls, C1, lone
surrogates, very long lines, bytes decoded as latin-1) and the only promise checked is the one a
user relies on: a bad query is a QueryError with a one-line message, never another exception,
and an exporter takes any paper, notes and tags without raising.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import QueryError
from tui.core.export import FORMATS, render
from tui.core.library import Library
from tui.core.model import Link, Paper, PaperMeta, PaperState
from tui.core.parser import parse_digest
from tui.core.search import QueryEngine, parse_query

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TODAY = date(2026, 11, 29)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")

QUERY_PIECES = ["is:", "has:", "tag:", "title:", "abstract:", "-", '"', "OR", " ", "\t", ":",
                "is:read", "has:code", "-is:starred", "x:y", "megatron", "\x00", "\x1b[2J",
                "\u202e", "\u200b", "é\u0301", "漢字", "😀", "\ud800", "_", "--", "::"]

any_text = st.text(st.characters(codec=None), max_size=200)  # surrogates and controls included
pieced = st.lists(st.sampled_from(QUERY_PIECES), max_size=30).map("".join)
binaryish = st.binary(max_size=300).map(lambda b: b.decode("latin-1"))
long_line = st.builds(lambda ch, n: ch * n, st.sampled_from("a -\"é漢\x1b:"),
                      st.integers(1000, 20_000))
queries = st.one_of(any_text, pieced, binaryish, long_line)


class FakeState:
    """Every paper read, starred, noted and tagged 'x': state qualifiers have something to do."""

    def __init__(self, ids: set[str]) -> None:
        self.ids = ids

    def read_ids(self) -> set[str]:
        return self.ids

    def starred_ids(self) -> set[str]:
        return self.ids

    def noted_ids(self) -> set[str]:
        return set()

    def tag_ids(self, tag: str) -> set[str]:
        return self.ids if tag == "x" else set()

    def tag_counts(self) -> dict[str, int]:
        return {"x": len(self.ids)}


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QueryEngine:
    return QueryEngine(Library.open(tmp_path_factory.mktemp("home")).papers)


def _check_query_error(exc: QueryError) -> None:
    message = str(exc)
    assert message and "\n" not in message and "\r" not in message


@FUZZ
@given(queries)
def test_parse_query_raises_only_query_error(text: str) -> None:
    try:
        parse_query(text)
    except QueryError as exc:
        _check_query_error(exc)


@FUZZ
@given(text=queries, with_state=st.booleans())
def test_search_on_the_seed_raises_only_query_error(engine: QueryEngine, text: str,
                                                    with_state: bool) -> None:
    state = FakeState({p.id for p in engine.papers[::2]}) if with_state else None
    try:
        result = engine.search(text, state)
    except QueryError as exc:
        _check_query_error(exc)
        return
    assert len(set(result.indices)) == len(result.indices)
    assert all(0 <= i < len(engine.papers) for i in result.indices)
    for index in result.indices[:5]:
        spans = engine.title_spans(index, result.query)
        title = engine.papers[index].title
        assert all(0 <= start < end <= len(title) for start, end in spans)


# -- exporters ---------------------------------------------------------------------------------

texts = st.one_of(any_text, binaryish, long_line,
                  st.lists(st.one_of(any_text, long_line), max_size=4).map("\n".join))
tags = st.lists(st.text(min_size=1, max_size=30), max_size=4, unique=True).map(
    lambda t: tuple(sorted(t)))
urls = st.one_of(st.just("https://x.org/a"), any_text.map(lambda s: "https://x.org/" + s),
                 any_text)


@st.composite
def metas(draw: st.DrawFn) -> PaperMeta | None:
    """What a richer source says, every field hostile: names, ids, dates, categories, DOIs."""
    if draw(st.booleans()):
        return None
    return PaperMeta(
        authors=tuple(draw(st.lists(texts, max_size=4))),
        arxiv_id=draw(st.one_of(st.just("2501.01234"), st.just("hep-th/9901001"), any_text)),
        published=draw(st.one_of(st.just("2025-02-03"), st.just("9999-99-99"), any_text)),
        categories=tuple(draw(st.lists(any_text, max_size=2))),
        doi=draw(st.one_of(st.just("10.1000/a_b{c}"), any_text)),
    )


@st.composite
def items(draw: st.DrawFn) -> list[tuple[Paper, PaperState]]:
    count = draw(st.integers(0, 3))
    result = []
    for number in range(count):
        paper = Paper(
            id=draw(st.one_of(st.just(f"{number:012x}"), any_text)),
            title=draw(texts),
            abstract=draw(texts),
            links=tuple(Link(draw(urls), draw(st.sampled_from(["page", "code", "??"])))
                        for _ in range(draw(st.integers(0, 2)))),
            digest_dates=draw(st.sampled_from([(), ("2026-03-11",), ("bad-date",)])),
            meta=draw(metas()),
        )
        state = PaperState(read=draw(st.booleans()), starred=draw(st.booleans()),
                           notes=draw(texts), tags=draw(tags))
        result.append((paper, state))
    return result


@FUZZ
@given(items=items(), query=texts)
def test_every_exporter_takes_any_papers_authors_notes_and_tags(
        items: list[tuple[Paper, PaperState]], query: str) -> None:
    for fmt in FORMATS:
        document = render(fmt, items, query=query, today=TODAY)
        # Data never carries a raw escape or control character into a file someone may `cat`.
        assert not CONTROL.search(document), (fmt, CONTROL.search(document))
        document.encode("utf-8")  # lone surrogates (from argv or JSON) must not stop a write


# -- the digest parser on long lines (test_parser_properties.py covers short arbitrary input) ---

@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=long_line, abstract=st.one_of(long_line, binaryish))
def test_parser_takes_very_long_lines(title: str, abstract: str) -> None:
    from tui.core.errors import DigestError

    data = f"Mar 11\n\n{title}\n\n{abstract}\n\n".encode("utf-8", "surrogatepass")
    try:
        result = parse_digest(data, import_date=TODAY, source="fuzz")
    except DigestError as exc:
        assert "\n" not in str(exc)
        return
    for paper in result.papers:
        assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in paper.title)
    assert all(d.line >= 1 for d in result.diagnostics)



# -- the engine built on arbitrary papers (the seed has an abstract for every paper) -------------

paper_texts = st.one_of(st.just(""), any_text.map(lambda s: s.encode("utf-8", "replace")
                                                  .decode("utf-8")), long_line)


@FUZZ
@given(texts=st.lists(st.tuples(paper_texts, paper_texts), min_size=0, max_size=12),
       query=queries)
def test_an_engine_on_any_papers_searches_or_raises_query_error(
        texts: list[tuple[str, str]], query: str) -> None:
    papers = [Paper(id=f"{n:012x}", title=title, abstract=abstract, links=(),
                    digest_dates=("2026-03-11",), position=n)
              for n, (title, abstract) in enumerate(texts)]
    engine = QueryEngine(papers)
    try:
        result = engine.search(query)
    except QueryError as exc:
        _check_query_error(exc)
        return
    assert sorted(result.indices) == sorted(set(result.indices))
    assert all(0 <= i < len(papers) for i in result.indices)
