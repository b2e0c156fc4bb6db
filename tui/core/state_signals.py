"""SIGTERM / SIGHUP (terminal closed): save every open state store, then exit."""

from __future__ import annotations

import signal
import sys
import weakref
from types import FrameType
from typing import TYPE_CHECKING

from tui.core.errors import PaperdeckError

if TYPE_CHECKING:
    from tui.core.state import StateStore

_SIGNAL_STORES: weakref.WeakSet[StateStore] = weakref.WeakSet()
_PREVIOUS_HANDLERS: dict[int, object] = {}


def _flush_and_exit(signum: int, frame: FrameType | None) -> None:
    for store in list(_SIGNAL_STORES):
        try:
            # Bounded: if the interrupted main thread holds what the writer needs, exiting
            # unwinds it and the atexit close writes everything instead.
            store.flush(timeout=2)
        except PaperdeckError as exc:
            print(f"paperdeck: error: {exc}", file=sys.stderr)
    chained = _PREVIOUS_HANDLERS.get(signum)
    if callable(chained):
        chained(signum, frame)
        return
    raise SystemExit(128 + signum)


def install_signal_flush(
    store: StateStore, signals: tuple[int, ...] = (signal.SIGTERM, signal.SIGHUP)
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
