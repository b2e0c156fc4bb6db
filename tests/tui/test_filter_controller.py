"""The filter controller and the detail throttle without Textual: a fake clock, fake timers,
the real query engine; the worker is run by hand, so every step is deterministic."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from tests.support.tui_helpers import make_paper
from tui.core.search import QueryEngine
from tui.screens import filtering
from tui.screens.filtering import FilterController, FilterOutcome, SearchRequest
from tui.screens.throttle import Throttle

PAPERS = [make_paper(1, "Attention is all you need"), make_paper(2, "Megatron pipelines"),
          make_paper(3, "Pipeline parallel attention")]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Timers:
    """set_timer's stand-in: timers fire when the test advances the clock."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.pending: list[FakeTimer] = []

    def __call__(self, delay: float, callback: Callable[[], None]) -> FakeTimer:
        timer = FakeTimer(self.clock.now + delay, callback)
        self.pending.append(timer)
        return timer

    def advance(self, seconds: float) -> None:
        """Fire the timers due meanwhile, in order, each at its own time."""
        end = self.clock.now + seconds
        while due := sorted((t for t in self.pending if not t.stopped and t.due <= end),
                            key=lambda t: t.due):
            timer = due[0]
            self.pending.remove(timer)
            self.clock.now = timer.due
            timer.callback()
        self.clock.now = end


class FakeTimer:
    def __init__(self, due: float, callback: Callable[[], None]) -> None:
        self.due, self.callback, self.stopped = due, callback, False

    def stop(self) -> None:
        self.stopped = True


class Store:
    def read_ids(self) -> frozenset[str]:
        return frozenset()

    def starred_ids(self) -> frozenset[str]:
        return frozenset({PAPERS[2].id})

    def noted_ids(self) -> frozenset[str]:
        return frozenset()

    def tag_ids(self, tag: str) -> frozenset[str]:
        return frozenset()

    def tag_counts(self) -> Counter[str]:
        return Counter()

    def read_times(self) -> dict[str, str]:
        return {}

    def starred_times(self) -> dict[str, str]:
        return {PAPERS[2].id: "2026-03-11T09:00:00+00:00"}


class View:
    def __init__(self) -> None:
        self.rows: list[int] | None = None
        self.error = ""
        self.held = 0

    def show_results(self, rows: list[int], spans_of: object, keep_paper: bool) -> None:
        self.rows, self.error = rows, ""

    def hold_query_error(self) -> None:
        self.held += 1

    def show_query_error(self, message: str) -> None:
        self.error = message


class Harness:
    def __init__(self, tmp_path: Path, *, engine_ready: bool = True) -> None:
        self.clock = Clock()
        self.timers = Timers(self.clock)
        self.view = View()
        self.engine = QueryEngine(PAPERS, cache_dir=tmp_path / "cache")
        self.requests: list[SearchRequest] = []
        self.engine_ready = engine_ready
        self.controller = FilterController(
            self.view,
            papers=lambda: PAPERS,
            store=Store,  # type: ignore[arg-type]
            ready_engine=lambda: self.engine if self.engine_ready else None,
            search_in_worker=self.requests.append,
            set_timer=self.timers,
            clock=self.clock,
        )

    def finish(self, request: SearchRequest) -> FilterOutcome:
        """The worker's part: search, then hand the outcome back as its message would."""
        outcome = filtering.search_reporting_errors(lambda: self.engine, request)
        self.controller.accept(outcome)
        return outcome


def titles(rows: list[int] | None) -> list[str]:
    return [PAPERS[i].title for i in rows or []]


def test_typing_waits_for_the_debounce_then_searches_once(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    for text in ("m", "me", "meg"):
        h.controller.text_changed(text)
        h.timers.advance(0.01)
    assert h.requests == []  # still typing
    h.timers.advance(filtering.FILTER_DEBOUNCE)
    assert [request.text for request in h.requests] == ["meg"]
    h.finish(h.requests[0])
    assert titles(h.view.rows) == ["Megatron pipelines"]
    assert h.controller.shown_text == "meg"


def test_a_result_for_text_typed_past_is_dropped(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    h.controller.text_changed("megatron")
    h.timers.advance(1)
    stale = h.requests[-1]
    h.controller.text_changed("attention")
    h.finish(stale)
    assert h.view.rows is None and h.controller.shown_text == ""
    h.timers.advance(1)
    h.finish(h.requests[-1])
    assert set(titles(h.view.rows)) == {"Attention is all you need",
                                        "Pipeline parallel attention"}


def test_enter_searches_at_once_on_the_same_path(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    h.controller.text_changed("pipeline")
    h.controller.apply_now("pipeline")  # before the debounce fired
    assert h.requests == []  # no worker: the UI thread searched
    typed = filtering.search(h.engine, SearchRequest(0, "pipeline", h.controller.sort,
                                                     filtering.StateSnapshot.of(Store()),
                                                     False))
    assert h.view.rows == typed.rows
    h.timers.advance(1)
    assert h.requests == []  # the debounce was stopped: nothing runs twice


def test_enter_while_the_engine_loads_leaves_it_to_the_worker(tmp_path: Path) -> None:
    h = Harness(tmp_path, engine_ready=False)
    h.controller.text_changed("pipeline")
    h.controller.apply_now("pipeline")
    assert h.view.rows is None
    h.timers.advance(1)
    h.finish(h.requests[-1])
    assert len(titles(h.view.rows)) == 2


def test_an_invalid_query_waits_for_typing_to_settle(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    h.controller.text_changed("title:")
    h.timers.advance(filtering.FILTER_DEBOUNCE)
    h.finish(h.requests[-1])
    assert h.view.error == "" and h.view.held == 1
    h.timers.advance(filtering.QUERY_ERROR_SETTLE)
    assert h.view.error


def test_an_invalid_query_on_enter_is_said_at_once(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    h.controller.apply_now('"open quote')
    assert h.view.error and h.view.held == 0


def test_sort_cycles_and_searches_again_on_its_paper(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    h.controller.use_saved_sort("starred")
    assert titles(h.controller.unfiltered_rows())[0] == "Pipeline parallel attention"
    h.controller.use_saved_sort("no-such-order")
    assert h.controller.sort == "starred"
    before = h.controller.sort
    assert h.controller.cycle_sort() != before
    request = h.requests[-1]  # at once, no debounce
    assert request.keep_paper and request.sort == h.controller.sort


def test_the_throttle_runs_a_burst_at_most_once_per_interval_and_where_it_stops() -> None:
    clock = Clock()  # whole numbers of fake seconds: no float rounding at the edges
    timers = Timers(clock)
    runs: list[float] = []
    throttle = Throttle(8, lambda: runs.append(clock.now), timers, clock)
    throttle.request()
    assert runs == [100]  # the first move after a pause shows at once
    for _ in range(3):
        timers.advance(2)
        throttle.request()
    assert runs == [100]
    timers.advance(2)
    assert runs == [100, 108]  # due: the burst goes on, drawn once per interval
    for _ in range(12):  # a held key
        timers.advance(1)
        throttle.request()
    assert runs == [100, 108, 116]
    timers.advance(8)
    assert runs == [100, 108, 116, 124]  # once more where the burst stopped
