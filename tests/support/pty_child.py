"""`paperdeck` as a terminal runs it, with an optional fault: `python pty_child.py MOMENT ARGS...`.

MOMENT names where the app sends itself SIGHUP, as a closing terminal would at that instant:
  none      no fault
  startup   just after Textual's input thread started, before the app's first frame
  quitting  as Textual starts to put the terminal back, after `q`
"""

from __future__ import annotations

import os
import signal
import sys

from textual.drivers.linux_driver import LinuxDriver

from tui.cli import main


def hang_up_before(name: str) -> None:
    original = getattr(LinuxDriver, name)

    def hung_up(self: LinuxDriver) -> None:
        os.kill(os.getpid(), signal.SIGHUP)
        original(self)

    setattr(LinuxDriver, name, hung_up)


MOMENTS = {
    "startup": "_request_terminal_sync_mode_support",  # the first call after the thread starts
    "quitting": "_disable_bracketed_paste",  # the first call of stop_application_mode
}

if __name__ == "__main__":
    moment, *args = sys.argv[1:]
    if moment != "none":
        hang_up_before(MOMENTS[moment])
    raise SystemExit(main(args))
