"""What moving the cursor and filtering cost in the TUI, at 100 and at 100,000 papers.

    python bench/bench_tui.py [--moves N] [--sizes 100,100000]

Cursor: median time of one cursor move plus drawing every visible row (the work a key press
causes), in a headless app at 120x36. Filter: median time of one query on the filter worker
(engine search + sort). Start-up time is bench_startup.py's job.
Target (issue 4): the cursor costs the same at 100 and at 100,000 papers (ratio <= 2).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from pathlib import Path

from common import Row, home_with, log  # also puts the repo on sys.path

QUERIES = ("model", "diffusion is:unread", "transformer has:code", "learn", "-is:read")


async def costs(home: Path, moves: int) -> tuple[float, float]:
    from tui.app import PaperdeckApp
    from tui.core.search import sort_rows

    app = PaperdeckApp(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        plist = app.main_screen.paper_list
        height = plist.size.height
        move_times = []
        for step in range(moves):
            start = time.perf_counter()
            if step % 180 < 90:  # stay inside even the 100-paper list
                plist.action_cursor_down()
            else:
                plist.action_cursor_up()
            for y in range(height):
                plist.render_line(y)
            move_times.append(time.perf_counter() - start)
        engine = app.engine()
        filter_times = []
        for _ in range(3):
            for text in QUERIES:
                start = time.perf_counter()
                result = engine.search(text, app.store)
                sort_rows(result.indices.tolist(), "relevance", app.library.papers,
                          app.store.starred_ids())
                filter_times.append(time.perf_counter() - start)
    return statistics.median(move_times), statistics.median(filter_times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=600)
    parser.add_argument("--sizes", default="100,100000")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    rows: list[Row] = []
    moves = {}
    for size in sizes:
        log(f"{size:,} papers ...")
        move, query = asyncio.run(costs(home_with(size), args.moves))
        moves[size] = move
        rows.append(Row("tui", f"cursor move + redraw, {size:,} papers", move * 1000, "ms"))
        rows.append(Row("tui", f"filter query + sort, {size:,} papers", query * 1000, "ms"))
    if len(moves) > 1:
        ratio = moves[sizes[-1]] / moves[sizes[0]]
        rows.append(Row("tui", "cursor cost, largest / smallest", ratio, "x", "<= 2", ratio <= 2))
    for row in rows:
        verdict = "" if row.ok is None else ("  ok" if row.ok else "  MISSED")
        target = f"  (target {row.target})" if row.target else ""
        print(f"{row.metric:38} {row.value:9.3f} {row.unit}{target}{verdict}")


if __name__ == "__main__":
    main()
