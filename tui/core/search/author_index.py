"""`author:NAME`: any author of a paper, accents and typos forgiven as in free text.

Each distinct author name (folded) is a document of a WordIndex, so a word of the query is the
same exact / prefix / typo-tolerant lookup as a title word; the words of one term must all
match one author (`author:"ada lovelace"` is not Ada Smith and John Lovelace). Author numbers
then map to papers through (author, paper) pairs sorted by author. Built once per library, the first
time a query asks for an author: a keystroke folds no names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from tui.core.model import Paper
from tui.core.search.folding import fold
from tui.core.search.query_parse import WORD
from tui.core.search.word_index import WordIndex

# Up to this many matching authors their papers are gathered slice by slice; past it one
# pass over every (author, paper) pair is cheaper.
_SLICES = 2000


class AuthorIndex:
    def __init__(self, papers: Sequence[Paper]) -> None:
        numbers: dict[str, int] = {}
        pair_authors: list[int] = []
        pair_papers: list[int] = []
        for position, paper in enumerate(papers):
            if paper.meta is None:
                continue
            for name in paper.meta.authors:
                key = " ".join(WORD.findall(fold(name)))
                number = numbers.setdefault(key, len(numbers))
                pair_authors.append(number)
                pair_papers.append(position)
        self.size = len(papers)
        self.names = list(numbers)  # folded, words joined by one space
        self.words = WordIndex.build(self.names)
        authors = np.asarray(pair_authors, dtype=np.int32)
        order = np.argsort(authors, kind="stable")
        self._pair_authors = authors[order]
        self._pair_papers = np.asarray(pair_papers, dtype=np.int32)[order]
        self._offsets = np.searchsorted(self._pair_authors, np.arange(len(self.names) + 1))

    def authors_matching(self, words: list[str], budget_of: Callable[[str], int]) -> np.ndarray:
        """Numbers of the authors whose names hold every word (exact, as a prefix, or within
        `budget_of(word)` typos)."""
        alive = np.ones(len(self.names), dtype=bool)
        for word in words:
            hit = np.zeros(len(self.names), dtype=bool)
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
            wanted = np.zeros(len(self.names), dtype=bool)
            wanted[authors] = True
            mask[self._pair_papers[wanted[self._pair_authors]]] = True
        return mask
