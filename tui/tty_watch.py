"""Notice a terminal that went away without a SIGHUP reaching us, and act as if one had.

Textual's input thread reads the terminal until told to stop: on a hung-up terminal every read
returns end-of-file at once, and it loops on that forever, keeping the process alive.
"""

from __future__ import annotations

import os
import select
import signal
import sys
import threading

WATCH_EVERY = 0.25  # seconds between looks at the terminal
GONE = select.POLLHUP | select.POLLERR | select.POLLNVAL


def terminal_gone(fd: int) -> bool:
    """True once the terminal on `fd` is hung up or closed (asks for no input: reads nothing)."""
    poller = select.poll()
    poller.register(fd, 0)  # hang-up and errors are always reported
    try:
        return any(mask & GONE for _fd, mask in poller.poll(0))
    except OSError:
        return True


def watch_terminal(fd: int) -> threading.Event:
    """Send ourselves SIGHUP (saved and ended by install_signal_flush's handler) once the
    terminal on `fd` is gone. Set the returned event to stop watching."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(WATCH_EVERY):
            if terminal_gone(fd):
                os.kill(os.getpid(), signal.SIGHUP)
                return

    threading.Thread(target=watch, name="terminal-watch", daemon=True).start()
    return stop


def watch_input_terminal() -> threading.Event | None:
    """watch_terminal on the terminal Textual reads (sys.__stdin__), when there is one: a test
    runner's captured stdin has no file number, and a pipe is not a terminal to watch."""
    try:
        fd = sys.__stdin__.fileno() if sys.__stdin__ is not None else -1
    except (OSError, ValueError):
        return None
    if fd < 0 or not os.isatty(fd):
        return None
    return watch_terminal(fd)
