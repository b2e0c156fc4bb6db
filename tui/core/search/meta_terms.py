"""The query terms on what richer sources say of a paper (author:, id:/arxiv:, upvotes:,
year:) and on dates of the user's history (seen:, read:, starred:).

Each is a comparison of one precomputed column or one dictionary look-up. The columns are
built per library the first time a query needs them (most sessions never ask), and a state
view's time map is turned into a column of local days once per state version: a keystroke
costs one pass over an array, not a pass over papers or state records.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import cached_property
from types import MappingProxyType

import numpy as np

from tui.core.arxiv_ids import arxiv_id_of
from tui.core.model import Paper
from tui.core.search.author_index import AuthorIndex
from tui.core.search.folding import fold
from tui.core.search.query_parse import WORD, Term
from tui.core.search.query_values import day_range, number_range

NO_VALUE = np.iinfo(np.int64).min  # a paper without the value matches no range


def local_day(stamp: str) -> int:
    """The local day (an ordinal) of an ISO timestamp; a stamp without zone is taken as
    local, one that does not parse has no day."""
    try:
        when = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return int(NO_VALUE)
    if when.tzinfo is not None:
        when = when.astimezone()
    return when.toordinal()


class MetaColumns:
    """Per-library columns for the terms above, each built on first use."""

    def __init__(self, papers: Sequence[Paper], id_index: Mapping[str, int],
                 aliases: Mapping[str, str]) -> None:
        self.papers = papers
        self.size = len(papers)
        self._id_index = id_index
        self._aliases = aliases
        self._day_columns: list[tuple[Mapping[str, str], np.ndarray]] = []

    @cached_property
    def authors(self) -> AuthorIndex:
        return AuthorIndex(self.papers)

    @cached_property
    def upvotes(self) -> np.ndarray:
        return np.fromiter(
            (NO_VALUE if p.meta is None or p.meta.upvotes is None else p.meta.upvotes
             for p in self.papers), dtype=np.int64, count=self.size)

    @cached_property
    def year(self) -> np.ndarray:
        return np.fromiter((_year(p) for p in self.papers), dtype=np.int64, count=self.size)

    @cached_property
    def seen_day(self) -> np.ndarray:
        days: dict[str, int] = {}  # an import's papers share its timestamp: parsed once
        return np.fromiter(
            (days[p.first_seen] if p.first_seen in days
             else days.setdefault(p.first_seen, local_day(p.first_seen)) for p in self.papers),
            dtype=np.int64, count=self.size)

    @cached_property
    def by_arxiv_id(self) -> dict[str, list[int]]:
        """Positions by arXiv id: the source's id, and arXiv links of papers known from the
        page text alone."""
        found: dict[str, list[int]] = {}
        for position, paper in enumerate(self.papers):
            meta = paper.meta
            if meta is not None and meta.arxiv_id:
                found.setdefault(meta.arxiv_id, []).append(position)
            for link in paper.links:
                if "arxiv.org/" in link.url and (arxiv_id := arxiv_id_of(link.url)):
                    found.setdefault(arxiv_id, []).append(position)  # twice does no harm
        return found

    @cached_property
    def sorted_ids(self) -> tuple[list[str], list[int]]:
        """Paper ids in order and their positions: an id prefix is two bisects."""
        ids = [p.id for p in self.papers]
        order = sorted(range(len(ids)), key=ids.__getitem__)
        return [ids[i] for i in order], order

    # ----- masks ---------------------------------------------------------------------------
    def mask(self, term: Term, budget_of: Callable[[str], int], today: date,
             times: Mapping[str, str] | None) -> np.ndarray:
        """The papers `term` (not negated) matches; `times` is the state's map of paper id to
        the stamp of `read:` or `starred:`."""
        kind = term.kind
        if kind == "author":
            return self.authors.papers_mask(WORD.findall(fold(term.value)), budget_of)
        if kind == "arxiv_id":
            return self._positions_mask(self.by_arxiv_id.get(term.value, ()))
        if kind == "paper_id":
            ids, positions = self.sorted_ids
            lo = bisect_left(ids, term.value)
            hi = bisect_left(ids, term.value + "\U0010ffff", lo)
            found = positions[lo:hi]
            if not found:  # an id the paper had before (another machine's first title)
                index = self._id_index
                found = [index[pid] for alias, pid in self._aliases.items()
                         if alias.startswith(term.value) and pid in index]
            return self._positions_mask(found)
        if kind in ("upvotes", "year"):
            lo, hi = number_range(kind, term.value)
            column = self.upvotes if kind == "upvotes" else self.year
            return _within(column, lo, hi)
        lo, hi = day_range(kind, term.value, today)
        if kind == "seen":
            return _within(self.seen_day, lo, hi)
        return _within(self._day_column(times or {}), lo, hi)

    def _positions_mask(self, positions: Sequence[int]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        if positions:
            mask[np.asarray(positions, dtype=np.int64)] = True
        return mask

    def _day_column(self, times: Mapping[str, str]) -> np.ndarray:
        # The store hands out one immutable map until the state changes: its column is
        # remembered by identity, so typing on costs no pass over the state.
        for seen, column in self._day_columns:
            if seen is times:
                return column
        column = np.full(self.size, NO_VALUE, dtype=np.int64)
        index = self._id_index
        for pid, stamp in times.items():
            position = index.get(pid)
            if position is not None:
                column[position] = local_day(stamp)
        if isinstance(times, MappingProxyType):  # the store's: it never changes
            self._day_columns = [(times, column), *self._day_columns[:3]]
        return column


def _year(paper: Paper) -> int:
    published = paper.meta.published if paper.meta is not None else ""
    return int(published[:4]) if published[:4].isdigit() else int(NO_VALUE)


def _within(column: np.ndarray, lo: int, hi: int) -> np.ndarray:
    # Every bound is above NO_VALUE (query_values.BIG): a paper without the value is out.
    return (column >= lo) & (column <= hi)
