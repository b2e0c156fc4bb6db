"""One app start, timed from inside: run by bench_startup.py in a fresh interpreter.

    python bench/startup_child.py bare|paperdeck HOME

Prints one JSON line of wall-clock timestamps (time.time(), comparable with the parent's):
  ready       App.run_test() handed over: the app is mounted (its screen may not be painted)
  keys        a key press ("down") sent after "ready" was handled (the cursor moved) and the
              frame showing it painted: first screen visible and keys working
  searchable  paperdeck only: the query engine (title + abstract index) is ready, and a query
              for a word found only in an abstract returned papers
  cpu         CPU seconds the process had used at "keys" (steadier than wall time on a busy box)
Headless (no terminal output), 120x36 cells, the same for both apps.
"""

from __future__ import annotations

import time

STARTED = time.time()  # before any import of ours: interpreter start-up is the parent's part

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE = (120, 36)


async def press_and_paint(app: Any, pilot: Any, handled: Callable[[], bool]) -> None:
    """Send "down" as pilot.press() does, wait until it took effect, then paint the frame.

    pilot.press() itself sleeps until the process looks idle, which would count paperdeck's
    background index loading against it; this waits only for the key's own messages.
    """
    from textual import events

    event = events.Key("down", None)
    event.set_sender(app)
    app._driver.send_message(event)
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()  # the app hands the key on to the focused widget
    while not handled():
        await pilot._wait_for_screen()
    app.screen._on_timer_update()  # layout + paint whatever is pending: the first frame too


async def bare() -> dict[str, float]:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class Bare(App[None]):
        pressed = 0

        def compose(self) -> ComposeResult:
            yield Static("hello")

        def on_key(self) -> None:
            self.pressed += 1

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        ready = time.time()
        await press_and_paint(app, pilot, lambda: app.pressed > 0)
        keys = time.time()
        cpu = time.process_time()
    return {"ready": ready, "keys": keys, "cpu": cpu}


async def paperdeck(home: Path, probe: str) -> dict[str, float]:
    from tui.app import PaperdeckApp

    app = PaperdeckApp(home)
    async with app.run_test(size=SIZE) as pilot:
        ready = time.time()
        while not any(type(screen).__name__ == "MainScreen" for screen in app.screen_stack):
            await pilot._wait_for_screen()  # should the main screen come after a splash
        paper_list = app.main_screen.paper_list
        visible_rows = len(paper_list.rows)
        await press_and_paint(app, pilot, lambda: paper_list.cursor == 1 or visible_rows < 2)
        keys = time.time()
        cpu = time.process_time()
        while app._engine is None:  # the index worker started by on_mount
            await pilot.pause(0.005)
        found = len(app.engine().search(f"abstract:{probe}").indices)
        searchable = time.time()
    return {"ready": ready, "keys": keys, "cpu": cpu, "searchable": searchable,
            "rows": visible_rows,
            "probe_hits": found}


def exit_at_keys() -> None:
    """Stop the process the moment the first key's frame is painted (bench_startup_ir.py
    counts instructions up to there, not the shutdown or the index load after)."""
    global press_and_paint
    measured = press_and_paint

    async def press_paint_exit(app: Any, pilot: Any, handled: Callable[[], bool]) -> None:
        await measured(app, pilot, handled)
        sys.stdout.flush()
        os._exit(0)

    press_and_paint = press_paint_exit


def main() -> None:
    if "--exit-at-keys" in sys.argv:
        sys.argv.remove("--exit-at-keys")
        exit_at_keys()
    kind, home = sys.argv[1], Path(sys.argv[2])
    probe = sys.argv[3] if len(sys.argv) > 3 else "model"
    times = asyncio.run(bare() if kind == "bare" else paperdeck(home, probe))
    times["imported"] = STARTED
    print(json.dumps(times))


if __name__ == "__main__":
    main()
