"""A broken, old or foreign state file is never overwritten and never silently taken as empty."""

from __future__ import annotations

import json
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.errors import StateError, WriteError
from tui.core.state import StateStore
from tui.core.state.backup import backups_dir, daily_backup, load_payload, rotate
from tui.core.state.schema import SCHEMA_VERSION


def make_good_state(home: Path) -> bytes:
    store = StateStore.open(home)
    store.set_starred(["2401.00001"], True)
    store.set_notes("2401.00001", "my precious note")
    store.add_tag(["2401.00001", "2401.00002"], "ml")
    store.close()
    return (home / "state.json").read_bytes()


def _valid_json_wrong_schema() -> list[bytes]:
    return [
        b"[1, 2, 3]",
        b"{}",
        b'{"meta": {"1": {"schema": "two"}}, "papers": {}}',
        b'{"meta": {"1": {"schema": 2}}, "papers": {"1": {"id": "x", "read": "yes"}}}',
        b'{"meta": {"1": {"schema": 2}}, "papers": {"1": {"read": true}}}',
        b'{"meta": {"1": {"schema": 2}}, "papers": []}',
    ]


def broken_variants(good: bytes) -> dict[str, bytes]:
    variants = {
        "zero-byte": b"",
        "truncated": good[: len(good) // 2],
        "cut-after-first-byte": good[:1],
        "garbage": os.urandom(300),
        "not-utf8": b"\xff\xfe{" + good,
        "whitespace": b"\n\n  \n",
    }
    for i, payload in enumerate(_valid_json_wrong_schema()):
        variants[f"wrong-schema-{i}"] = payload
    return variants


# Not recognisably paperdeck's: refused untouched (test_state_ownership.py), not recovered.
FOREIGN = ("garbage", "not-utf8", "wrong-schema-0")
CASES = [c for c in broken_variants(b'{"meta": {"1": {"schema": 2}}, "papers": {}}')
         if c not in FOREIGN]


def corrupt_files(home: Path) -> list[Path]:
    return sorted(home.glob("state.json.*.corrupt"))


@pytest.mark.parametrize("case", CASES)
def test_broken_file_is_moved_aside_and_newest_backup_restored(home: Path, case: str) -> None:
    good = make_good_state(home)  # also leaves today's backup
    broken = broken_variants(good)[case]
    (home / "state.json").write_bytes(broken)

    store = StateStore.open(home)
    moved = corrupt_files(home)
    assert len(moved) == 1 and moved[0].read_bytes() == broken  # kept byte for byte
    assert store.get("2401.00001").notes == "my precious note"
    assert store.get("2401.00002").tags == ("ml",)
    [notice] = store.notices
    assert str(home / "state.json") in notice and str(moved[0]) in notice
    assert "Restored the backup" in notice and str(backups_dir(home)) in notice
    store.close()
    assert StateStore.open(home).notices == []  # the restored file is good again


@pytest.mark.parametrize("case", CASES)
def test_broken_file_without_backup_starts_empty_and_says_so(home: Path, case: str) -> None:
    good = make_good_state(home)
    for backup in backups_dir(home).iterdir():
        backup.unlink()
    broken = broken_variants(good)[case]
    (home / "state.json").write_bytes(broken)

    store = StateStore.open(home)
    assert store.all() == {}
    [moved] = corrupt_files(home)
    assert moved.read_bytes() == broken
    [notice] = store.notices
    assert str(moved) in notice and "starts with empty state" in notice
    store.close()


def test_a_broken_backup_is_skipped_for_an_older_good_one(home: Path) -> None:
    good = make_good_state(home)
    folder = backups_dir(home)
    [today] = list(folder.iterdir())
    older = folder / "state-2000-01-01.json"
    older.write_bytes(good)
    os.utime(older, (0, 0))
    today.write_bytes(b"{broken")
    (home / "state.json").write_bytes(b"")
    store = StateStore.open(home)
    assert store.get("2401.00001").starred
    assert str(older) in store.notices[0]
    store.close()


def test_two_corruptions_in_one_second_keep_both_files(home: Path) -> None:
    make_good_state(home)
    for payload in (b'{"meta": first', b'{"meta": second'):
        (home / "state.json").write_bytes(payload)
        StateStore.open(home).close()
    assert sorted(p.read_bytes() for p in corrupt_files(home)) == [
        b'{"meta": first', b'{"meta": second']


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(payload=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_either_load_or_are_kept_aside(tmp_path: Path, payload: bytes) -> None:
    home = Path(tempfile.mkdtemp(dir=tmp_path))
    (home / "state.json").write_bytes(payload)
    try:
        store = StateStore.open(home)  # never a traceback
    except StateError:  # not recognisably ours: refused, and left as it was
        assert (home / "state.json").read_bytes() == payload and not corrupt_files(home)
        return
    store.close()
    moved = corrupt_files(home)
    if moved:
        assert moved[0].read_bytes() == payload and store.notices
    else:
        assert (home / "state.json").read_bytes() == payload and store.notices == []


# -- backups -----------------------------------------------------------------------------------


def test_daily_backups_rotate_keeping_the_newest_three(home: Path) -> None:
    start = date(2026, 1, 1)
    for day in range(6):
        daily_backup(home, f'{{"meta": "day {day}"}}'.encode(), start + timedelta(days=day))
    kept = sorted(p.name for p in backups_dir(home).iterdir())
    assert kept == ["state-2026-01-04.json", "state-2026-01-05.json", "state-2026-01-06.json"]
    assert (backups_dir(home) / "state-2026-01-06.json").read_bytes() == b'{"meta": "day 5"}'


def test_one_backup_per_day_the_first_good_state_of_the_day(home: Path) -> None:
    assert daily_backup(home, b"morning", date(2026, 1, 1)) is not None
    assert daily_backup(home, b"evening", date(2026, 1, 1)) is None
    assert (backups_dir(home) / "state-2026-01-01.json").read_bytes() == b"morning"
    assert rotate(home) == []


def test_opening_a_good_file_backs_it_up_once_a_day(home: Path) -> None:
    make_good_state(home)
    [backup] = list(backups_dir(home).iterdir())
    assert backup.name == f"state-{date.today().isoformat()}.json"
    reopened = StateStore.open(home)
    reopened.set_read(["other"], True)
    reopened.close()
    assert [p.name for p in backups_dir(home).iterdir()] == [backup.name]
    entries, _ = load_payload(backup.read_bytes())  # a backup is always a good state file
    assert entries["2401.00001"].state.starred


# -- migrations and newer files ----------------------------------------------------------------

V0 = {
    "_default": {
        "1": {
            "paper": "2401.00001",
            "read": True,
            "starred": True,
            "notes": "v0 note",
            "tags": ["a"],
        },
        "2": {"paper": "2401.00002", "read": False, "starred": False, "notes": "", "tags": []},
    }
}
V1 = {
    "meta": {"1": {"schema": 1}},
    "papers": {
        "1": {
            "id": "2401.00001",
            "read": True,
            "read_at": "2025-05-01T10:00:00+00:00",
            "starred": False,
            "starred_at": None,
            "notes": "v1 note",
            "tags": ["b", "a"],
            "created": "2025-05-01T10:00:00+00:00",
            "updated": "2025-05-02T10:00:00+00:00",
        }
    },
}


@pytest.mark.parametrize(("document", "version"), [(V0, 0), (V1, 1)])
def test_older_schema_is_backed_up_then_migrated(home: Path, document: dict, version: int) -> None:
    old_bytes = json.dumps(document).encode()
    (home / "state.json").write_bytes(old_bytes)
    store = StateStore.open(home)
    paper = store.get("2401.00001")
    assert paper.read and paper.notes == f"v{version} note" and "a" in paper.tags
    assert store.noted_ids() == {"2401.00001"}
    [premigration] = list(backups_dir(home).glob(f"state-v{version}-*.premigration.json"))
    assert premigration.read_bytes() == old_bytes
    assert str(premigration) in store.notices[0]
    store.close()
    on_disk = json.loads((home / "state.json").read_bytes())
    assert on_disk["meta"]["1"]["schema"] == SCHEMA_VERSION
    reopened = StateStore.open(home)
    assert reopened.notices == [] and reopened.get("2401.00001").notes == f"v{version} note"
    reopened.close()


def test_migrated_v1_keeps_change_times_for_merging(home: Path) -> None:
    (home / "state.json").write_text(json.dumps(V1))
    store = StateStore.open(home)
    export = home / "export.json"
    store.export_state(export)
    record = json.loads(export.read_text())["papers"]["2401.00001"]
    assert record["changed"]["read"] == "2025-05-01T10:00:00+00:00"
    store.close()


def test_file_from_a_newer_paperdeck_opens_read_only_untouched(home: Path) -> None:
    newer = json.dumps({"meta": {"1": {"schema": SCHEMA_VERSION + 1}}, "papers": {}}).encode()
    (home / "state.json").write_bytes(newer)
    store = StateStore.open(home)
    assert store.readonly and "newer paperdeck" in store.notices[0]
    with pytest.raises(StateError):
        store.set_read(["x"], True)
    store.close()
    assert (home / "state.json").read_bytes() == newer and not corrupt_files(home)


def test_leftover_temp_files_are_removed_at_start(home: Path) -> None:
    make_good_state(home)
    leftover = home / ".state.json.abc123.tmp-paperdeck"
    leftover.write_bytes(b'{"half": ')
    other = home / ".imports.json.abc.tmp-paperdeck"  # not ours: the library cleans its own
    other.write_bytes(b"x")
    StateStore.open(home).close()
    assert not leftover.exists() and other.exists()


# -- recovery when the disk also misbehaves ----------------------------------------------------


def _failing_for(name: str, real):
    def write(path: Path, data: bytes, **kwargs: object) -> None:
        if Path(path).name == name:
            raise WriteError(f"cannot write {path}: No space left on device")
        real(path, data, **kwargs)

    return write


def test_restore_that_cannot_be_written_keeps_working_and_retries(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.state.backup as state_backup
    import tui.core.state.storage as state_storage

    make_good_state(home)
    (home / "state.json").write_bytes(b'{"papers": garbage')
    monkeypatch.setattr(
        state_backup,
        "atomic_write_bytes",
        _failing_for("state.json", state_backup.atomic_write_bytes),
    )
    monkeypatch.setattr(
        state_storage,
        "atomic_write_bytes",
        _failing_for("state.json", state_storage.atomic_write_bytes),
    )
    store = StateStore.open(home)
    assert store.get("2401.00001").notes == "my precious note"  # from the backup, in memory
    # only ever replaced by a good file
    assert (home / "state.json").read_bytes() == b'{"papers": garbage'
    assert [p.read_bytes() for p in corrupt_files(home)] == [b'{"papers": garbage']
    assert any("will retry" in n for n in store.notices)
    monkeypatch.undo()
    store.close()  # the disk is back: the recovered state is written
    entries, _ = load_payload((home / "state.json").read_bytes())
    assert entries["2401.00001"].state.notes == "my precious note"


def test_a_broken_file_that_cannot_be_copied_aside_is_left_alone(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.state.backup as state_backup

    make_good_state(home)
    (home / "state.json").write_bytes(b'{"papers": garbage')

    def refuse(path: Path, data: bytes, **kwargs: object) -> None:
        raise WriteError(f"cannot write {path}: Permission denied")

    monkeypatch.setattr(state_backup, "atomic_write_bytes", refuse)
    with pytest.raises(StateError, match="could not be copied aside"):
        StateStore.open(home)
    assert (home / "state.json").read_bytes() == b'{"papers": garbage' and not corrupt_files(home)
    monkeypatch.undo()
    StateStore.open(home).close()  # and nothing is left locked


def test_a_failed_daily_backup_does_not_stop_the_user(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.state.backup as state_backup

    make_good_state(home)
    for backup in backups_dir(home).iterdir():
        backup.unlink()

    def refuse(path: Path, data: bytes, **kwargs: object) -> None:
        raise WriteError(f"cannot write {path}: Permission denied")

    monkeypatch.setattr(state_backup, "atomic_write_bytes", refuse)
    store = StateStore.open(home)
    assert store.get("2401.00001").starred
    assert any("could not back up" in n for n in store.notices)
    store.close()


def test_a_read_only_instance_never_touches_a_broken_file(home: Path) -> None:
    writer = StateStore.open(home)
    (home / "state.json").write_bytes(b"{cut off")  # broken behind the writer's back
    reader = StateStore.open(home)
    assert reader.readonly and reader.all() == {}
    assert any("could not be read" in n for n in reader.notices)
    reader.close()
    assert (home / "state.json").read_bytes() == b"{cut off" and not corrupt_files(home)
    writer.close()
