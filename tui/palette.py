"""Command palette provider: every key's action (themes come from Textual's own "Theme")."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider

Command = tuple[str, str, Callable[[], Awaitable[object]]]

KEY_NAMES = {
    "question_mark": "?", "slash": "/", "space": "space", "pageup": "PgUp",
    "pagedown": "PgDn", "up": "↑", "down": "↓", "home": "Home", "end": "End",
    "escape": "esc",
}


def key_label(keys: str) -> str:
    """How a binding's keys read to a person: "up,k" -> "↑/k"."""
    return "/".join(KEY_NAMES.get(key, key) for key in keys.split(","))


def described_actions(bindings: list[Binding]) -> list[tuple[str, str, str]]:
    """(name, help, action) for each binding with a description, first one per action."""
    seen: set[str] = set()
    out = []
    for binding in bindings:
        if not binding.description or binding.action in seen:
            continue
        seen.add(binding.action)
        # One style for every entry: what it does, then its key.
        help_text = f"{binding.tooltip or binding.description} ({key_label(binding.key)})"
        out.append((binding.description, help_text, binding.action))
    return out


class TriageCommands(Provider):
    """The actions of the main screen, the list and the app, so Ctrl+P lists every one."""

    def _entries(self) -> list[Command]:
        return self.app.command_entries()  # type: ignore[attr-defined,no-any-return]

    async def discover(self) -> Hits:
        for name, help_text, run in self._entries():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, run in self._entries():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)

