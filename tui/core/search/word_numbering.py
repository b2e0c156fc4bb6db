"""Numbering the words of a batch of texts without a Python object per word.

Over 400 lines as one module: the scan, the two ways of keying a word (packed, hashed) and the
vocabulary table they share are one algorithm, read together; this docstring is its map.

100,000 abstracts hold ~25M words but only ~210k distinct ones. A bytes object and a dict
look-up per word would be most of an index build; here numpy finds the words in the batch's
text and only the batch's distinct words (~10k of ~150k in 1 MB of text) are looked up in the
vocabulary, in one of two ways:

- short words, up to 8 ASCII letters or digits (~80% of the words of English text): 6 bits a
  character make each a distinct 48-bit number, so one sort of (word, document) keys gives the
  batch's pairs, and the vocabulary looks the numbers themselves up;
- long words, the rest (longer, or other scripts): a 64-bit hash of their bytes, 8 at a time;
  one sort of (hash, position) keys groups equal hashes, each token is then compared with the
  one before it in its group by its bytes, and a hash found in the vocabulary by the bytes of
  the word it was first seen for. Hashes only say where to look: words that share one but
  differ are told apart the slow, exact way (tests/core/test_word_index_reference.py weakens the
  hash until most words share one).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import NamedTuple

import numpy as np

_CHARACTERS = b"0123456789abcdefghijklmnopqrstuvwxyz"
# Byte -> 6-bit code: letters and digits 1..36, a space (and the zero padding) 0, any other
# byte 64, which marks its word long.
_CODES = bytes(_CHARACTERS.index(byte) + 1 if byte in _CHARACTERS
                else 0 if byte in b" \0" else 64 for byte in range(256))
_DECODE = np.zeros(64, dtype=np.uint8)  # code -> byte, 0 -> 0
_DECODE[1:len(_CHARACTERS) + 1] = list(_CHARACTERS)
_LONG_MARKS = np.uint64(0x4040404040404040)
# Packing eight 6-bit codes (one a byte) into 48 bits: (low mask, high mask, shift) per step.
_PACKING = [(np.uint64(low), np.uint64(high), np.uint64(shift)) for low, high, shift in (
    (0x003F003F003F003F, 0x0FC00FC00FC00FC0, 2),
    (0x00000FFF00000FFF, 0x00FFF00000FFF000, 4),
    (0x0000000000FFFFFF, 0x0000FFFFFF000000, 8))]

# Bytes 0..n-1 of a little-endian uint64, for n = 0..8.
_LOW_BYTES = np.array([(1 << (8 * n)) - 1 for n in range(9)], dtype=np.uint64)
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # odd: multiplying by it loses no bit
_FULL_CHUNK = np.uint64(1 << 56)  # a chunk at least this large has no zero byte: 8 bytes
_PADDING = bytes(8)  # after the text: a word's last chunk may be read past the text's end


def _chunk_view(buffer: bytes | np.ndarray, size: int) -> np.ndarray:
    """view[i] is the little-endian uint64 of bytes i..i+7 (unaligned, no copy)."""
    return np.ndarray((size - 7,), dtype="<u8", buffer=buffer, strides=(1,))


def _pack(codes: np.ndarray) -> np.ndarray:
    """Eight 6-bit codes, one a byte (little-endian), into the low 48 bits.

    The first character in the highest bits: packed words sort as the words do (the codes
    keep the characters' order), so a batch's postings are placed in vocabulary order.
    """
    codes = codes.byteswap()
    for low, high, shift in _PACKING:
        upper = codes >> shift
        upper &= high
        codes &= low
        codes |= upper
    return codes


def _unpack(packed: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The words packed by _pack: 8 bytes each, zero-padded, and their lengths."""
    codes = packed.copy()
    for low, high, shift in reversed(_PACKING):
        upper = codes & high
        upper <<= shift
        codes &= low
        codes |= upper
    codes.byteswap(inplace=True)
    spelt = np.zeros(codes.size * 8 + 1, dtype=np.uint8)  # a byte more: read after the last
    spelt[:-1] = _DECODE[codes.view(np.uint8)]
    return spelt, np.count_nonzero(spelt[:-1].reshape(-1, 8), axis=1)


def _middle_chunks(chunks: np.ndarray, starts: np.ndarray, lengths: np.ndarray
                   ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(which words, their chunk) for bytes 8..15, 16..23, ... of words longer than 16 bytes.

    With the first and last chunks these cover every byte of a word: words of one length
    with equal first, middle and last chunks are the same word.
    """
    longer = np.flatnonzero(lengths > 16)
    offset = 8
    while longer.size:  # ~1 word in 10,000 is longer than 16 bytes
        yield longer, chunks[starts[longer] + offset]
        offset += 8
        longer = longer[lengths[longer] > offset + 8]


def _middles_differ(chunks_a: np.ndarray, starts_a: np.ndarray, chunks_b: np.ndarray,
                    starts_b: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Which pairs of words (of equal lengths) differ in their middle chunks."""
    differ = np.zeros(lengths.size, dtype=bool)
    for (words, middle_a), (_, middle_b) in zip(
            _middle_chunks(chunks_a, starts_a, lengths),
            _middle_chunks(chunks_b, starts_b, lengths), strict=True):
        differ[words] |= middle_a != middle_b
    return differ


def grown(array: np.ndarray, needed: int) -> np.ndarray:
    """The array, or a copy at least twice as large (zero-filled) if it is smaller than needed."""
    if needed <= array.size:
        return array
    grown = np.zeros(max(needed, 2 * array.size), dtype=array.dtype)
    grown[:array.size] = array
    return grown


def _hashes(chunks: np.ndarray, starts: np.ndarray, lengths: np.ndarray, first: np.ndarray,
            last: np.ndarray) -> np.ndarray:
    """A 64-bit hash of each word's bytes (high bits: the multiplications carry upwards)."""
    hashes = first * _MULTIPLIER
    longer = np.flatnonzero(lengths > 8)
    mixed = hashes[longer]
    mixed ^= mixed >> np.uint64(29)
    # The length too: "100000000" and "1000000000" have the same first and last chunks.
    mixed ^= last[longer] + lengths[longer].view(np.uint64)
    mixed *= _MULTIPLIER
    hashes[longer] = mixed
    for longer, middle in _middle_chunks(chunks, starts, lengths):
        mixed = hashes[longer]
        mixed ^= mixed >> np.uint64(29)
        mixed ^= middle
        mixed *= _MULTIPLIER
        hashes[longer] = mixed
    return hashes


class _LongWords:
    """Words of a text by where they start and their length: first, last 8 bytes and hash."""

    def __init__(self, text: bytes, starts: np.ndarray, lengths: np.ndarray) -> None:
        self.text = text
        self.chunks = _chunk_view(text, len(text))
        self.starts = starts
        self.lengths = lengths
        self.first = self.chunks[starts] & _LOW_BYTES[np.minimum(lengths, 8)]
        # The last 8 bytes; 0 for a word of 8 bytes or fewer (its first chunk says all).
        self.last = np.zeros(starts.size, dtype=np.uint64)
        longer = np.flatnonzero(lengths > 8)
        self.last[longer] = self.chunks[starts[longer] + lengths[longer] - 8]
        self.hashes = _hashes(self.chunks, starts, lengths, self.first, self.last)

    def spelt(self, token: int) -> bytes:
        start = int(self.starts[token])
        return self.text[start:start + int(self.lengths[token])]


class _Scan:
    """The words of a text whose words are separated by spaces, and it ends in _PADDING."""

    def __init__(self, text: bytes) -> None:
        data = np.frombuffer(text, dtype=np.uint8)
        # Word bytes are ASCII letters and digits or UTF-8 of other letters: all above b" ".
        is_word = np.zeros(len(text) + 1, dtype=bool)
        np.greater(data, 32, out=is_word[1:])
        edges = np.flatnonzero(is_word[1:] != is_word[:-1])  # start, end, start, end, ...
        del is_word
        starts = edges[0::2].copy()  # contiguous: gathered from many times
        lengths = edges[1::2] - starts
        del edges
        self.count = starts.size
        self.starts = starts
        codes = text.translate(_CODES)
        packed = _chunk_view(codes, len(codes))[starts]
        packed &= _LOW_BYTES[np.minimum(lengths, 8)]
        is_short = (packed & _LONG_MARKS) == 0
        is_short &= lengths <= 8
        self.short = np.flatnonzero(is_short)  # which tokens are short words
        self.long = np.flatnonzero(~is_short)
        self.packed = _pack(packed[self.short])  # the short words, as numbers
        del packed
        self.long_words = _LongWords(text, starts[self.long], lengths[self.long])


class _Table:
    """uint64 keys -> int32 values, found with a binary search.

    Keys are added a batch at a time to a small sorted part, merged into the large one when
    it passes an eighth of its size: inserting into the large part every batch copied it
    every batch.
    """

    def __init__(self) -> None:
        self._keys = [np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.uint64)]
        self._values = [np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int32)]

    def find(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which keys are in the table, and their values (where they are)."""
        found = np.zeros(keys.size, dtype=bool)
        values = np.empty(keys.size, dtype=np.int32)
        for part_keys, part_values in zip(self._keys, self._values, strict=True):
            at = np.searchsorted(part_keys, keys)
            hit = at < part_keys.size
            hit[hit] = part_keys[at[hit]] == keys[hit]
            found |= hit
            values[hit] = part_values[at[hit]]
        return found, values

    def add(self, keys: np.ndarray, values: np.ndarray) -> None:
        """Add keys not in the table (distinct)."""
        order = np.argsort(keys)
        self._insert(1, keys[order], values[order])
        if self._keys[1].size > self._keys[0].size // 8:
            self._insert(0, self._keys[1], self._values[1])
            self._keys[1] = self._keys[1][:0]
            self._values[1] = self._values[1][:0]

    def _insert(self, part: int, keys: np.ndarray, values: np.ndarray) -> None:
        at = np.searchsorted(self._keys[part], keys)
        self._keys[part] = np.insert(self._keys[part], at, keys)
        self._values[part] = np.insert(self._values[part], at, values)


class Postings(NamedTuple):
    """A batch's postings: words[i] is in documents docs[sum(counts[:i]):][:counts[i]]."""

    words: np.ndarray  # word numbers (int32), each once
    counts: np.ndarray  # how many documents hold each (int64)
    docs: np.ndarray  # documents within the batch (int16), ascending for each word


_NO_POSTINGS = Postings(np.empty(0, dtype=np.int32), np.empty(0, dtype=np.int64),
                        np.empty(0, dtype=np.int16))


class WordNumbering:
    """Numbers words in order of arrival; `words()` spells them out by number."""

    def __init__(self) -> None:
        self._count = 0  # words numbered
        # Every numbered word's bytes followed by a space, in number order, then zeros.
        self._text = np.zeros(1 << 20, dtype=np.uint8)
        self._used = 0
        self._short = _Table()  # packed short word -> its number
        self._hashes = _Table()  # hash -> the number of the long word first seen with it
        # By number: where the word's bytes start in _text, their count, the first and last
        # chunks of a long word (what long-word look-ups compare).
        self._starts = np.zeros(1 << 12, dtype=np.int64)
        self._lengths = np.zeros(1 << 12, dtype=np.int64)
        self._first = np.zeros(1 << 12, dtype=np.uint64)
        self._last = np.zeros(1 << 12, dtype=np.uint64)
        # Long words whose hash an earlier, different word holds in the table.
        self._shared_hash: dict[bytes, int] = {}

    def words(self) -> list[str]:
        spelt = self._text[:self._used].tobytes().decode().split(" ")
        spelt.pop()  # after the last word's space
        return spelt

    @property
    def count(self) -> int:
        """Words numbered so far."""
        return self._count

    def postings(self, text: bytes, doc_lengths: list[int]) -> Postings:
        """Which documents of a batch hold which words.

        The text holds each document's words (lowered, UTF-8, separated by spaces), a space
        after each document, then 8 spaces; doc_lengths are the documents' (at most 2**15).
        """
        scan = _Scan(text)
        # Tokens per document, from where each document starts in the text.
        doc_steps = np.array(doc_lengths, dtype=np.int64) + 1
        doc_starts = np.cumsum(doc_steps) - doc_steps
        per_doc = np.diff(np.searchsorted(scan.starts, doc_starts), append=scan.count)
        docs = np.repeat(np.arange(len(doc_lengths), dtype=np.int16), per_doc)
        long_postings = self._long_postings(scan.long_words, docs[scan.long])
        if long_postings is None:
            return self._postings_by_bytes(text, doc_starts, doc_steps - 1)
        short_postings = self._short_postings(scan.packed, docs[scan.short], len(doc_lengths))
        return Postings(*(np.concatenate(pair) for pair in zip(short_postings, long_postings,
                                                              strict=True)))

    def _short_postings(self, packed: np.ndarray, docs: np.ndarray, doc_count: int
                        ) -> Postings:
        # Word over document in one key: sorted and unique, the pairs by word, then document.
        doc_bits = np.uint64(max(doc_count - 1, 1).bit_length())
        keys = packed << doc_bits
        keys |= docs.astype(np.uint64)
        keys.sort()
        if keys.size:
            keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
        words = keys >> doc_bits
        new_word = np.empty(words.size, dtype=bool)
        new_word[:1] = True
        np.not_equal(words[1:], words[:-1], out=new_word[1:])
        runs = np.flatnonzero(new_word)
        numbers = self._number_short(words[runs])
        keys &= (np.uint64(1) << doc_bits) - np.uint64(1)
        return Postings(numbers, np.diff(runs, append=words.size), keys.astype(np.int16))

    def _long_postings(self, words: _LongWords, docs: np.ndarray) -> Postings | None:
        """The long words' postings; None if two different words share the bits sorted on."""
        count = words.starts.size
        if not count:
            return _NO_POSTINGS
        # The hash's high bits over the token's position: one plain sort (cheaper than an
        # argsort) groups equal hashes, each group in text order, so documents ascending.
        shift = np.uint64(max(count - 1, 1).bit_length())
        keys = words.hashes >> shift
        keys <<= shift
        keys |= np.arange(count, dtype=np.uint64)
        keys.sort()
        order = keys.view(np.int64) & ((1 << int(shift)) - 1)
        keys >>= shift
        new_group = np.empty(count, dtype=bool)
        new_group[0] = True
        np.not_equal(keys[1:], keys[:-1], out=new_group[1:])
        del keys
        if not self._groups_hold_one_word(words, order, new_group):
            return None
        sorted_docs = docs[order]
        new_pair = new_group.copy()
        new_pair[1:] |= sorted_docs[1:] != sorted_docs[:-1]
        pair_at = np.flatnonzero(new_pair)
        numbers = self._number_long(words, order[new_group])  # each group's first token
        runs = np.flatnonzero(new_group[pair_at])
        return Postings(numbers, np.diff(runs, append=pair_at.size), sorted_docs[pair_at])

    @staticmethod
    def _groups_hold_one_word(words: _LongWords, order: np.ndarray, new_group: np.ndarray
                              ) -> bool:
        """Whether every token equals the one before it in its group (so all are one word)."""
        first = words.first[order]
        inside = new_group[1:]  # False inside a group: "a > inside" is "a and inside a group"
        if np.any((first[1:] != first[:-1]) > inside):
            return False
        # The first chunk spells out words of up to 7 bytes; longer ones need the rest too.
        full = np.flatnonzero((first[1:] >= _FULL_CHUNK) > inside) + 1
        tokens = order[full]
        before = order[full - 1]
        lengths = words.lengths[tokens]
        if not (np.array_equal(lengths, words.lengths[before])
                and np.array_equal(words.last[tokens], words.last[before])):
            return False
        return not _middles_differ(words.chunks, words.starts[tokens], words.chunks,
                                   words.starts[before], lengths).any()

    def _postings_by_bytes(self, text: bytes, doc_starts: np.ndarray, doc_lengths: np.ndarray
                           ) -> Postings:
        """The batch's postings the slow, exact way: a bytes object per token.

        Taken when two different long words of the batch share the bits of the hash sorted
        on: with ~5k distinct long words a batch and 49 bits, about once in 10**7 batches.
        """
        per_doc = [list(dict.fromkeys(text[start:start + length].split())) for start, length
                   in zip(doc_starts.tolist(), doc_lengths.tolist(), strict=True)]
        distinct = list(dict.fromkeys(chain.from_iterable(per_doc)))
        scan = _Scan(b" ".join([*distinct, _PADDING]))
        numbers = np.empty(scan.count, dtype=np.int32)
        numbers[scan.short] = self._number_short(scan.packed)
        numbers[scan.long] = self._number_long(scan.long_words, np.arange(scan.long.size))
        number = dict(zip(distinct, numbers.tolist(), strict=True))
        words = np.fromiter((number[word] for words in per_doc for word in words),
                            dtype=np.int64)
        docs = np.repeat(np.arange(len(per_doc), dtype=np.int64), list(map(len, per_doc)))
        keys = words * len(per_doc) + docs
        keys.sort()  # by word, then document, as the fast way gives them
        words = keys // len(per_doc)
        runs = np.flatnonzero(np.concatenate(([True], words[1:] != words[:-1])))
        return Postings(words[runs].astype(np.int32), np.diff(runs, append=words.size),
                        (keys % len(per_doc)).astype(np.int16))

    def _number_short(self, packed: np.ndarray) -> np.ndarray:
        """The numbers of these short words (distinct); new ones numbered now."""
        found, numbers = self._short.find(packed)
        new = np.flatnonzero(~found)
        spelt, lengths = _unpack(packed[new])
        numbers[new] = self._append(spelt, 8 * np.arange(new.size), lengths)
        self._short.add(packed[new], numbers[new])
        return numbers

    def _number_long(self, words: _LongWords, tokens: np.ndarray) -> np.ndarray:
        """The numbers of these tokens, distinct long words; new ones numbered now."""
        hashes = words.hashes[tokens]
        found, numbers = self._hashes.find(hashes)
        known = np.flatnonzero(found)
        candidates = numbers[known]
        known_tokens = tokens[known]
        lengths = words.lengths[known_tokens]
        same = ((lengths == self._lengths[candidates])
                & (words.first[known_tokens] == self._first[candidates])
                & (words.last[known_tokens] == self._last[candidates]))
        same[same] = ~_middles_differ(words.chunks, words.starts[known_tokens[same]],
                                      _chunk_view(self._text, self._text.size),
                                      self._starts[candidates[same]], lengths[same])
        # New words take a table entry, except a second word with the same hash.
        new = np.flatnonzero(~found)
        new = new[np.argsort(hashes[new], kind="stable")]
        first_of_hash = np.ones(new.size, dtype=bool)
        first_of_hash[1:] = hashes[new[1:]] != hashes[new[:-1]]
        entering = new[first_of_hash]
        numbers[entering] = self._append_long(words, tokens[entering])
        self._hashes.add(hashes[entering], numbers[entering])
        # Words that share a hash with another word: numbered by their bytes.
        for i in np.concatenate((known[~same], new[~first_of_hash])).tolist():
            word = words.spelt(int(tokens[i]))
            if word not in self._shared_hash:
                self._shared_hash[word] = int(self._append_long(words, tokens[i:i + 1])[0])
            numbers[i] = self._shared_hash[word]
        return numbers

    def _append_long(self, words: _LongWords, tokens: np.ndarray) -> np.ndarray:
        numbers = self._append(np.frombuffer(words.text, dtype=np.uint8), words.starts[tokens],
                               words.lengths[tokens])
        self._first[numbers] = words.first[tokens]
        self._last[numbers] = words.last[tokens]
        return numbers

    def _append(self, source: np.ndarray, starts: np.ndarray, lengths: np.ndarray
                ) -> np.ndarray:
        """Number these new words, source[start:start + length] (the next numbers, in order)."""
        numbers = np.arange(self._count, self._count + lengths.size, dtype=np.int32)
        self._count += lengths.size
        for name in ("_starts", "_lengths", "_first", "_last"):
            setattr(self, name, grown(getattr(self, name), self._count))
        steps = lengths + 1  # each word and a space
        at = self._used + np.cumsum(steps) - steps
        self._starts[numbers] = at
        self._lengths[numbers] = lengths
        added = int(steps.sum())
        self._text = grown(self._text, self._used + added + len(_PADDING))
        # Byte k of the added text is source[start + k - at] for the word it falls in.
        from_source = np.arange(added) - np.repeat(at - self._used - starts, steps)
        added_text = source[from_source]
        added_text[at - self._used + lengths] = ord(" ")
        self._text[self._used:self._used + added] = added_text
        self._used += added
        return numbers
