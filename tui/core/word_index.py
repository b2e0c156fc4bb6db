"""An inverted index of words laid out for prefix search: sorted vocabulary + CSR postings.

Words sorted alphabetically make every prefix a contiguous range of the vocabulary, and the
postings stored in vocabulary order make that range one contiguous slice of a single array: a
prefix lookup is two bisects and one numpy slice, whatever the size of the library.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from itertools import count

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.query_parse import WORD
from tui.core.word_numbering import WordNumbering

# ASCII bytes: letters and digits lowered, everything else (NUL too) a space. For ASCII text
# this splits exactly as WORD.findall(text.lower()) does, at several times the speed.
_ASCII_WORDS = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() else ord(" ") for c in range(128)) + b" " * 128
_SEPARATOR = b"\x00"  # between documents in a batch: no text yields it as a word
BATCH = 2000  # documents tokenised per batch: few C calls each, little memory
_BATCH_BYTES = 1 << 23  # a batch also ends past this much text: bounds its temporaries


def _word_bytes(text: str) -> bytes:
    """The text's words, lowered, as UTF-8 separated by spaces."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS)
    return " ".join(WORD.findall(text.lower())).encode()


class _SplitNumbering:
    """WordNumbering the plain way: a bytes object and a dict look-up per word of the text.

    ~8 s for 100,000 abstracts; kept as the reference the tests hold the fast way to.
    """

    def __init__(self) -> None:
        # UTF-8 word -> number in order of first appearance (new words number themselves
        # inside the C-level map); the separator is number 0.
        self._ids: defaultdict[bytes, int] = defaultdict(count().__next__)
        self._ids[_SEPARATOR]  # numbers the separator 0

    def words(self) -> list[str]:
        return [word.decode() for word in self._ids][1:]

    def pairs(self, batch: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        tokens = b" \x00 ".join(batch).split()
        numbers = np.frombuffer(array("i", map(self._ids.__getitem__, tokens)), dtype=np.int32)
        is_separator = numbers == 0
        docs = np.cumsum(is_separator, dtype=np.int64)  # document k follows k separators
        words = numbers[~is_separator]
        # One key per (word, document), sorted and unique: a word twice in a document
        # is one posting.
        keys = words.astype(np.int64) * BATCH + docs[~is_separator]
        keys.sort()  # np.unique's hashing is several times slower here
        if keys.size:  # a batch of empty texts (title-only papers) has no words
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        return (keys // BATCH - 1).astype(np.int32), (keys % BATCH).astype(np.int16)


class WordIndex:
    __slots__ = ("offsets", "postings", "size", "vocab")

    def __init__(self, vocab: list[str], offsets: np.ndarray, postings: np.ndarray, size: int):
        self.vocab = vocab  # sorted unique words
        self.offsets = offsets  # postings of vocab[i] are postings[offsets[i]:offsets[i+1]]
        self.postings = postings  # document numbers (int32)
        self.size = size  # number of documents

    @classmethod
    def build(cls, texts: Iterable[str]) -> WordIndex:
        """Tokenise in batches, then one sort of (word, document) keys lays out the postings.

        100,000 abstracts: ~25M words. A Python bytes object and a dict look-up per word cost
        ~8 s; numpy finds and hashes the words of a batch in its text, and only each batch's
        distinct words (~25k of ~500k) become Python objects.
        """
        return cls._build(texts, WordNumbering())

    @classmethod
    def _build_reference(cls, texts: Iterable[str]) -> WordIndex:
        """The same index, each word of the text split out as a bytes object (tests compare)."""
        return cls._build(texts, _SplitNumbering())

    @classmethod
    def _build(cls, texts: Iterable[str],
               numbering: WordNumbering | _SplitNumbering) -> WordIndex:
        # Per batch: word numbers, documents within the batch, the batch's first document.
        parts: list[tuple[np.ndarray, np.ndarray, int]] = []
        batch: list[bytes] = []
        batch_bytes = 0
        size = 0
        for text in texts:
            words = _word_bytes(text)
            batch.append(words)
            batch_bytes += len(words)
            size += 1
            if len(batch) == BATCH or batch_bytes >= _BATCH_BYTES:
                parts.append((*numbering.pairs(batch), size - len(batch)))
                batch = []
                batch_bytes = 0
        if batch:
            parts.append((*numbering.pairs(batch), size - len(batch)))
        words = numbering.words()
        by_word = sorted(range(len(words)), key=words.__getitem__)
        vocab = [words[number] for number in by_word]
        # Renumber words alphabetically so postings can be laid out in vocabulary order.
        rank = np.empty(len(words), dtype=np.int64)
        rank[np.array(by_word, dtype=np.int64)] = np.arange(len(words), dtype=np.int64)
        stride = max(size, 1)
        # Fill the keys batch by batch, dropping each batch once used, and finish in place: at
        # 100k papers every temporary here is 70-140 MB of peak memory.
        keys = np.empty(sum(len(part[0]) for part in parts), dtype=np.int64)
        start = 0
        parts.reverse()
        while parts:
            words, docs, first_doc = parts.pop()
            end = start + len(words)
            np.multiply(rank[words], stride, out=keys[start:end])
            keys[start:end] += docs
            keys[start:end] += first_doc
            start = end
        keys.sort()  # word rank, then document: each word's postings ascending
        # Word i's postings start at its first key >= i * stride.
        offsets = np.searchsorted(keys, np.arange(len(vocab) + 1, dtype=np.int64) * stride)
        np.remainder(keys, stride, out=keys)
        postings = keys.astype(np.int32)
        return cls(vocab, offsets, postings, size)

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
