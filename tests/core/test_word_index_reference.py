"""The fast index build gives exactly the index the plain build gives, whatever the text.

WordIndex.build numbers words by hashing their bytes with numpy; build_reference (in
tests/support/reference_index.py) splits the text into one bytes object per word (the build
before it). A hash shared by two different words must never merge them: the tests also weaken
the hash until nearly every word shares one.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support import reference_index
from tests.support.reference_index import build_reference
from tui.core.parser import parse_digest
from tui.core.search import WordIndex, word_index, word_numbering

SEED = Path(__file__).resolve().parents[2] / "seeds" / "000_921403ad83ed6e7f.txt"

# Words that differ only past their first 8 or 16 bytes, or only in length.
_long_words = st.text(alphabet="ab", min_size=7, max_size=26)
# Lowering can turn other scripts into ASCII (the Kelvin sign), or one letter into two.
_words = st.one_of(_long_words, st.sampled_from(["graph", "Graph", "GRAPH", "über", "x", "42",
                                                 "\u212a", "İstanbul", "STRAẞE", "ﬁne", "x²",
                                                 "٣٤", "日本語", "ǅemal"]),
                   st.text(alphabet="abcé1", max_size=10))
_separators = st.sampled_from([" ", "  ", ". ", "\x00", "\n", "_", "-", "é ", "—"])
_built_text = st.lists(st.tuples(_words, _separators), max_size=20).map(
    lambda pairs: "".join(word + separator for word, separator in pairs))
_texts = st.lists(st.one_of(_built_text, st.text(max_size=60), st.just(""),
                            st.text(alphabet="abc 019\x00", max_size=30)), max_size=25)


def assert_same_index(texts: list[str]) -> None:
    fast = WordIndex.build(texts)
    plain = build_reference(texts)
    assert fast.vocab == plain.vocab
    assert fast.size == plain.size == len(texts)
    assert fast.offsets.dtype == plain.offsets.dtype
    assert fast.postings.dtype == plain.postings.dtype
    np.testing.assert_array_equal(fast.offsets, plain.offsets)
    np.testing.assert_array_equal(fast.postings, plain.postings)


def weakened(mask: int):
    """A hash keeping only the bits in mask: words share hashes all the time."""
    real = word_numbering._hashes

    def hashes(*args: np.ndarray) -> np.ndarray:
        return real(*args) & np.uint64(mask)

    return hashes


@settings(max_examples=300, deadline=None)
@given(_texts)
def test_the_fast_build_equals_the_plain_build(texts: list[str]) -> None:
    assert_same_index(texts)


@settings(max_examples=100, deadline=None)
@given(_texts, st.sampled_from([0, 0b11 << 62, 0xFF, 1 << 63 | 1, (1 << 64) - (1 << 40)]))
def test_words_sharing_a_hash_stay_apart(texts: list[str], mask: int) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(word_numbering, "_hashes", weakened(mask))
        assert_same_index(texts)


@settings(max_examples=100, deadline=None)
@given(_texts)
def test_small_batches_number_a_word_once_across_them(texts: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reference_index, "BATCH", 3)
        patch.setattr(word_index, "_BATCH_DOCS", 3)
        patch.setattr(word_index, "_BATCH_CHARS", 16)
        assert_same_index(texts)


def test_words_sharing_a_hash_across_batches_stay_apart() -> None:
    texts = ["alpha beta", "beta gamma", "gamma alpha delta", "delta", "epsilon alpha"] * 3
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reference_index, "BATCH", 2)
        patch.setattr(word_index, "_BATCH_DOCS", 2)
        patch.setattr(word_numbering, "_hashes", weakened(0))
        assert_same_index(texts)
        index = WordIndex.build(texts)
    assert index.vocab == ["alpha", "beta", "delta", "epsilon", "gamma"]
    assert index.exact("alpha").tolist() == [0, 2, 4, 5, 7, 9, 10, 12, 14]


def test_long_words_differing_only_late_or_in_length() -> None:
    texts = ["a" * 9, "a" * 10, "a" * 16 + "b", "a" * 16 + "c", "a" * 8, "a" * 17, "a" * 9]
    assert_same_index(texts)
    assert WordIndex.build(texts).exact("a" * 9).tolist() == [0, 6]


def test_the_seed_digest_titles_and_abstracts() -> None:
    papers = parse_digest(SEED.read_bytes(), import_date=date(2026, 11, 29)).papers
    assert papers
    assert_same_index([paper.title for paper in papers])
    assert_same_index([paper.abstract for paper in papers])
    # And larger batches of it, with repeats across batches.
    assert_same_index([paper.abstract for paper in papers] * 50)
