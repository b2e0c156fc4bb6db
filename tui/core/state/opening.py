"""Opening a home's state: the lock that makes one paperdeck its writer, loading (with recovery
and the journal laid over state.json), and a read-only instance taking over once it may.

A second instance opens read-only (or waits `wait` seconds for the lock) and says so in its
notices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout

from tui.core.errors import PaperdeckError, StateError
from tui.core.state.backup import load_for_open, load_payload
from tui.core.state.journal import (
    COMPACT_AT,
    JOURNAL_FROM,
    journal_path,
    journal_size,
    read_journal,
    remove_journal,
)
from tui.core.state.lookup import find_records
from tui.core.state.schema import Entry, NewerSchemaError, SchemaError
from tui.core.state.storage import AtomicJSONStorage, CorruptStateFile

STATE_FILE = "state.json"


@dataclass
class Opened:
    """What opening found; the store is built from it."""

    entries: dict[str, Entry]
    lock: FileLock | None  # held: this instance is the writer
    notices: list[str] = field(default_factory=list)
    lock_notice: str | None = None  # read-only because another paperdeck holds the lock
    lock_error: str | None = None  # read-only because the lock file cannot be taken at all
    newer_schema: bool = False  # read-only because a newer paperdeck wrote the file
    fold_journal: bool = False  # the journal's records must be folded into state.json
    rewrite: bool = False  # recovered, migrated or journalled: write everything now


def lock_for(home: Path) -> FileLock:
    return FileLock(home / f"{STATE_FILE}.lock", thread_local=False)


def try_lock(lock: FileLock, wait: float = 0) -> bool:
    try:
        lock.acquire(timeout=max(wait, 0))
    except (Timeout, OSError):
        return False
    return True


def open_home(home: Path, lock: FileLock, wait: float) -> Opened:
    path = home / STATE_FILE
    notices: list[str] = []
    lock_notice: str | None = None
    lock_error: str | None = None
    held: FileLock | None = lock
    try:
        lock.acquire(timeout=max(wait, 0))
    except Timeout:
        held = None
        waited = f" (waited {wait:g} s)" if wait > 0 else ""
        lock_notice = (
            f"another paperdeck is using {path}{waited}; opened it read-only — "
            "changes cannot be saved until the other one quits"
        )
        notices.append(lock_notice)
    except OSError as exc:
        # A home we cannot write (read-only mount, someone else's folder): reading needs
        # no lock, so open read-only; a command that changes state refuses with this line.
        held = None
        lock_error = f"cannot lock {path}: {exc.strerror or exc}"
        notices.append(f"{lock_error}; opened it read-only — changes cannot be saved")
    writer = held is not None
    try:
        entries, dirty_all = load_for_open(home, path, writer=writer, notices=notices)
    except NewerSchemaError as exc:
        if held is not None:
            held.release()
        notices.append(f"the state file {path} is read-only here: {exc}")
        return Opened({}, None, notices, newer_schema=True)
    except BaseException:
        if held is not None:
            held.release()
        raise
    try:
        journalled = apply_journal(home, entries, writer=writer)
    except BaseException:
        if held is not None:
            held.release()
        raise
    return Opened(entries, held, notices, lock_notice, lock_error,
                  fold_journal=journalled, rewrite=bool(dirty_all or journalled))


def apply_journal(home: Path, entries: dict[str, Entry], *, writer: bool) -> bool:
    """Lay the journal's records over state.json's; True if a writer must fold them in.
    A journal holding no record is removed at once by a writer."""
    journal = read_journal(home)
    entries.update(journal)
    if writer and not journal and journal_path(home).exists():
        remove_journal(home)
    return writer and bool(journal)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def find_for_change(home: Path, lock: FileLock, pids: list[str]) -> dict[str, Entry] | None:
    """With the lock held: only these papers' records (state.json's line for each, then the
    journal's). None, with the lock released, when the whole state must be opened instead
    (a small file, a file in another shape, a big journal)."""
    try:
        found = None
        if journal_size(home) <= COMPACT_AT and _size(home / STATE_FILE) >= JOURNAL_FROM:
            found = find_records(home / STATE_FILE, pids)
        if found is not None:
            found.update((pid, e) for pid, e in read_journal(home).items() if pid in pids)
    except BaseException:
        lock.release()
        raise
    if found is None:
        lock.release()
    return found


def take_over(home: Path, lock: FileLock) -> Opened | None:
    """With the lock just taken by a read-only instance: load as the writer. None, with the
    lock released, if that fails (the instance stays read-only)."""
    notices: list[str] = []
    try:
        entries, dirty_all = load_for_open(home, home / STATE_FILE, writer=True, notices=notices)
        journalled = apply_journal(home, entries, writer=True)
    except BaseException:
        lock.release()
        return None
    return Opened(entries, lock, notices, fold_journal=journalled,
                  rewrite=bool(dirty_all or journalled))


def reread(home: Path, storage: AtomicJSONStorage) -> dict[str, Entry] | None:
    """What the writing instance has saved, for a read-only one; None if it cannot be read
    now (the writer is responsible for recovery)."""
    try:
        payload = storage.read_bytes()
        entries, _ = load_payload(payload) if payload is not None else ({}, 0)
        entries.update(read_journal(home))
    except (OSError, CorruptStateFile, SchemaError, PaperdeckError):
        return None
    return entries


def make_home(home: Path) -> None:
    try:
        home.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StateError(f"cannot create {home}: {exc.strerror or exc}") from exc
