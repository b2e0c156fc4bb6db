"""A word index in segments: a large cached base and a small delta for the papers added since.

A daily import adds ~100 papers to a library of up to 100,000. Rebuilding the whole index
for them would cost a full build; indexing only the new papers costs a small part of it.
Papers are indexed in import order, so the papers already in the base keep their document
numbers; each segment maps its document numbers to positions in the engine's
(display-ordered) paper list.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import unicodedata
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

import numpy as np

from tui.core.atomic import atomic_write_bytes
from tui.core.model import Paper
from tui.core.ownership import PICKLE_OPENING, cache_file_is_ours
from tui.core.paper_cache import CACHE_VERSION
from tui.core.search.word_index import WordIndex

INDEX_VERSION = 6  # 6: words folded (no case, no accents)
# The delta is rebuilt at every start: past this many papers, fold it into a new base.
DELTA_MAX_PAPERS = 5000
DELTA_MAX_SHARE = 0.2
PARALLEL_FROM = 20_000  # papers from which the abstracts are built in two threads


class SegmentedIndex:
    """The WordIndex lookups (exact, prefix, fuzzy) over segments, in paper positions."""

    def __init__(self, segments: list[tuple[WordIndex, np.ndarray]]) -> None:
        self.segments = segments  # (index, positions of its documents in the paper list)

    def _gather(self, method: str, *args: object) -> np.ndarray:
        parts = [positions[getattr(index, method)(*args)] for index, positions in self.segments]
        if len(parts) == 1:
            return parts[0]
        return np.concatenate(parts) if parts else np.empty(0, dtype=np.int32)

    def exact(self, word: str) -> np.ndarray:
        return self._gather("exact", word)

    def prefix(self, prefix: str) -> np.ndarray:
        return self._gather("prefix", prefix)

    def fuzzy(self, word: str, max_distance: int) -> np.ndarray:
        return self._gather("fuzzy", word, max_distance)


def import_order(papers: Sequence[Paper]) -> np.ndarray:
    """Positions of the papers in the order they entered the library."""
    first = np.fromiter((p.first_import for p in papers), dtype=np.int64, count=len(papers))
    position = np.fromiter((p.position for p in papers), dtype=np.int64, count=len(papers))
    return np.lexsort((position, first)).astype(np.int32)


def _keys_digest(papers: Sequence[Paper], order: np.ndarray, count: int) -> str:
    # The paper cache's version too: a parser change that rewrites abstracts bumps it.
    # And the Unicode version: which characters are combining marks decides the folded words.
    digest = hashlib.sha256(
        f"v{INDEX_VERSION}.{CACHE_VERSION}.{unicodedata.unidata_version}:{count}".encode())
    for i in order[:count]:
        paper = papers[i]
        # Whether it has an abstract too: a later digest can fill in one the same id lacked
        # (and only then does an abstract change). Asked without reading the abstracts.
        digest.update(f"{paper.id}{int(paper.has_abstract)}".encode())
    return digest.hexdigest()


DROP_PAGES_EVERY = 2000  # abstracts read between two drops of the mapped file's pages


def _abstracts(papers: Sequence[Paper]) -> Iterator[str]:
    """The papers' abstracts, for a build that reads each one once: the pages of the mapped
    cache file read so far are let go as it goes, instead of adding up to the whole file."""
    for number, paper in enumerate(papers, 1):
        yield paper.abstract
        if number % DROP_PAGES_EVERY == 0:
            paper.drop_read_pages()


def _build(papers: Sequence[Paper], positions: np.ndarray) -> tuple[WordIndex, WordIndex]:
    chosen = [papers[i] for i in positions]
    return WordIndex.build(p.title for p in chosen), WordIndex.build(_abstracts(chosen))


Part = tuple[WordIndex, int, int]  # an index of the papers order[start:end]


def _build_base(papers: Sequence[Paper], order: np.ndarray, threads: int = 2
                ) -> tuple[list[Part], list[Part]]:
    """Titles and abstracts of every paper; a large library's abstracts in two halves built
    at once. Numpy does most of the work without the GIL, so two threads shorten what a large
    import or a lost cache waits for.
    With threads=1 the halves are built one after the other: the same index, for the
    memory of one half's build at a time (an import, whose papers are all in memory)."""
    size = len(order)
    if size < PARALLEL_FROM:
        titles, abstracts = _build(papers, order)
        return [(titles, 0, size)], [(abstracts, 0, size)]
    chosen = [papers[i] for i in order]
    half = size // 2
    with ThreadPoolExecutor(max_workers=threads) as pool:
        # Read as the build goes, not gathered first: a cached paper reads its abstract from
        # the mapped file each time, and a list of all of them would hold every abstract.
        first = pool.submit(WordIndex.build, _abstracts(chosen[:half]))
        second = pool.submit(WordIndex.build, _abstracts(chosen[half:]))
        titles = WordIndex.build(p.title for p in chosen)
        return [(titles, 0, size)], [(first.result(), 0, half), (second.result(), half, size)]


def _segments(parts: list[Part], order: np.ndarray) -> list[tuple[WordIndex, np.ndarray]]:
    return [(index, order[start:end]) for index, start, end in parts]


def load_or_build(papers: Sequence[Paper], cache_dir: Path | None, *, threads: int = 2
                  ) -> tuple[SegmentedIndex, SegmentedIndex]:
    """Title and abstract indexes: the cached base if it still fits, plus a fresh delta."""
    order = import_order(papers)
    path = cache_dir / "index.pickle" if cache_dir else None
    base = _load_base(papers, order, path)
    if base is not None:
        count, base_titles, base_abstracts = base
        delta = order[count:]
        if len(delta) <= min(DELTA_MAX_PAPERS, DELTA_MAX_SHARE * len(order)):
            titles = _segments(base_titles, order)
            abstracts = _segments(base_abstracts, order)
            if len(delta):
                delta_titles, delta_abstracts = _build(papers, delta)
                titles.append((delta_titles, delta))
                abstracts.append((delta_abstracts, delta))
            return SegmentedIndex(titles), SegmentedIndex(abstracts)
    base_titles, base_abstracts = _build_base(papers, order, threads)
    if path:
        state = {"count": len(order), "key": _keys_digest(papers, order, len(order)),
                 "titles": [(index.to_state(), start, end) for index, start, end in base_titles],
                 "abstracts": [(index.to_state(), start, end)
                               for index, start, end in base_abstracts]}
        with contextlib.suppress(Exception):  # the index cache is an optimisation only
            if cache_file_is_ours(path, (PICKLE_OPENING,)):
                # Dumped into the file: pickle.dumps held a copy of the whole index first.
                atomic_write_bytes(path, partial(pickle.dump, state,
                                                 protocol=pickle.HIGHEST_PROTOCOL))
    return (SegmentedIndex(_segments(base_titles, order)),
            SegmentedIndex(_segments(base_abstracts, order)))


def _load_base(papers: Sequence[Paper], order: np.ndarray, path: Path | None
               ) -> tuple[int, list[Part], list[Part]] | None:
    if path is None or not path.is_file():  # a FIFO or device there would never end a read
        return None
    with contextlib.suppress(Exception):  # a broken or foreign cache is rebuilt
        with open(path, "rb") as handle:
            state = pickle.load(handle)
        count = int(state["count"])
        if count <= len(order) and state["key"] == _keys_digest(papers, order, count):
            return (count,
                    [(WordIndex.from_state(s), start, end) for s, start, end in state["titles"]],
                    [(WordIndex.from_state(s), start, end)
                     for s, start, end in state["abstracts"]])
    return None
