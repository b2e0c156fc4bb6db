"""The store's writer: persists changes on a background thread (a burst coalesces into one
write) or at once through flush(), and tracks what is not yet on disk.

Shared with the store: the entries and `version` under `mutex`; a whole write holds `_writing`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.core.errors import PaperdeckError, WriteError
from tui.core.state.backup import daily_backup
from tui.core.state.journal import append, remove_journal
from tui.core.state.schema import Entry, build_document, encode_fragment
from tui.core.state.storage import AtomicJSONStorage

WRITE_DELAY = 0.25  # seconds a burst may coalesce; a change is on disk well within 1 s
RETRY_DELAY = 1.0  # after a failed background write


class StateWriter:
    """Writes the whole state file: the first write encodes every record, later ones only the
    records that changed (the rest of the document is kept encoded)."""

    def __init__(
        self,
        home: Path,
        storage: AtomicJSONStorage,
        entries: Callable[[], dict[str, Entry]],
        *,
        mutex: threading.RLock,
        notices: list[str],
        write_delay: float = WRITE_DELAY,
    ) -> None:
        self.home = home
        self.storage = storage
        self._entries = entries  # the store's current entries (it may replace the dict)
        self.mutex = mutex
        self.notices = notices
        self.version = 0  # counts changes in memory
        self.saved_version = 0  # the version on disk
        self.write_error: str | None = None  # last background write failure, cleared on success
        self.fold_journal = False  # remove state.journal once state.json holds its records
        # Called on the writer thread with the notice of a failed background write.
        self.on_error: Callable[[str], None] | None = None
        self._write_delay = write_delay
        # Reentrant: a signal handler may flush while the main thread is inside a write.
        self._writing = threading.RLock()
        self._dirty: set[str] = set()
        # Ids a write under way is writing: a signal handler that interrupts that write on its
        # own thread (the lock is reentrant) must write them too, or it would end the process
        # believing them saved.
        self._in_flight: set[str] = set()
        self._fragments: dict[str, str] | None = None  # paper id -> encoded record, lazily built
        self._doc_ids: dict[str, int] = {}
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- what is not on disk ---------------------------------------------------------------

    def changed(self, pids: Iterable[str]) -> None:
        """Papers changed in memory (the caller holds `mutex`); the thread writes them soon."""
        with self.mutex:
            self._dirty.update(pids)
            self.version += 1

    def replaced(self) -> None:
        """The store's entries were replaced by what is on disk: nothing is unsaved."""
        with self.mutex:
            self.version += 1
            self.saved_version = self.version

    def wake(self) -> None:
        self._wake.set()

    def save_all(self, pids: Iterable[str]) -> None:
        """Rewrite a recovered or migrated file now; if the disk refuses, keep retrying."""
        self.changed(pids)
        try:
            self.flush()
        except PaperdeckError as exc:
            self.notices.append(f"could not save state yet (will retry): {exc}")
            self._wake.set()

    # -- the thread ------------------------------------------------------------------------

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="state-writer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """End the thread (waiting for a write under way); flush() still writes after it."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.wait()
            if self._stop.wait(self._write_delay):  # let a burst coalesce into one write
                return
            self._wake.clear()
            try:
                self.write_pending()
            except Exception as exc:  # keep the changes in memory and retry; tell the user
                message = str(exc) if isinstance(exc, PaperdeckError) else repr(exc)
                if message != self.write_error:
                    self._report(f"could not save state: {message}")
                self.write_error = message
                if self._stop.wait(RETRY_DELAY):
                    return
                self._wake.set()

    def _report(self, notice: str) -> None:
        self.notices.append(notice)
        if self.on_error is not None:
            # The notice is in `notices` whatever the callback does; a callback that fails
            # (its app has closed) must not end the thread that keeps retrying the write.
            with contextlib.suppress(Exception):
                self.on_error(notice)

    # -- writing ---------------------------------------------------------------------------

    def flush(self, timeout: float | None = None) -> bool:
        """Write every change now; WriteError if the disk refuses (the old file stays intact).

        With a timeout, gives up (returns False) if a write in progress holds the file longer.
        """
        try:
            return self.write_pending(-1 if timeout is None else timeout)
        except PaperdeckError:
            raise
        except OSError as exc:
            raise WriteError(f"cannot write {self.storage.path}: {exc.strerror or exc}") from exc

    def write_pending(self, timeout: float = -1) -> bool:
        """Write what changed; False if another write held the file longer than timeout."""
        if not self._writing.acquire(timeout=timeout):
            return False
        try:
            with self.mutex:
                self._dirty |= self._in_flight
                if not self._dirty:  # every change so far is on disk
                    self.saved_version = self.version
                    return True
                dirty, self._dirty = self._dirty, set()
                version = self.version
                entries = self._entries()
                first = self._fragments is None or bool(self._in_flight)
                if first:  # the first write encodes everything once; later ones what changed
                    self._fragments = {}
                    snapshot = dict(entries)
                else:
                    snapshot = {pid: entries[pid] for pid in dirty}
                self._in_flight = set(snapshot)
            fragments = self._fragments
            assert fragments is not None
            try:
                for pid, entry in snapshot.items():
                    doc_id = self._doc_ids.setdefault(pid, len(self._doc_ids) + 1)
                    fragments[pid] = encode_fragment(doc_id, pid, entry)
                payload = build_document(list(fragments.values())).encode("utf-8")
                self.storage.write_bytes(payload)
            except BaseException:
                with self.mutex:
                    self._dirty |= dirty
                    if first:
                        self._fragments = None
                raise
            self.write_error = None
            self.saved_version = version  # later changes keep `unsaved` true
            if self.fold_journal:  # its records are in the state.json just written
                remove_journal(self.home)
                self.fold_journal = False
            with contextlib.suppress(PaperdeckError, OSError):
                daily_backup(self.home, payload)  # the first save of a new day
            return True
        finally:
            self._in_flight = set()
            self._writing.release()


class JournalWriter(StateWriter):
    """For a store holding only a few papers: each write appends their records to the
    journal (fsynced) instead of rewriting state.json."""

    def write_pending(self, timeout: float = -1) -> bool:
        if not self._writing.acquire(timeout=timeout):
            return False
        try:
            with self.mutex:
                if not self._dirty:
                    self.saved_version = self.version
                    return True
                dirty, self._dirty = self._dirty, set()
                version = self.version
                entries = self._entries()
                snapshot = {pid: entries[pid] for pid in dirty}
            try:
                append(self.home, snapshot)
            except BaseException:
                with self.mutex:
                    self._dirty |= dirty
                raise
            self.write_error = None
            self.saved_version = version
            return True
        finally:
            self._writing.release()
