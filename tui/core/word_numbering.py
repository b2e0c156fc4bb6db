"""Numbering the words of a batch of texts without a Python object per word.

100,000 abstracts hold ~25M words but only ~210k distinct ones. Splitting the text into a bytes
object per word and looking each up in a dict cost ~8 s; here numpy finds the words in the
batch's text, hashes them 8 bytes at a time, groups equal hashes with one sort, and only each
batch's distinct words (~20k of ~500k) are looked up in the vocabulary, itself a sorted numpy
array of hashes.

Hashes only say where to look: every grouping and every look-up is confirmed by comparing the
words' bytes, and words that share a hash but differ are told apart the slow, exact way.
"""

from __future__ import annotations

from itertools import chain

import numpy as np

# Bytes 0..n-1 of a little-endian uint64, for n = 0..8.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses no bit
_FULL_CHUNK = np.uint64(1 << 56)  # a chunk at least this large has no zero byte: 8 bytes
_PADDING = bytes(8)  # after the text: a word's last chunk may be read past the text's end
_EMPTY_PAIRS = (np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int16))


def _chunk_view(buffer: bytes | np.ndarray, size: int) -> np.ndarray:
    """view[i] is the little-endian uint64 of bytes i..i+7 (unaligned, no copy)."""
    return np.ndarray((size - 7,), dtype="<u8", buffer=buffer, strides=(1,))


def _chunk(chunks: np.ndarray, starts: np.ndarray, lengths: np.ndarray, number: int
           ) -> np.ndarray:
    """Bytes 8*number .. 8*number+7 of each word (longer than 8*number), the rest zeroed."""
    rest = np.minimum(lengths - 8 * number, 8)
    return chunks[starts + 8 * number] & _LOW_BYTES[rest]


def _hashes(chunks: np.ndarray, starts: np.ndarray, lengths: np.ndarray
            ) -> tuple[np.ndarray, np.ndarray]:
    """Each word's first chunk and a 64-bit hash of all its bytes."""
    first = _chunk(chunks, starts, lengths, 0)
    hashes = first * _MULTIPLIER
    longer = np.flatnonzero(lengths > 8)
    number = 1
    while longer.size:  # ~20% of words are longer than 8 bytes, ~1% than 16
        mixed = hashes[longer]
        mixed ^= mixed >> np.uint64(29)
        mixed ^= _chunk(chunks, starts[longer], lengths[longer], number)
        mixed *= _MULTIPLIER
        hashes[longer] = mixed
        number += 1
        longer = longer[lengths[longer] > 8 * number]
    return first, hashes


def _same_tails(chunks_a: np.ndarray, starts_a: np.ndarray, chunks_b: np.ndarray,
                starts_b: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Whether words of these (equal) lengths agree past their first 8 bytes."""
    same = np.ones(lengths.size, dtype=bool)
    longer = np.flatnonzero(lengths > 8)
    number = 1
    while longer.size:
        equal = (_chunk(chunks_a, starts_a[longer], lengths[longer], number)
                 == _chunk(chunks_b, starts_b[longer], lengths[longer], number))
        same[longer[~equal]] = False
        longer = longer[equal]
        number += 1
        longer = longer[lengths[longer] > 8 * number]
    return same


class _Scan:
    """The words of a text whose words are separated by spaces, and it ends in _PADDING."""

    def __init__(self, text: bytes) -> None:
        self.text = text
        data = np.frombuffer(text, dtype=np.uint8)
        # Word bytes are ASCII letters and digits or UTF-8 of other letters: all above b" ".
        is_word = np.zeros(len(text) + 1, dtype=bool)
        np.greater(data, 32, out=is_word[1:])
        edges = np.flatnonzero(is_word[1:] != is_word[:-1])  # start, end, start, end, ...
        self.starts = edges[0::2].copy()  # contiguous: gathered from many times
        self.lengths = edges[1::2] - self.starts
        self.chunks = _chunk_view(text, len(text))
        self.first, self.hashes = _hashes(self.chunks, self.starts, self.lengths)

    def word(self, token: int) -> bytes:
        start = int(self.starts[token])
        return self.text[start:start + int(self.lengths[token])]


class WordNumbering:
    """Numbers words in order of arrival; `words()` spells them out by number."""

    def __init__(self) -> None:
        # Every numbered word's bytes followed by a space, in number order, then zero padding.
        self._text = np.zeros(1 << 16, dtype=np.uint8)
        self._used = 0
        self._starts = np.empty(0, dtype=np.int64)  # by number: where its bytes start
        self._lengths = np.empty(0, dtype=np.int64)
        # Sorted hashes and the number of the word each one was first seen for.
        self._table = np.empty(0, dtype=np.uint64)
        self._table_numbers = np.empty(0, dtype=np.int64)
        # Words whose hash an earlier, different word already holds in the table.
        self._shared_hash: dict[bytes, int] = {}

    def words(self) -> list[str]:
        spelt = self._text[:self._used].tobytes().decode().split(" ")
        spelt.pop()  # after the last word's space
        return spelt

    def pairs(self, batch: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """(word number, document within the batch), each pair once, for these word lists.

        Each item of the batch holds a document's words, lowered, UTF-8, separated by spaces.
        """
        text = b" ".join([*batch, _PADDING])
        scan = _Scan(text)
        count = scan.starts.size
        if not count:
            return _EMPTY_PAIRS
        # Tokens per document, from where each document starts in the text.
        doc_steps = np.fromiter(map(len, batch), dtype=np.int64, count=len(batch)) + 1
        doc_starts = np.cumsum(doc_steps) - doc_steps
        per_doc = np.diff(np.searchsorted(scan.starts, doc_starts), append=count)
        docs = np.repeat(np.arange(len(batch), dtype=np.int16), per_doc)

        # The hash's high bits over the token's position: one plain sort (several times faster
        # than argsort) groups equal hashes, each group in text order, so documents ascending.
        shift = np.uint64(max(count - 1, 1).bit_length())
        keys = scan.hashes >> shift
        keys <<= shift
        keys |= np.arange(count, dtype=np.uint64)
        keys.sort()
        order = keys.view(np.int64) & ((1 << int(shift)) - 1)
        keys >>= shift
        new_group = np.empty(count, dtype=bool)
        new_group[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new_group[1:])
        del keys
        if not self._groups_hold_one_word(scan, order, new_group):
            return self._pairs_by_bytes(batch)

        sorted_docs = docs[order]
        new_pair = new_group.copy()
        new_pair[1:] |= sorted_docs[1:] != sorted_docs[:-1]
        pair_at = np.flatnonzero(new_pair)
        numbers = self._number(scan, order[new_group])  # each group's first token
        group_of_pair = np.cumsum(new_group[pair_at], dtype=np.int32) - 1
        return numbers[group_of_pair], sorted_docs[pair_at]

    @staticmethod
    def _groups_hold_one_word(scan: _Scan, order: np.ndarray, new_group: np.ndarray) -> bool:
        """Whether every token equals the one before it in its group (so all are one word)."""
        first = scan.first[order]
        inside = new_group[1:]  # False inside a group: "a > inside" is "a and inside a group"
        if np.any((first[1:] != first[:-1]) > inside):
            return False
        # The first chunk spells out words of up to 7 bytes; longer ones need the rest too.
        full = np.flatnonzero((first[1:] >= _FULL_CHUNK) > inside) + 1
        tokens = order[full]
        before = order[full - 1]
        lengths = scan.lengths[tokens]
        return bool(np.array_equal(lengths, scan.lengths[before])
                    and _same_tails(scan.chunks, scan.starts[tokens], scan.chunks,
                                    scan.starts[before], lengths).all())

    def _pairs_by_bytes(self, batch: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """The batch's pairs the slow, exact way: a bytes object per token.

        Taken when two different words of the batch share the bits of the hash sorted on
        (about once in 100,000 batches of ordinary text).
        """
        per_doc = [list(dict.fromkeys(text.split())) for text in batch]
        distinct = list(dict.fromkeys(chain.from_iterable(per_doc)))
        if not distinct:
            return _EMPTY_PAIRS
        scan = _Scan(b" ".join([*distinct, _PADDING]))
        number = dict(zip(distinct, self._number(scan, np.arange(len(distinct))).tolist(),
                          strict=True))
        words = np.fromiter((number[word] for words in per_doc for word in words),
                            dtype=np.int32)
        docs = np.repeat(np.arange(len(batch), dtype=np.int16), list(map(len, per_doc)))
        return words, docs

    def _number(self, scan: _Scan, tokens: np.ndarray) -> np.ndarray:
        """The numbers of these tokens, distinct words; words not seen before are numbered."""
        hashes = scan.hashes[tokens]
        numbers = np.empty(tokens.size, dtype=np.int32)
        at = np.searchsorted(self._table, hashes)
        found = at < self._table.size
        found[found] = self._table[at[found]] == hashes[found]
        known = np.flatnonzero(found)
        candidates = self._table_numbers[at[known]]
        known_tokens = tokens[known]
        same = scan.lengths[known_tokens] == self._lengths[candidates]
        same &= scan.first[known_tokens] == _chunk(
            self._chunks(), self._starts[candidates], self._lengths[candidates], 0)
        same[same] = _same_tails(scan.chunks, scan.starts[known_tokens[same]], self._chunks(),
                                 self._starts[candidates[same]],
                                 self._lengths[candidates[same]])
        numbers[known[same]] = candidates[same]
        # New words take a table entry, except a second word with the same hash.
        new = np.flatnonzero(~found)
        new = new[np.argsort(hashes[new], kind="stable")]
        first_of_hash = np.ones(new.size, dtype=bool)
        first_of_hash[1:] = hashes[new[1:]] != hashes[new[:-1]]
        entering = new[first_of_hash]
        numbers[entering] = self._append(scan, tokens[entering])
        self._table_numbers = np.insert(self._table_numbers, at[entering], numbers[entering])
        self._table = np.insert(self._table, at[entering], hashes[entering])
        # Words that share a hash with another word: numbered by their bytes.
        for i in np.concatenate((known[~same], new[~first_of_hash])).tolist():
            word = scan.word(int(tokens[i]))
            if word not in self._shared_hash:
                self._shared_hash[word] = int(self._append(scan, tokens[i:i + 1])[0])
            numbers[i] = self._shared_hash[word]
        return numbers

    def _chunks(self) -> np.ndarray:
        return _chunk_view(self._text, self._text.size)

    def _append(self, scan: _Scan, tokens: np.ndarray) -> np.ndarray:
        """Number these new words (next numbers, in this order) and keep their bytes."""
        first_number = self._starts.size
        starts = scan.starts[tokens]
        lengths = scan.lengths[tokens]
        spelt = b"".join([scan.text[s:s + n] + b" "
                          for s, n in zip(starts.tolist(), lengths.tolist(), strict=True)])
        needed = self._used + len(spelt) + len(_PADDING)
        if needed > self._text.size:
            grown = np.zeros(max(needed, 2 * self._text.size), dtype=np.uint8)
            grown[:self._used] = self._text[:self._used]
            self._text = grown
        self._text[self._used:self._used + len(spelt)] = np.frombuffer(spelt, dtype=np.uint8)
        self._starts = np.concatenate((self._starts, self._used + np.cumsum(lengths + 1)
                                       - (lengths + 1)))
        self._lengths = np.concatenate((self._lengths, lengths))
        self._used += len(spelt)
        return np.arange(first_number, self._starts.size, dtype=np.int32)
