"""An inverted index of words laid out for prefix search: sorted vocabulary + CSR postings.

Words sorted alphabetically make every prefix a contiguous range of the vocabulary, and the
postings stored in vocabulary order make that range one contiguous slice of a single array: a
prefix lookup is two bisects and one numpy slice, whatever the size of the library.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from tui.core.search.folding import fold
from tui.core.search.word_numbering import Postings, WordNumbering, grown

# Bytes: ASCII letters and digits lowered, other ASCII (NUL too) a space, UTF-8 bytes of other
# characters kept. For ASCII text this splits exactly as WORD.findall(fold(text)) does, at
# several times the speed; so does other text once folded and its separators made spaces.
_WORD_BYTES = bytes(
    ord(chr(c).lower()) if chr(c).isalnum() else ord(" ") for c in range(128)) + bytes(
    range(128, 256))
_NON_ASCII_SEPARATORS = re.compile(r"[^\x00-\x7f\w]+")  # \w beyond ASCII is isalnum(): WORD
_SEPARATOR = b"\x00"  # between documents in a batch: no text yields it as a word
# build's batches: up to ~1 MB of text (its arrays stay in cache) and 8000 documents (their
# numbers within the batch are int16).
_BATCH_CHARS = 1 << 20
_BATCH_DOCS = 8000
_PADDING = " " * 8  # after a batch's text: WordNumbering reads 8 bytes at a time


def _word_bytes(text: str) -> bytes:
    """The text's words, folded (folding.py: no case, no accents), as UTF-8 separated by spaces."""
    if text.isascii():
        return text.encode("ascii").translate(_WORD_BYTES)
    text = fold(text)
    if not text.isascii():
        text = _NON_ASCII_SEPARATORS.sub(" ", text)  # "—", "’": spaces, as WORD splits there
    return text.encode().translate(_WORD_BYTES)


def _batch_words(texts: list[str]) -> tuple[bytes, list[int]]:
    """The documents' words as _word_bytes gives them, joined by spaces, and their lengths."""
    joined = " ".join([*texts, _PADDING])
    if joined.isascii():  # one translation for the batch: no per-document call
        return joined.encode("ascii").translate(_WORD_BYTES), list(map(len, texts))
    words = [_word_bytes(text) for text in texts]
    return b" ".join([*words, _PADDING.encode()]), list(map(len, words))


def _place(postings: np.ndarray, next_posting: np.ndarray, batch: Postings,
           first_doc: int) -> None:
    """Put a batch's postings after those of its words placed so far."""
    run_starts = np.cumsum(batch.counts) - batch.counts
    at = np.repeat(next_posting[batch.words] - run_starts, batch.counts)
    at += np.arange(batch.docs.size)
    postings[at] = batch.docs.astype(np.int32) + first_doc
    next_posting[batch.words] += batch.counts


class WordIndex:
    __slots__ = ("offsets", "postings", "size", "vocab")

    def __init__(self, vocab: list[str], offsets: np.ndarray, postings: np.ndarray, size: int):
        self.vocab = vocab  # sorted unique words
        self.offsets = offsets  # postings of vocab[i] are postings[offsets[i]:offsets[i+1]]
        self.postings = postings  # document numbers (int32)
        self.size = size  # number of documents

    @classmethod
    def build(cls, texts: Iterable[str]) -> WordIndex:
        """Number the words of batches of documents, then lay out each batch's postings.

        100,000 abstracts: ~25M words, ~210k distinct. WordNumbering finds and numbers a
        batch's words in its text with numpy: only its distinct words become Python objects.
        """
        numbering = WordNumbering()
        batches: list[tuple[Postings, int]] = []  # and each batch's first document
        counts = np.zeros(0, dtype=np.int64)  # postings by word number
        batch: list[str] = []
        batch_chars = 0
        size = 0

        def flush() -> None:
            nonlocal counts
            postings = numbering.postings(*_batch_words(batch))
            counts = grown(counts, numbering.count)
            counts[postings.words] += postings.counts
            batches.append((postings, size - len(batch)))
            batch.clear()

        for text in texts:
            batch.append(text)
            batch_chars += len(text)
            size += 1
            if len(batch) == _BATCH_DOCS or batch_chars >= _BATCH_CHARS:
                flush()
                batch_chars = 0
        if batch:
            flush()
        words = numbering.words()
        by_word = np.array(sorted(range(len(words)), key=words.__getitem__), dtype=np.int64)
        vocab = [words[number] for number in by_word.tolist()]
        # Postings in vocabulary order, each word's in document order: place each batch's
        # after those of its words so far (no sort of all the postings).
        offsets = np.zeros(len(words) + 1, dtype=np.int64)
        np.cumsum(counts[by_word], out=offsets[1:])
        next_posting = np.empty(len(words), dtype=np.int64)  # by word number
        next_posting[by_word] = offsets[:-1]
        postings = np.empty(int(offsets[-1]), dtype=np.int32)
        batches.reverse()
        while batches:  # dropping each batch once placed
            _place(postings, next_posting, *batches.pop())
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
