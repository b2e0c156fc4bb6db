"""Keys typed faster than screens open ("nsrj": n opens the notes dialog, "srj" are the note).

Textual hands a key to the focused widget at once and runs the key's binding only when the key
comes back up to the app, so every key of a burst is queued on the list before the first one
("n") has opened its dialog. The rest then reach the app for a screen that is gone: bindings
of the dialog would see them (and ignore "s"), those of the list would star a paper behind it.
Here such keys are held until the new screen has focus (or 0.5 s, for a screen that takes
none), then typed again there; keys typed meanwhile wait behind them.
"""

from __future__ import annotations

import time
import weakref

from textual import events
from textual.app import App, ScreenStackError
from textual.screen import Screen

WAIT_STEP = 0.01  # seconds between looks at whether the new screen has focus
WAIT_STEPS = 50  # then the keys go to the screen anyway (a screen without inputs)
SETTLE = 0.03  # seconds after a key typed again has climbed to the app: a dialog it closed
STALLED = 2.0  # seconds without a key typed again: give up holding (a safety net)


class LateKeys:
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

    def typed(self, key: events.Key) -> bool:
        """A key from the terminal (or typed again from here), about to be handed on.

        False while keys typed before it are still being typed again: it waits behind them
        (held too), or a burst that the terminal delivered in two pieces ("tto", "-read")
        would come out "t-reado"."""
        if self._typing and key not in self._replayed:
            if time.monotonic() - self._progress < STALLED:
                self._held.append(events.Key(key.key, key.character))
                return False
            # Nothing typed again for a while: never let a stalled chain swallow the keyboard.
            self._held.clear()
            self._typing = False
        self._typed_on[key] = self._app.screen
        return True

    def is_late(self, key: events.Key) -> bool:
        """A key coming back up to the app: was it typed on a screen no longer current?"""
        screen = self._typed_on.get(key)
        return screen is not None and screen is not self._app.screen

    def hold(self, key: events.Key) -> None:
        again = events.Key(key.key, key.character)
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

        def climb(nodes: list) -> None:
            # Through the queue of the focused widget and of each node above it: a key it did
            # not handle bubbles up that way, and its binding (Enter submits) runs only at
            # the app. The next key must not overtake it.
            if nodes:
                nodes[0].call_later(climb, nodes[1:])
            elif key is not None and key.is_printable:  # typed text: nothing to settle
                next_key()
            else:  # Enter, ctrl+s, Esc: let what they set off settle (submit, then dismiss)
                self._app.set_timer(SETTLE, next_key)

        key = self._in_flight
        try:
            focused = self._app.screen.focused
        except ScreenStackError:  # the key closed the app
            return
        if focused is not None:
            climb(list(focused.ancestors_with_self))
        self._app.set_timer(WAIT_STEP * 20, next_key)
