"""What the TUI and the query engine rely on: changes, views, undo/redo, persistence."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import StateError
from tui.core.model import UNTOUCHED
from tui.core.state import StateStore, TagError


@pytest.fixture
def store(home: Path):
    opened = StateStore.open(home)
    yield opened
    opened.close()


def reopen(store: StateStore) -> StateStore:
    store.close()
    return StateStore.open(store.home)


def test_untouched_paper_has_the_default_state(store: StateStore) -> None:
    assert store.get("2401.99999") == UNTOUCHED
    assert store.all() == {}


def test_changes_show_at_once_and_survive_a_restart(store: StateStore) -> None:
    assert store.set_read(["a", "b"], True) == 2
    assert store.set_starred(["b"], True) == 1
    store.add_tag(["a", "c"], "To-Read")
    store.set_notes("c", "check the ablation")
    assert store.read_ids() == {"a", "b"}
    assert store.starred_ids() == {"b"}
    assert store.tag_ids("to-read") == {"a", "c"} == store.tag_ids("TO-READ")
    assert store.noted_ids() == {"c"}
    assert store.tag_counts() == {"to-read": 2}
    b = store.get("b")
    assert b.read_at and b.starred_at and b.created and b.updated

    again = reopen(store)
    assert again.read_ids() == {"a", "b"} and again.starred_ids() == {"b"}
    assert again.get("c").notes == "check the ablation"
    assert again.get("a").tags == ("to-read",)
    again.close()


def test_setting_what_is_already_set_is_no_change(store: StateStore) -> None:
    store.set_read(["a"], True)
    version = store.version
    first_read_at = store.get("a").read_at
    assert store.set_read(["a"], True) == 0
    assert store.version == version and store.get("a").read_at == first_read_at


def test_unread_clears_the_time_and_views_follow(store: StateStore) -> None:
    store.set_read(["a"], True)
    before = store.read_ids()
    store.set_read(["a"], False)
    assert store.get("a").read_at is None and not store.get("a").read
    assert store.read_ids() == set() and before == {"a"}  # an old view stays what it was


def test_views_are_reused_until_something_changes(store: StateStore) -> None:
    store.set_read(["a"], True)
    assert store.read_ids() is store.read_ids()
    store.set_starred(["a"], True)
    assert store.read_ids() == {"a"}


def test_whitespace_only_notes_do_not_count_as_notes(store: StateStore) -> None:
    store.set_notes("a", "  \n")
    assert store.noted_ids() == set()


@pytest.mark.parametrize("tag", ["", "   ", "two words", "a,b", 'q"uote', "bell\x07"])
def test_bad_tags_are_refused_with_a_clear_error(store: StateStore, tag: str) -> None:
    with pytest.raises(TagError):
        store.add_tag(["a"], tag)
    assert store.all() == {}


def test_remove_tag_updates_counts(store: StateStore) -> None:
    store.add_tag(["a", "b"], "x")
    assert store.remove_tag(["a", "z"], "x") == 1
    assert store.tag_counts() == {"x": 1} and store.tag_ids("x") == {"b"}
    store.remove_tag(["b"], "x")
    assert store.tag_counts() == {} and store.tag_ids("x") == set()


# -- undo / redo -------------------------------------------------------------------------------


def test_bulk_change_is_one_undo_step(store: StateStore) -> None:
    ids = [f"p{i}" for i in range(500)]
    store.set_read(ids[:10], True)
    store.set_read(ids, True)  # "mark all visible read"
    assert store.undo() == "mark 490 papers read"
    assert store.read_ids() == set(ids[:10])
    assert store.redo() == "mark 490 papers read"
    assert store.read_ids() == set(ids)
    assert store.undo() and store.undo() == "mark 10 papers read"
    assert store.read_ids() == set()
    assert store.undo() is None


def test_undo_restores_notes_tags_and_stars(store: StateStore) -> None:
    store.set_notes("a", "first")
    store.set_notes("a", "second")
    store.add_tag(["a"], "t")
    store.set_starred(["a"], True)
    assert "starred" in (store.undo() or "")
    assert "'t'" in (store.undo() or "")
    assert store.undo() == "edit the notes of a"
    assert store.get("a").notes == "first" and store.get("a").tags == ()
    assert not store.get("a").starred and store.tag_counts() == {}
    assert store.redo() == "edit the notes of a" and store.get("a").notes == "second"


def test_the_history_names_a_paper_by_the_label_given(store: StateStore) -> None:
    store.set_notes("a", "x", label='"A title"')
    store.set_tags("a", ["t"], label='"A title"')
    assert store.undo() == """set the tags of "A title": 't'"""
    assert store.undo() == 'edit the notes of "A title"'


def test_a_new_change_clears_redo(store: StateStore) -> None:
    store.set_read(["a"], True)
    store.undo()
    store.set_starred(["b"], True)
    assert store.redo() is None and not store.get("a").read


def test_at_least_a_hundred_steps_undo_and_persist(store: StateStore) -> None:
    for i in range(150):
        store.set_starred([f"p{i}"], True)
    for _ in range(150):
        assert store.undo() is not None
    assert store.starred_ids() == set()
    again = reopen(store)
    assert again.starred_ids() == set()  # undo is a change like any other: it is saved
    again.close()


def apply_op(store: StateStore, op: str, ids: list[str], text: str) -> int:
    if op in ("read", "unread"):
        return store.set_read(ids, op == "read")
    if op in ("star", "unstar"):
        return store.set_starred(ids, op == "star")
    if op == "tag":
        return store.add_tag(ids, "t")
    if op == "untag":
        return store.remove_tag(ids, "t")
    return store.set_notes(ids[0], text)


@settings(max_examples=40, deadline=None)
@given(
    ops=st.lists(
        st.tuples(
            st.sampled_from(["read", "unread", "star", "unstar", "tag", "untag", "note"]),
            st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=1, max_size=4),
            st.text(max_size=5),
        ),
        max_size=25,
    )
)
def test_undo_all_then_redo_all_round_trips(tmp_path_factory: pytest.TempPathFactory, ops) -> None:
    store = StateStore.open(tmp_path_factory.mktemp("h"), write_delay=3600)
    snapshots = [store.all()]
    steps = 0
    for op, ids, text in ops:
        n = apply_op(store, op, ids, text)
        if n:
            steps += 1
            snapshots.append(store.all())

    def flags(states: dict) -> dict:
        return {
            pid: (s.read, s.starred, s.notes, s.tags)
            for pid, s in states.items()
            if (s.read, s.starred, s.notes, s.tags) != (False, False, "", ())
        }

    for expected in reversed(snapshots[:-1]):
        assert store.undo() is not None
        assert flags(store.all()) == flags(expected)
    assert store.undo() is None
    for expected in snapshots[1:]:
        assert store.redo() is not None
        assert flags(store.all()) == flags(expected)
    assert steps == len(snapshots) - 1
    store.close()


# -- read-only and closed --------------------------------------------------------------------


def test_changes_to_a_read_only_store_raise_a_clear_error(home: Path) -> None:
    writer = StateStore.open(home)
    reader = StateStore.open(home)
    for change in (
        lambda: reader.set_read(["a"], True),
        lambda: reader.set_notes("a", "x"),
        lambda: reader.add_tag(["a"], "t"),
        reader.undo,
    ):
        with pytest.raises(StateError, match="read-only"):
            change()
    reader.close()
    writer.close()


def test_a_closed_store_refuses_changes(home: Path) -> None:
    store = StateStore.open(home)
    store.close()
    with pytest.raises(StateError, match="closed"):
        store.set_read(["a"], True)


def test_a_read_only_store_follows_then_takes_over(home: Path) -> None:
    first = StateStore.open(home)
    second = StateStore.open(home)
    assert second.readonly and second.refresh() is False  # nothing saved yet
    first.set_starred(["a"], True)
    first.flush()
    assert second.refresh() and second.starred_ids() == {"a"} and second.readonly
    first.set_read(["a"], True)
    first.close()  # the first one quits: its last change is saved, the lock is free
    assert second.refresh()
    assert not second.readonly and second.get("a").read
    assert "saved again" in second.notices[-1]
    second.set_notes("a", "written by the second")
    second.close()
    final = StateStore.open(home)
    assert final.get("a").starred and final.get("a").notes == "written by the second"
    final.close()
