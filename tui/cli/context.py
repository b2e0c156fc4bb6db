"""What every CLI command needs, opened lazily and once: home, library, state, engine."""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.core.config import Config, config_path, load_config
from tui.core.errors import PaperdeckError, StateError
from tui.core.paths import data_home

if TYPE_CHECKING:
    from tui.core.library import Library
    from tui.core.search import QueryEngine
    from tui.core.state import StateStore


def _guarded(stream: TextIO | None) -> TextIO:
    from tui.cli.output import GuardedOutput

    return GuardedOutput(stream)  # type: ignore[return-value]  # writes like a TextIO


@dataclass
class Context:
    home: Path
    out: TextIO = field(default_factory=lambda: _guarded(sys.stdout))
    err: TextIO = field(default_factory=lambda: sys.stderr)
    _library: Library | None = None
    _state: StateStore | None = None
    _engine: QueryEngine | None = None
    # The error main() has printed: closing the store retries a failed save and, on a disk
    # still full, fails with the same words, which need not be printed twice.
    reported_error: str | None = None
    config_arg: str | None = None  # --config FILE
    _config: Config | None = None

    @classmethod
    def from_args(cls, home_arg: str | None, config_arg: str | None = None) -> Context:
        return cls(home=data_home(home_arg), config_arg=config_arg)

    def config(self) -> Config:
        """The user's config.toml, read once (a missing file: the defaults)."""
        if self._config is None:
            self._config = load_config(config_path(self.config_arg))
        return self._config

    def check_home(self) -> None:
        """A home that is a file or cannot be created is one clear error, not a traceback."""
        if self.home.exists() and not self.home.is_dir():
            raise StateError(f"the data folder {self.home} is a file, not a folder")
        try:
            self.home.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StateError(f"cannot create the data folder {self.home}: "
                             f"{exc.strerror or exc}") from None

    def library(self, *, seed_if_empty: bool = True) -> Library:
        """The library; on a fresh home it starts with the bundled digest, except where the
        command itself brings digests (`seed_if_empty=False`)."""
        if self._library is None:
            from tui.core.library import Library

            self._library = Library.open(self.home, seed_if_empty=seed_if_empty)
        return self._library

    def forget_library(self) -> None:
        """Let go of the library read so far: the next library() reads it again from its
        files (and the cache they were just saved to)."""
        if self._engine is None:  # the engine holds the papers too
            self._library = None

    def state(self, *, wait: float = 0) -> StateStore:
        """The state store; `wait` seconds for another paperdeck's lock before opening it
        read-only (a command that changes state waits out another short command)."""
        if self._state is None:
            from tui.core.state import StateStore

            self._state = StateStore.open(self.home, wait=wait)
            self._warn_notices(self._state)
        return self._state

    def _warn_notices(self, store: StateStore) -> None:
        # Reading while the TUI holds the lock, or from a home we cannot write, is normal:
        # no notice. Commands that change state check `store.readonly` and refuse with
        # their own clear error (exit 5).
        lock_error = store.lock_error
        for notice in store.notices:
            if notice != store.lock_notice and not (lock_error and notice.startswith(lock_error)):
                self.warn(notice)

    def state_for_change(self, ids: list[str], *, wait: float = 0) -> StateStore:
        """A store for changing these papers alone (StateStore.open_for_change): its cost
        does not grow with the state."""
        if self._state is None:
            from tui.core.state import StateStore

            self._state = StateStore.open_for_change(self.home, ids, wait=wait)
            self._warn_notices(self._state)
        return self._state

    def engine(self, *, build_threads: int = 2) -> QueryEngine:
        if self._engine is None:
            from tui.core.search import QueryEngine

            library = self.library()
            self._engine = QueryEngine(library.papers, cache_dir=self.home / "cache",
                                       build_threads=build_threads, aliases=library.aliases)
        return self._engine

    def warn(self, message: str) -> None:
        from tui.cli.output import safe_message

        print(f"paperdeck: {safe_message(message)}", file=self.err)

    def close(self) -> None:
        if self._state is not None:
            state, self._state = self._state, None
            try:
                state.close()
            except PaperdeckError as exc:  # runs in main's `finally`: report, never a traceback
                if str(exc) != self.reported_error:
                    self.warn(f"error: {exc}")
            from tui.core.completion_cache import remember_tags

            remember_tags(self.home, state)
