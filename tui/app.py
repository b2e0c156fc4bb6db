"""The Textual app: wires the library, query engine and state store to the main screen."""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from textual import events, on, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message
from textual.notifications import Notify

from tui.core.config import Config, config_path, load_config
from tui.core.drafts import DraftHolder, keep_draft
from tui.core.errors import PaperdeckError
from tui.core.library import ImportSummary, Library, LogStamp
from tui.core.paths import styles_dir
from tui.core.settings import Settings, load_settings, save_settings
from tui.core.state import StateStore
from tui.key_order import KeyOrder
from tui.library_watch import LibraryRead, read_library
from tui.palette import Command, TriageCommands, described_actions, key_label
from tui.screens.main_screen import MainScreen
from tui.widgets.literal import clean
from tui.widgets.paper_list import PaperList

if TYPE_CHECKING:
    from tui.core.fetch.http import HttpClient
    from tui.core.search import QueryEngine
    from tui.fetch_today import FetchOutcome
    from tui.screens.export_dialog import ExportOutcome

IMPORT_WARNINGS_SHOWN = 3  # in the notice of `paperdeck FILE`: a toast, not a screenful
LIBRARY_POLL = 0.5  # seconds between looks (one stat) for imports by another paperdeck
FOLLOW_EVERY = 2.0  # seconds between looks at the state file while read-only
ENGINE_DELAY = 1.0  # seconds after start-up before the query engine is built unasked
FETCH_RESULT_SHOWN = 15.0  # seconds the status line keeps a fetch's result
FETCH_WARNINGS_HINT = "`paperdeck fetch --verbose` prints every one"


class ImportNotice(NamedTuple):
    """What `paperdeck FILE` imported just before the app opened, to say so in it."""

    source: str  # the file's name, or how many were given
    summary: ImportSummary
    more_hint: str  # where to see every warning

    def notify_args(self) -> dict[str, str | float]:
        summary = self.summary
        warnings = summary.warnings
        lines = [summary.line(), *warnings[:IMPORT_WARNINGS_SHOWN]]
        if len(warnings) > IMPORT_WARNINGS_SHOWN:
            lines.append(f"… {len(warnings) - IMPORT_WARNINGS_SHOWN:,} more warnings "
                         f"({self.more_hint})")
        # Warnings quote the digest's lines: data, shown as text (markup=False at the call).
        return {
            "message": "\n".join(clean(line, single_line=True) for line in lines),
            "title": clean(f"Imported {self.source}", single_line=True),
            "severity": "warning" if warnings else "information",
            "timeout": 20 if warnings else 8,
        }


def _link_beyond(action: str, links: int) -> bool:
    """`open_link(n)` for n > 1 beyond the current paper's links: not worth a palette entry."""
    if not action.startswith("open_link("):
        return False
    number = int(action.removeprefix("open_link(").rstrip(")"))
    return number > 1 and number > links


class PaperdeckApp(App[None]):
    TITLE = "paperdeck"
    CSS_PATH: ClassVar = [styles_dir() / "app.tcss"]  # dialogs bring theirs (screens/css.py)
    HORIZONTAL_BREAKPOINTS: ClassVar = [(0, "-narrow"), (110, "-wide")]
    COMMANDS: ClassVar = App.COMMANDS | {TriageCommands}  # Textual's provider has Theme
    BINDINGS: ClassVar = [
        Binding("question_mark", "help", "Help", tooltip="Show every key", id="help"),
        Binding("T", "stats", "Stats", tooltip="Triage statistics", id="stats"),
        Binding("e", "export", "Export", tooltip="Export papers to a file", id="export"),
        # The palette lists it by its description; not in the key bar (no room).
        Binding("F", "fetch", "Fetch today's papers", show=False, id="fetch",
                tooltip="Fetch today's papers (and any days missed) in the background"),
        Binding("q", "quit", "Quit", tooltip="Save and quit", id="quit"),
    ]

    class StateWriteFailed(Message):
        """The store's writer thread could not save (its notice is in store.notices)."""

    class LibraryReadAgain(Message):
        """A worker read the library again after another paperdeck imported."""

        def __init__(self, read: LibraryRead) -> None:
            super().__init__()
            self.read = read

    class FetchProgress(Message):
        """The fetch worker's step ("fetching 2026-12-07 (1 of 2)", "importing")."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class Fetched(Message):
        """The fetch worker is done: new papers to show, or why there are none."""

        def __init__(self, outcome: FetchOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(
        self,
        home: Path,
        *,
        library: Library | None = None,
        store: StateStore | None = None,
        imported: ImportNotice | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.home = Path(home)
        self.library = library if library is not None else Library.open(self.home)
        self._owns_store = store is None
        self.store = store if store is not None else StateStore.open(self.home)
        self.paper_ids = frozenset(paper.id for paper in self.library.papers)
        self._engine: QueryEngine | None = None
        self._engine_lock = threading.Lock()
        self._engine_started = False
        self._settings = load_settings(self.home)
        # config.toml wins over settings.json; None: $PAPERDECK_CONFIG or the user config dir.
        self.config = config if config is not None else load_config(config_path())
        self._quit_unsaved = False
        self.close_error: str | None = None  # the final save failed (disk full)
        self.key_order = KeyOrder(self)  # keys typed faster than screens open
        self._imported = imported
        self._reading_library = False
        self._unreadable_log: LogStamp | None = None  # the import log whose reading failed
        self._fetch_client: HttpClient | None = None  # while F's fetch runs
        self.fetch_thread_done = threading.Event()  # set whenever no fetch thread runs
        self.fetch_thread_done.set()

    # ---- core objects --------------------------------------------------------------------------

    def engine(self) -> QueryEngine:
        """The query engine of the library shown, built on first use (off the UI thread:
        callers are workers). Its positions are those of its own `papers`."""
        with self._engine_lock:
            papers = self.library.papers
            engine = self._engine
            if engine is None or engine.papers is not papers:
                from tui.core.search import QueryEngine  # numpy + rapidfuzz: not before frame 1

                engine = QueryEngine(papers, cache_dir=self.home / "cache",
                                     aliases=self.library.aliases)
                if self.library.papers is papers:  # not replaced meanwhile
                    self._engine = engine
            return engine

    @property
    def ready_engine(self) -> QueryEngine | None:
        """The query engine if it is built for the library shown; never waits for it."""
        engine = self._engine
        return engine if engine is not None and engine.papers is self.library.papers else None

    def build_engine_soon(self) -> None:
        """Start building the query engine in a thread, once.

        Not during start-up: importing numpy/rapidfuzz and loading the index hold the GIL
        long enough to delay the first key presses. Called a moment after the first frame,
        or as soon as the filter gets focus, whichever comes first.
        """
        if not self._engine_started:
            self._engine_started = True
            self.run_worker(self.engine, thread=True, group="index", exit_on_error=False)

    @property
    def main_screen(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("main screen not mounted")

    def get_default_screen(self) -> MainScreen:
        # Born with its width class (-wide/-narrow): added at the first resize instead, it
        # restyled every widget and laid the screen out again before the first frame.
        width = self.size.width
        names = [name for least, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= least]
        return MainScreen(classes=names[-1] if names else None)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Paste):
            # A paste can carry escape sequences (copied from a terminal or a web page); inputs
            # would show them raw. Text only, for every input at once.
            event.text = clean(event.text)
        elif isinstance(event, events.Key) and not self.key_order.admit(event):
            return  # held, typed again in its turn
        await super().on_event(event)

    def on_mount(self) -> None:
        problems = list(self.config.errors)
        theme = self.config.get("theme") or self._settings.theme
        if theme in self.available_themes:
            self.theme = theme
        elif self.config.get("theme"):
            problems.append(f"{self.config.path}: theme {theme!r} is not a theme; "
                            "the default is used")
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._notices_shown = 0
        if problems:  # once, at start: the app runs on the defaults for what was wrong
            self.notify(clean("\n".join(problems)), title="config.toml", severity="warning",
                        timeout=10, markup=False)
        if self._imported is not None:
            self.notify(**self._imported.notify_args(), markup=False)  # type: ignore[arg-type]
        # Set before the first look, so no failure falls between the two.
        self.store.on_write_error = lambda _notice: self.post_message(self.StateWriteFailed())
        self._show_new_notices()
        self.set_timer(ENGINE_DELAY, self.build_engine_soon)
        if self.store.readonly:
            self.set_interval(FOLLOW_EVERY, self.follow_other_instance)
        if isinstance(self.library, Library):  # tests' stand-ins have no import log
            self.set_interval(LIBRARY_POLL, self.look_for_imports)

    def look_for_imports(self) -> None:
        """Another paperdeck imported (`paperdeck import` in another terminal): read the
        library again and show its new papers."""
        library = self.library
        if self._reading_library or self._fetch_client is not None:
            return  # a fetch brings its own library in when it is done
        if not library.changed_on_disk():
            return
        if library.log_stamp() == self._unreadable_log:
            return  # said once; tried again when the log changes again
        self._reading_library = True
        self._read_library(library, self.paper_ids)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def _read_library(self, library: Library, paper_ids: frozenset[str]) -> None:
        read = read_library(library, paper_ids, with_engine=self._engine_started,
                            cache_dir=self.home / "cache")
        self.post_message(self.LibraryReadAgain(read))

    @on(StateWriteFailed)
    def _state_write_failed(self, _event: StateWriteFailed) -> None:
        self._show_new_notices()

    @on(LibraryReadAgain)
    def _library_read_again(self, event: LibraryReadAgain) -> None:
        self._reading_library = False
        read = event.read
        if read.error:
            self._unreadable_log = read.stamp
            self.notify(clean(f"Papers imported by another paperdeck are not shown: "
                              f"{read.error}"), severity="error", timeout=10, markup=False)
            return
        if read.library is None or read.old is not self.library:
            return  # an import under way: the next look reads it once it is done
        self._show_library(read)
        self.notify(read.notice(), markup=False)

    def _show_library(self, read: LibraryRead) -> None:
        """Swap in a library read again (or fetched into); the screen keeps its paper."""
        assert read.library is not None
        self.library = read.library
        self.paper_ids = read.paper_ids
        if read.engine is not None:
            self._engine = read.engine
        self.main_screen.library_changed()

    # ---- fetching (F) -------------------------------------------------------------------------

    def action_fetch(self) -> None:
        if self._fetch_client is not None:
            self.notify("A fetch is already running", markup=False)
            return
        from tui.core.fetch.http import HttpClient  # urllib, ssl: not before it is asked for

        self._fetch_client = HttpClient()
        self.fetch_thread_done.clear()
        self.main_screen.show_activity("fetching today's papers")
        self._fetch_in_worker(self._fetch_client, self.library, self.paper_ids)

    @work(thread=True, exclusive=True, group="fetch", exit_on_error=False)
    def _fetch_in_worker(self, client: HttpClient, old: Library,
                         old_ids: frozenset[str]) -> None:
        from tui.fetch_today import fetch_for_app

        try:
            # Messages, not call_from_thread: that waits for the UI thread, which may be
            # closing.
            outcome = fetch_for_app(
                self.home, old, old_ids, client=client, with_engine=self._engine_started,
                progress=lambda text: self.post_message(self.FetchProgress(text)))
            self.post_message(self.Fetched(outcome))
        finally:
            self.fetch_thread_done.set()

    @on(FetchProgress)
    def _fetch_progress(self, event: FetchProgress) -> None:
        if self._fetch_client is not None:
            self.main_screen.show_activity(event.text)

    @on(Fetched)
    def _fetched(self, event: Fetched) -> None:
        self._fetch_client = None
        outcome = event.outcome
        screen = self.main_screen
        if outcome.error:
            screen.show_activity("")
            self.notify(clean(outcome.error, single_line=True), title="Fetch failed",
                        severity="error", timeout=15, markup=False)
            return
        if outcome.read is not None:
            self._show_library(outcome.read)
        screen.show_activity(outcome.line, clear_after=FETCH_RESULT_SHOWN)
        for notice in outcome.notices:
            self.notify(clean(notice, single_line=True), severity="warning", markup=False)
        if outcome.summary is not None and outcome.summary.warnings:
            notice = ImportNotice("today's papers", outcome.summary, FETCH_WARNINGS_HINT)
            self.notify(**notice.notify_args(), markup=False)  # type: ignore[arg-type]

    def follow_other_instance(self) -> None:
        """Read-only (another paperdeck holds the state): show what it saves, and take over
        once it quits, as the README promises."""
        if self.store.readonly and self.store.refresh():
            self.main_screen.state_changed()
            self._show_new_notices()

    def on_notify(self, event: Notify) -> None:
        # Runs before App's own handler, which shows the toast: the same message again
        # (three spaces on a list with nothing unread) replaces its live toast instead of
        # stacking. Textual has no public way to dismiss a notification.
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title, shown.severity) == (new.message, new.title,
                                                                new.severity):
                self._unnotify(shown, refresh=False)

    def _show_new_notices(self) -> None:
        notices = self.store.notices
        for notice in notices[self._notices_shown:]:
            self.notify(clean(str(notice)), severity="warning", timeout=10, markup=False)
        self._notices_shown = len(notices)

    def _remember_theme(self, theme: object) -> None:
        configured = self.config.get("theme")
        if configured and self.theme != configured:
            self.notify(clean(f"config.toml sets theme = {configured!r}: it is used again at "
                              "the next start"), markup=False)
        if self.theme != self._settings.theme:
            self._save_settings(replace(self._settings, theme=self.theme), "Theme")

    @property
    def saved_sort(self) -> str:
        return self.config.get("sort").replace("-", "_") or self._settings.sort

    def remember_sort(self, sort: str) -> None:
        if sort != self._settings.sort:
            self._save_settings(replace(self._settings, sort=sort), "Sort order")

    @property
    def last_export(self) -> tuple[str, str]:
        """The export dialog's last folder and format ("" when none yet)."""
        return (self.config.get("export.folder") or self._settings.export_folder,
                self.config.get("export.format") or self._settings.export_format)

    def remember_export(self, outcome: ExportOutcome | None) -> None:
        if outcome is None or outcome.path is None:
            return  # cancelled, or the clipboard: no folder to remember
        folder = os.path.dirname(os.path.abspath(outcome.path))
        if (folder, outcome.fmt) != self.last_export:
            self._save_settings(replace(self._settings, export_folder=folder,
                                        export_format=outcome.fmt), "Export folder")

    def _save_settings(self, settings: Settings, what: str) -> None:
        self._settings = settings
        try:
            save_settings(self.home, settings)
        except PaperdeckError as exc:
            self.notify(clean(f"{what} not saved: {exc}"), severity="warning", markup=False)

    # ---- commands and help ---------------------------------------------------------------------

    def command_entries(self) -> list[Command]:
        screen = self.main_screen
        targets = (
            (screen, MainScreen.BINDINGS),
            (screen.paper_list, PaperList.BINDINGS),
            (self, self.BINDINGS),
        )
        paper = screen.current_paper
        links = len(paper.links) if paper is not None else 0
        return [
            (name, help_text, partial(self.run_action, action, target))
            for target, bindings in targets
            for name, help_text, action in described_actions(list(bindings))
            if not _link_beyond(action, links)
        ]

    def key_help(self) -> list[tuple[str, str]]:
        rows = []
        for binding in [*PaperList.BINDINGS, *MainScreen.BINDINGS, *self.BINDINGS]:
            if binding.key in "23456789" or not binding.description:
                continue
            description = binding.tooltip or binding.description
            if binding.key == "1":
                rows.append(("1-9", "Open link 1 to 9"))
                continue
            rows.append((key_label(binding.key), description))
        rows.append(("tab", "Next pane: list, detail, filter (shift+tab goes back)"))
        rows.append(("ctrl+p", "Command palette: every action, themes"))
        return rows

    # ---- actions ------------------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help_screen import HelpScreen  # screens load when first used

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_help()))

    def action_stats(self) -> None:
        from tui.screens.stats_screen import StatsScreen

        if isinstance(self.screen, StatsScreen):
            return
        store = self.store
        self.push_screen(
            StatsScreen(
                self.library.papers,
                store.read_ids(),
                store.starred_ids(),
                store.noted_ids(),
                store.tag_counts(),
            )
        )

    def action_export(self) -> None:
        from tui.screens.export_dialog import ExportDialog, export_dialog_for

        if not isinstance(self.screen, ExportDialog):
            self.push_screen(export_dialog_for(self), self.remember_export)

    def close_for_signal(self) -> None:
        """The terminal closed (SIGHUP, SIGTERM, the pty gone): keep what dialogs hold unsaved
        as drafts, then close as q does."""
        for screen in self.screen_stack:
            if not isinstance(screen, DraftHolder) or not screen.paper_id:
                continue
            draft = screen.draft_to_keep()
            if draft is not None:
                # A full disk loses the draft only: the state is saved regardless.
                with contextlib.suppress(OSError, PaperdeckError):
                    keep_draft(self.home, screen.draft_kind, screen.paper_id, draft)
        self.exit()

    async def action_quit(self) -> None:
        if self._save_state() or self._quit_unsaved:
            self.exit()
            return
        # Quitting now would drop changes the disk refused: say so, a second q quits anyway.
        self._quit_unsaved = True
        self.notify("Your changes are not saved. Free some space and press q to save and "
                    "quit, or press q to quit without them.", severity="error", timeout=30,
                    markup=False)

    def _save_state(self) -> bool:
        try:
            self.store.flush()
        except PaperdeckError as exc:
            self.notify(clean(str(exc)), severity="error", markup=False)
            return False
        return True

    def on_unmount(self) -> None:
        if self._fetch_client is not None:
            # Its thread would hold the exit until the read timeout; an import already under
            # way finishes (all or nothing), a request is cut short.
            self._fetch_client.stop()
        if self._owns_store:
            try:
                self.store.close()
            except PaperdeckError as exc:  # reported by the CLI once the terminal is back
                self.close_error = str(exc)
            from tui.core.completion_cache import remember_tags

            remember_tags(self.store.home, self.store)
