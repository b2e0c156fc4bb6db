"""A closed terminal ends the app, whatever it was doing, with every acknowledged change saved.

A SIGHUP that raised SystemExit inside Textual (as its input thread had just started, or as it
began to give the terminal back after `q`) skipped the code that stops that thread: it then
spun on the dead terminal and the process never ended (main thread in threading._shutdown).
"""

from __future__ import annotations

import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tests.support.pty_app import PtyApp, busy_loops, stop_all
from tui.core.state.backup import load_payload

CYCLES = 50
AT_ONCE = 5
READY = rb"0/\d+ read"  # the status bar: the list is on screen
STARRED = rb"\b1 starred"  # the status bar once "s" has starred the paper
GONE_WITHIN = 10.0  # a deadline for the wait, generous for a loaded machine; not a timing claim
# How a cycle ends: the terminal closes at a random moment, or right after q; or a SIGHUP
# arrives at one of the two moments that used to leave the process running (pty_child.py).
PLANS = ("random", "after q", "startup", "quitting", "quitting")


@dataclass
class Cycle:
    exit_code: int | None
    acknowledged: bool
    saved: bool
    when: str


def starred_on_disk(home: Path) -> bool:
    path = home / "state.json"
    if not path.exists():
        return False
    entries, _ = load_payload(path.read_bytes())
    return any(entry.state.starred for entry in entries.values())


def star_then(app: PtyApp, limit: float = 30) -> bool:
    """Star the first paper once the list is drawn; True once the screen shows it starred."""
    deadline = time.monotonic() + limit
    if not app.wait_for(READY, limit=limit):
        return False
    app.type(b"s")
    return app.wait_for(STARRED, limit=max(0.0, deadline - time.monotonic()))


def run_cycle(home: Path, plan: str, close_at: float) -> Cycle:
    fault = plan if plan in ("startup", "quitting") else "none"
    app = PtyApp(home, fault=fault)
    acknowledged = False
    try:
        if plan in ("random", "startup"):
            deadline = time.monotonic() + close_at  # the random moment: a deliberate delay
            acknowledged = star_then(app, limit=close_at)
            app.read(deadline)
            when = f"{close_at:.2f} s after start" + (
                ", SIGHUP as the input thread started" if fault != "none" else "")
        else:
            acknowledged = star_then(app)
            assert acknowledged, "the app never showed the star"
            app.type(b"q")
            when = "SIGHUP as it gives the terminal back" if plan == "quitting" else "after q"
        app.close_terminal()
        code = app.wait_gone(GONE_WITHIN)
        return Cycle(code, acknowledged, starred_on_disk(home), f"{when} ({home.name})")
    finally:
        app.kill()


def test_closing_the_terminal_at_any_moment_ends_the_app_and_keeps_what_it_showed(
        tmp_path: Path) -> None:
    rng = random.Random(12)
    plans = [(tmp_path / f"home-{n}", PLANS[n % len(PLANS)], rng.uniform(0, 3))
             for n in range(CYCLES)]
    load = busy_loops(2)
    try:
        with ThreadPoolExecutor(AT_ONCE) as pool:
            cycles = list(pool.map(lambda plan: run_cycle(*plan), plans))
    finally:
        stop_all(load)
    still_running = [c.when for c in cycles if c.exit_code is None]
    assert still_running == [], f"still running {GONE_WITHIN:g} s after the terminal closed"
    lost = [c.when for c in cycles if c.acknowledged and not c.saved]
    assert lost == [], "a star shown on screen was not on disk"
    assert sum(c.acknowledged for c in cycles) >= CYCLES * 2 // 5  # the q cycles at least
