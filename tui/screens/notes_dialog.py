"""Edit a paper's notes in a TextArea: Ctrl+S saves, Esc cancels (asking if anything changed)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from tui.core.drafts import Draft
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.css import DIALOG_CSS
from tui.widgets.literal import TITLE_CHARS, clean, clip

# TextArea lays out its whole document when it loads: a longer note is edited by its start,
# and the rest is kept as is after it (N edits the whole note in $EDITOR).
EDITOR_CHARS = 100_000


def editable_start(notes: str) -> tuple[str, str]:
    """The part of the notes the editor gets, ending at a line end where one is near, and
    the rest, which saving puts back after the edited part unchanged."""
    if len(notes) <= EDITOR_CHARS:
        return notes, ""
    cut = notes.rfind("\n", EDITOR_CHARS // 2, EDITOR_CHARS) + 1 or EDITOR_CHARS
    return notes[:cut], notes[cut:]


class NotesDialog(ModalScreen[str | None]):
    """Dismisses with the new notes, or None when cancelled."""

    CSS_PATH: ClassVar = DIALOG_CSS
    BINDINGS: ClassVar = [
        # Not priority: that ran before the editor had typed the letters queued ahead of it
        # (notes typed in a burst with ctrl+s saved without them). The editor never binds it.
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel", priority=True),
    ]

    draft_kind = "notes"

    def __init__(self, title: str, notes: str, paper_id: str = "",
                 draft: Draft | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self.paper_id = paper_id
        self._original = clean(notes)  # notes merged from elsewhere may hold escape sequences
        self._draft = draft
        self._start, self._kept = editable_start(
            self._original if draft is None else clean(draft.text))

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="notes-dialog"):
            yield Static(Text("Notes — " + clip(clean(self._title, single_line=True), TITLE_CHARS)),
                         classes="dialog-title")
            yield TextArea(self._start, id="notes-editor", soft_wrap=True, tab_behavior="indent")
            hint = "Ctrl+S save · Esc cancel"
            if self._draft is not None:
                hint = ("A draft kept when the terminal closed"
                        + (" (older than the saved notes)"
                           if self._draft.started_from != self._original else "")
                        + " · " + hint)
            if self._kept:
                hint += (f" · the first {len(self._start):,} of {len(self._original):,} characters;"
                         " the rest is kept as is after them (N edits it all in $EDITOR)")
            yield Static(Text(hint), classes="dialog-hint")

    def on_mount(self) -> None:
        editor = self.query_one(TextArea)
        editor.focus()
        editor.move_cursor(editor.document.end)

    @property
    def text(self) -> str:
        return self.query_one(TextArea).text + self._kept

    def draft_to_keep(self) -> Draft | None:
        """What was typed and not saved, to keep when the app closes without asking."""
        text = self.text
        return None if text == self._original else Draft(text, self._original)

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
