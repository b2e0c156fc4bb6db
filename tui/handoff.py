"""Handing the terminal to a program we start ($EDITOR, a console browser) and waiting for it.

While it runs the terminal is back in its normal mode, so Ctrl+C and Ctrl+\\ become signals
for the whole foreground process group: the program and paperdeck alike. Ctrl+C in lynx or
an editor quit paperdeck, silently (asyncio's handler cancels the app). As system() does,
the parent ignores them meanwhile; the child gets the default handling (a Python handler,
unlike SIG_IGN, is not inherited across exec).
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGQUIT") if hasattr(signal, name))


def _ignore(_signum: int, _frame: object) -> None:
    """Ctrl+C meant for the program that has the terminal."""


@contextmanager
def child_owns_ctrl_c() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    saved = {signum: signal.signal(signum, _ignore) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)
