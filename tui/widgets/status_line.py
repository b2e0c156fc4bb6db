"""The status line: triage progress on the left, then what runs in the background (a fetch),
sort and mode on the right."""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widget import Widget

from tui.widgets.literal import clean


class StatusLine(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = ""
        self._right = ""
        self._activity = ""
        self._clear_timer: Timer | None = None

    @property
    def activity(self) -> str:
        return self._activity

    def set_progress(
        self, read: int, total: int, starred: int, sort_label: str, readonly: bool
    ) -> None:
        self._left = f" {read:,}/{total:,} read · {starred:,} starred"
        self._right = ("read-only · " if readonly else "") + f"sort: {sort_label} "
        self.refresh()

    def set_activity(self, text: str, *, clear_after: float | None = None) -> None:
        """What runs in the background, or its result; `clear_after` seconds later it goes.
        The text may quote the network: shown as plain text, on one line."""
        if self._clear_timer is not None:
            self._clear_timer.stop()
            self._clear_timer = None
        self._activity = clean(text, single_line=True).strip()
        if clear_after is not None and self._activity:
            self._clear_timer = self.set_timer(clear_after, lambda: self.set_activity(""))
        self.refresh()

    def render(self) -> Text:
        left = self._left + (f" · {self._activity}" if self._activity else "")
        gap = max(2, self.size.width - len(left) - len(self._right))
        return Text(left + " " * gap + self._right, no_wrap=True, overflow="ellipsis")
