"""Keys queued on a pane after focus has left it go where focus is now.

Textual hands each key to the widget focused when the key arrived, so a burst "/mega" is
queued whole on the pane before "/" has focused the filter: the letters must follow the focus
(the filter) instead of being lost or firing as shortcuts ("e" exports, "g" goes to the top).
"""

from __future__ import annotations

from textual import events
from textual.widget import Widget


def hand_on(pane: Widget, event: events.Key, search_target: Widget | None) -> None:
    """From a pane's on_key: "/" focuses `search_target` at once (not later, through the
    screen's binding); a key queued here before focus moved is posted to the focused widget."""
    focused = pane.screen.focused
    if event.character == "/" and search_target is not None and focused is pane:
        event.stop()
        event.prevent_default()
        pane.screen.set_focus(search_target)
    elif focused is not None and focused is not pane:
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
