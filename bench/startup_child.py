"""One app start, timed from inside: run by bench_startup.py in a fresh interpreter.

    python bench/startup_child.py bare|paperdeck HOME

Prints one JSON line of wall-clock timestamps (time.time(), comparable with the parent's):
  ready       App.run_test() handed over: first screen composed, mounted and painted
  keys        a key press ("down") was handled and its effect is visible (the cursor moved)
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
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SIZE = (120, 36)


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
        await pilot.press("down")
        while not app.pressed:
            await pilot.pause(0.001)
        keys = time.time()
        cpu = time.process_time()
    return {"ready": ready, "keys": keys, "cpu": cpu}


async def paperdeck(home: Path, probe: str) -> dict[str, float]:
    from tui.app import PaperdeckApp

    app = PaperdeckApp(home)
    async with app.run_test(size=SIZE) as pilot:
        ready = time.time()
        paper_list = app.main_screen.paper_list
        visible_rows = len(paper_list.rows)
        await pilot.press("down")
        while paper_list.cursor != 1 and visible_rows > 1:
            await pilot.pause(0.001)
        keys = time.time()
        cpu = time.process_time()
        while app._engine is None:  # the index worker started by on_mount
            await pilot.pause(0.005)
        found = len(app.engine().search(f"abstract:{probe}").indices)
        searchable = time.time()
    return {"ready": ready, "keys": keys, "cpu": cpu, "searchable": searchable,
            "rows": visible_rows,
            "probe_hits": found}


def main() -> None:
    kind, home = sys.argv[1], Path(sys.argv[2])
    probe = sys.argv[3] if len(sys.argv) > 3 else "model"
    times = asyncio.run(bare() if kind == "bare" else paperdeck(home, probe))
    times["imported"] = STARTED
    print(json.dumps(times))


if __name__ == "__main__":
    main()
