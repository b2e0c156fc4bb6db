"""StateStore: the user's read/star/notes/tags, safe against crashes, kills, rivals and corruption.

- Changes apply in memory at once; a background writer persists them (coalescing bursts) within
  WRITE_DELAY + one write, through an atomic TinyDB storage. flush()/close() write now; so do
  SIGTERM/SIGHUP (install_signal_flush) and interpreter exit.
- One writer per home: an exclusive lock on state.json.lock. A second instance opens read-only
  (or waits `wait` seconds) and says so in `notices`.
- A broken state file is moved aside and the newest good backup restored (backup.py).
- Every change is one undo step (undo.UndoHistory).
"""

from __future__ import annotations

import atexit
import contextlib
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout
from tinydb import TinyDB

from tui.core.atomic import atomic_write_text
from tui.core.errors import PaperdeckError, StateError, WriteError
from tui.core.model import UNTOUCHED, PaperState
from tui.core.state.backup import daily_backup, load_for_open, load_payload
from tui.core.state.journal import (
    COMPACT_AT,
    JOURNAL_FROM,
    append,
    journal_path,
    journal_size,
    read_journal,
    remove_journal,
)
from tui.core.state.lookup import find_records
from tui.core.state.schema import (
    FIELDS,
    Entry,
    NewerSchemaError,
    SchemaError,
    TagError,
    build_document,
    check_tag_count,
    encode_fragment,
    normalize_tag,
)
from tui.core.state.storage import AtomicJSONStorage, CorruptStateFile
from tui.core.state.undo import Step, UndoHistory
from tui.core.text import plural, replace_surrogates

if TYPE_CHECKING:
    from tui.core.state.merge import MergeReport

STATE_FILE = "state.json"
WRITE_DELAY = 0.25  # seconds a burst may coalesce; a change is on disk well within 1 s
RETRY_DELAY = 1.0  # after a failed background write


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _unique(ids: Iterable[str] | str) -> list[str]:
    if isinstance(ids, str):
        ids = [ids]
    seen = dict.fromkeys(ids)
    for pid in seen:
        if not isinstance(pid, str) or not pid:
            raise StateError(f"invalid paper id {pid!r}")
    return list(seen)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


class StateStore:
    """See the module docstring and docs/architecture.md (State store) for the contract."""

    def __init__(
        self,
        home: Path,
        entries: dict[str, Entry],
        *,
        lock: FileLock | None,
        notices: list[str],
        write_delay: float = WRITE_DELAY,
    ) -> None:
        self.home = home
        self.path = home / STATE_FILE
        self._db = TinyDB(self.path, storage=AtomicJSONStorage)
        self._storage: AtomicJSONStorage = self._db.storage  # type: ignore[assignment]
        self._lock_file = lock
        self.readonly = lock is None
        self.notices = notices
        self.version = 0
        self.write_error: str | None = None  # last background write failure, cleared on success
        self._entries = entries
        self._history = UndoHistory()
        self._write_delay = write_delay
        # Shared with the writer thread: _entries/_dirty under _mutex; whole writes under _writing.
        self._mutex = threading.RLock()
        # Reentrant: a signal handler may flush while the main thread is inside a write.
        self._writing = threading.RLock()
        self._dirty: set[str] = set()
        # Ids a write under way is writing: a signal handler that interrupts that write on its
        # own thread (the lock is reentrant) must write them too, or it would end the process
        # believing them saved.
        self._in_flight: set[str] = set()
        self._saved_version = 0
        self._fragments: dict[str, str] | None = None  # paper id -> encoded record, lazily built
        self._doc_ids: dict[str, int] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._closed = False
        self._newer_schema = False  # read-only because a newer paperdeck wrote the file
        self._fold_journal = False  # remove state.journal once state.json holds its records
        # The notice (also in `notices`) when read-only because another paperdeck holds the
        # lock: a command that only reads need not repeat it; one that changes state says so.
        self.lock_notice: str | None = None
        # Why the lock file could not be taken at all (e.g. "cannot lock …: Read-only file
        # system"), when that made this store read-only; also in `notices`, more wordy.
        self.lock_error: str | None = None
        self._build_indexes()
        self._thread: threading.Thread | None = None
        if not self.readonly:
            self._start_writer()

    def _start_writer(self) -> None:
        self._thread = threading.Thread(target=self._writer, name="state-writer", daemon=True)
        self._thread.start()
        atexit.register(self._close_at_exit)

    # -- opening ---------------------------------------------------------------------------

    @staticmethod
    def _lock_for(home: Path) -> FileLock:
        return FileLock(home / f"{STATE_FILE}.lock", thread_local=False)

    @classmethod
    def open(cls, home: Path, *, wait: float = 0, write_delay: float = WRITE_DELAY) -> StateStore:
        home = Path(home)
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create {home}: {exc.strerror or exc}") from exc
        path = home / STATE_FILE
        notices: list[str] = []
        lock_notice: str | None = None
        lock_error: str | None = None
        lock: FileLock | None = cls._lock_for(home)
        try:
            lock.acquire(timeout=max(wait, 0))
        except Timeout:
            lock = None
            waited = f" (waited {wait:g} s)" if wait > 0 else ""
            lock_notice = (
                f"another paperdeck is using {path}{waited}; opened it read-only — "
                "changes cannot be saved until the other one quits"
            )
            notices.append(lock_notice)
        except OSError as exc:
            # A home we cannot write (read-only mount, someone else's folder): reading needs
            # no lock, so open read-only; a command that changes state refuses with this line.
            lock = None
            lock_error = f"cannot lock {path}: {exc.strerror or exc}"
            notices.append(f"{lock_error}; opened it read-only — changes cannot be saved")
        try:
            entries, dirty_all = load_for_open(home, path, writer=lock is not None, notices=notices)
        except NewerSchemaError as exc:
            if lock is not None:
                lock.release()
            notices.append(f"the state file {path} is read-only here: {exc}")
            store = cls(home, {}, lock=None, notices=notices)
            store._newer_schema = True
            return store
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        try:
            journalled = cls._apply_journal(home, entries, writer=lock is not None)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        store = cls(home, entries, lock=lock, notices=notices, write_delay=write_delay)
        store.lock_notice = lock_notice
        store.lock_error = lock_error
        store._fold_journal = journalled
        if dirty_all or journalled:
            store._save_loaded_entries()
        return store

    @staticmethod
    def _apply_journal(home: Path, entries: dict[str, Entry], *, writer: bool) -> bool:
        """Lay the journal's records over state.json's; True if a writer must fold them in.
        A journal holding no record is removed at once by a writer."""
        journal = read_journal(home)
        entries.update(journal)
        if writer and not journal and journal_path(home).exists():
            remove_journal(home)
        return writer and bool(journal)

    @classmethod
    def open_for_change(
        cls, home: Path, ids: Iterable[str], *, wait: float = 0
    ) -> StateStore:
        """A store for changing a few papers from the shell: it reads only their records
        (state.json's line for each, then the journal) and appends the change to the journal,
        so its cost does not grow with the state. Anything unusual (another paperdeck holds
        the lock, a file in another shape, a big journal) opens the whole state instead."""
        home = Path(home)
        pids = _unique(ids)
        lock = cls._lock_for(home)
        try:
            home.mkdir(parents=True, exist_ok=True)
            lock.acquire(timeout=max(wait, 0))
        except (Timeout, OSError):
            return cls.open(home, wait=0)
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
            return cls.open(home, wait=wait)
        return JournalledStore(home, found, lock=lock, notices=[])

    def _save_loaded_entries(self) -> None:
        """Rewrite a recovered or migrated file now; if the disk refuses, keep retrying."""
        with self._mutex:
            self._dirty.update(self._entries)
            self.version += 1
        try:
            self.flush()
        except PaperdeckError as exc:
            self.notices.append(f"could not save state yet (will retry): {exc}")
            self._wake.set()

    def refresh(self) -> bool:
        """For a read-only store: take over once the other paperdeck has quit, else re-read
        what it has saved. Returns True if the state shown may have changed. Cheap to call on
        a timer; a writable store returns False at once."""
        if not self.readonly or self._closed or self._newer_schema:
            return False
        lock = self._lock_for(self.home)
        try:
            lock.acquire(timeout=0)
        except (Timeout, OSError):
            return self._reread()
        notices: list[str] = []
        try:
            entries, dirty_all = load_for_open(self.home, self.path, writer=True, notices=notices)
            self._fold_journal = self._apply_journal(self.home, entries, writer=True)
        except BaseException:
            lock.release()
            return False
        dirty_all = dirty_all or self._fold_journal
        self._replace_entries(entries)
        self._lock_file = lock
        self.readonly = False
        self.lock_notice = None
        why = ("the other paperdeck has quit" if self.lock_error is None
               else f"{self.path.parent} can be written again")
        self.lock_error = None
        self._start_writer()
        self.notices += [*notices, f"{why}; changes to {self.path} are saved again"]
        if dirty_all:
            self._save_loaded_entries()
        return True

    def _reread(self) -> bool:
        try:
            payload = self._storage.read_bytes()
            entries, _ = load_payload(payload) if payload is not None else ({}, 0)
            entries.update(read_journal(self.home))
        except (OSError, CorruptStateFile, SchemaError, PaperdeckError):
            return False  # the writer is responsible for recovery; keep showing what we had
        if entries == self._entries:
            return False
        self._replace_entries(entries)
        return True

    def _replace_entries(self, entries: dict[str, Entry]) -> None:
        with self._mutex:
            self._entries = entries
            self._build_indexes()
            self.version += 1
            self._saved_version = self.version

    # -- reading ---------------------------------------------------------------------------

    def get(self, paper_id: str) -> PaperState:
        entry = self._entries.get(paper_id)
        return entry.state if entry else UNTOUCHED

    def all(self) -> dict[str, PaperState]:
        return {pid: entry.state for pid, entry in self._entries.items()}

    def read_ids(self) -> frozenset[str]:
        return self._view("read", self._read)

    def starred_ids(self) -> frozenset[str]:
        return self._view("starred", self._starred)

    def noted_ids(self) -> frozenset[str]:
        return self._view("noted", self._noted)

    def tag_ids(self, tag: str) -> frozenset[str]:
        key = tag.strip().lower()
        return self._view(f"tag:{key}", self._tags.get(key, set()))

    def tag_counts(self) -> Counter[str]:
        return Counter({tag: n for tag, n in self._tag_counts.items() if n > 0})

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    @property
    def unsaved(self) -> bool:
        """True while some change is not yet on disk (also during a write in progress)."""
        return self._saved_version != self.version

    def _view(self, key: str, members: set[str]) -> frozenset[str]:
        # The TUI asks on every keystroke: rebuild a frozen copy only after a change.
        cached = self._views.get(key)
        if cached is None:
            cached = self._views[key] = frozenset(members)
        return cached

    def _build_indexes(self) -> None:
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._noted: set[str] = set()
        self._tags: dict[str, set[str]] = {}
        self._tag_counts: Counter[str] = Counter()
        self._views: dict[str, frozenset[str]] = {}
        for pid, entry in self._entries.items():
            self._index(pid, UNTOUCHED, entry.state)

    def _index(self, pid: str, old: PaperState, new: PaperState) -> None:
        for members, was, now in (
            (self._read, old.read, new.read),
            (self._starred, old.starred, new.starred),
            (self._noted, bool(old.notes.strip()), bool(new.notes.strip())),
        ):
            if was != now:
                (members.add if now else members.discard)(pid)
        for tag in set(old.tags) - set(new.tags):
            self._tags[tag].discard(pid)
            self._tag_counts[tag] -= 1
        for tag in set(new.tags) - set(old.tags):
            self._tags.setdefault(tag, set()).add(pid)
            self._tag_counts[tag] += 1

    # -- changing --------------------------------------------------------------------------

    def set_read(self, ids: Iterable[str], value: bool) -> int:
        """Mark papers read/unread; returns how many changed (one undo step)."""
        return self._set_flag("read", ids, bool(value), "read" if value else "unread")

    def set_starred(self, ids: Iterable[str], value: bool) -> int:
        return self._set_flag("starred", ids, bool(value), "starred" if value else "unstarred")

    def set_notes(self, paper_id: str, text: str, *, label: str | None = None) -> int:
        """Replace one paper's notes; `label` names the paper in the undo history (its
        title in the app), else its id."""
        (pid,) = _unique([paper_id])
        now = now_iso()
        text = replace_surrogates(text)  # they cannot be saved as UTF-8

        def change(state: PaperState) -> PaperState | None:
            return None if state.notes == text else replace(state, notes=text)

        return self._change([pid], "notes", change, now, f"edit the notes of {label or pid}")

    def add_tag(self, ids: Iterable[str], tag: str) -> int:
        tag = normalize_tag(tag)

        def change(state: PaperState) -> PaperState | None:
            if tag in state.tags:
                return None
            return replace(state, tags=tuple(sorted({*state.tags, tag})))

        pids = _unique(ids)
        for pid in pids:
            old = self.get(pid).tags
            if tag not in old:
                check_tag_count(pid, len(old), len(old) + 1)
        return self._change(pids, "tags", change, now_iso(), f"tag {{n}} with '{tag}'")

    def remove_tag(self, ids: Iterable[str], tag: str) -> int:
        tag = normalize_tag(tag)

        def change(state: PaperState) -> PaperState | None:
            if tag not in state.tags:
                return None
            return replace(state, tags=tuple(t for t in state.tags if t != tag))

        pids = _unique(ids)
        return self._change(pids, "tags", change, now_iso(), f"remove tag '{tag}' from {{n}}")

    def set_tags(self, paper_id: str, tags: Iterable[str], *, label: str | None = None) -> bool:
        """Replace one paper's whole tag set (one undo step); True if it changed. `label`
        names the paper in the undo history, as for set_notes.

        Each tag is validated and normalised as by add_tag; TagError leaves everything as it was.
        """
        (pid,) = _unique([paper_id])
        if isinstance(tags, str):
            raise TagError("set_tags wants a collection of tags, not one string")
        wanted = tuple(sorted({normalize_tag(tag) for tag in tags}))
        check_tag_count(pid, len(self.get(pid).tags), len(wanted))

        def change(state: PaperState) -> PaperState | None:
            return None if state.tags == wanted else replace(state, tags=wanted)

        shown = ", ".join(f"'{tag}'" for tag in wanted) or "no tags"
        description = f"set the tags of {label or pid}: {shown}"
        return bool(self._change([pid], "tags", change, now_iso(), description))

    def update(
        self,
        ids: Iterable[str],
        *,
        read: bool | None = None,
        starred: bool | None = None,
        add_tags: Iterable[str] = (),
        remove_tags: Iterable[str] = (),
    ) -> Counter[str]:
        """Several changes to the same papers as one change (one undo step, one write).

        Returns how many papers changed ("papers") and, per part, how many it changed: "read",
        "starred", "+TAG", "-TAG". Tags are validated first and the cap checked per paper;
        a TagError changes nothing. Adding and removing one tag at once is a TagError.
        """
        add = tuple(dict.fromkeys(normalize_tag(tag) for tag in add_tags))
        remove = tuple(dict.fromkeys(normalize_tag(tag) for tag in remove_tags))
        both = set(add).intersection(remove)
        if both:
            raise TagError(f"tag '{min(both)}' is both added and removed; nothing was changed")
        now = now_iso()
        counts: Counter[str] = Counter()
        pids = _unique(ids)
        if add:
            for pid in pids:
                old = set(self.get(pid).tags)
                check_tag_count(pid, len(old), len(old.difference(remove).union(add)))

        def change(state: PaperState) -> PaperState | None:
            new = state
            if read is not None and state.read != read:
                new = replace(new, read=read, read_at=now if read else None)
                counts["read"] += 1
            if starred is not None and state.starred != starred:
                new = replace(new, starred=starred, starred_at=now if starred else None)
                counts["starred"] += 1
            if add or remove:
                tags = set(state.tags)
                added = [tag for tag in add if tag not in tags]
                removed = [tag for tag in remove if tag in tags]
                if added or removed:
                    tags.difference_update(removed)
                    tags.update(added)
                    new = replace(new, tags=tuple(sorted(tags)))
                    counts.update([f"+{tag}" for tag in added] + [f"-{tag}" for tag in removed])
            return None if new is state else new

        parts = [word for value, word in ((read, "read"), (starred, "starred")) if value]
        parts += [f"un{word}" for value, word in ((read, "read"), (starred, "starred"))
                  if value is False]
        parts += [f"+{tag}" for tag in add] + [f"-{tag}" for tag in remove]
        counts["papers"] = self._change(
            pids, "", change, now, f"change {{n}}: {', '.join(parts)}")
        return counts

    def _set_flag(self, name: str, ids: Iterable[str], value: bool, word: str) -> int:
        now = now_iso()

        def change(state: PaperState) -> PaperState | None:
            if getattr(state, name) == value:
                return None
            return replace(state, **{name: value, f"{name}_at": now if value else None})

        return self._change(_unique(ids), name, change, now, f"mark {{n}} {word}")

    def _change(
        self,
        pids: list[str],
        name: str,
        change: Callable[[PaperState], PaperState | None],
        now: str,
        description: str,
    ) -> int:
        """Compute every paper's change first (an error changes nothing), then apply them as
        one undo step. The fields that differ count as changed now (merge compares them)."""
        self._require_writable()
        changes = []
        for pid in pids:
            before = self._entries.get(pid)
            old = before.state if before else UNTOUCHED
            new = change(old)
            if new is None:
                continue
            new = replace(new, created=old.created or now, updated=now)
            changed = dict(before.changed) if before else {}
            changed.update((f, now) for f in FIELDS if getattr(old, f) != getattr(new, f))
            after = Entry(new, changed, before.notes_seen if before else None)
            changes.append((pid, before, after))
        if changes:
            n = plural(len(changes), 'paper')
            self._history.record(Step(description.replace("{n}", n), tuple(changes)))
            self._apply({pid: after for pid, _, after in changes})
        return len(changes)

    def _apply(self, updates: dict[str, Entry]) -> None:
        with self._mutex:
            for pid, entry in updates.items():
                old = self._entries.get(pid)
                self._entries[pid] = entry
                self._index(pid, old.state if old else UNTOUCHED, entry.state)
            self._dirty.update(updates)
            self._views = {}
            self.version += 1
        self._wake.set()

    def _require_writable(self) -> None:
        if self._closed:
            raise StateError("the state store is closed")
        if self.readonly:
            if self.lock_error:  # no other paperdeck: the home itself cannot be written
                raise StateError(f"{self.lock_error}; nothing was changed")
            raise StateError(
                f"cannot change state: {self.path} is read-only here "
                "(another paperdeck holds it, or it needs a newer paperdeck)"
            )

    # -- undo ------------------------------------------------------------------------------

    def undo(self) -> str | None:
        self._require_writable()
        step = self._history.take_undo()
        if step is None:
            return None
        self._restore([(pid, before) for pid, before, _ in step.changes])
        return step.description

    def redo(self) -> str | None:
        self._require_writable()
        step = self._history.take_redo()
        if step is None:
            return None
        self._restore([(pid, after) for pid, _, after in step.changes])
        return step.description

    def _restore(self, targets: list[tuple[str, Entry | None]]) -> None:
        """Put back the recorded states; the fields that move count as changed now (for merge)."""
        now = now_iso()
        updates = {}
        for pid, target in targets:
            current = self._entries.get(pid) or Entry()
            wanted = target.state if target else UNTOUCHED
            changed = dict(current.changed)
            for name in ("read", "starred", "notes", "tags"):
                if getattr(current.state, name) != getattr(wanted, name):
                    changed[name] = now
            state = replace(wanted, created=wanted.created or current.state.created, updated=now)
            updates[pid] = Entry(state, changed, current.notes_seen)
        self._apply(updates)

    # -- export / merge --------------------------------------------------------------------

    def export_state(self, path: Path, *, overwrite: bool = True) -> int:
        from tui.core.state.merge import export_document  # export and merge: not at start-up

        with self._mutex:
            entries = dict(self._entries)
        atomic_write_text(Path(path), export_document(entries, now_iso()), overwrite=overwrite)
        return len(entries)

    def merge_state(self, path: Path, *, data: bytes | None = None) -> MergeReport:
        """Merge another machine's export; one undo step; the report lists every difference.
        `data`: the export itself when it was piped in (`path` then names it)."""
        from tui.core.state.merge import merge_entries, read_other

        self._require_writable()
        theirs = read_other(Path(path), data)
        updates, report = merge_entries(self._entries, theirs, now=now_iso(), source=str(path))
        if updates:
            changes = tuple((pid, self._entries.get(pid), e) for pid, e in updates.items())
            self._history.record(Step(f"merge {path} ({plural(len(updates), 'paper')})", changes))
            self._apply(updates)
        return report

    # -- persisting ------------------------------------------------------------------------

    def _writer(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            if self._stop.wait(self._write_delay):  # let a burst coalesce into one write
                return
            self._wake.clear()
            try:
                self._write_pending()
            except Exception as exc:  # keep the changes in memory and retry; tell the user
                message = str(exc) if isinstance(exc, PaperdeckError) else repr(exc)
                if message != self.write_error:
                    self.notices.append(f"could not save state: {message}")
                self.write_error = message
                if self._stop.wait(RETRY_DELAY):
                    return
                self._wake.set()

    def _write_pending(self, timeout: float = -1) -> bool:
        """Write what changed; False if another write held the file longer than timeout."""
        if not self._writing.acquire(timeout=timeout):
            return False
        try:
            with self._mutex:
                self._dirty |= self._in_flight
                if not self._dirty:  # every change so far is on disk
                    self._saved_version = self.version
                    return True
                dirty, self._dirty = self._dirty, set()
                version = self.version
                first = self._fragments is None or bool(self._in_flight)
                if first:  # the first write encodes everything once; later ones what changed
                    self._fragments = {}
                    snapshot = dict(self._entries)
                else:
                    snapshot = {pid: self._entries[pid] for pid in dirty}
                self._in_flight = set(snapshot)
            fragments = self._fragments
            assert fragments is not None
            try:
                for pid, entry in snapshot.items():
                    doc_id = self._doc_ids.setdefault(pid, len(self._doc_ids) + 1)
                    fragments[pid] = encode_fragment(doc_id, pid, entry)
                payload = build_document(list(fragments.values())).encode("utf-8")
                self._storage.write_bytes(payload)
            except BaseException:
                with self._mutex:
                    self._dirty |= dirty
                    if first:
                        self._fragments = None
                raise
            self.write_error = None
            self._saved_version = version  # later changes keep `unsaved` true
            if self._fold_journal:  # its records are in the state.json just written
                remove_journal(self.home)
                self._fold_journal = False
            with contextlib.suppress(PaperdeckError, OSError):
                daily_backup(self.home, payload)  # the first save of a new day
            return True
        finally:
            self._in_flight = set()
            self._writing.release()

    def flush(self, timeout: float | None = None) -> bool:
        """Write every change now; WriteError if the disk refuses (the old file stays intact).

        With a timeout, gives up (returns False) if a write in progress holds the file longer.
        """
        if self.readonly:
            return True
        try:
            return self._write_pending(-1 if timeout is None else timeout)
        except PaperdeckError:
            raise
        except OSError as exc:
            raise WriteError(f"cannot write {self.path}: {exc.strerror or exc}") from exc

    def close(self) -> None:
        """Stop the writer, flush, release the lock. Raises WriteError if the flush failed."""
        if self._closed:
            return
        self._closed = True
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)
        with contextlib.suppress(Exception):
            atexit.unregister(self._close_at_exit)
        try:
            self.flush()
        finally:
            if self._lock_file is not None:
                with contextlib.suppress(Exception):
                    self._lock_file.release()

    def _close_at_exit(self) -> None:
        try:
            self.close()
        except PaperdeckError as exc:
            print(f"paperdeck: error: {exc}", file=sys.stderr)

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class JournalledStore(StateStore):
    """StateStore.open_for_change's store: it holds only the papers asked for, and each
    write appends their records to the journal (fsynced) instead of rewriting state.json."""

    def _write_pending(self, timeout: float = -1) -> bool:
        if not self._writing.acquire(timeout=timeout):
            return False
        try:
            with self._mutex:
                if not self._dirty:
                    self._saved_version = self.version
                    return True
                dirty, self._dirty = self._dirty, set()
                version = self.version
                snapshot = {pid: self._entries[pid] for pid in dirty}
            try:
                append(self.home, snapshot)
            except BaseException:
                with self._mutex:
                    self._dirty |= dirty
                raise
            self.write_error = None
            self._saved_version = version
            return True
        finally:
            self._writing.release()

    def export_state(self, path: Path, *, overwrite: bool = True) -> int:
        raise StateError("a store opened for a change holds only its papers: open the state")

    def merge_state(self, path: Path, *, data: bytes | None = None) -> MergeReport:
        raise StateError("a store opened for a change holds only its papers: open the state")
