"""The query engine shared by the CLI and the TUI.

Two stages keep it interactive at 100,000 papers: a candidate stage on word indexes (prefix and
typo-tolerant lookups that cost a numpy slice each, see word_index.py), then rapidfuzz ranks the
best candidates' titles. Qualifiers are boolean masks; user state comes through StateView.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Protocol

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from tui.core.model import Paper
from tui.core.search.folding import FoldedText, fold
from tui.core.search.meta_terms import MetaColumns
from tui.core.search.query_parse import WORD, Query, Term, parse_query
from tui.core.search.segmented_index import load_or_build

__all__ = ["QueryEngine", "SearchResult", "StateView", "parse_query"]

RERANK_TOP = 100  # candidates whose titles rapidfuzz re-scores (more than a screen holds)
# Weights: a word in the title counts three times one in the abstract; a typo costs a little.
TITLE_EXACT, TITLE_PREFIX, TITLE_FUZZY = 3.0, 2.6, 2.0
ABSTRACT_EXACT, ABSTRACT_PREFIX, ABSTRACT_FUZZY = 1.0, 0.8, 0.5


class StateView(Protocol):
    def read_ids(self) -> set[str]: ...
    def starred_ids(self) -> set[str]: ...
    def noted_ids(self) -> set[str]: ...
    def tag_ids(self, tag: str) -> set[str]: ...
    def tag_counts(self) -> Mapping[str, int]: ...
    # read:/starred: also ask (when the view has them) read_times() / starred_times():
    # paper id -> ISO stamp of when it was marked; a view without them knows no dates.
    # has:conflict asks conflict_ids() (papers whose notes are in conflict) when it is there.


# Terms answered by meta_terms.MetaColumns; read: and starred: also need the state's times.
META_KINDS = frozenset({"author", "arxiv_id", "paper_id", "upvotes", "year", "seen",
                        "read", "starred"})


def typo_budget(word: str) -> int:
    """Edits tolerated in a word: none below 5 letters, one up to 6, then two.

    Four letters are usually a word still being typed: "mega" should not match "meta".
    """
    if len(word) < 5:
        return 0
    return 1 if len(word) <= 6 else 2


@dataclass
class SearchResult:
    indices: np.ndarray  # positions in engine.papers, best first (or default order)
    query: Query
    ranked: bool  # free text decided the order

    def __len__(self) -> int:
        return len(self.indices)


class QueryEngine:
    def __init__(self, papers: Sequence[Paper], *, cache_dir: Path | None = None,
                 build_threads: int = 2, aliases: Mapping[str, str] | None = None) -> None:
        """`aliases`: other ids papers were known by (the library's), for `id:`."""
        self.papers = papers
        self.size = len(papers)
        self._id_index = {p.id: i for i, p in enumerate(papers)}
        self._has_code = np.fromiter((p.has_code for p in papers), dtype=bool, count=self.size)
        self._has_links = np.fromiter((bool(p.links) for p in papers), dtype=bool,
                                      count=self.size)
        latest = max((p.first_import for p in papers), default=0)
        self._is_new = np.fromiter((p.first_import == latest for p in papers), dtype=bool,
                                   count=self.size)
        self.titles, self.abstracts = load_or_build(papers, cache_dir, threads=build_threads)
        self._meta = MetaColumns(papers, self._id_index, aliases or {})
        self.today = date.today  # local: the user's own days (a test may fix it)
        self._mask_cache: dict[tuple, np.ndarray] = {}
        self._ids_masks: list[tuple[frozenset[str], np.ndarray]] = []

    # ----- search --------------------------------------------------------------------------
    def search(self, text: str | Query, state: StateView | None = None) -> SearchResult:
        """Raises QueryError for a query that is not valid (the same in the TUI and the CLI)."""
        query = text if isinstance(text, Query) else parse_query(text)
        if query.is_empty:
            return SearchResult(np.arange(self.size, dtype=np.int32), query, ranked=False)
        mask = np.ones(self.size, dtype=bool)
        score = np.zeros(self.size, dtype=np.float32)
        for clause in query.clauses:
            clause_mask = np.zeros(self.size, dtype=bool)
            clause_score = np.zeros(self.size, dtype=np.float32)
            for term in clause:
                term_mask, term_score = self._term(term, state)
                clause_mask |= term_mask
                if term_score is not None:
                    np.maximum(clause_score, term_score, out=clause_score)
            mask &= clause_mask
            score += clause_score
        candidates = np.flatnonzero(mask).astype(np.int32)
        ranked = bool(query.free_terms)
        if ranked and len(candidates):
            candidates = self._rank(candidates, score, query)
        return SearchResult(candidates, query, ranked)

    def _rank(self, candidates: np.ndarray, score: np.ndarray, query: Query) -> np.ndarray:
        # Best score first; equal scores keep the default order (candidates are ascending).
        order = np.argsort(_sort_keys(score[candidates]), kind="stable")
        candidates = candidates[order]
        top = candidates[:RERANK_TOP]
        needle = fold(" ".join(t.value for t in query.free_terms))
        papers = self.papers
        # One C call for the whole batch: a Python loop over the titles was a keystroke's cost.
        # Titles are folded here, not kept folded: RERANK_TOP fold() calls, not a folded copy
        # of every title in memory.
        bonus = process.cdist([needle], [fold(papers[i].title) for i in top], scorer=fuzz.WRatio,
                              dtype=np.float32, workers=1)[0] / 100.0
        reorder = np.argsort(-(score[top] + bonus), kind="stable")
        candidates[: len(top)] = top[reorder]
        return candidates

    def _term(self, term: Term, state: StateView | None) -> tuple[np.ndarray, np.ndarray | None]:
        if term.kind in META_KINDS:  # before phrases: author:"van der berg" is quoted too
            mask = self._meta_mask(term, state)
            return (~mask if term.negated else mask), None
        if term.is_phrase:  # "...", title:"...", abstract:"..."
            score = self._words_score(term.words, fields=term.fields, fuzzy=False)
            mask = self._phrase_mask(term.value, score > 0, term.fields)
            if term.negated:
                return ~mask, None
            return mask, np.where(mask, score, 0).astype(np.float32)
        if term.kind in ("text", "title", "abstract"):
            score = self._words_score(term.words, fields=term.kind, fuzzy=not term.negated)
            mask = score > 0
            if term.negated:
                return ~mask, None
            return mask, score
        mask = self._qualifier_mask(term, state)
        return (~mask if term.negated else mask), None

    def _meta_mask(self, term: Term, state: StateView | None) -> np.ndarray:
        today = self.today()
        if term.kind in ("read", "starred"):
            # Not cached here: the state changes under the same text (MetaColumns keeps the
            # column of days per state version; the comparison is one pass).
            ask = getattr(state, f"{term.kind}_times", None)
            return self._meta.mask(term, typo_budget, today, ask() if ask is not None else None)
        key = ("meta", term.kind, term.value, term.quoted, today)  # today: seen:yesterday
        cached = self._mask_cache.get(key)
        if cached is None:
            cached = self._meta.mask(term, typo_budget, today, None)
            self._remember(key, cached)
        return cached

    def _words_score(self, words: list[str], *, fields: str, fuzzy: bool) -> np.ndarray:
        """Sum over words of the best way each word matches; zero where any word is missing."""
        total = np.zeros(self.size, dtype=np.float32)
        alive = np.ones(self.size, dtype=bool)
        for word in words:
            best = self._word_score(word, fields, fuzzy)
            alive &= best > 0
            total += best
        total[~alive] = 0
        return total

    def _word_score(self, word: str, fields: str, fuzzy: bool) -> np.ndarray:
        key = ("word", word, fields, fuzzy)
        cached = self._mask_cache.get(key)
        if cached is not None:
            return cached
        best = np.zeros(self.size, dtype=np.float32)
        indexes = []
        if fields in ("text", "title"):
            indexes.append((self.titles, TITLE_EXACT, TITLE_PREFIX, TITLE_FUZZY))
        if fields in ("text", "abstract"):
            indexes.append((self.abstracts, ABSTRACT_EXACT, ABSTRACT_PREFIX, ABSTRACT_FUZZY))
        budget = typo_budget(word) if fuzzy else 0
        # Plain stores in ascending weight order leave each paper its best weight (every title
        # weight is above every abstract weight): no gather + maximum over millions of hits.
        for index, exact_w, prefix_w, fuzzy_w in reversed(indexes):
            if budget:
                best[index.fuzzy(word, budget)] = fuzzy_w
            best[index.prefix(word)] = prefix_w
            best[index.exact(word)] = exact_w
        self._remember(key, best)
        return best

    def _remember(self, key: tuple, value: np.ndarray) -> None:
        if len(self._mask_cache) > 256:  # typing makes new words; keep the newest
            self._mask_cache.pop(next(iter(self._mask_cache)))
        self._mask_cache[key] = value

    def _phrase_mask(self, phrase: str, candidates: np.ndarray, fields: str) -> np.ndarray:
        needle = " ".join(fold(phrase).split())
        mask = np.zeros(self.size, dtype=bool)
        in_title, in_abstract = fields in ("text", "title"), fields in ("text", "abstract")
        for i in np.flatnonzero(candidates):
            paper = self.papers[i]
            if (in_title and needle in fold(paper.title)) or (
                    in_abstract and needle in " ".join(fold(paper.abstract).split())):
                mask[i] = True
        return mask

    def _ids_mask(self, ids: set[str]) -> np.ndarray:
        # The state store hands out the same frozen set until it changes, and a large set's
        # look-up would cost a keystroke: remember the mask of the last few sets seen.
        for seen, mask in self._ids_masks:
            if seen is ids:
                return mask
        mask = np.zeros(self.size, dtype=bool)
        index = self._id_index
        positions = [index[i] for i in ids if i in index]
        if positions:
            mask[np.asarray(positions, dtype=np.int64)] = True
        if isinstance(ids, frozenset):  # immutable: safe to remember by identity
            self._ids_masks = [(ids, mask), *self._ids_masks[:7]]
        return mask

    def _qualifier_mask(self, term: Term, state: StateView | None) -> np.ndarray:
        kind, value = term.kind, term.value
        if kind == "is" and value == "new":
            return self._is_new
        if kind == "has" and value == "code":
            return self._has_code
        if kind == "has" and value == "links":
            return self._has_links
        if state is None:  # nothing touched yet: all unread, unstarred, no notes or tags
            empty = np.zeros(self.size, dtype=bool)
            return ~empty if (kind, value) in (("is", "unread"), ("is", "unstarred")) else empty
        if kind == "is":
            if value in ("read", "unread"):
                mask = self._ids_mask(state.read_ids())
                return mask if value == "read" else ~mask
            mask = self._ids_mask(state.starred_ids())
            return mask if value == "starred" else ~mask
        if kind == "has" and value == "notes":
            return self._ids_mask(state.noted_ids())
        if kind == "has" and value == "conflict":
            conflict_ids = getattr(state, "conflict_ids", None)
            return self._ids_mask(conflict_ids() if conflict_ids else set())
        if kind == "has" and value == "tags":
            tagged: set[str] = set()
            for tag in state.tag_counts():
                tagged |= state.tag_ids(tag)
            return self._ids_mask(tagged)
        if kind == "tag":
            return self._ids_mask(state.tag_ids(value))
        raise AssertionError(f"unhandled qualifier {kind}:{value}")  # parse_query rejects these

    # ----- highlighting --------------------------------------------------------------------
    def title_spans(self, index: int, query: Query | str) -> list[tuple[int, int]]:
        """[start, end) spans of the title that the query's positive free text matched."""
        if isinstance(query, str):
            query = parse_query(query)
        return match_spans(self.papers[index].title, query)


def _sort_keys(scores: np.ndarray) -> np.ndarray:
    """Keys that sort best score first. Scores are sums of weights in tenths: as int16 tenths
    numpy sorts them stably by radix, which a float32 sort cannot do."""
    if len(scores) and float(scores.max()) < 3000:
        return -np.rint(scores * 10).astype(np.int16)
    return -scores


def match_spans(title: str, query: Query) -> list[tuple[int, int]]:
    """Spans of the title's own characters: matching is on the folded title ("tulu" marks
    "TÜLU"), each match mapped back through FoldedText."""
    folded = FoldedText(title)
    lowered = folded.folded
    spans: list[tuple[int, int]] = []
    words = [(m.start(), m.group()) for m in WORD.finditer(lowered)]
    for term in query.free_terms:
        if term.is_phrase:
            needle = " ".join(fold(term.value).split())
            start = lowered.find(needle)
            if start >= 0 and needle:
                spans.append((start, start + len(needle)))
            continue
        for qword in term.words:
            budget = typo_budget(qword)
            for start, word in words:
                if word.startswith(qword):
                    spans.append((start, start + len(qword)))
                elif budget and word[:1] == qword[:1] and OSA.distance(
                        qword, word, score_cutoff=budget) <= budget:
                    spans.append((start, start + len(word)))
    return _merge_spans([folded.span(start, end) for start, end in spans])


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
