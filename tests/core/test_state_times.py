"""When papers were read or starred, as the query engine asks for `read:today` and
`starred:yesterday`: one unchanging map per state version, kept up to date change by change."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from tests.support.tui_helpers import make_paper
from tui.core.search import QueryEngine
from tui.core.state import StateStore
from tui.core.state.changes import now_iso


def test_times_follow_marks_unmarks_undo_and_a_restart(home: Path) -> None:
    store = StateStore.open(home)
    before = now_iso()
    store.set_starred(["a", "b"], True)
    store.set_read(["b"], True)
    starred = store.starred_times()
    assert set(starred) == {"a", "b"} and set(store.read_times()) == {"b"}
    assert before <= starred["a"] <= now_iso()
    assert store.starred_times() is starred  # no copy while nothing changed
    store.set_starred(["a"], False)
    assert set(store.starred_times()) == {"b"}
    store.undo()
    assert store.starred_times()["a"] == starred["a"]  # the stamp it had
    store.close()
    again = StateStore.open(home)
    assert dict(again.starred_times()) == dict(starred)
    again.close()


def test_starred_today_through_the_store(home: Path) -> None:
    papers = [make_paper(n) for n in range(3)]
    engine = QueryEngine(papers)
    store = StateStore.open(home)
    assert engine.search("starred:today", store).indices.tolist() == []
    store.set_starred([papers[1].id], True)
    # "Today" is the local day of the stamp, also if the clock passed midnight meanwhile.
    stamp = store.starred_times()[papers[1].id]
    engine.today = lambda: datetime.fromisoformat(stamp).astimezone().date()
    assert engine.search("starred:today", store).indices.tolist() == [1]
    assert engine.search("starred:yesterday", store).indices.tolist() == []
    store.set_starred([papers[1].id], False)
    store.set_read([papers[2].id], True)
    assert engine.search("starred:today", store).indices.tolist() == []
    assert engine.search("read:7d", store).indices.tolist() == [2]
    assert datetime.fromisoformat(store.read_times()[papers[2].id]).tzinfo == UTC
    store.close()
