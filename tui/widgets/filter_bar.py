"""The filter input at the top, with the "N of M papers" count beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from tui.widgets.literal import clean
from tui.widgets.ordered_input import OrderedInput

PLACEHOLDER = "/ filter: words, is:unread, is:starred, tag:x, has:code …"


class FilterInput(OrderedInput):
    """An Input that hands focus back to the list on Esc (clearing) or Enter/Down."""

    BINDINGS: ClassVar = [
        Binding("escape", "leave(True)", "Clear filter", tooltip="Clear the filter"),
        Binding("enter,down", "leave(False)", "To list", show=False),
    ]

    class Left(Message):
        """The user left the filter; `cleared` when Esc emptied it."""

        def __init__(self, cleared: bool) -> None:
            super().__init__()
            self.cleared = cleared

    # The list, focused straight from here on Enter/Esc: keys typed right after them are
    # already queued on this input and must reach the list as shortcuts, not as text.
    return_target: Widget | None = None

    # Called before focus leaves: the list must already show this query's results.
    apply_now: Callable[[], None] | None = None

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        if self.apply_now is not None:
            self.apply_now()
        if self.return_target is not None:
            self.screen.set_focus(self.return_target)
        self.post_message(self.Left(clear))

    async def on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        leave = {"enter": False, "down": False, "escape": True}.get(event.key)
        if leave is not None and focused is self:
            # Here, not only through BINDINGS: a binding runs after the keys queued behind it.
            event.stop()
            event.prevent_default()
            self.action_leave(leave)
        elif focused is not None and focused is not self:
            # Queued here before focus moved on: hand the key to whoever has focus now.
            event.stop()
            event.prevent_default()
            focused.post_message(events.Key(event.key, event.character))


class FilterBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield FilterInput(placeholder=PLACEHOLDER, id="filter-input", select_on_focus=False)
        yield Static(id="match-count", markup=False)

    def set_count(self, shown: int, total: int) -> None:
        self.query_one("#match-count", Static).update(Text(f"{shown:,} of {total:,} papers"))

    def set_error(self, message: str) -> None:
        """An invalid query: say why, in place of the count (the list keeps its rows)."""
        message = clean(message, single_line=True)
        room = max(16, self.size.width // 2 - 3)  # the input keeps at least half the line
        self.query_one("#match-count", Static).update(Text(fit_error(message, room)))


def fit_error(message: str, room: int) -> str:
    """One line of at most `room` cells that keeps the message's end when it is what was
    wrong: "is: takes read, unr… (got 'foo')". The bar never grows: a taller one moved the
    list at every half-typed qualifier ("is:u" is an error until "is:unread")."""
    if cell_len(message) <= room:
        return message
    cut = message.rfind(" (")
    tail = message[cut:] if cut > 0 else ""
    head_room = room - cell_len(tail) - 1
    if tail and head_room >= 8 and "(got " in tail:
        return set_cell_size(message[:cut], head_room).rstrip() + "…" + tail
    return set_cell_size(message, room - 1).rstrip() + "…"
