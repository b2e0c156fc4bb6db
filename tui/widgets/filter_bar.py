"""The filter input at the top, with the "N of M papers" count beside it."""

from __future__ import annotations

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

from tui.key_order import OrderedInput, ask_screen, follow_focus
from tui.widgets.literal import clean

PLACEHOLDER = "/ filter: words, is:unread, is:starred, tag:x, has:code …"


class SearchRequested(Message):
    """"/" typed on a pane: the screen focuses the filter."""

    def __init__(self, pane: Widget) -> None:
        super().__init__()
        self.pane = pane

    @property
    def control(self) -> Widget:
        return self.pane


class FilterInput(OrderedInput):
    """An Input that hands focus back to the list on Esc (clearing) or Enter/Down."""

    BINDINGS: ClassVar = [
        Binding("escape", "leave(True)", "Clear filter", tooltip="Clear the filter"),
        Binding("enter,down", "leave(False)", "To list", show=False),
    ]

    class Left(Message):
        """The user left the filter; `cleared` when Esc emptied it. The screen applies the
        query at once and focuses the list: keys typed right after act on these results."""

        def __init__(self, filter_input: FilterInput, cleared: bool) -> None:
            super().__init__()
            self.filter_input = filter_input
            self.cleared = cleared

        @property
        def control(self) -> FilterInput:
            return self.filter_input

    def action_leave(self, clear: bool) -> None:
        if clear:
            self.value = ""
        self.post_message(self.Left(self, clear))

    async def on_key(self, event: events.Key) -> None:
        leave = LEAVE_KEYS.get(event.key)
        if leave is not None and self.screen.focused is self:
            # Here, not only through BINDINGS: a binding runs after the keys queued behind
            # it, which must reach the list as shortcuts, not as text.
            event.stop()
            event.prevent_default()
            if leave:
                self.value = ""
            await ask_screen(self, self.Left(self, leave))
        else:
            follow_focus(self, event)


LEAVE_KEYS = {"enter": False, "down": False, "escape": True}  # key: whether leaving clears


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


async def pane_key(pane: Widget, event: events.Key) -> None:
    """From a pane's on_key: "/" asks the screen for the filter and holds the keys behind it
    until the filter has focus (they are its text); a key queued here before focus moved on
    goes where focus is now."""
    if event.character == "/" and pane.screen.focused is pane:
        event.stop()
        event.prevent_default()
        await ask_screen(pane, SearchRequested(pane))
    else:
        follow_focus(pane, event)
