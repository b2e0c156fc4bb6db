"""Run `paperdeck` in a real pseudo-terminal, as a terminal emulator or tmux does."""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).with_name("pty_child.py")


def _take_terminal() -> None:
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)  # the pty is its controlling terminal: closing it HUPs


class PtyApp:
    """The app on the slave side of a pty; this object holds the master (the terminal)."""

    def __init__(self, home: Path, size: tuple[int, int] = (120, 36), fault: str = "none"
                 ) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        env = {**os.environ, "PYTHONPATH": str(REPO), "TERM": "xterm-256color"}
        self.proc = subprocess.Popen(
            [sys.executable, str(CHILD), fault, "--home", str(home)],
            stdin=slave, stdout=slave, stderr=slave, env=env,
            start_new_session=True, preexec_fn=_take_terminal,
        )
        os.close(slave)
        self.master: int | None = master
        self.output = b""

    def read(self, until: float) -> None:
        """Collect what the app draws until the monotonic time `until`."""
        while self.master is not None and (left := until - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, 0.05))
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def wait_for(self, pattern: bytes, limit: float = 30) -> bool:
        """Read until the output (from now on) matches `pattern`; False past the deadline."""
        start = len(self.output)
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline and self.proc.poll() is None:
            self.read(min(deadline, time.monotonic() + 0.05))
            if re.search(pattern, self.output[max(0, start - 64):]):
                return True
        return False

    def type(self, keys: bytes) -> None:
        assert self.master is not None
        os.write(self.master, keys)

    def close_terminal(self) -> None:
        if self.master is not None:
            os.close(self.master)
            self.master = None

    def wait_gone(self, limit: float) -> int | None:
        """The exit code once the process is gone, or None if it is still running."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            return self.proc.wait(limit)
        return None

    def kill(self) -> None:
        self.close_terminal()
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def busy_loops(count: int) -> list[subprocess.Popen[bytes]]:
    """CPU load: processes that spin until killed."""
    return [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)]


def stop_all(procs: list[subprocess.Popen[bytes]], stop: Callable[[subprocess.Popen[bytes]], None]
             = subprocess.Popen.kill) -> None:
    for proc in procs:
        stop(proc)
        proc.wait()
