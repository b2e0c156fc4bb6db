"""The status line: triage progress on the left, sort and mode on the right."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget


class StatusLine(Widget):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = ""
        self._right = ""

    def set_progress(
        self, read: int, total: int, starred: int, sort_label: str, readonly: bool
    ) -> None:
        self._left = f" {read:,}/{total:,} read · {starred:,} starred"
        self._right = ("read-only · " if readonly else "") + f"sort: {sort_label} "
        self.refresh()

    def render(self) -> Text:
        gap = max(2, self.size.width - len(self._left) - len(self._right))
        return Text(self._left + " " * gap + self._right, no_wrap=True, overflow="ellipsis")
