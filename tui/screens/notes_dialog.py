"""Edit a paper's notes in a TextArea: Ctrl+S saves, Esc cancels (asking if anything changed)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.css import DIALOG_CSS
from tui.widgets.literal import TITLE_CHARS, clean, clip


class NotesDialog(ModalScreen[str | None]):
    """Dismisses with the new notes, or None when cancelled."""

    CSS_PATH: ClassVar = DIALOG_CSS
    BINDINGS: ClassVar = [
        # Not priority: that ran before the editor had typed the letters queued ahead of it
        # (notes typed in a burst with ctrl+s saved without them). The editor never binds it.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    def __init__(self, title: str, notes: str) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._original = clean(notes)  # notes merged from elsewhere may hold escape sequences

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes-dialog"):
            yield Static(Text("Notes — " + clip(clean(self._title, single_line=True), TITLE_CHARS)),
                         classes="dialog-title")
            yield TextArea(self._original, id="notes-editor", soft_wrap=True, tab_behavior="indent")
            yield Static(Text("Ctrl+S save · Esc cancel"), classes="dialog-hint")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text

    def action_save(self) -> None:
        self.dismiss(self.text)

    def action_cancel(self) -> None:
        if self.text == self._original:
            self.dismiss(None)
            return

        def decided(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmDialog("Discard your unsaved changes to these notes?",
                          yes="Discard", no="Keep editing"),
            decided,
        )
