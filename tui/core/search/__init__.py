"""The core's search part: the query language, the word indexes, the engine and the list orders.

    query_parse      the query language (one parser and its errors for the filter bar and --query)
    query_values     the values of upvotes:, year:, seen:, read:, starred: as ranges
    folding          fold(): case and accents dropped, for the index and the query alike
    word_numbering   numbering a batch's words with numpy, no Python object per word
    word_index       sorted vocabulary + CSR postings: a prefix is one numpy slice
    segmented_index  the cached base index + a delta of the papers imported since
    query            QueryEngine: candidates from the indexes, ranked by rapidfuzz; title spans
    meta_terms       author:, id:, upvotes:, year: and history dates as columns built on first use
    author_index     author names as a word index: author:NAME forgiving accents and typos
    sorting          the list orders `S` cycles through

The names below are re-exported lazily (PEP 562): the screen imports the list orders and the
query parser before the first frame, and must not pull in numpy and rapidfuzz with them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.core.search.folding import FoldedText, fold
    from tui.core.search.query import (
        QueryEngine,
        SearchResult,
        StateView,
        match_spans,
        typo_budget,
    )
    from tui.core.search.query_parse import QUALIFIERS, Query, Term, link_phrase, parse_query
    from tui.core.search.segmented_index import SegmentedIndex, load_or_build
    from tui.core.search.sorting import (
        DEFAULT_SORT,
        SORT_LABELS,
        SORT_MODES,
        next_sort,
        sort_label,
        sort_rows,
    )
    from tui.core.search.word_index import WordIndex

_HOME = {
    "FoldedText": "folding",
    "fold": "folding",
    "QueryEngine": "query",
    "SearchResult": "query",
    "StateView": "query",
    "match_spans": "query",
    "typo_budget": "query",
    "QUALIFIERS": "query_parse",
    "Query": "query_parse",
    "Term": "query_parse",
    "link_phrase": "query_parse",
    "parse_query": "query_parse",
    "SegmentedIndex": "segmented_index",
    "load_or_build": "segmented_index",
    "DEFAULT_SORT": "sorting",
    "SORT_LABELS": "sorting",
    "SORT_MODES": "sorting",
    "next_sort": "sorting",
    "sort_label": "sorting",
    "sort_rows": "sorting",
    "WordIndex": "word_index",
}

__all__ = [
    "DEFAULT_SORT",
    "QUALIFIERS",
    "SORT_LABELS",
    "SORT_MODES",
    "FoldedText",
    "Query",
    "QueryEngine",
    "SearchResult",
    "SegmentedIndex",
    "StateView",
    "Term",
    "WordIndex",
    "fold",
    "link_phrase",
    "load_or_build",
    "match_spans",
    "next_sort",
    "parse_query",
    "sort_label",
    "sort_rows",
    "typo_budget",
]


def __getattr__(name: str) -> Any:
    """A public name, imported from its module on first use."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOME])
