"""Search folds case and accents alike in the index and the query: `tulu` finds "TÜLU 3",
`cafe` finds "Café"; highlighting still marks the title's own characters."""

from __future__ import annotations

import pickle
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.library import Library
from tui.core.model import Paper
from tui.core.search import FoldedText, QueryEngine, fold, segmented_index, word_index
from tui.core.search.query_parse import WORD


@pytest.fixture(scope="module")
def seed_engine(tmp_path_factory: pytest.TempPathFactory) -> QueryEngine:
    return QueryEngine(Library.open(tmp_path_factory.mktemp("home")).papers)


def found_titles(engine: QueryEngine, query: str) -> list[str]:
    return [engine.papers[i].title for i in engine.search(query).indices]


def marked(engine: QueryEngine, query: str) -> list[str]:
    result = engine.search(query)
    first = int(result.indices[0])
    title = engine.papers[first].title
    return [title[a:b] for a, b in engine.title_spans(first, result.query)]


@pytest.mark.parametrize("query", ["tulu", "TULU", "tülu", "TÜLU", '"tulu"', '"TÜLU"',
                                   "title:tulu", 'title:"tulu 3"', "tulu 3 post-training"])
def test_tulu_finds_tulu_3_in_the_bundled_digest(seed_engine: QueryEngine, query: str) -> None:
    titles = found_titles(seed_engine, query)
    assert titles and titles[0].startswith("TÜLU 3:"), titles
    assert "TÜLU" in marked(seed_engine, query)[0]


def test_negated_folded_words_leave_tulu_out(seed_engine: QueryEngine) -> None:
    assert not any(t.startswith("TÜLU") for t in found_titles(seed_engine, "-tulu"))
    assert len(found_titles(seed_engine, "-tulu")) == 87


PAPERS = [
    Paper(id="a1", title="Café Models: a Résumé of Naïve Bayes",
          abstract="We revisit naïve Bayes for the café menu; see the résumé."),
    Paper(id="b2", title="Cafe without accents", abstract="Plain text."),
    Paper(id="c3", title="Other", abstract="Nothing to see: CAFÉ written upper case."),
    Paper(id="d4", title="Decomposed Cafe\u0301 and Nai\u0308ve", abstract="-"),
]


@pytest.mark.parametrize(("query", "expected"), [
    ("cafe", {"a1", "b2", "c3", "d4"}),
    ("café", {"a1", "b2", "c3", "d4"}),
    ("resume", {"a1"}),
    ("naive", {"a1", "d4"}),
    ('"résumé of naive"', {"a1"}),
    ('"resume of naïve"', {"a1"}),
    ("abstract:cafe", {"a1", "c3"}),
])
def test_accented_and_plain_spellings_find_each_other(query: str, expected: set[str]) -> None:
    engine = QueryEngine(PAPERS)
    assert {engine.papers[i].id for i in engine.search(query).indices} == expected


@pytest.mark.parametrize(("query", "index", "spans"), [
    ("cafe naive", 0, ["Café", "Naïve"]),
    ('"resume of naive"', 0, ["Résumé of Naïve"]),
    ("cafe", 3, ["Cafe\u0301"]),  # the decomposed mark is marked with its letter
    ("naive", 3, ["Nai\u0308ve"]),
])
def test_highlighting_marks_the_original_characters(query: str, index: int,
                                                     spans: list[str]) -> None:
    engine = QueryEngine(PAPERS)
    title = PAPERS[index].title
    marks = [title[a:b] for a, b in engine.title_spans(index, engine.search(query).query)]
    assert marks == spans


def test_an_index_cached_before_folding_is_rebuilt(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache written by the previous version holds "tülu", not "tulu": it must not be
    loaded as it is."""
    with monkeypatch.context() as old:
        old.setattr(segmented_index, "INDEX_VERSION", 5)
        old.setattr(word_index, "fold", str.lower)
        stale = QueryEngine(PAPERS, cache_dir=tmp_path)
        assert len(stale.search("resume")) == 0  # what the old index did
    assert (tmp_path / "index.pickle").exists()
    engine = QueryEngine(PAPERS, cache_dir=tmp_path)
    assert [engine.papers[i].id for i in engine.search("resume").indices] == ["a1"]
    state = pickle.loads((tmp_path / "index.pickle").read_bytes())
    assert "resume" in state["titles"][0][0]["vocab"].split("\n")  # and the cache is new


# Letters with and without accents, precomposed and decomposed, and some separators.
_LETTERS = list("aeiouncAEIOUNC") + list("áàâäãåéèêëíïîóöôõúüûñçÁÉÍÓÚÜÑÇßøæœıİĳǅ") + [
    "e\u0301", "u\u0308", "n\u0303", "ﬁ", "Å", "²"]
_words = st.lists(st.sampled_from(_LETTERS), min_size=1, max_size=8).map("".join)
_texts = st.lists(_words, min_size=1, max_size=8).flatmap(
    lambda words: st.lists(st.sampled_from([" ", " ", ", ", "-", ": ", " — "]),
                           min_size=len(words), max_size=len(words)).map(
        lambda gaps: "".join(w + g for w, g in zip(words, gaps, strict=True)).strip()))


@settings(max_examples=150)
@given(st.lists(_texts, min_size=1, max_size=6), st.data())
def test_the_folded_form_of_any_word_finds_its_paper(texts: list[str], data: st.DataObject
                                                     ) -> None:
    papers = [Paper(id=f"{n:04x}", title=text if n % 2 else "Untitled",
                    abstract="" if n % 2 else text) for n, text in enumerate(texts)]
    engine = QueryEngine(papers)
    number = data.draw(st.integers(0, len(texts) - 1), label="paper")
    words = WORD.findall(fold(texts[number]))
    word = data.draw(st.sampled_from(words), label="word")
    typed = [word, f'"{word}"', texts[number].split()[0] if word == words[0] else word]
    if fold(word.upper()) == word:  # not "ı", whose upper case folds to "i"
        typed.append(word.upper())
    for query in typed:
        assert number in engine.search(query).indices.tolist(), query
    if number % 2:  # a title: the match is marked on the title's own characters
        spans = engine.title_spans(number, engine.search(word).query)
        assert any(fold(texts[number][a:b]).startswith(word) for a, b in spans)


def plain_fold(text: str) -> str:
    """The definition, one character at a time."""
    return "".join(char for char in unicodedata.normalize("NFKD", text)
                   if not unicodedata.category(char).startswith("M")).casefold()


# Marks above the BMP and astral letters next to BMP marks: fold() treats those runs apart.
_astral = st.lists(st.sampled_from(["a", "é", "e\u0301", "\u0301", "\U0001d400", "\U0001d167",
                                    "\U000e0100", "\U00011000", "\U0001f600", " "]),
                   max_size=12).map("".join)


@given(st.one_of(st.text(max_size=30), _astral))
def test_fold_is_stable_and_character_by_character(text: str) -> None:
    folded = fold(text)
    assert folded == plain_fold(text)
    assert fold(folded) == folded
    assert folded == "".join(fold(char) for char in text)
    assert not any(unicodedata.category(char).startswith("M") for char in folded)
    mapped = FoldedText(text)
    assert mapped.folded == folded
    for start in range(len(folded)):
        a, b = mapped.span(start, start + 1)
        assert 0 <= a < b <= len(text) and folded[start] in fold(text[a:b])
