"""StateStore: the user's read/star/notes/tags, safe against crashes, kills, rivals and corruption.

- Changes apply in memory at once; a background writer (writer.py) persists them, coalescing
  bursts, within WRITE_DELAY + one write, through an atomic TinyDB storage. flush()/close() write
  now; so do SIGTERM/SIGHUP (signals.install_signal_flush) and interpreter exit.
- One writer per home: an exclusive lock on state.json.lock (opening.py). A second instance
  opens read-only (or waits `wait` seconds) and says so in `notices`.
- A broken state file is moved aside and the newest good backup restored (backup.py).
- Every change is one undo step (undo.UndoHistory).

A little over 400 lines: the state's whole public API in one class, each method a thin layer
over the modules beside it.
"""

from __future__ import annotations

import atexit
import contextlib
import sys
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock
from tinydb import TinyDB

from tui.core.atomic import atomic_write_text
from tui.core.errors import PaperdeckError, StateError
from tui.core.model import UNTOUCHED, PaperState
from tui.core.state import changes
from tui.core.state.bulk import no_gc_pauses
from tui.core.state.changes import Change, now_iso, unique_ids
from tui.core.state.clock import HybridClock, machine_id
from tui.core.state.indexes import Membership
from tui.core.state.opening import (
    STATE_FILE,
    find_for_change,
    lock_for,
    make_home,
    open_home,
    reread,
    take_over,
    try_lock,
)
from tui.core.state.schema import Entry, TagError, check_tag_count, normalize_tag
from tui.core.state.storage import AtomicJSONStorage
from tui.core.state.undo import Step, UndoHistory
from tui.core.state.writer import WRITE_DELAY, JournalWriter, StateWriter
from tui.core.text import plural, replace_surrogates

if TYPE_CHECKING:
    from tui.core.state.merge import MergeReport

__all__ = ["STATE_FILE", "WRITE_DELAY", "JournalledStore", "StateStore", "TagError"]


class StateStore:
    """See the module docstring and docs/architecture.md (State store) for the contract."""

    writer_class: type[StateWriter] = StateWriter

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
        self._entries = entries
        self._history = UndoHistory()
        self.machine = machine_id(home)  # whose edits these are, for merges (clock.py)
        self._clock = HybridClock(self.machine)
        # Shared with the writer thread: _entries and the writer's dirty set and version.
        self._mutex = threading.RLock()
        self._writer = self.writer_class(self.home, self._storage, lambda: self._entries,
                                         mutex=self._mutex, notices=notices,
                                         write_delay=write_delay)
        self._closed = False
        self._newer_schema = False  # read-only because a newer paperdeck wrote the file
        # Why it is read-only, as in opening.Opened; also in `notices`, more wordy. A command
        # that only reads need not repeat them; one that changes state says so.
        self.lock_notice: str | None = None
        self.lock_error: str | None = None
        self._members = Membership(entries)
        if not self.readonly:
            self._start_writer()

    def _start_writer(self) -> None:
        self._writer.start()
        atexit.register(self._close_at_exit)

    # -- opening ---------------------------------------------------------------------------

    @staticmethod
    def _lock_for(home: Path) -> FileLock:
        return lock_for(home)

    @classmethod
    def open(cls, home: Path, *, wait: float = 0, write_delay: float = WRITE_DELAY) -> StateStore:
        home = Path(home)
        make_home(home)
        opened = open_home(home, cls._lock_for(home), wait)
        if opened.newer_schema:
            store = cls(home, {}, lock=None, notices=opened.notices)
            store._newer_schema = True
            return store
        store = cls(home, opened.entries, lock=opened.lock, notices=opened.notices,
                    write_delay=write_delay)
        store.lock_notice = opened.lock_notice
        store.lock_error = opened.lock_error
        store._writer.fold_journal = opened.fold_journal
        if opened.rewrite:
            store._writer.save_all(store._entries)
        return store

    @classmethod
    def open_for_change(
        cls, home: Path, ids: Iterable[str], *, wait: float = 0
    ) -> StateStore:
        """A store for changing a few papers from the shell: it reads only their records
        (state.json's line for each, then the journal) and appends the change to the journal,
        so its cost does not grow with the state. Anything unusual (another paperdeck holds
        the lock, a file in another shape, a big journal) opens the whole state instead."""
        home = Path(home)
        pids = unique_ids(ids)
        lock = cls._lock_for(home)
        try:
            home.mkdir(parents=True, exist_ok=True)
        except OSError:
            return cls.open(home, wait=0)
        if not try_lock(lock, wait):
            return cls.open(home, wait=0)
        found = find_for_change(home, lock, pids)
        if found is None:
            return cls.open(home, wait=wait)
        return JournalledStore(home, found, lock=lock, notices=[])

    def refresh(self) -> bool:
        """For a read-only store: take over once the other paperdeck has quit, else re-read
        what it has saved. Returns True if the state shown may have changed. Cheap to call on
        a timer; a writable store returns False at once."""
        if not self.readonly or self._closed or self._newer_schema:
            return False
        lock = self._lock_for(self.home)
        if not try_lock(lock):
            entries = reread(self.home, self._storage)
            if entries is None or entries == self._entries:
                return False
            self._replace_entries(entries)
            return True
        opened = take_over(self.home, lock)
        if opened is None:
            return False
        self._writer.fold_journal = opened.fold_journal
        self._replace_entries(opened.entries)
        self._lock_file = lock
        self.readonly = False
        self.lock_notice = None
        why = ("the other paperdeck has quit" if self.lock_error is None
               else f"{self.path.parent} can be written again")
        self.lock_error = None
        self._start_writer()
        self.notices.extend([*opened.notices, f"{why}; changes to {self.path} are saved again"])
        if opened.rewrite:
            self._writer.save_all(self._entries)
        return True

    def _replace_entries(self, entries: dict[str, Entry]) -> None:
        with self._mutex:
            self._entries = entries
            self._members = Membership(entries)
            self._writer.replaced()

    # -- reading ---------------------------------------------------------------------------

    def get(self, paper_id: str) -> PaperState:
        entry = self._entries.get(paper_id)
        return entry.state if entry else UNTOUCHED

    def all(self) -> dict[str, PaperState]:
        return {pid: entry.state for pid, entry in self._entries.items()}

    def read_ids(self) -> frozenset[str]:
        return self._members.read_ids()

    def starred_ids(self) -> frozenset[str]:
        return self._members.starred_ids()

    def noted_ids(self) -> frozenset[str]:
        return self._members.noted_ids()

    def conflict_ids(self) -> frozenset[str]:
        """Papers whose notes were edited concurrently on two machines (has:conflict)."""
        return self._members.conflict_ids()

    def tag_ids(self, tag: str) -> frozenset[str]:
        return self._members.tag_ids(tag)

    def tag_counts(self) -> Counter[str]:
        return self._members.tag_counts()

    def read_times(self) -> Mapping[str, str]:
        """Paper id -> ISO stamp (UTC) of when it was marked read (for `read:today`)."""
        with self._mutex:  # from the filter worker too: no copy of a map being changed
            return self._members.read_times()

    def starred_times(self) -> Mapping[str, str]:
        with self._mutex:
            return self._members.starred_times()

    @property
    def version(self) -> int:
        """Grows with every change in memory (and every state re-read from disk)."""
        return self._writer.version

    @property
    def write_error(self) -> str | None:
        """The last background write failure, cleared on success."""
        return self._writer.write_error

    @property
    def on_write_error(self) -> Callable[[str], None] | None:
        """Called with the notice (also added to `notices`) when a background write fails with
        a new error; the store keeps the change and retries. It runs on the writer thread: a
        UI hands the notice to its own thread (Textual: post a message)."""
        return self._writer.on_error

    @on_write_error.setter
    def on_write_error(self, callback: Callable[[str], None] | None) -> None:
        self._writer.on_error = callback

    @property
    def can_undo(self) -> bool:
        return self._history.can_undo

    @property
    def can_redo(self) -> bool:
        return self._history.can_redo

    @property
    def unsaved(self) -> bool:
        """True while some change is not yet on disk (also during a write in progress)."""
        return self._writer.saved_version != self._writer.version

    # -- changing --------------------------------------------------------------------------

    def set_read(self, ids: Iterable[str], value: bool) -> int:
        """Mark papers read/unread; returns how many changed (one undo step)."""
        return self._set_flag("read", ids, bool(value), "unread")

    def set_starred(self, ids: Iterable[str], value: bool) -> int:
        return self._set_flag("starred", ids, bool(value), "unstarred")

    def _set_flag(self, name: str, ids: Iterable[str], value: bool, unset: str) -> int:
        now = now_iso()
        description = f"mark {{n}} {name if value else unset}"
        return self._change(unique_ids(ids), changes.set_flag(name, value, now), now, description)

    def set_notes(self, paper_id: str, text: str, *, label: str | None = None) -> int:
        """Replace one paper's notes; `label` names the paper in the undo history (its
        title in the app), else its id."""
        (pid,) = unique_ids([paper_id])
        now = now_iso()
        text = replace_surrogates(text)  # they cannot be saved as UTF-8
        return self._change([pid], changes.set_notes(text), now,
                            f"edit the notes of {label or pid}")

    def add_tag(self, ids: Iterable[str], tag: str) -> int:
        tag = normalize_tag(tag)
        pids = unique_ids(ids)
        changes.check_tag_caps(self.get, pids, add=(tag,))
        return self._change(pids, changes.add_tag(tag), now_iso(), f"tag {{n}} with '{tag}'")

    def remove_tag(self, ids: Iterable[str], tag: str) -> int:
        tag = normalize_tag(tag)
        pids = unique_ids(ids)
        return self._change(pids, changes.remove_tag(tag), now_iso(),
                            f"remove tag '{tag}' from {{n}}")

    def set_tags(self, paper_id: str, tags: Iterable[str], *, label: str | None = None) -> bool:
        """Replace one paper's whole tag set (one undo step); True if it changed. `label`
        names the paper in the undo history, as for set_notes.

        Each tag is validated and normalised as by add_tag; TagError leaves everything as it was.
        """
        (pid,) = unique_ids([paper_id])
        if isinstance(tags, str):
            raise TagError("set_tags wants a collection of tags, not one string")
        wanted = tuple(sorted({normalize_tag(tag) for tag in tags}))
        check_tag_count(pid, len(self.get(pid).tags), len(wanted))
        shown = ", ".join(f"'{tag}'" for tag in wanted) or "no tags"
        description = f"set the tags of {label or pid}: {shown}"
        return bool(self._change([pid], changes.set_tags(wanted), now_iso(), description))

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
        add, remove = changes.tags_to_add_and_remove(add_tags, remove_tags)
        now = now_iso()
        counts: Counter[str] = Counter()
        pids = unique_ids(ids)
        changes.check_tag_caps(self.get, pids, add=add, remove=remove)
        change = changes.combined(now, counts, read=read, starred=starred, add=add,
                                  remove=remove)
        description = changes.describe_combined(read, starred, add, remove)
        counts["papers"] = self._change(pids, change, now, description)
        return counts

    def _change(self, pids: list[str], change: Change, now: str, description: str) -> int:
        """Compute every paper's change first (an error changes nothing), then apply them as
        one undo step."""
        self._require_writable()
        changed = changes.compute(self._entries, pids, change, now, self._clock.tick())
        if changed:
            n = plural(len(changed), 'paper')
            self._history.record(Step(description.replace("{n}", n), tuple(changed)))
            self._apply({pid: after for pid, _, after in changed})
        return len(changed)

    def _apply(self, updates: dict[str, Entry]) -> None:
        with self._mutex:
            for pid, entry in updates.items():
                old = self._entries.get(pid)
                self._entries[pid] = entry
                self._members.changed(pid, old.state if old else UNTOUCHED, entry.state)
            self._writer.changed(updates)
        self._writer.wake()

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
        """Put back the papers of the last change; its description, or None if none is left."""
        return self._replay(self._history.take_undo, after=False)

    def redo(self) -> str | None:
        return self._replay(self._history.take_redo, after=True)

    def _replay(self, take: Callable[[], Step | None], *, after: bool) -> str | None:
        self._require_writable()
        step = take()
        if step is None:
            return None
        moves = [(pid, old, new) if after else (pid, new, old) for pid, old, new in step.changes]
        self._apply(changes.restored(self._entries, moves, now_iso(), self._clock.tick()))
        return step.description

    # -- export / merge --------------------------------------------------------------------

    def export_state(self, path: Path, *, overwrite: bool = True) -> int:
        from tui.core.state.merge import export_document  # export and merge: not at start-up

        with self._mutex:
            entries = dict(self._entries)
        document = export_document(entries, now_iso(), self.machine)
        atomic_write_text(Path(path), document, overwrite=overwrite)
        return len(entries)

    def merge_state(self, path: Path, *, data: bytes | None = None,
                    dry_run: bool = False) -> MergeReport:
        """Merge another machine's export; one undo step; the report lists every difference.
        `data`: the export itself when it was piped in (`path` then names it). `dry_run`:
        only the report, nothing changes."""
        from tui.core.state.merge import merge_entries, read_other

        if not dry_run:
            self._require_writable()
        with no_gc_pauses():
            theirs = read_other(Path(path), data)
            updates, report = merge_entries(self._entries, theirs, now=now_iso(),
                                            source=str(path), machine=self.machine,
                                            clock=self._clock)
        report.dry_run = dry_run
        if updates and not dry_run:
            changed = tuple((pid, self._entries.get(pid), e) for pid, e in updates.items())
            self._history.record(Step(f"merge {path} ({plural(len(updates), 'paper')})", changed))
            self._apply(updates)
        return report

    # -- persisting ------------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Write every change now; WriteError if the disk refuses (the old file stays intact).

        With a timeout, gives up (returns False) if a write in progress holds the file longer.
        """
        if self.readonly:
            return True
        return self._writer.flush(timeout)

    def close(self) -> None:
        """Stop the writer, flush, release the lock. Raises WriteError if the flush failed."""
        if self._closed:
            return
        self._closed = True
        self._writer.stop()
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

    writer_class = JournalWriter

    def export_state(self, path: Path, *, overwrite: bool = True) -> int:
        raise StateError("a store opened for a change holds only its papers: open the state")

    def merge_state(self, path: Path, *, data: bytes | None = None,
                    dry_run: bool = False) -> MergeReport:
        raise StateError("a store opened for a change holds only its papers: open the state")
