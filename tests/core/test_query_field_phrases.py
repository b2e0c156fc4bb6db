"""A quoted value of a field qualifier is a phrase within that field: `title:"pipeline
parallelism"` matched "Pipelined Model Parallelism" (both words as prefixes, anywhere)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.library import Library
from tui.core.model import Paper
from tui.core.search import QueryEngine

GPIPE = "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism"
BALANCING = "Balancing Pipeline Parallelism with Vocabulary Parallelism"
GNNPIPE = "GNNPipe: Scaling Deep GNN Training with Pipelined Model Parallelism"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QueryEngine:
    return QueryEngine(Library.open(tmp_path_factory.mktemp("home")).papers)


def titles(engine: QueryEngine, query: str) -> set[str]:
    return {engine.papers[i].title for i in engine.search(query).indices}


def test_a_quoted_title_value_is_a_phrase_in_the_title(engine: QueryEngine) -> None:
    assert titles(engine, 'title:"pipeline parallelism"') == {GPIPE, BALANCING}
    assert GNNPIPE in titles(engine, "title:pipeline title:parallelism")  # words: still found


def test_a_negated_quoted_title_value_is_the_rest(engine: QueryEngine) -> None:
    negated = titles(engine, '-title:"pipeline parallelism"')
    assert len(negated) == 86 and GNNPIPE in negated
    assert not negated & {GPIPE, BALANCING}


def test_the_phrase_is_marked_whole_in_the_title(engine: QueryEngine) -> None:
    result = engine.search('title:"pipeline parallelism"')
    first = int(result.indices[0])
    title = engine.papers[first].title
    assert [title[a:b] for a, b in engine.title_spans(first, result.query)] == [
        "Pipeline Parallelism"]


PAPERS = [
    Paper(id="a1", title="Pipeline parallelism at scale", abstract="We shard layers."),
    Paper(id="b2", title="Sharding layers", abstract="We study pipeline parallelism here."),
    Paper(id="c3", title="Parallelism of the pipeline", abstract="Parallelism, pipeline."),
]


@pytest.mark.parametrize(("query", "expected"), [
    ('title:"pipeline parallelism"', {"a1"}),
    ('abstract:"pipeline parallelism"', {"b2"}),
    ('"pipeline parallelism"', {"a1", "b2"}),
    ('-abstract:"pipeline parallelism"', {"a1", "c3"}),
    ('title:"pipeline parallelism" OR abstract:"pipeline parallelism"', {"a1", "b2"}),
    ('abstract:"shard layers"', {"a1"}),
    ('title:"shard layers"', set()),
])
def test_a_field_phrase_looks_in_that_field_only(query: str, expected: set[str]) -> None:
    engine = QueryEngine(PAPERS)
    assert {engine.papers[i].id for i in engine.search(query).indices} == expected


def _words(alphabet: str) -> st.SearchStrategy[list[str]]:
    return st.lists(st.text(alphabet=alphabet, min_size=1, max_size=4), min_size=2, max_size=8)


@given(_words("abc"), _words("xyz"), st.integers(0, 6), st.integers(1, 3), st.booleans())
def test_a_field_phrase_is_found_in_its_field_and_only_there(
        title_words: list[str], abstract_words: list[str], at: int, length: int,
        from_title: bool) -> None:
    words = title_words if from_title else abstract_words
    phrase = " ".join(words[at:at + length]) or words[0]
    engine = QueryEngine([Paper(id="a1", title=" ".join(title_words),
                                abstract=" ".join(abstract_words))])
    own, other = ("title", "abstract") if from_title else ("abstract", "title")
    assert len(engine.search(f'{own}:"{phrase}"')) == 1
    assert len(engine.search(f'{other}:"{phrase}"')) == 0
    assert len(engine.search(f'-{own}:"{phrase}"')) == 0
    assert len(engine.search(f'-{other}:"{phrase}"')) == 1
