"""The word index build before WordNumbering, kept as the oracle WordIndex.build is checked
against (tests/core/test_word_index_reference.py) and timed against (bench/bench_index_build.py).

A bytes object and a dict look-up per word, where the production build numbers words with numpy.
"""

from __future__ import annotations

from array import array
from collections import defaultdict
from collections.abc import Iterable
from itertools import count

import numpy as np

from tui.core.search.word_index import _SEPARATOR, WordIndex, _word_bytes

BATCH = 2000  # documents tokenised per batch


def build_reference(texts: Iterable[str]) -> WordIndex:
    """The same index WordIndex.build makes, built the plain way."""
    # UTF-8 word -> number in order of first appearance (new words number themselves
    # inside the C-level map); the separator is number 0.
    ids: defaultdict[bytes, int] = defaultdict(count().__next__)
    ids[_SEPARATOR]  # numbers the separator 0
    word_parts: list[np.ndarray] = []
    doc_parts: list[np.ndarray] = []
    batch: list[bytes] = []
    size = 0

    def flush() -> None:
        tokens = b" \x00 ".join(batch).split()
        numbers = np.frombuffer(array("i", map(ids.__getitem__, tokens)), dtype=np.int32)
        is_separator = numbers == 0
        docs = np.cumsum(is_separator, dtype=np.int64)  # document k follows k separators
        words = numbers[~is_separator]
        # One key per (word, document), sorted and unique: a word twice in a document
        # is one posting.
        keys = words.astype(np.int64) * BATCH + docs[~is_separator]
        keys.sort()  # cheaper here than np.unique's hashing
        if keys.size:  # a batch of empty texts (title-only papers) has no words
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        word_parts.append((keys // BATCH).astype(np.int32))
        doc_parts.append((keys % BATCH).astype(np.int16))  # within the batch: half the size
        batch.clear()

    for text in texts:
        batch.append(_word_bytes(text))
        size += 1
        if len(batch) == BATCH:
            flush()
    if batch:
        flush()
    del ids[_SEPARATOR]
    vocab = sorted(word.decode() for word in ids)
    # Renumber words alphabetically so postings can be laid out in vocabulary order.
    rank = np.zeros(len(ids) + 1, dtype=np.int64)
    rank[np.fromiter((ids[word.encode()] for word in vocab), dtype=np.int64,
                     count=len(vocab))] = np.arange(len(vocab), dtype=np.int64)
    stride = max(size, 1)
    # Fill the keys batch by batch, dropping each batch once used, and finish in place: at
    # 100k papers every temporary here is 70-140 MB of peak memory.
    keys = np.empty(sum(len(part) for part in word_parts), dtype=np.int64)
    start = 0
    word_parts.reverse()
    doc_parts.reverse()
    first_doc = 0
    while word_parts:
        end = start + len(word_parts[-1])
        np.multiply(rank[word_parts.pop()], stride, out=keys[start:end])
        keys[start:end] += doc_parts.pop()
        keys[start:end] += first_doc
        first_doc += BATCH
        start = end
    keys.sort()  # word rank, then document: each word's postings ascending
    # Word i's postings start at its first key >= i * stride.
    offsets = np.searchsorted(keys, np.arange(len(vocab) + 1, dtype=np.int64) * stride)
    np.remainder(keys, stride, out=keys)
    postings = keys.astype(np.int32)
    return WordIndex(vocab, offsets, postings, size)
