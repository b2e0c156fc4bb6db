"""The state survives failed writes, SIGKILL at any moment, signals, and a second instance."""

from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

import tui.core.atomic as atomic
from tui.core.errors import StateError, WriteError
from tui.core.state import StateStore
from tui.core.state.backup import load_payload

REPO = Path(__file__).resolve().parents[2]
CHILD = REPO / "tests" / "support" / "state_child.py"


def spawn(home: Path, mode: str, log: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, str(CHILD), str(home), mode, *extra], stdout=out, env=env
        )


def wait_for_line(log: Path, text: str, proc: subprocess.Popen[bytes], limit: float = 30) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if text in log.read_text().splitlines():
            return
        if proc.poll() is not None:
            raise AssertionError(f"child exited with {proc.returncode} before {text!r}")
        time.sleep(0.01)
    proc.kill()
    raise AssertionError(f"child never logged {text!r}")


def disk_state(home: Path) -> dict:
    entries, _ = load_payload((home / "state.json").read_bytes())
    return entries


# -- fault injection ------------------------------------------------------------------------


@pytest.fixture
def saved_store(home: Path):
    store = StateStore.open(home)
    store.set_starred(["kept"], True)
    store.flush()
    yield store
    store.close()


def test_exception_in_the_middle_of_a_write_leaves_the_old_file(
    saved_store: StateStore, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (home / "state.json").read_bytes()
    saved_store.set_starred(["lost-for-now"], True)

    def explode(*_args: object) -> None:
        raise RuntimeError("crash between fsync and rename")

    monkeypatch.setattr(atomic.os, "replace", explode)
    with pytest.raises(RuntimeError):
        saved_store.flush()
    assert (home / "state.json").read_bytes() == before
    assert not list(home.glob("*tmp-paperdeck"))
    monkeypatch.undo()
    saved_store.flush()  # the change was kept in memory and is written now
    assert disk_state(home)["lost-for-now"].state.starred


class HalfWriter:
    """A file handle that writes half the data, then fails as a full disk does."""

    def __init__(self, handle):
        self.handle = handle

    def __enter__(self):
        return self

    def __exit__(self, *exc: object) -> None:
        self.handle.close()

    def write(self, data: bytes) -> int:
        self.handle.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name: str):
        return getattr(self.handle, name)


def test_disk_full_is_a_clear_error_and_the_old_file_stays(
    saved_store: StateStore, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (home / "state.json").read_bytes()
    saved_store.set_notes("kept", "a long note " * 100)
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    with pytest.raises(WriteError, match="No space left on device") as caught:
        saved_store.flush()
    assert "previous state file is unchanged" in str(caught.value)
    assert (home / "state.json").read_bytes() == before
    assert not list(home.glob("*tmp-paperdeck"))
    assert saved_store.unsaved
    monkeypatch.undo()
    saved_store.close()
    assert disk_state(home)["kept"].state.notes.startswith("a long note")


def test_background_write_failure_is_reported_and_retried(
    saved_store: StateStore, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    saved_store.set_read(["kept"], True)
    deadline = time.monotonic() + 10
    while saved_store.write_error is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert "No space left on device" in (saved_store.write_error or "")
    assert any("could not save state" in n for n in saved_store.notices)
    assert not disk_state(home)["kept"].state.read
    monkeypatch.undo()
    while saved_store.unsaved and time.monotonic() < deadline:
        time.sleep(0.02)
    assert disk_state(home)["kept"].state.read
    assert saved_store.write_error is None


def test_a_background_write_failure_calls_on_write_error_from_the_writer_thread(
    saved_store: StateStore, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reported: list[tuple[str, str]] = []
    called = threading.Event()

    def on_write_error(notice: str) -> None:
        reported.append((notice, threading.current_thread().name))
        called.set()
        raise RuntimeError("a callback that fails")  # must not stop the retries

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    saved_store.on_write_error = on_write_error
    monkeypatch.setattr(atomic.os, "fsync", full)
    saved_store.set_read(["kept"], True)
    assert called.wait(10)
    [(notice, thread)] = reported
    assert "could not save state" in notice and "No space left on device" in notice
    assert notice in saved_store.notices and thread == "state-writer"
    monkeypatch.undo()
    deadline = time.monotonic() + 10
    while saved_store.unsaved and time.monotonic() < deadline:  # the writer retries on its own
        time.sleep(0.02)
    assert disk_state(home)["kept"].state.read
    assert len(reported) == 1  # the same failure, retried, is reported once


# -- SIGKILL at random moments ----------------------------------------------------------------


def _seed_payload(tmp_path: Path) -> bytes:
    """A state file with 600 records, so each write takes long enough to be hit by a kill."""
    seed_home = tmp_path / "seed"
    store = StateStore.open(seed_home)
    ids = [f"seed{i:05d}" for i in range(600)]
    store.set_read(ids, True)
    store.add_tag(ids[::3], "seeded")
    store.close()
    return (seed_home / "state.json").read_bytes()


def _kill_once(tmp_path: Path, seed: bytes, i: int, rng: random.Random) -> int:
    home = tmp_path / f"kill{i}"
    home.mkdir()
    (home / "state.json").write_bytes(seed)
    log = tmp_path / f"kill{i}.log"
    proc = spawn(home, "burst", log)
    wait_for_line(log, "ready", proc)
    time.sleep(rng.uniform(0.0, 1.6))
    killed_at = time.time()
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    complete = log.read_text().split("\n")[1:-1]  # the last line may be cut by the kill
    lines = [line.split() for line in complete]
    saves = [(float(x[1]), float(x[2])) for x in lines if x[0] == "save"]
    acknowledged = [int(x[0]) for x in lines if x[0] != "save" and float(x[1]) <= killed_at - 1.0]
    entries = disk_state(home)  # raises if the file were broken
    assert len(entries) >= 600, "the seeded records survived"
    for n in acknowledged:
        entry = entries.get(f"k{n}")
        assert entry is not None and entry.state.starred, (
            f"change k{n} lost (iteration {i}); saves (start, seconds) before the kill: "
            f"{[(round(killed_at - a, 3), round(b - a, 3)) for a, b in saves][-6:]}"
        )
        assert (n % 5 != 0) or "burst" in entry.state.tags
        assert (n % 7 != 0) or entry.state.notes == f"note {n}"
    reopened = StateStore.open(home)  # the next start cleans up and reports nothing wrong
    assert reopened.notices == []
    assert not list(home.glob("*tmp-paperdeck"))
    reopened.close()
    return len(acknowledged)


def run_kill_iterations(tmp_path: Path, iterations: int) -> None:
    seed = _seed_payload(tmp_path)
    rng = random.Random(iterations)
    delays = [random.Random(rng.random()) for _ in range(iterations)]
    with ThreadPoolExecutor(max_workers=10) as pool:
        checked = list(
            pool.map(lambda i: _kill_once(tmp_path, seed, i, delays[i]), range(iterations))
        )
    assert sum(checked) > 0, "some changes were old enough to be checked"


def test_sigkill_during_a_burst_never_loses_acknowledged_changes(tmp_path: Path) -> None:
    run_kill_iterations(tmp_path, 50)


@pytest.mark.slow
def test_sigkill_during_a_burst_200_times(tmp_path: Path) -> None:
    run_kill_iterations(tmp_path, 200)


# -- signals and exit -------------------------------------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_sigterm_and_sighup_flush_before_exit(home: Path, tmp_path: Path, signum: int) -> None:
    log = tmp_path / "signal.log"
    proc = spawn(home, "signal", log)
    wait_for_line(log, "changed", proc)
    assert not (home / "state.json").exists()  # the writer waits an hour: only the signal saves
    proc.send_signal(signum)
    assert proc.wait(timeout=30) == 128 + signum
    entry = disk_state(home)["sig"]
    assert entry.state.starred and entry.state.notes == "kept through the signal"


class ProcessEnded(BaseException):
    """Stands for os._exit: nothing after it on this thread runs."""


def test_a_signal_during_a_save_writes_what_that_save_was_writing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # q's save is interrupted by SIGHUP on the same thread (the lock is reentrant); the
    # handler's save is the last one before the process ends.
    saved_store = StateStore.open(home, write_delay=3600)  # no background write in between
    saved_store.set_starred(["kept"], True)
    saved_store.flush()
    storage = saved_store._storage
    real_write = storage.write_bytes
    interrupted = []

    def write_then_signal(payload: bytes) -> None:
        if not interrupted:
            interrupted.append(True)
            saved_store.flush(timeout=1)  # the signal handler's save
            raise ProcessEnded
        real_write(payload)

    monkeypatch.setattr(storage, "write_bytes", write_then_signal)
    saved_store.set_starred(["starred just before the terminal closed"], True)
    with pytest.raises(ProcessEnded):
        saved_store.flush()
    on_disk = disk_state(home)  # what the next start finds: the process ended here
    monkeypatch.undo()
    saved_store.close()
    assert on_disk["starred just before the terminal closed"].state.starred
    assert on_disk["kept"].state.starred


def test_normal_exit_without_close_still_saves(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "atexit.log"
    proc = spawn(home, "atexit", log)
    assert proc.wait(timeout=30) == 0
    assert disk_state(home)["late"].state.tags == ("atexit",)


def test_changes_reach_disk_without_flush(home: Path) -> None:
    store = StateStore.open(home)
    store.set_starred(["quick"], True)
    deadline = time.monotonic() + 10
    while not (home / "state.json").exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    assert disk_state(home)["quick"].state.starred
    store.close()


# -- two instances ----------------------------------------------------------------------------


def test_second_process_opens_read_only_and_loses_nothing(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "hold.log"
    proc = spawn(home, "hold", log, "30")
    try:
        wait_for_line(log, "ready", proc)
        second = StateStore.open(home)
        assert second.readonly
        assert any("read-only" in n and str(home / "state.json") in n for n in second.notices)
        with pytest.raises(StateError, match="read-only"):
            second.set_starred(["mine"], True)
        second.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    third = StateStore.open(home)
    assert not third.readonly and third.get("held").starred
    third.close()


def test_second_process_can_wait_for_the_first(home: Path, tmp_path: Path) -> None:
    log = tmp_path / "hold.log"
    proc = spawn(home, "hold", log, "0.5")
    wait_for_line(log, "ready", proc)
    store = StateStore.open(home, wait=30)
    assert not store.readonly and store.notices == []
    assert store.get("held").starred  # the first one's change, saved as it closed
    store.set_starred(["mine"], True)
    store.close()
    proc.wait(timeout=30)
    reopened = StateStore.open(home)
    assert reopened.get("held").starred and reopened.get("mine").starred
    reopened.close()


def test_two_stores_in_one_process_do_not_both_write(home: Path) -> None:
    first = StateStore.open(home)
    second = StateStore.open(home)
    assert not first.readonly and second.readonly
    first.close()
    second.close()
