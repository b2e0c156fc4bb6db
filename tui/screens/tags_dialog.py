"""Edit a paper's tags as one line of words: dismisses with the new tag list or None."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.core.drafts import Draft
from tui.core.state.schema import MAX_TAGS_PER_PAPER
from tui.key_order import OrderedInput
from tui.screens.css import DIALOG_CSS
from tui.widgets.literal import TITLE_CHARS, clean, clip


def parse_tags(line: str) -> list[str]:
    """Tags are separated by commas or spaces; lower-cased as the store keeps them;
    duplicates collapse, order is kept."""
    seen: dict[str, None] = {}
    for word in line.replace(",", " ").split():
        seen.setdefault(word.lower(), None)
    return list(seen)


class TagsDialog(ModalScreen[list[str] | None]):
    CSS_PATH: ClassVar = DIALOG_CSS
    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    draft_kind = "tags"

    def __init__(self, title: str, tags: tuple[str, ...], known: list[str], paper_id: str = "",
                 draft: Draft | None = None) -> None:
        super().__init__(classes="dialog-screen")
        self._title = title
        self._tags = tags
        self._known = known
        self.paper_id = paper_id
        self._draft = draft

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="tags-dialog"):
            yield Static(Text("Tags — " + clip(clean(self._title, single_line=True), TITLE_CHARS)),
                         classes="dialog-title")
            # Cursor at the end, nothing selected: typing adds a tag instead of replacing all.
            yield OrderedInput(self._initial_value(), placeholder="tags separated by spaces",
                               select_on_focus=False, id="tags-input")
            yield Static("", classes="dialog-error", id="tags-error")
            hint = "Enter saves · Esc cancels"
            if self._draft is not None:
                hint = ("A draft kept when the terminal closed"
                        + (" (older than the saved tags)"
                           if self._draft.started_from != self._initial_tags() else "")
                        + " · " + hint)
            if self._known:
                hint += " · in use: " + ", ".join(self._known[:12])
            yield Static(Text(clean(hint, single_line=True)), classes="dialog-hint")

    def _initial_tags(self) -> str:
        return " ".join(self._tags) + (" " if self._tags else "")

    def _initial_value(self) -> str:
        if self._draft is None:
            return self._initial_tags()
        return clean(self._draft.text, single_line=True)

    def draft_to_keep(self) -> Draft | None:
        """The line typed and not saved, to keep when the app closes without asking."""
        line = self.query_one(Input).value
        return None if line == self._initial_tags() else Draft(line, self._initial_tags())

    def on_mount(self) -> None:
        tags_input = self.query_one(Input)
        tags_input.focus()
        tags_input.cursor_position = len(tags_input.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        tags = parse_tags(event.value)
        # The store refuses it too; refused here, the dialog stays open with the line typed.
        # A paper already past the cap (from a merge) may still lose tags.
        if len(tags) > MAX_TAGS_PER_PAPER and len(tags) > len(self._tags):
            error = self.query_one("#tags-error", Static)
            error.update(Text(f"Too many tags: {len(tags):,} (at most {MAX_TAGS_PER_PAPER:,} "
                              "per paper); remove some, or Esc"))
            error.display = True
            return
        self.dismiss(tags)

    def action_cancel(self) -> None:
        self.dismiss(None)
