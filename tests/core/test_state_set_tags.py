"""`StateStore.set_tags`: the tags dialog saves a paper's whole tag set as one undo step."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.errors import StateError
from tui.core.state import StateStore, TagError


@pytest.fixture
def store(home: Path):
    opened = StateStore.open(home)
    yield opened
    opened.close()


def test_replacing_the_tag_set_is_one_undo_step(store: StateStore) -> None:
    for tag in ("diet", "todo", "vision"):
        store.add_tag(["p"], tag)
    # The dialog removed two tags and added three: one step, not five.
    assert store.set_tags("p", ["todo", "ml", "Food", "  new  "]) is True
    assert store.get("p").tags == ("food", "ml", "new", "todo")
    assert store.tag_ids("diet") == set() and store.tag_ids("food") == {"p"}
    assert store.tag_counts() == {"food": 1, "ml": 1, "new": 1, "todo": 1}
    assert "set the tags of p" in (store.undo() or "")
    assert store.get("p").tags == ("diet", "todo", "vision")
    assert store.tag_counts() == {"diet": 1, "todo": 1, "vision": 1}
    assert store.redo() and store.get("p").tags == ("food", "ml", "new", "todo")


def test_the_same_set_is_no_change_and_no_undo_step(store: StateStore) -> None:
    store.add_tag(["p"], "a")
    store.add_tag(["p"], "b")
    version = store.version
    assert store.set_tags("p", ["B", "a", "a"]) is False
    assert store.version == version
    assert store.undo() == "tag 1 paper with 'b'"


def test_an_empty_set_clears_the_tags(store: StateStore) -> None:
    store.add_tag(["p"], "a")
    assert store.set_tags("p", []) is True
    assert store.get("p").tags == () and store.tag_counts() == {}


@pytest.mark.parametrize("tags", [["ok", "two words"], ["ok", ""], ["a,b"], "ml"])
def test_a_bad_tag_changes_nothing(store: StateStore, tags) -> None:
    store.add_tag(["p"], "keep")
    with pytest.raises(TagError):
        store.set_tags("p", tags)
    assert store.get("p").tags == ("keep",)
    assert store.undo() == "tag 1 paper with 'keep'"


def test_the_new_set_survives_a_restart(store: StateStore) -> None:
    store.set_tags("p", ["x", "y"])
    store.close()
    again = StateStore.open(store.home)
    assert again.get("p").tags == ("x", "y") and again.tag_ids("y") == {"p"}
    again.close()


def test_a_read_only_store_refuses(home: Path) -> None:
    writer = StateStore.open(home)
    reader = StateStore.open(home)
    with pytest.raises(StateError, match="read-only"):
        reader.set_tags("p", ["x"])
    reader.close()
    writer.close()


@settings(max_examples=40, deadline=None)
@given(
    before=st.sets(st.sampled_from(["a", "b", "c", "d"])),
    after=st.sets(st.sampled_from(["a", "b", "c", "d", "E"])),
)
def test_set_then_undo_round_trips(tmp_path_factory: pytest.TempPathFactory, before, after) -> None:
    store = StateStore.open(tmp_path_factory.mktemp("s"), write_delay=3600)
    for tag in before:
        store.add_tag(["p"], tag)
    steps = len(before)
    store.set_tags("p", after)
    assert store.get("p").tags == tuple(sorted(t.lower() for t in after))
    if {t.lower() for t in after} != before:
        store.undo()
    assert store.get("p").tags == tuple(sorted(before))
    for _ in range(steps):
        assert store.undo() is not None
    assert store.undo() is None
    store.close()
