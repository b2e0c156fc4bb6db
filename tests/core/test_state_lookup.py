"""state_lookup.find_records reads a few papers' records out of state.json without parsing it
whole (issue 12 point 13). Whatever the notes and tags hold, and however many papers are asked
for (one search each, or one pass over every line past a few), it finds exactly the records
that the whole-file load finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.state import STATE_FILE, StateStore
from tui.core.state.lookup import find_records

PIDS = [f"2401.{i:05d}" for i in range(60)]
TRICKY = st.sampled_from(['"', "\\", "\n", ':{"id":"2401.00001",', '\\":{\\"id\\":', "}}\n"])
ASKABLE = st.sampled_from([*PIDS, "2401.99999", "2401.0000"])
NOTES = st.lists(st.one_of(st.text(max_size=8), TRICKY), max_size=4).map("".join)


@settings(max_examples=40, deadline=None)
@given(notes=st.dictionaries(st.sampled_from(PIDS), NOTES, max_size=40),
       asked=st.one_of(st.lists(ASKABLE, max_size=8), st.lists(ASKABLE, min_size=40, max_size=80)))
def test_any_papers_asked_for_are_the_records_the_whole_load_has(tmp_path_factory, notes,
                                                                  asked) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("home")
    store = StateStore.open(home)
    store.set_read(PIDS[::3], True)
    for pid, text in notes.items():
        store.set_notes(pid, text or "x")
    store.close()
    whole = StateStore.open(home)
    try:
        found = find_records(home / STATE_FILE, asked)
        assert found is not None
        assert {pid: entry.state for pid, entry in found.items()} == {
            pid: whole.get(pid) for pid in asked if whole.get(pid).created}
    finally:
        whole.close()


def test_many_papers_are_found_in_one_pass(tmp_path: Path) -> None:
    store = StateStore.open(tmp_path)
    store.set_read(PIDS, True)
    store.close()
    found = find_records(tmp_path / STATE_FILE, [*PIDS, *PIDS])
    assert found is not None and sorted(found) == PIDS
    assert all(entry.state.read for entry in found.values())
