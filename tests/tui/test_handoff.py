"""Ctrl+C while an editor or a console browser has the terminal belongs to that program.

The terminal sends it to the whole foreground group: before, Ctrl+C in lynx quit paperdeck
without a word (found by review, in a pty)."""

from __future__ import annotations

import os
import signal
import subprocess

from tui.external import child_owns_ctrl_c


def test_ctrl_c_during_the_handoff_does_not_interrupt_paperdeck() -> None:
    before = signal.getsignal(signal.SIGINT)
    with child_owns_ctrl_c():
        os.kill(os.getpid(), signal.SIGINT)  # what the terminal sends us too
        os.kill(os.getpid(), signal.SIGQUIT)  # Ctrl+\ (its default would dump core)
    assert signal.getsignal(signal.SIGINT) is before  # afterwards Ctrl+C is ours again


def test_the_program_started_meanwhile_still_stops_on_ctrl_c() -> None:
    # An ignored signal would be inherited across exec: the editor could not be interrupted.
    with child_owns_ctrl_c():
        done = subprocess.run(["sh", "-c", "kill -INT $$; echo survived"],
                              capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGINT and "survived" not in done.stdout
