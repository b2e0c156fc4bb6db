"""A one-line bar of the main keys, drawn as one Text.

Textual's Footer builds a widget per key and recomposes on every focus change, which was a
third of the main screen's start-up; this bar is one widget and one render.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.widget import Widget

from tui.palette import key_label

KeyEntry = tuple[str, str, str]  # keys as in a Binding, description, action


def shown_keys(*groups: tuple[str, Iterable[BindingType]]) -> list[KeyEntry]:
    """The entries of the bindings marked shown; each group is (action prefix, bindings),
    the prefix naming where the action runs ("app." for the app's)."""
    return [
        (binding.key, binding.description, prefix + binding.action)
        for prefix, bindings in groups
        for binding in bindings
        if isinstance(binding, Binding) and binding.show and binding.description
    ]


def _width(entry: KeyEntry) -> int:
    return len(key_label(entry[0])) + len(entry[1]) + 3  # as render lays it out


class KeyBar(Widget):
    """Shows (key, description, action) entries; clicking one runs its action."""

    COMPONENT_CLASSES: ClassVar = {"key-bar--key", "key-bar--description"}

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._entries: list[KeyEntry] = []
        self._trailer = ""
        self._trailer_action = ""
        self._optional: frozenset[str] = frozenset()
        self._spans: list[tuple[int, int, str]] = []  # cell start, end, action

    def show_keys(self, entries: list[KeyEntry], trailer: str = "",
                  trailer_action: str = "", optional: frozenset[str] = frozenset()) -> None:
        """entries: (keys as in a Binding, description, action); trailer: right-aligned,
        running trailer_action when clicked; optional: actions whose entries are left out
        first (the last one first) when not all fit, before the others are cut at the end."""
        if (entries, trailer, optional) != (self._entries, self._trailer, self._optional):
            self._entries, self._trailer, self._optional = entries, trailer, optional
            self.refresh()
        self._trailer_action = trailer_action

    def _fitting(self, room: int) -> list[KeyEntry]:
        entries = list(self._entries)
        width = sum(_width(entry) for entry in entries)
        for entry in reversed(self._entries):
            if width <= room:
                break
            if entry[2] in self._optional:
                entries.remove(entry)
                width -= _width(entry)
        return entries

    def render(self) -> Text:
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        text = Text(no_wrap=True, overflow="ellipsis", end="")
        self._spans = []
        room = self.size.width - (len(self._trailer) + 2 if self._trailer else 0)
        for keys, description, action in self._fitting(room):
            key, rest = f" {key_label(keys)} ", f"{description} "
            if text.cell_len + len(key) + len(rest) > room:
                break  # whole entries only: a cut-off key helps nobody (? lists them all)
            start = text.cell_len
            text.append(key, key_style)
            text.append(rest, description_style)
            self._spans.append((start, text.cell_len, action))
        if self._trailer:
            gap = self.size.width - text.cell_len - len(self._trailer) - 1
            if gap >= 1:
                text.append(" " * gap)
                start = text.cell_len
                text.append(self._trailer, key_style)
                if self._trailer_action:
                    self._spans.append((start, text.cell_len, self._trailer_action))
                text.append(" ")
        return text

    async def on_click(self, event: events.Click) -> None:
        for start, end, action in self._spans:
            if start <= event.x < end:
                await self.screen.run_action(action)
                return
