"""`author:NAME`: any author of a paper, accents and typos forgiven as in free text.

Each distinct author name is a document of a WordIndex, so a word of the query is the
same exact / prefix / typo-tolerant lookup as a title word; the words of one term must all
match one author (`author:"ada lovelace"` is not Ada Smith and John Lovelace). Author numbers
then map to papers through (author, paper) pairs sorted by author. Built once per library, the first
time a query asks for an author: a keystroke folds no names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tui.core.model import Paper
from tui.core.search.word_index import WordIndex

# Up to this many matching authors their papers are gathered slice by slice; past it one
# pass over every (author, paper) pair is cheaper.
_SLICES = 2000


class AuthorIndex:
    def __init__(self, papers: Sequence[Paper]) -> None:
        listed = [(position, paper.meta.authors) for position, paper in enumerate(papers)
                  if paper.meta is not None and paper.meta.authors]
        names = [name for _, authors in listed for name in authors]
        # Numbered by the name as given (comprehensions, not a loop: ~2x at 100k papers);
        # WordIndex folds each distinct name once.
        numbers = {name: number for number, name in enumerate(dict.fromkeys(names))}
        self.size = len(papers)
        self.count = len(numbers)
        self.words = WordIndex.build(numbers)
        authors = np.fromiter(map(numbers.__getitem__, names), dtype=np.int32, count=len(names))
        order = np.argsort(authors, kind="stable")
        self._pair_authors = authors[order]
        papers_of_pairs = np.repeat(np.asarray([p for p, _ in listed], dtype=np.int32),
                                    np.asarray([len(a) for _, a in listed], dtype=np.int64))
        self._pair_papers = papers_of_pairs[order]
        self._offsets = np.searchsorted(self._pair_authors, np.arange(self.count + 1))

    def authors_matching(self, words: list[str], budget_of: Callable[[str], int]) -> np.ndarray:
        """Numbers of the authors whose names hold every word (exact, as a prefix, or within
        `budget_of(word)` typos)."""
        alive = np.ones(self.count, dtype=bool)
        for word in words:
            hit = np.zeros(self.count, dtype=bool)
            budget = budget_of(word)
            if budget:
                hit[self.words.fuzzy(word, budget)] = True
            hit[self.words.prefix(word)] = True
            alive &= hit
        return np.flatnonzero(alive)

    def papers_mask(self, words: list[str], budget_of: Callable[[str], int]) -> np.ndarray:
        """Papers with an author whose name holds every word (in any order: "Berg, Jan van
        der" is Jan van der Berg)."""
        authors = self.authors_matching(words, budget_of)
        mask = np.zeros(self.size, dtype=bool)
        if not len(authors):
            return mask
        if len(authors) <= _SLICES:
            offsets = self._offsets
            mask[np.concatenate([self._pair_papers[offsets[a]:offsets[a + 1]]
                                 for a in authors.tolist()])] = True
        else:
            wanted = np.zeros(self.count, dtype=bool)
            wanted[authors] = True
            mask[self._pair_papers[wanted[self._pair_authors]]] = True
        return mask
