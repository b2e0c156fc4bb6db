"""The filter bar's query, from a keystroke to the rows the list shows.

`FilterController` holds what the main screen knows about its filter: the text typed, the
query whose results are shown, the sort order, the debounce, and a generation number per
search so that a result for text the user has typed past is dropped. Typing (after the
debounce, in a worker thread) and Enter (at once, on the UI thread when the engine is built)
run the same search, `search`, on the same `StateSnapshot`.

No Textual here: the screen hands in a timer hook, a worker hook and a `FilterView` that
draws, so the logic can be driven by a test with a fake clock and fake timers.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple, Protocol

from tui.core.errors import QueryError
from tui.core.model import Paper
from tui.core.search import DEFAULT_SORT, SORT_MODES, next_sort, sort_rows
from tui.screens.throttle import Stoppable

if TYPE_CHECKING:
    from tui.core.search import QueryEngine  # numpy + rapidfuzz: imported after frame 1
    from tui.core.state import StateStore

FILTER_DEBOUNCE = 0.06  # seconds of typing quiet before the query runs
# Seconds of typing quiet before an invalid query says so: a term being typed ("title:",
# an open quote) is not an error worth a flash; until then the bar keeps the last good result.
QUERY_ERROR_SETTLE = 0.4


# NamedTuples, not dataclasses: this module is imported before the first frame, and a
# dataclass compiles its methods when it is created.
class StateSnapshot(NamedTuple):
    """The store's views taken on the UI thread, so the filter worker never iterates sets
    that a key press is changing. Tag views are rarely changed while typing: asked live."""

    read: frozenset[str]
    starred: frozenset[str]
    noted: frozenset[str]
    tags: Callable[[str], frozenset[str]]
    counts: Callable[[], Mapping[str, int]]
    # When each paper was read / starred (read:today): asked only by a query that needs it,
    # under the store's lock.
    read_times: Callable[[], Mapping[str, str]]
    starred_times: Callable[[], Mapping[str, str]]
    conflicted: frozenset[str] = frozenset()  # notes in conflict (has:conflict)

    @classmethod
    def of(cls, store: StateStore) -> StateSnapshot:
        return cls(store.read_ids(), store.starred_ids(), store.noted_ids(), store.tag_ids,
                   store.tag_counts, store.read_times, store.starred_times,
                   getattr(store, "conflict_ids", frozenset)())

    def read_ids(self) -> frozenset[str]:
        return self.read

    def starred_ids(self) -> frozenset[str]:
        return self.starred

    def noted_ids(self) -> frozenset[str]:
        return self.noted

    def conflict_ids(self) -> frozenset[str]:
        return self.conflicted

    def tag_ids(self, tag: str) -> frozenset[str]:
        return self.tags(tag)

    def tag_counts(self) -> Mapping[str, int]:
        return self.counts()


class SearchRequest(NamedTuple):
    """One search, as asked: what to find, in which order, against which state."""

    generation: int
    text: str
    sort: str
    state: StateSnapshot
    keep_paper: bool  # the cursor stays on its paper if the paper is still shown


class FilterOutcome(NamedTuple):
    generation: int
    text: str
    rows: list[int] | None
    spans_of: Callable[[int], list[tuple[int, int]]] | None
    error: str
    keep_paper: bool
    error_at_once: bool = False  # shown without waiting for typing to settle (Enter, a bug)
    papers: Sequence[Paper] | None = None  # the papers `rows` are positions in


def search(engine: QueryEngine, request: SearchRequest) -> FilterOutcome:
    """The rows a query shows, in the order asked; raises what the engine raises."""
    result = engine.search(request.text, request.state)
    # The engine's papers: the library may have been read again since it was asked for.
    rows = sort_rows(result.indices.tolist(), request.sort, engine.papers,
                     request.state.starred)
    query = result.query
    spans_of = (lambda i: engine.title_spans(i, query)) if query.free_terms else None
    return FilterOutcome(request.generation, request.text, rows, spans_of, "",
                         request.keep_paper, papers=engine.papers)


def search_reporting_errors(engine: Callable[[], QueryEngine],
                            request: SearchRequest) -> FilterOutcome:
    """`search` in the filter worker: an invalid query or a failing search is an outcome
    the bar shows, not an exception in a thread."""
    try:
        return search(engine(), request)
    except QueryError as exc:
        return FilterOutcome(request.generation, request.text, None, None, str(exc),
                             request.keep_paper)
    except Exception as exc:  # a bug must not take the app down: say it, keep the list
        message = f"search failed: {exc.__class__.__name__}: {exc}"
        return FilterOutcome(request.generation, request.text, None, None, message,
                             request.keep_paper, error_at_once=True)


class FilterView(Protocol):
    """What the controller asks the screen to draw."""

    def show_results(self, rows: list[int], spans_of: Callable[[int], list[tuple[int, int]]] | None,
                     keep_paper: bool) -> None:
        """New rows for the list (positions in the library's papers), the title spans free
        text matched, whether the cursor stays on its paper; the bar shows no error."""

    def hold_query_error(self) -> None:
        """An invalid query while typing may go on: no error yet, the last good count."""

    def show_query_error(self, message: str) -> None:
        """The bar says why the query typed is not valid; the list keeps its rows."""


class FilterController:
    """The filter's text, sort order and searches; see the module's docstring."""

    def __init__(
        self,
        view: FilterView,
        *,
        papers: Callable[[], Sequence[Paper]],
        store: Callable[[], StateStore],
        ready_engine: Callable[[], QueryEngine | None],
        search_in_worker: Callable[[SearchRequest], None],
        set_timer: Callable[[float, Callable[[], None]], Stoppable],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._view = view
        self._papers = papers
        self._store = store
        self._ready_engine = ready_engine
        self._search_in_worker = search_in_worker
        self._set_timer = set_timer
        self._clock = clock
        self.sort = DEFAULT_SORT
        self.free_text = False  # the shown rows were ranked by free text (relevance applies)
        self.shown_text = ""  # the query whose results the list shows (the last good one)
        self._text = ""  # the query typed
        self._typed_at = 0.0  # when the filter text last changed
        self._generation = 0
        self._applied_generation = 0
        self._debounce: Stoppable | None = None
        self._error_timer: Stoppable | None = None

    def use_saved_sort(self, sort: str) -> None:
        if sort in SORT_MODES:
            self.sort = sort

    def unfiltered_rows(self) -> list[int]:
        """Every paper in the sort order: no query yet, so no need to wait for the engine."""
        papers = self._papers()
        return sort_rows(range(len(papers)), self.sort, papers, self._store().starred_ids())

    def cycle_sort(self) -> str:
        """The next sort order; the rows are sorted again at once, on their paper."""
        self.sort = next_sort(self.sort, self.free_text)
        self.search_again()
        return self.sort

    # ---- asking ------------------------------------------------------------------------------

    def text_changed(self, text: str) -> None:
        """The filter's text is now `text` (a burst of keys sends it several times)."""
        if text == self._text and self._is_applied():
            return
        self._text = text
        self._typed_at = self._clock()
        # Clearing the filter goes back to every paper, still on the one you had found.
        self._schedule(keep_paper=not text.strip())

    def search_again(self) -> None:
        """The library or the order changed: the same query again, at once, on its paper."""
        self._schedule(keep_paper=True, delay=0)

    def apply_now(self, text: str) -> None:
        """Enter: show this query's results before the next key acts on the cursor, or a
        shortcut typed right after Enter hits a row of the stale list. An invalid query says
        why at once, in the words the CLI uses."""
        from tui.core.search import parse_query  # no numpy: fine while the engine loads

        try:
            parse_query(text)
        except QueryError as exc:
            self._text = text
            self._stop_timers()
            self._generation += 1
            self.accept(FilterOutcome(self._generation, text, None, None, str(exc), False,
                                      error_at_once=True))
            return
        engine = self._ready_engine()  # None while it loads: the worker's result will do
        if engine is None or (text == self._text and self._is_applied()):
            return
        self._text = text
        self._generation += 1
        self._stop_timers()
        try:
            outcome = search(engine, self._request(self._generation,
                                                  keep_paper=not text.strip()))
        except Exception:  # a failing search: the worker reports it as usual
            self._schedule(keep_paper=False, delay=0)
            return
        self.accept(outcome)

    def _request(self, generation: int, *, keep_paper: bool) -> SearchRequest:
        """The query typed, in the order chosen, on the store as it is now."""
        return SearchRequest(generation, self._text, self.sort,
                             StateSnapshot.of(self._store()), keep_paper)

    def _is_applied(self) -> bool:
        return self._debounce is None and self._applied_generation == self._generation

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._error_timer):
            if timer is not None:
                timer.stop()
        self._debounce = self._error_timer = None

    def _schedule(self, *, keep_paper: bool, delay: float = FILTER_DEBOUNCE) -> None:
        self._generation += 1
        self._stop_timers()
        generation = self._generation

        def run() -> None:
            self._debounce = None  # fired: no longer pending
            self._search_in_worker(self._request(generation, keep_paper=keep_paper))

        if delay <= 0:
            run()
        else:
            self._debounce = self._set_timer(delay, run)

    # ---- answering ---------------------------------------------------------------------------

    def accept(self, outcome: FilterOutcome) -> None:
        """A search finished: show it, unless the user has typed on or the library was
        read again since it was asked."""
        if outcome.generation != self._generation:
            return  # the user typed on; a newer result is coming
        if outcome.papers is not None and outcome.papers is not self._papers():
            return  # positions in a library since read again: its own result is coming
        self._applied_generation = outcome.generation
        if outcome.rows is None:  # the list keeps the last good result
            wait = QUERY_ERROR_SETTLE - (self._clock() - self._typed_at)
            if outcome.error_at_once or wait <= 0:
                self._show_error(outcome)
            else:  # still typing, maybe
                self._view.hold_query_error()
                self._error_timer = self._set_timer(wait, lambda: self._show_error(outcome))
            return
        self.shown_text = outcome.text
        self.free_text = outcome.spans_of is not None
        self._view.show_results(outcome.rows, outcome.spans_of, outcome.keep_paper)

    def _show_error(self, outcome: FilterOutcome) -> None:
        self._error_timer = None
        if outcome.generation == self._generation:  # else typed on since
            self._view.show_query_error(outcome.error)
