"""A horizontal bar chart of labelled counts, drawn with block characters."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widget import Widget

from tui.widgets.literal import clean

_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(value: int, maximum: int, width: int) -> str:
    """A bar of `width` cells for value/maximum, with eighth-cell precision."""
    if maximum <= 0 or width <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / maximum * width * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


class BarChart(Widget):
    COMPONENT_CLASSES: ClassVar = {"bar-chart--label", "bar-chart--bar", "bar-chart--value"}

    def __init__(
        self, rows: list[tuple[str, int]], *, empty: str = "nothing yet", id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self._rows = rows
        self._empty = empty

    def render(self) -> Text:
        if not self._rows:
            return Text(self._empty, style=self.get_component_rich_style("bar-chart--label"))
        label_width = min(24, max(len(label) for label, _ in self._rows))
        value_width = max(len(f"{value:,}") for _, value in self._rows)
        bar_width = max(4, self.size.width - label_width - value_width - 3)
        maximum = max(value for _, value in self._rows)
        label_style = self.get_component_rich_style("bar-chart--label")
        bar_style = self.get_component_rich_style("bar-chart--bar")
        value_style = self.get_component_rich_style("bar-chart--value")
        text = Text(no_wrap=True, overflow="ellipsis")
        for number, (label, value) in enumerate(self._rows):
            if number:
                text.append("\n")
            shown = clean(label, single_line=True)[:label_width].ljust(label_width)
            text.append(shown, label_style)
            text.append(" ")
            text.append(bar(value, maximum, bar_width), bar_style)
            text.append(f" {value:,}", value_style)
        return text

    def get_content_height(self, container, viewport, width: int) -> int:  # type: ignore[no-untyped-def]
        return max(1, len(self._rows))
