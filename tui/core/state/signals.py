"""SIGTERM / SIGHUP (terminal closed): save every open state store, then exit."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
import weakref
from collections.abc import Callable
from types import FrameType
from typing import Protocol

from tui.core.errors import PaperdeckError


class Flushable(Protocol):
    """What a signal needs of a store (a StateStore): write every change now."""

    def flush(self, timeout: float | None = None) -> bool: ...


# After the signal the process unwinds (an app closes its screens and gives the terminal back,
# atexit saves run); if that hangs (a thread of the UI toolkit waits on a dead terminal), the
# stores are saved once more and the process ends this much later.
EXIT_GRACE = 1.0
LAST_WRITE = 30.0  # how long the last resort waits for a write under way (a stalled disk)

_SIGNAL_STORES: weakref.WeakSet[Flushable] = weakref.WeakSet()
_PREVIOUS_HANDLERS: dict[int, object] = {}
_ASK_TO_EXIT: list[Callable[[], None]] = []
_received: list[int] = []


def _say(message: str) -> None:
    with contextlib.suppress(OSError, ValueError):  # stderr may be the closed terminal
        print(f"paperdeck: error: {message}", file=sys.stderr)


def _flush_all(timeout: float) -> None:
    for store in list(_SIGNAL_STORES):
        try:
            store.flush(timeout=timeout)
        except PaperdeckError as exc:
            _say(str(exc))


def _exit_later(code: int) -> None:
    """The last resort: save again (the main thread has let go of the file by now) and end."""
    def end() -> None:
        # Waits for a write under way (on a loaded machine one can outlast the grace): ending
        # in the middle of it would lose what the screen showed as done.
        _flush_all(timeout=LAST_WRITE)
        os._exit(code)

    timer = threading.Timer(EXIT_GRACE, end)
    timer.daemon = True  # never what keeps the process alive
    timer.start()


def received_signal() -> int | None:
    """The first SIGTERM/SIGHUP handled, if any (the process should exit 128 + it)."""
    return _received[0] if _received else None


def _flush_and_exit(signum: int, frame: FrameType | None) -> None:
    first = not _received
    _received.append(signum)
    chained = _PREVIOUS_HANDLERS.get(signum)
    if first and not callable(chained):
        _exit_later(128 + signum)  # armed first: nothing below may keep the process alive
    # Bounded: if the interrupted main thread holds what the writer needs, exiting unwinds it
    # and the atexit close (or the last resort) writes everything instead.
    _flush_all(timeout=1)
    if callable(chained):
        chained(signum, frame)
        return
    loop = asyncio._get_running_loop()  # the handler runs on the main thread, inside its loop
    if loop is not None and _ASK_TO_EXIT:
        # SystemExit raised inside the UI toolkit can skip the code that stops its input
        # thread, which then spins on the dead terminal and keeps the process alive: it is
        # asked to close instead, as `q` does.
        for ask in list(_ASK_TO_EXIT):
            loop.call_soon_threadsafe(ask)
        return
    if first:
        raise SystemExit(128 + signum)


def exit_on_signal(ask: Callable[[], None]) -> Callable[[], None]:
    """While an event loop runs, SIGTERM/SIGHUP call `ask` in it (to close the app) instead of
    raising SystemExit; returns a function that removes it."""
    _ASK_TO_EXIT.append(ask)
    return lambda: _discard(_ASK_TO_EXIT, ask)


def _discard(hooks: list[Callable[[], None]], hook: Callable[[], None]) -> None:
    with contextlib.suppress(ValueError):
        hooks.remove(hook)


def install_signal_flush(
    store: Flushable, signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGHUP)
) -> None:
    """On SIGTERM/SIGHUP (terminal closed): flush the store, then exit with 128+signal.

    One handler serves every store registered (so repeated calls do not stack handlers); a
    handler installed before it is chained to instead of exiting. Only the main thread may
    install handlers; elsewhere this does nothing (the atexit flush still runs).
    """
    _SIGNAL_STORES.add(store)
    for signum in signals:
        try:
            if signal.getsignal(signum) is not _flush_and_exit:
                _PREVIOUS_HANDLERS[signum] = signal.signal(signum, _flush_and_exit)
        except (ValueError, OSError):
            return
