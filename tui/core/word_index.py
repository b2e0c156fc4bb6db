"""An inverted index of words laid out for prefix search: sorted vocabulary + CSR postings.

Words sorted alphabetically make every prefix a contiguous range of the vocabulary, and the
postings stored in vocabulary order make that range one contiguous slice of a single array: a
prefix lookup is two bisects and one numpy slice, whatever the size of the library.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.query_parse import WORD


class WordIndex:
    __slots__ = ("offsets", "postings", "size", "vocab")

    def __init__(self, vocab: list[str], offsets: np.ndarray, postings: np.ndarray, size: int):
        self.vocab = vocab  # sorted unique words
        self.offsets = offsets  # postings of vocab[i] are postings[offsets[i]:offsets[i+1]]
        self.postings = postings  # document numbers (int32)
        self.size = size  # number of documents

    @classmethod
    def build(cls, texts: Iterable[str]) -> WordIndex:
        ids: dict[str, int] = {}
        word_ids: list[int] = []
        counts: list[int] = []
        findall = WORD.findall
        for text in texts:
            words = set(findall(text.lower()))
            for new in words.difference(ids):
                ids[new] = len(ids)
            word_ids.extend(map(ids.__getitem__, words))
            counts.append(len(words))
        vocab = sorted(ids)
        # Renumber words alphabetically so postings can be laid out in vocabulary order.
        rank = np.empty(len(ids), dtype=np.int32)
        rank[np.fromiter(map(ids.__getitem__, vocab), dtype=np.int64, count=len(vocab))] = (
            np.arange(len(vocab), dtype=np.int32))
        ranked = rank[np.asarray(word_ids, dtype=np.int32)] if word_ids else np.empty(0, np.int32)
        docs = np.repeat(np.arange(len(counts), dtype=np.int32), counts)
        order = np.argsort(ranked, kind="stable")
        postings = docs[order]
        offsets = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ranked, minlength=len(vocab)), out=offsets[1:])
        return cls(vocab, offsets, postings, len(counts))

    def prefix_range(self, prefix: str) -> tuple[int, int]:
        lo = bisect_left(self.vocab, prefix)
        hi = bisect_left(self.vocab, prefix + "\U0010ffff", lo)
        return lo, hi

    def docs_for_range(self, lo: int, hi: int) -> np.ndarray:
        return self.postings[self.offsets[lo]:self.offsets[hi]]

    def exact(self, word: str) -> np.ndarray:
        lo = bisect_left(self.vocab, word)
        if lo < len(self.vocab) and self.vocab[lo] == word:
            return self.docs_for_range(lo, lo + 1)
        return self.postings[:0]

    def prefix(self, prefix: str) -> np.ndarray:
        return self.docs_for_range(*self.prefix_range(prefix))

    def similar_words(self, word: str, max_distance: int) -> list[str]:
        """Vocabulary words within an edit distance (transpositions count once).

        Only words sharing the first letter are compared: typos there are rare, and it keeps
        the comparison to a small slice of the vocabulary.
        """
        lo, hi = self.prefix_range(word[0])
        matches = process.extract(word, self.vocab[lo:hi], scorer=OSA.distance,
                                  score_cutoff=max_distance, limit=None)
        return [m[0] for m in matches if m[0] != word]

    def fuzzy(self, word: str, max_distance: int) -> np.ndarray:
        parts = [self.exact(w) for w in self.similar_words(word, max_distance)]
        return np.concatenate(parts) if parts else self.postings[:0]

    def to_state(self) -> dict:
        return {"vocab": "\n".join(self.vocab), "offsets": self.offsets,
                "postings": self.postings, "size": self.size}

    @classmethod
    def from_state(cls, state: dict) -> WordIndex:
        vocab = state["vocab"].split("\n") if state["vocab"] else []
        return cls(vocab, state["offsets"], state["postings"], state["size"])
