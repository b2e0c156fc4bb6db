"""An Input whose editing keys act in the order they were typed.

Textual inserts a letter as soon as the focused Input sees its key, but runs a key binding
(backspace, ctrl+u, the arrows) only once the key has bubbled up to the app. In a burst (a quick
typist, tmux send-keys, a busy moment) the letters typed after a backspace overtake it: "megx",
backspace, "atorn" came out "megxator". Here the Input's own bindings run when it sees the key.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
    async def on_key(self, event: events.Key) -> None:
        if event.is_printable or self.screen.focused is not self:
            return  # letters are inserted by Input itself; keys for another widget pass on
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if not binding.priority:  # priority bindings already ran at the app
                event.stop()
                event.prevent_default()
                await self.run_action(binding.action)
                return
