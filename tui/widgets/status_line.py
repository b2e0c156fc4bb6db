"""The status line: triage progress on the left, sort and mode on the right."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static


class StatusLine(Static):
    def set_progress(
        self, read: int, total: int, starred: int, sort_label: str, readonly: bool
    ) -> None:
        text = Text(f" {read}/{total} read · {starred} starred", end="")
        right = f"sort: {sort_label}" + ("  · read-only" if readonly else "") + " "
        text.append("  ")
        text.append(right)
        self.update(text)
