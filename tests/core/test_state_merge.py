"""`state export` / `state merge`: a change made after seeing the other's wins, concurrent changes
go to the later stamp (read, star, each tag) or become a notes conflict holding both versions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import InputError
from tui.core.state import StateStore


@pytest.fixture
def machines(tmp_path: Path):
    here = StateStore.open(tmp_path / "here")
    there = StateStore.open(tmp_path / "there")
    yield here, there
    here.close()
    there.close()


def sync(source: StateStore, target: StateStore, tmp_path: Path):
    path = tmp_path / "exchange.json"
    source.export_state(path)
    return target.merge_state(path)


def test_export_is_plain_json_keyed_by_paper(machines, tmp_path: Path) -> None:
    here, _ = machines
    here.set_starred(["2401.1"], True)
    here.set_notes("2401.1", "ünïcode ✓")
    path = tmp_path / "out.json"
    assert here.export_state(path) == 1
    document = json.loads(path.read_text(encoding="utf-8"))
    record = document["papers"]["2401.1"]
    assert record["starred"] is True and record["notes"] == "ünïcode ✓"
    assert set(record["changed"]) == {"starred", "notes"}
    assert set(record["clock"]) == {"starred", "notes"}
    assert document["machine"] == here.machine


def test_other_machines_papers_arrive(machines, tmp_path: Path) -> None:
    here, there = machines
    there.set_read(["p1"], True)
    there.add_tag(["p1"], "ml")
    report = sync(there, here, tmp_path)
    assert here.get("p1").read and here.get("p1").tags == ("ml",)
    assert report.papers_changed == 1 and "p1: new here (read, tags ml)" in report.applied


def test_per_field_the_later_change_wins(machines, tmp_path: Path) -> None:
    here, there = machines
    there.set_starred(["p"], True)
    there.set_read(["p"], True)  # there: read earlier...
    here.set_starred(["p"], False)  # (no-op: nothing to change)
    here.set_read(["p"], True)
    here.set_read(["p"], False)  # ...here: unread later
    there.set_starred(["p"], False)
    there.set_starred(["p"], True)  # there: starred last
    report = sync(there, here, tmp_path)
    state = here.get("p")
    assert state.starred and not state.read
    assert any(line.startswith("p: starred") for line in report.applied)
    assert any("this machine's read (no) is newer" in line for line in report.kept)


def test_notes_changed_on_both_sides_are_both_kept(machines, tmp_path: Path) -> None:
    here, there = machines
    here.set_notes("p", "my view")
    there.set_notes("p", "their view")
    report = sync(there, here, tmp_path)
    state = here.get("p")
    assert state.notes == "my view"  # this machine's version is the one shown and exported
    assert state.conflict == ("my view", "their view")
    assert report.conflicts == ["p"]
    assert any("conflict p" in line for line in report.lines())


def test_merging_twice_or_back_and_forth_does_not_nest_conflicts(machines, tmp_path) -> None:
    here, there = machines
    here.set_notes("p", "mine")
    there.set_notes("p", "theirs")
    sync(there, here, tmp_path)
    combined = here.get("p")
    again = sync(there, here, tmp_path)  # the same file again
    assert here.get("p") == combined and again.papers_changed == 0
    back = sync(here, there, tmp_path)  # the other machine gets the same two versions
    assert set(there.get("p").conflict) == {"mine", "theirs"} and there.get("p").notes == "theirs"
    assert back.conflicts == ["p"]
    assert sync(there, here, tmp_path).papers_changed == 0
    assert sync(here, there, tmp_path).papers_changed == 0


def test_an_edit_after_a_sync_fast_forwards(machines, tmp_path: Path) -> None:
    here, there = machines
    here.set_notes("p", "draft")
    sync(here, there, tmp_path)
    there.set_notes("p", "draft, revised")
    report = sync(there, here, tmp_path)
    assert here.get("p").notes == "draft, revised" and report.conflicts == []


def test_merge_is_one_undo_step(machines, tmp_path: Path) -> None:
    here, there = machines
    there.set_read([f"p{i}" for i in range(20)], True)
    sync(there, here, tmp_path)
    assert len(here.read_ids()) == 20
    assert (here.undo() or "").startswith("merge ")
    assert here.read_ids() == set()


def test_a_copied_state_file_can_be_merged_too(machines, tmp_path: Path) -> None:
    here, there = machines
    there.set_starred(["p"], True)
    there.flush()
    report = here.merge_state(there.path)
    assert here.get("p").starred and report.papers_changed == 1


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"not json",
        b"[]",
        b'{"format": "paperdeck-state", "schema": 2, "papers": []}',
        b'{"format": "paperdeck-state", "schema": 99, "papers": {}}',
        b"{}",
        b'{"title": "a digest saved as JSON", "papers": [1, 2]}',
        b"<!DOCTYPE html><html><body>Sign in</body></html>",
        b"\xff\xfe\x00binary",
    ],
)
def test_a_file_that_is_not_an_export_is_refused(machines, tmp_path, payload: bytes) -> None:
    here, _ = machines
    here.set_read(["p"], True)
    path = tmp_path / "bad.json"
    path.write_bytes(payload)
    with pytest.raises(InputError, match="not a paperdeck state export"):
        here.merge_state(path)
    assert here.read_ids() == {"p"}


def test_a_missing_file_is_a_clear_error(machines, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        machines[0].merge_state(tmp_path / "nope.json")


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(notes=st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), min_size=1, max_size=4))
def test_merge_never_drops_text(tmp_path_factory: pytest.TempPathFactory, notes) -> None:
    base = tmp_path_factory.mktemp("m")
    here = StateStore.open(base / "here", write_delay=3600)
    there = StateStore.open(base / "there", write_delay=3600)
    for i, (mine, theirs) in enumerate(notes):
        here.set_notes(f"p{i}", mine)
        there.set_notes(f"p{i}", theirs)
    sync(there, here, base)
    for i, (mine, theirs) in enumerate(notes):
        state = here.get(f"p{i}")
        versions = state.conflict or (state.notes,)
        # Both texts survive, unless a side never wrote one (setting "" on no notes is no edit).
        if mine and theirs:
            assert mine in versions and theirs in versions
            assert "<<<<<<<" not in state.notes or "<<<<<<<" in mine
        else:
            assert versions == ((mine or theirs),)
    here.close()
    there.close()


def test_tags_from_another_file_follow_the_same_rules(machines, tmp_path: Path) -> None:
    here, _ = machines
    path = tmp_path / "other.json"
    record = {
        "starred": True,
        "tags": ["ML", "Vision"],
        "changed": {"tags": "2026-01-01T00:00:00+00:00"},
    }
    document = {"format": "paperdeck-state", "schema": 2, "papers": {"p": record}}
    path.write_text(json.dumps(document))
    here.merge_state(path)
    assert here.get("p").tags == ("ml", "vision") and here.tag_ids("ml") == {"p"}
    record["tags"] = ["evil\x1b[2Jtag"]
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="invalid tag"):
        here.merge_state(path)


@settings(max_examples=30, deadline=None)
@given(
    marks=st.dictionaries(
        st.text(alphabet="0123456789.abcdef", min_size=1, max_size=10),
        st.tuples(
            st.booleans(),
            st.booleans(),
            st.text(max_size=20),
            st.sets(st.sampled_from(["a", "b", "c"])),
        ),
        max_size=8,
    )
)
def test_export_then_merge_into_an_empty_home_reproduces_the_state(
    tmp_path_factory: pytest.TempPathFactory, marks
) -> None:
    base = tmp_path_factory.mktemp("rt")
    source = StateStore.open(base / "a", write_delay=3600)
    for pid, (read, starred, notes, tags) in marks.items():
        source.set_read([pid], read)
        source.set_starred([pid], starred)
        source.set_notes(pid, notes)
        for tag in tags:
            source.add_tag([pid], tag)
    target = StateStore.open(base / "b", write_delay=3600)
    sync(source, target, base)
    for pid in marks:
        want, got = source.get(pid), target.get(pid)
        assert (got.read, got.starred, got.notes, got.tags) == (
            want.read,
            want.starred,
            want.notes,
            want.tags,
        )
    assert sync(source, target, base).papers_changed == 0  # idempotent
    source.close()
    target.close()


# -- tags merge one by one, adds and removes; untouched fields say nothing -------------------


def test_tags_added_on_both_sides_are_all_kept(machines, tmp_path: Path) -> None:
    here, there = machines
    here.set_starred(["p"], True)
    for tag in ("diet", "ml/food", "todo", "vision"):
        here.add_tag(["p"], tag)
    there.add_tag(["p"], "other")  # later than every tag here
    report = sync(there, here, tmp_path)
    assert here.get("p").tags == ("diet", "ml/food", "other", "todo", "vision")
    assert here.get("p").starred  # the other machine never touched the star
    assert [line for line in report.applied if "tags" in line] == [
        "p: tags → diet, ml/food, other, todo, vision"
    ]
    assert report.kept == []  # nothing about the star: the other side never changed it
    assert not any("starred" in line for line in report.lines())


def test_a_tag_removed_after_a_sync_is_removed_on_the_other_side(machines, tmp_path) -> None:
    here, there = machines
    here.add_tag(["p"], "a")
    here.add_tag(["p"], "b")
    sync(here, there, tmp_path)
    there.remove_tag(["p"], "b")  # removed there, having seen it
    report = sync(there, here, tmp_path)
    assert here.get("p").tags == ("a",)
    assert report.applied == ["p: tags → a"] and report.papers_changed == 1
    assert sync(here, there, tmp_path).papers_changed == 0


def test_a_tag_removed_and_re_added_concurrently_goes_to_the_later(machines, tmp_path) -> None:
    here, there = machines
    here.add_tag(["p"], "a")
    sync(here, there, tmp_path)
    here.remove_tag(["p"], "a")
    there.remove_tag(["p"], "a")
    there.add_tag(["p"], "a")  # the later change of the tag
    sync(there, here, tmp_path)
    sync(here, there, tmp_path)
    assert here.get("p").tags == there.get("p").tags == ("a",)


def test_tags_from_the_only_side_that_changed_them_are_taken(machines, tmp_path) -> None:
    here, there = machines
    here.set_read(["p"], True)  # here the paper has a record, but tags never changed
    there.add_tag(["p"], "x")
    there.set_read(["p"], False)
    there.set_read(["p"], True)
    report = sync(there, here, tmp_path)
    assert here.get("p").tags == ("x",)
    assert "p: tags → x" in report.applied
    # ...and the other way: tags set only here are kept without a word.
    third = StateStore.open(tmp_path / "third")
    third.set_notes("p", "hello")
    report = sync(third, here, tmp_path)
    third.close()
    assert here.get("p").tags == ("x",)
    assert not any("tags" in line for line in report.lines()[1:])  # [0] names the file


def test_fields_the_other_side_never_changed_are_not_reported(machines, tmp_path) -> None:
    here, there = machines
    here.set_starred(["p"], True)
    here.set_read(["p"], True)
    here.set_notes("p", "mine")
    here.add_tag(["p"], "t")
    there.set_starred(["p"], False)  # no change: nothing is recorded there for the star
    there.set_read(["q"], True)  # the other machine only touched another paper
    there.set_read(["p"], True)
    there.set_read(["p"], False)  # ...and p's read flag, later than here
    report = sync(there, here, tmp_path)
    state = here.get("p")
    assert (state.starred, state.read, state.notes, state.tags) == (True, False, "mine", ("t",))
    assert report.kept == [] and report.conflicts == []
    assert [line for line in report.applied if line.startswith("p:")] == ["p: read → no"]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    mine=st.sets(st.sampled_from(["a", "b", "c", "d"])),
    theirs=st.sets(st.sampled_from(["a", "b", "c", "e"])),
)
def test_merging_tags_never_drops_one_silently(
    tmp_path_factory: pytest.TempPathFactory, mine, theirs
) -> None:
    base = tmp_path_factory.mktemp("t")
    here = StateStore.open(base / "here", write_delay=3600)
    there = StateStore.open(base / "there", write_delay=3600)
    here.set_tags("p", mine)
    there.set_tags("p", theirs)
    report = sync(there, here, base)
    merged = set(here.get("p").tags)
    assert merged == mine | theirs  # each tag added on one side only: never removed
    lost = (mine | theirs) - merged
    assert not lost or any("tags" in line for line in report.lines()[1:])
    here.close()
    there.close()


def test_merge_report_wording(machines, tmp_path: Path) -> None:
    here, there = machines
    here.set_notes("p", "mine")
    there.set_notes("p", "theirs")
    assert sync(there, here, tmp_path).lines()[0].endswith(
        "1 paper in the file, 1 changed here, 1 notes conflict"
    )
    here.set_notes("q", "mine")
    there.set_notes("q", "theirs")
    there.set_notes("p", "again")
    many = [f"r{i}" for i in range(1200)]
    there.set_read(many, True)
    lines = sync(there, here, tmp_path).lines()
    assert lines[0].endswith(
        "1,202 papers in the file, 1,202 changed here, 2 notes conflicts"
    )


def _export_with_change_time(machines, tmp_path: Path, stamp: str) -> Path:
    """An old (schema 2) export whose star was changed at `stamp`."""
    path = tmp_path / "exchange.json"
    document = {"format": "paperdeck-state", "schema": 2, "papers": {
        "p": {"starred": True, "changed": {"starred": stamp}}}}
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


@pytest.mark.parametrize("stamp", [
    "9999-12-31", "9999-12-31T23:59:59", "9999-12-31T23:59:59-12:00", "3000-01-01T00:00:00+00:00",
])
def test_a_change_time_far_in_the_future_is_clamped_and_reported(machines, tmp_path: Path,
                                                                stamp) -> None:
    here, there = machines
    here.set_starred(["p"], True)
    here.set_starred(["p"], False)
    report = here.merge_state(_export_with_change_time(machines, tmp_path, stamp))
    assert report.clamped == ["p starred"]
    assert any(line.startswith("  clamped  p starred: stamped more than a day ahead")
               for line in report.lines())
    assert here.get("p").starred  # a day ahead is still later than the unstar here
    here.set_starred(["p"], False)  # ...but it does not win over what comes after it
    sync(here, there, tmp_path)
    assert not there.get("p").starred


def test_a_change_time_within_a_day_ahead_is_merged(machines, tmp_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    here, _ = machines
    soon = (datetime.now(UTC) + timedelta(hours=20)).isoformat()
    report = here.merge_state(_export_with_change_time(machines, tmp_path, soon))
    assert here.get("p").starred and report.clamped == []


def test_merge_cli_reports_a_future_stamp_it_clamped(cli, home: Path, tmp_path: Path) -> None:
    path = tmp_path / "future.json"
    path.write_text(json.dumps({"format": "paperdeck-state", "schema": 2, "papers": {
        "p": {"starred": True, "changed": {"starred": "9999-12-31"}}}}), encoding="utf-8")
    result = cli("state", "merge", str(path))
    assert result.code == 0 and "Traceback" not in result.err
    assert "clamped  p starred" in result.out
