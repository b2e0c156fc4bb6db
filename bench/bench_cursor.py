"""Cursor movement + redraw at 100 and at 100,000 papers, end to end in the headless app.

    python bench/bench_cursor.py [--sizes 100 100000] [--moves 200]

One move = a key event sent as pilot.press() sends it, until every message it caused is
handled (the list moves its cursor, the detail pane shows the new paper) + the screen update
Textual would do on its next frame (layout if needed, then compositing and rendering of the
changed lines; called directly so the frame timer's wait is not counted). Keys: down x N/2,
then up x N/2 (stays inside the 100-paper list), and a few PgDn / End / Home jumps apart.
"""

from __future__ import annotations

import argparse
import asyncio
import time
from pathlib import Path

from common import Row, home_with, log, median

SIZE = (120, 36)


async def measure(home: Path, moves: int) -> dict[str, float]:
    from textual import events

    from tui.app import PaperdeckApp

    app = PaperdeckApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()  # the index worker: do not time it by accident
        await pilot.pause()
        screen = app.screen

        async def timed(key: str) -> float:
            # pilot.press() sleeps until the process looks idle: send the key like it does,
            # then wait only for the messages it causes (two rounds: the list's Highlighted).
            event = events.Key(key, None)
            event.set_sender(app)
            started = time.perf_counter()
            app._driver.send_message(event)
            await pilot._wait_for_screen()
            await pilot._wait_for_screen()
            screen._on_timer_update()  # the frame: layout + paint of what changed
            return time.perf_counter() - started

        steps = []
        for step in range(moves):
            steps.append(await timed("down" if step < moves // 2 else "up"))
        jumps = []
        for _ in range(5):
            for key in ("pagedown", "end", "home"):
                jumps.append(await timed(key))
        return {"move": median(steps), "jump": median(jumps)}


def run(sizes: list[int], moves: int, runs: int) -> list[Row]:
    small, large = min(sizes), max(sizes)
    results: dict[int, list[dict[str, float]]] = {small: [], large: []}
    for run_number in range(runs):  # interleaved: both sizes see the same machine load
        order = (small, large) if run_number % 2 == 0 else (large, small)  # first pays warm-up
        for size in order:
            results[size].append(asyncio.run(measure(home_with(size), moves)))
    move = {size: median([r["move"] for r in rs]) for size, rs in results.items()}
    jump = {size: median([r["jump"] for r in rs]) for size, rs in results.items()}
    ratio = move[large] / move[small]
    log(f"cursor: {small} papers {move[small] * 1e3:.2f} ms, {large} papers "
        f"{move[large] * 1e3:.2f} ms (x{ratio:.2f}); jumps {jump[small] * 1e3:.2f} / "
        f"{jump[large] * 1e3:.2f} ms")
    name = "cursor + redraw"
    return [
        Row(name, f"one move, {small:,} papers", move[small] * 1e3, "ms"),
        Row(name, f"one move, {large:,} papers", move[large] * 1e3, "ms"),
        Row(name, f"ratio {large:,} / {small:,}", ratio, "x", "<= 1.2", ratio <= 1.2),
        Row(name, f"PgDn/End/Home jump, {small:,} papers", jump[small] * 1e3, "ms"),
        Row(name, f"PgDn/End/Home jump, {large:,} papers", jump[large] * 1e3, "ms"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 100_000])
    parser.add_argument("--moves", type=int, default=200)
    parser.add_argument("--runs", type=int, default=4)
    args = parser.parse_args()
    for row in run(args.sizes, args.moves, args.runs):
        print(row)


if __name__ == "__main__":
    main()
