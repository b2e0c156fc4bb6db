"""The query engine on the seed digest: ranking, typos, qualifiers, negation, OR, phrases."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.core.errors import QueryError
from tui.core.library import Library
from tui.core.search import QueryEngine, parse_query


@dataclass
class FakeState:
    """A StateView with plain sets, standing in for the user's state."""

    read: set[str] = field(default_factory=set)
    starred: set[str] = field(default_factory=set)
    noted: set[str] = field(default_factory=set)
    tags: dict[str, set[str]] = field(default_factory=dict)

    def read_ids(self) -> set[str]:
        return self.read

    def starred_ids(self) -> set[str]:
        return self.starred

    def noted_ids(self) -> set[str]:
        return self.noted

    def tag_ids(self, tag: str) -> set[str]:
        return self.tags.get(tag, set())

    def tag_counts(self) -> dict[str, int]:
        return {t: len(ids) for t, ids in self.tags.items()}


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return Library.open(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def engine(library: Library) -> QueryEngine:
    return QueryEngine(library.papers)


def titles(engine: QueryEngine, query: str, state: FakeState | None = None) -> list[str]:
    return [engine.papers[i].title for i in engine.search(query, state).indices]


def test_empty_query_lists_everything_in_digest_order(engine: QueryEngine) -> None:
    result = engine.search("")
    assert list(result.indices) == list(range(88))
    assert [engine.papers[i].position for i in result.indices] == list(range(88))


@pytest.mark.parametrize("query", ["megatron", "megatorn", "MEGATRON", "megatrn", "megat"])
def test_typos_and_prefixes_find_both_megatron_papers(engine: QueryEngine, query: str) -> None:
    found = titles(engine, query)
    megatron = [t for t in found[:2] if "Megatron-LM" in t]
    assert len(megatron) == 2, found[:3]


def test_title_matches_rank_above_abstract_matches(engine: QueryEngine) -> None:
    found = titles(engine, "distillation")
    in_title = [t for t in found if "distillation" in t.lower()]
    assert len(in_title) >= 3
    assert found[: len(in_title)] == in_title
    assert len(found) > len(in_title)  # abstract-only matches are listed too, below


def test_all_words_must_match(engine: QueryEngine) -> None:
    found = titles(engine, "pipeline vocabulary")
    assert found[0] == "Balancing Pipeline Parallelism with Vocabulary Parallelism"
    for title in found:
        paper = next(p for p in engine.papers if p.title == title)
        text = (paper.title + paper.abstract).lower()
        assert "pipeline" in text and "vocabular" in text


def test_phrase_must_appear_verbatim(engine: QueryEngine) -> None:
    found = titles(engine, '"pipeline parallelism"')
    assert found
    for title in found:
        paper = next(p for p in engine.papers if p.title == title)
        text = " ".join((paper.title + " " + paper.abstract).lower().split())
        assert "pipeline parallelism" in text
    assert len(titles(engine, "pipeline parallelism")) >= len(found)


def test_negation_and_or(engine: QueryEngine) -> None:
    with_code = set(titles(engine, "has:code"))
    without = set(titles(engine, "-has:code"))
    assert len(with_code) == 24 and len(without) == 64 and not with_code & without
    either = titles(engine, "megatron OR dspy")
    assert {t.split(":")[0] for t in either} >= {"DSPy", "Megatron-LM"}
    assert not [t for t in titles(engine, "megatron -title:efficient") if "Efficient" in t]


def test_title_and_abstract_qualifiers(engine: QueryEngine) -> None:
    in_title = titles(engine, "title:dspy")
    assert in_title == [
        "DSPy: Compiling Declarative Language Model Calls into Self-Improving Pipelines"]
    in_abstract = titles(engine, "abstract:dspy")
    assert in_title[0] in in_abstract and len(in_abstract) >= 1


def test_state_qualifiers(engine: QueryEngine) -> None:
    ids = [p.id for p in engine.papers]
    state = FakeState(read={ids[0], ids[1]}, starred={ids[1]}, noted={ids[2]},
                      tags={"todo": {ids[3], ids[4]}})
    assert len(engine.search("is:read", state)) == 2
    assert len(engine.search("is:unread", state)) == 86
    assert len(engine.search("-is:read", state)) == 86
    assert [engine.papers[i].id for i in engine.search("is:starred", state).indices] == [ids[1]]
    assert [engine.papers[i].id for i in engine.search("has:notes", state).indices] == [ids[2]]
    assert len(engine.search("tag:todo", state)) == 2
    assert len(engine.search("tag:todo OR is:starred", state)) == 3
    assert len(engine.search("is:read is:starred", state)) == 1
    assert len(engine.search("has:tags", state)) == 2


def test_without_state_everything_is_unread(engine: QueryEngine) -> None:
    assert len(engine.search("is:unread")) == 88
    assert len(engine.search("is:read")) == 0
    assert len(engine.search("is:new")) == 88  # the seed is the latest (only) import


@pytest.mark.parametrize(("query", "message"), [
    ("foo:bar", "unknown qualifier 'foo:'"),
    ("is:banana", "is: takes read, unread"),
    ("has:wings", "has: takes notes"),
])
def test_bad_qualifiers_are_clear_errors(engine: QueryEngine, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        engine.search(query)


def test_title_colon_words_are_text() -> None:
    query = parse_query("DSPy: Compiling")
    assert [t.kind for c in query.clauses for t in c] == ["text", "text"]


def test_title_spans_mark_the_matched_characters(engine: QueryEngine) -> None:
    result = engine.search("megatorn train")
    first = result.indices[0]
    title = engine.papers[first].title
    marked = [title[a:b] for a, b in engine.title_spans(first, result.query)]
    assert "Megatron" in marked and any(m.lower() == "train" for m in marked)


def test_cached_index_gives_the_same_results(library: Library, tmp_path: Path) -> None:
    built = QueryEngine(library.papers, cache_dir=tmp_path)
    assert (tmp_path / "index.pickle").exists()
    loaded = QueryEngine(library.papers, cache_dir=tmp_path)
    for query in ("megatorn", "pipeline", "has:code language"):
        assert list(built.search(query).indices) == list(loaded.search(query).indices)


@pytest.mark.parametrize(("query", "message"), [
    ("tag:", "tag: needs a value"),
    ("is:", "is: needs a value"),
    ("title:(", "title: needs a word"),
    ('"pipeline par', "unclosed quote"),
    ('title:"pipeline par', "unclosed quote"),
    ('""', "nothing to search for"),
    ("title:", "title: needs a value"),
    ("-", "'-' must be followed by a term"),
    ("OR", "OR needs a term on each side"),
    ("a OR OR b", "OR needs a term on each side"),
    ("megatron OR", "OR needs a term on each side"),
    ("!!!", "nothing to search for"),
])
def test_an_unfinished_query_is_an_error(engine: QueryEngine, query: str,
                                         message: str) -> None:
    """One parser for the filter bar and --query: what the CLI refuses the bar refuses too
    (the bar says so once typing settles, keeping the last good result)."""
    with pytest.raises(QueryError, match=message):
        engine.search(query)


def test_complete_queries_are_accepted(engine: QueryEngine) -> None:
    for query in ('"pipeline parallelism"', "-is:read has:code", "DSPy: compiling", "a OR b",
                  'title:"pipeline parallelism"', '-abstract:"we propose"', "https:/"):
        engine.search(query)


def test_a_short_word_being_typed_is_not_typo_matched(engine: QueryEngine) -> None:
    found = titles(engine, "mega")
    assert found and all("mega" in (t + next(p.abstract for p in engine.papers if p.title == t)
                                     ).lower() for t in found)



@pytest.mark.parametrize("link", ["https://github.com/stanfordnlp/dspy",
                                  "github.com/stanfordnlp/dspy"])
def test_a_pasted_link_finds_its_paper(engine: QueryEngine, link: str) -> None:
    """`paperdeck list -q https://github.com/...` said "unknown qualifier 'https:'" (exit 7);
    abstracts end with their links, so a pasted link finds its paper."""
    found = [engine.papers[i].title for i in engine.search(link).indices]
    assert len(found) == 1 and found[0].startswith("DSPy:")
    assert len(engine.search(f"-{link}")) == 87


def test_a_link_half_typed_is_no_error(engine: QueryEngine) -> None:
    engine.search("https:/")
    with pytest.raises(QueryError, match="unknown qualifier 'colour:'"):
        engine.search("colour:red")  # a real unknown qualifier still is one


@pytest.mark.parametrize("link", [
    "https://github.com/mqraitem/From-Fake-to-Real/",
    "https://github.com/mqraitem/From-Fake-to-Real#readme",
    "github.com/mqraitem/From-Fake-to-Real#readme",
    "https://github.com/mqraitem/From-Fake-to-Real?tab=readme-ov-file",
    "http://github.com/mqraitem/From-Fake-to-Real",
    "https://www.github.com/mqraitem/From-Fake-to-Real/",
])
def test_a_link_as_the_address_bar_shows_it_finds_its_paper(engine: QueryEngine,
                                                              link: str) -> None:
    """A trailing `/`, an `#anchor`, a `?query`, http or www. found nothing: the digest's
    abstract holds the bare https link."""
    found = [engine.papers[i].title for i in engine.search(link).indices]
    assert len(found) == 1 and "From Fake to Real" in found[0]
    assert len(engine.search(f"-{link}")) == 87


@given(st.sampled_from(["#", "?", "/#", "/?", "/"]),
       st.text(st.characters(codec="utf-8", exclude_categories=["Z", "Cc"],
                             exclude_characters='"'), max_size=30))
def test_an_anchor_or_query_string_never_changes_the_link_searched(mark: str, rest: str
                                                                    ) -> None:
    if mark == "/" and rest and rest[0] not in "#?":
        rest = ""  # "/more" is a longer path, not a suffix
    for link in ("https://github.com/a/b", "github.com/a/b"):
        plain = parse_query(link).clauses
        assert parse_query(f"{link}{mark}{rest}").clauses == plain


@pytest.mark.parametrize(("query", "abstract"), [
    ("node.js/react", "A web front end in Node.js and React."),
    ("vue.js/react", "We port it from Vue.js / React."),
    ("llama.cpp/vllm", "Served with llama.cpp and vLLM."),
])
def test_a_slash_pair_of_dotted_names_is_words_not_a_link(query: str, abstract: str) -> None:
    """`node.js/react` looks like a link without its scheme; read as one exact link it found
    nothing (found by review). Only `scheme://` makes a term a link phrase."""
    from tui.core.model import Paper

    papers = [Paper(id="a1", title="Front ends", abstract=abstract),
              Paper(id="b2", title="Other", abstract="Nothing of the sort.")]
    found = QueryEngine(papers).search(query).indices.tolist()
    assert found == [0]
