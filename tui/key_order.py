"""Key ordering: keys typed faster than screens open and focus moves.

The contract. Every key typed acts exactly once, in the order typed, on the screen and the
widget that would have received it had it been typed slowly. A burst ("/mega", "nsrj" where
"n" opens the notes dialog, "megx" backspace "atron" in an input, tmux send-keys, a paste
without brackets) ends as the same keys typed one by one would.

Not guaranteed: that a key acts at once (keys wait, in order, behind a screen that opens or a
focus that moves; a screen that takes no focus gets them after WAIT_STEPS looks); that held
keys survive a replay that stalls for STALLED seconds (they are dropped rather than let a
broken chain swallow the keyboard); the order of a key from the terminal that arrives in the
one turn of the event loop in which a widget hands its queued keys on to the new focus (a
burst arrives whole before that); anything about priority bindings (Esc in the notes and
export dialogs): Textual runs them as the key arrives, ahead of keys still queued.

Why this is needed. Textual hands a key to the widget focused when it arrives, inserts a letter
as soon as an Input sees it, and runs a key's binding only once the key has bubbled back up
to the app. In a burst every key is queued on the first widget before the first key has
opened a dialog or moved focus. Three places put them back in order, all here:

- `KeyOrder` (one per app, from `App.on_event`): a key that comes back up to the app for a
  screen that is gone (the dialog opened behind it) is held and typed again once the new
  screen has focus; keys typed meanwhile wait behind it.
- `follow_focus`, `ask_screen` (from a widget's `on_key`): a key queued on a widget after focus
  left it goes to the focused widget; a key that moves focus ("/" on a pane, Enter in the
  filter) asks the screen by a message and holds the widget's queue until the screen has
  handled it, so the next queued key already sees the new focus.
- `OrderedInput`: an Input that runs its own editing bindings (backspace, ctrl+u, arrows)
  when it sees the key, not after the letters typed behind it.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import weakref

from textual import events
from textual.app import App, ScreenStackError
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

WAIT_STEP = 0.01  # seconds between looks at whether the new screen has focus
WAIT_STEPS = 50  # then the keys go to the screen anyway (a screen without inputs)
STALLED = 2.0  # seconds without a key typed again: give up holding (a safety net)
ASK_LIMIT = 1.0  # seconds a widget waits for its screen at most (a screen closing meanwhile)


def copy_of(key: events.Key) -> events.Key:
    """The same key as a new event (an event is handled once)."""
    return events.Key(key.key, key.character)


# ---- across screens -------------------------------------------------------------------------


class KeyOrder:
    """Keys that outran the screen they were typed for, held and typed again in order."""

    def __init__(self, app: App) -> None:
        self._app = app
        # The screen each key was typed on, while the key is alive (keys stopped by a widget
        # never come back; a burst of 100 keys may all be handed on before the first is back).
        self._typed_on: weakref.WeakKeyDictionary[events.Key, Screen] = (
            weakref.WeakKeyDictionary())
        self._held: list[events.Key] = []
        self._typing = False  # a key typed again is on its way: the next one waits for it
        self._step = 0  # which key's "handled" signal is awaited (the first of two counts)
        self._unfocused: weakref.ref[Screen] | None = None  # a screen found to take no focus
        self._replayed: weakref.WeakSet[events.Key] = weakref.WeakSet()  # keys typed again
        self._returned = 0  # of those, how many came back late since the last was typed
        self._progress = 0.0  # when a held key was last typed again
        self._in_flight: events.Key | None = None  # the key typed again last

    @property
    def replaying(self) -> bool:
        """Held keys are being typed again: keys from the terminal wait behind them."""
        return self._typing

    def admit(self, key: events.Key) -> bool:
        """From `App.on_event`: False when the app must not handle the key now (held here)."""
        if not key.is_forwarded:
            return self._typed(key)
        if self._is_late(key):
            self._hold(key)
            return False
        return True

    def _typed(self, key: events.Key) -> bool:
        """A key from the terminal (or typed again from here), about to be handed on.

        False while keys typed before it are still being typed again: it waits behind them
        (held too), or a burst that the terminal delivered in two pieces ("tto", "-read")
        would come out "t-reado"."""
        if self._typing and key not in self._replayed:
            if time.monotonic() - self._progress < STALLED:
                self._held.append(copy_of(key))
                return False
            # Nothing typed again for a while: never let a stalled chain swallow the keyboard.
            self._held.clear()
            self._typing = False
        self._typed_on[key] = self._app.screen
        return True

    def _is_late(self, key: events.Key) -> bool:
        """A key coming back up to the app: was it typed on a screen no longer current?"""
        screen = self._typed_on.get(key)
        return screen is not None and screen is not self._app.screen

    def _hold(self, key: events.Key) -> None:
        again = copy_of(key)
        if key in self._replayed:
            # Typed again, then late again (a key before it opened another dialog): it goes
            # before the keys still held, which were typed after it, in the order they return.
            self._held.insert(self._returned, again)
            self._returned += 1
        else:
            self._held.append(again)
        if not self._typing:
            self._typing = True
            self._progress = time.monotonic()
            self._type_again()

    def _type_again(self, waited: int = 0) -> None:
        try:
            screen = self._app.screen
        except ScreenStackError:  # the app is closing: nowhere to type them
            self._held.clear()
        if not self._held:
            self._typing = False
            return
        if screen.focused is None:
            if waited < WAIT_STEPS and screen is not self._no_focus():
                self._app.set_timer(WAIT_STEP, lambda: self._type_again(waited + 1))
                return
            # Nothing there took focus: type them to the screen (and do not wait again).
            self._unfocused = weakref.ref(screen)
        elif waited:  # focus just arrived: let the screen finish mounting first
            self._app.call_after_refresh(self._type_again)
            return
        # As if typed now: the current screen's keys and bindings apply. One at a time: a
        # priority binding (ctrl+s saves) runs as soon as the app sees its key, and must not
        # overtake the letters typed before it, still queued on the text area.
        key = self._held.pop(0)
        self._progress = time.monotonic()
        self._replayed.add(key)
        self._returned = 0
        self._in_flight = key
        self._app.post_message(key)
        self._app.call_later(self._after_handed_on)

    def _no_focus(self) -> Screen | None:
        return self._unfocused() if self._unfocused is not None else None

    def _after_handed_on(self) -> None:
        """The app has handed the key on to the focused widget: go on once that handled it
        (or after a while: the key may have closed the screen, and the widget with it)."""
        self._step += 1
        step = self._step

        def next_key() -> None:
            if self._step == step:
                self._step += 1
                self._type_again()

        def climb(nodes: list, passes: int) -> None:
            # Through the queue of the focused widget and of each node above it: a key it did
            # not handle bubbles up that way, and its binding (Enter submits) runs only at
            # the app. The next key must not overtake it. A node closed meanwhile (the key
            # dismissed its dialog) is skipped.
            for at, node in enumerate(nodes):
                if node.call_later(climb, nodes[at + 1:], passes):
                    return
            if passes > 1:  # Enter, ctrl+s, Esc: what they set off (Submitted, then dismiss)
                climb(chain, passes - 1)  # climbs the same way: follow it up once more
            elif key is not None and key.is_printable:  # typed text: nothing to settle
                next_key()
            else:  # once more through the app's queue, where a dismissed screen is replaced
                self._app.call_later(next_key)

        key = self._in_flight
        try:
            focused = self._app.screen.focused
        except ScreenStackError:  # the key closed the app
            return
        if focused is not None:
            chain = list(focused.ancestors_with_self)
            climb(chain, 1 if key is not None and key.is_printable else 2)
        self._app.set_timer(WAIT_STEP * 20, next_key)


# ---- within a screen ------------------------------------------------------------------------


def follow_focus(widget: Widget, event: events.Key) -> bool:
    """From `widget`'s on_key: a key queued here before focus moved on goes to the widget
    focused now ("/mega": the letters follow "/" into the filter instead of firing "e"
    export, "g" top). True when the key was handed on (and stopped here)."""
    focused = widget.screen.focused
    if focused is None or focused is widget:
        return False
    event.stop()
    event.prevent_default()
    focused.post_message(copy_of(event))
    return True


async def ask_screen(widget: Widget, message: Message) -> None:
    """Post `message` to the widget's screen and return once the screen has handled it.

    Awaited from the widget's on_key, this holds the keys queued behind on the widget until
    then, so the next one already sees what the screen did (focus moved to the filter, the
    filter's results applied). The message goes to the screen itself, not up from the widget:
    the widget's own queue is the one held."""
    screen = widget.screen
    handled = asyncio.Event()
    if not (screen.post_message(message) and screen.call_later(handled.set)):
        return  # the screen is closing: nothing to wait for
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(handled.wait(), ASK_LIMIT)


class OrderedInput(Input):
    """An Input whose editing keys act in the order they were typed ("megx", backspace,
    "atron" came out "megxator": the binding ran after the letters behind it)."""

    async def on_key(self, event: events.Key) -> None:
        if event.is_printable or self.screen.focused is not self:
            return  # letters are inserted by Input itself; keys for another widget pass on
        active = self.screen.active_bindings.get(event.key)
        # Priority bindings already ran at the app; bindings of the screen run as usual.
        if active is not None and active.node is self and not active.binding.priority:
            event.stop()
            event.prevent_default()
            await self.run_action(active.binding.action)
