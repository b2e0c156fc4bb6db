"""Machine ids, stamps, schema-2 files and undo as the merge model needs them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.state import StateStore
from tui.core.state.clock import HybridClock, machine_id


def sync(source: StateStore, target: StateStore, tmp_path: Path, dry_run: bool = False):
    path = tmp_path / "exchange.json"
    source.export_state(path)
    return target.merge_state(path, dry_run=dry_run)


def test_a_home_keeps_its_machine_id_and_a_copy_gets_a_new_one(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    first = machine_id(home)
    assert machine_id(home) == first
    copy = tmp_path / "copy"
    shutil.copytree(home, copy)  # a copied home, or one a sync program carried elsewhere
    assert (copy / "machine.json").exists()
    assert machine_id(copy) not in ("", first)
    assert machine_id(home) == first


def test_a_damaged_machine_file_gets_a_new_id(tmp_path: Path) -> None:
    (tmp_path / "machine.json").write_text("{not json")
    ident = machine_id(tmp_path)
    assert ident.isalnum() and machine_id(tmp_path) == ident


def test_stamps_never_go_back_and_move_past_what_a_merge_saw() -> None:
    clock = HybridClock("m")
    first = clock.tick()
    clock.observe((first[0] + 10_000, 5, "other"))
    later = clock.tick()
    assert later > first and later[:2] > (first[0] + 10_000, 5)


def test_an_old_export_merges_without_markers(tmp_path: Path) -> None:
    here = StateStore.open(tmp_path / "here")
    here.set_notes("p", "mine")
    here.set_read(["q"], True)
    old = {"format": "paperdeck-state", "schema": 2, "exported_at": "2025-01-01T00:00:00+00:00",
           "papers": {
               "p": {"notes": "theirs", "changed": {"notes": "2025-01-01T00:00:00+00:00"},
                     "notes_seen": None},
               "q": {"read": False, "changed": {"read": "2025-01-01T00:00:00+00:00"}},
               "r": {"starred": True, "tags": ["x"], "changed": {
                   "starred": "2025-01-01T00:00:00+00:00", "tags": "2025-01-01T00:00:00+00:00"}},
           }}
    path = tmp_path / "old.json"
    path.write_text(json.dumps(old))
    report = here.merge_state(path)
    assert here.get("p").conflict == ("mine", "theirs") and report.conflicts == ["p"]
    assert here.get("q").read  # the later change, by time, as before
    assert here.get("r").starred and here.get("r").tags == ("x",)
    assert here.merge_state(path).papers_changed == 0  # the same old file again: nothing
    here.close()


def test_a_state_of_schema_2_is_upgraded_and_its_values_still_merge(tmp_path: Path) -> None:
    home = tmp_path / "old"
    home.mkdir()
    (home / "state.json").write_text(json.dumps({"meta": {"1": {"schema": 2}}, "papers": {"1": {
        "id": "p", "read": True, "notes": "kept", "tags": ["a", "b"],
        "changed": {"read": "2025-01-01T00:00:00+00:00", "notes": "2025-01-01T00:00:00+00:00",
                    "tags": "2025-01-01T00:00:00+00:00"}}}}))
    old = StateStore.open(home)
    assert any("schema 2 to 3" in notice for notice in old.notices)
    other = StateStore.open(tmp_path / "other")
    sync(old, other, tmp_path)
    other.remove_tag(["p"], "b")  # edits after seeing the upgraded values win over them
    other.set_notes("p", "kept, and more")
    sync(other, old, tmp_path)
    assert old.get("p").tags == ("a",) and old.get("p").notes == "kept, and more"
    assert not old.get("p").conflict
    old.close()
    other.close()


def test_undo_is_a_change_that_syncs(tmp_path: Path) -> None:
    here = StateStore.open(tmp_path / "here")
    there = StateStore.open(tmp_path / "there")
    here.set_starred(["p"], True)
    here.add_tag(["p"], "x")
    sync(here, there, tmp_path)
    assert here.undo()  # the tag goes, the star stays
    sync(here, there, tmp_path)
    assert there.get("p").tags == () and there.get("p").starred
    sync(there, here, tmp_path)
    assert here.get("p").tags == ()
    here.close()
    there.close()


def test_undo_of_a_merge_that_made_a_conflict_keeps_this_machines_notes(tmp_path) -> None:
    here = StateStore.open(tmp_path / "here")
    there = StateStore.open(tmp_path / "there")
    here.set_notes("p", "mine")
    there.set_notes("p", "theirs")
    sync(there, here, tmp_path)
    assert here.get("p").conflict
    assert (here.undo() or "").startswith("merge ")
    assert here.get("p").notes == "mine" and not here.get("p").conflict
    sync(here, there, tmp_path)  # the undo descends from both versions: it resolves there too
    assert there.get("p").notes == "mine" and not there.get("p").conflict
    here.close()
    there.close()


def test_a_dry_run_reports_and_changes_nothing(tmp_path: Path) -> None:
    here = StateStore.open(tmp_path / "here")
    there = StateStore.open(tmp_path / "there")
    there.set_read(["p"], True)
    report = sync(there, here, tmp_path, dry_run=True)
    assert report.lines()[0].startswith("would merge ") and "1 would change here" in \
        report.lines()[0]
    assert here.get("p").read is False and not here.can_undo
    here.close()
    there.close()


def test_merge_dry_run_on_the_command_line(cli, home: Path, tmp_path: Path) -> None:
    other = StateStore.open(tmp_path / "b")
    other.set_starred(["p"], True)
    other.export_state(tmp_path / "b.json")
    other.close()
    result = cli("state", "merge", "--dry-run", str(tmp_path / "b.json"))
    assert result.code == 0 and result.out.startswith("would merge ")
    store = StateStore.open(home)
    assert not store.get("p").starred
    store.close()


_numbers = st.one_of(st.integers(min_value=-2, max_value=3), st.integers(min_value=10**12),
                     st.booleans(), st.floats(allow_nan=False), st.text(max_size=2))
_vectors = st.one_of(_numbers, st.dictionaries(st.text(max_size=3), _numbers, max_size=2))
_clocks = st.one_of(st.lists(_numbers, max_size=5),
                    st.tuples(_numbers, _numbers, st.text(max_size=4), _vectors).map(list),
                    st.none(), st.text(max_size=3))


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(clock=st.dictionaries(st.sampled_from(["read", "notes", "tag:x", "tag:", "tag:A B",
                                              "bogus"]), _clocks, max_size=3),
       conflict=st.none() | st.lists(st.fixed_dictionaries(
           {"text": st.text(max_size=4) | st.none(), "clock": _clocks}), max_size=3))
def test_any_clock_in_an_export_is_merged_or_refused_with_exit_3(cli, tmp_path: Path, clock,
                                                                conflict) -> None:
    record: dict = {"read": True, "notes": "n", "clock": clock}
    if conflict is not None:
        record["conflict"] = conflict
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps({"format": "paperdeck-state", "schema": 3, "machine": "m1",
                                "papers": {"p": record}}))
    result = cli("state", "merge", str(path))
    assert result.code in (0, 3), result.err
    assert "Traceback" not in result.err
    if result.code == 3:
        assert len(result.err.strip().splitlines()) == 1
    else:
        assert cli("state", "merge", str(path)).code == 0  # and again: nothing breaks
