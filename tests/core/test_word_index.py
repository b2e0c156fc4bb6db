"""The word index finds exactly the papers whose text holds a word (or a word with a prefix).

The build tokenises ASCII text with a byte table and other text with the WORD regex, in
batches; whatever the text, it must agree with the plain definition: a paper is under a word
when WORD.findall(fold(text)) yields that word (fold: no case, no accents).
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.search import WordIndex, fold
from tui.core.search.query_parse import WORD
from tui.core.search.word_index import _BATCH_DOCS as BATCH

# Mostly ASCII words and punctuation (the fast path), some of everything else.
_ascii_text = st.text(alphabet=st.sampled_from(list("abcXYZ019 .,-_:/\t\n\x00")), max_size=40)
_any_text = st.text(max_size=40)
# Accents, marks, non-ASCII separators and astral letters: the folded non-ASCII path.
_accented_text = st.lists(st.sampled_from(
    [*"aéÜß ,—’“x1_", "e\u0301", "\u0301", "\U0001d400", "\U0001d167", "ﬁ", "²", "\u00a0"]),
    max_size=40).map("".join)
_texts = st.lists(st.one_of(_ascii_text, _any_text, _accented_text, st.just("")), max_size=30)


def expected_postings(texts: list[str]) -> dict[str, list[int]]:
    words: dict[str, list[int]] = {}
    for number, text in enumerate(texts):
        for word in sorted(set(WORD.findall(fold(text)))):
            words.setdefault(word, []).append(number)
    return words


def postings(index: WordIndex) -> dict[str, list[int]]:
    return {word: index.exact(word).tolist() for word in index.vocab}


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_every_word_lists_exactly_the_papers_holding_it(texts: list[str]) -> None:
    index = WordIndex.build(texts)
    assert index.size == len(texts)
    assert index.vocab == sorted(expected_postings(texts))
    assert postings(index) == expected_postings(texts)


@settings(max_examples=100, deadline=None)
@given(_texts, st.text(alphabet="abcxyz019", min_size=1, max_size=2))
def test_a_prefix_finds_the_papers_with_a_word_starting_with_it(
        texts: list[str], prefix: str) -> None:
    index = WordIndex.build(texts)
    wanted = sorted({number for word, numbers in expected_postings(texts).items()
                     if word.startswith(prefix) for number in numbers})
    assert sorted(set(index.prefix(prefix).tolist())) == wanted


def test_batches_of_empty_texts_and_words_across_batches() -> None:
    # More papers than one batch holds; whole batches without a word (title-only papers).
    texts = [""] * BATCH + ["Graph neural networks"] + ["no words here? 42"] * (BATCH - 1)
    texts += ["graph"] * 3
    index = WordIndex.build(texts)
    assert index.exact("graph").tolist() == [BATCH, 2 * BATCH, 2 * BATCH + 1, 2 * BATCH + 2]
    assert index.exact("42").tolist() == list(range(BATCH + 1, 2 * BATCH))
    assert index.size == len(texts)


def test_state_round_trip_keeps_every_posting() -> None:
    texts = ["Megatron-LM: training", "café au lait", "", "Straße und STRASSE"]
    index = WordIndex.build(texts)
    again = WordIndex.from_state(index.to_state())
    assert again.vocab == index.vocab
    assert postings(again) == postings(index) == expected_postings(texts)
