"""Keys typed in a burst behind a key that opens a screen with nothing to focus."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from tests.support.tui_helpers import async_test, wait_until
from tui.app import PaperdeckApp


class BareScreen(Screen[None]):
    """No input, nothing focusable: keys reach its own bindings."""

    BINDINGS: ClassVar = [Binding("x", "seen('x')"), Binding("y", "seen('y')")]

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def compose(self) -> ComposeResult:
        yield Static("nothing to focus here")

    def action_seen(self, key: str) -> None:
        self.seen.append(key)


class AppWithBareScreen(PaperdeckApp):
    BINDINGS: ClassVar = [*PaperdeckApp.BINDINGS, Binding("z", "bare")]

    def action_bare(self) -> None:
        self.push_screen(BareScreen())


@async_test
async def test_keys_behind_a_screen_without_focus_reach_it(tmp_path: Path) -> None:
    app = AppWithBareScreen(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for char in "zxy":  # all queued before "z" has opened its screen
            app.post_message(events.Key(char, char))
        # The keys wait a moment for a focus that never comes, then reach the screen.
        await wait_until(pilot, lambda: getattr(app.screen, "seen", None) == ["x", "y"],
                         timeout=20)
        screen = app.screen
        assert isinstance(screen, BareScreen)
        assert screen.seen == ["x", "y"]


@async_test
async def test_a_long_burst_behind_n_goes_whole_into_the_note(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    app = PaperdeckApp(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        note = "abcdefghij" * 10  # unbracketed paste or tmux send-keys: 100 keys at once
        for char in "n" + note:
            app.post_message(events.Key(char, char))
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NotesDialog"
                         and app.screen.query_one(TextArea).text == note, timeout=20)
        assert type(app.screen).__name__ == "NotesDialog"
        assert app.screen.query_one(TextArea).text == note


@async_test
async def test_a_burst_through_one_note_into_the_next_keeps_its_order(tmp_path: Path) -> None:
    from textual.widgets import TextArea

    app = PaperdeckApp(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        first = app.main_screen.current_paper
        keys = ["n", "a", "b", "ctrl+s", "j", "n", "x", "y", "z"]  # a note, next paper, a note
        for key in keys:
            app.post_message(events.Key(key, None if key == "ctrl+s" else key))
        await wait_until(pilot, lambda: type(app.screen).__name__ == "NotesDialog"
                         and len(app.screen.query_one(TextArea).text) == 3, timeout=20)
        assert app.store.get(first.id).notes == "ab"
        assert app.main_screen.paper_list.cursor == 1
        assert type(app.screen).__name__ == "NotesDialog"
        assert app.screen.query_one(TextArea).text == "xyz"
