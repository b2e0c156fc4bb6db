"""A digest imported by another paperdeck while the app is open: what the app's look for it costs
each tick, and how long until the app shows the new papers, at two library sizes.

    python bench/bench_live_import.py [--sizes 10000 100000] [--runs 3]

Per tick: `library.changed_on_disk()` (one stat of imports.json), the app's look every
LIBRARY_POLL seconds, median of 2,000 calls. Shown after: the headless app (engine built, the
filter `title:zqx` typed) and, in the same process, `Library.import_paths` of a 10-paper digest
(as `paperdeck import` would); from the import's return until the list shows the new papers
under that filter. That includes the wait for the next look (0 to LIBRARY_POLL). Read again:
`read_library` alone (library + query engine, what the worker thread does), after each import.
Remap: `PaperList.set_papers` with every paper shown, the part of the swap on the UI thread.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from pathlib import Path

from common import Row, home_with, log, median

SIZE = (120, 36)
NEW_PAPERS = 10


def write_digest(path: Path, run: int) -> Path:
    blocks = [f"Zqx live import paper {run} {n}\n\nAn abstract about zqx {run} {n}.\n"
              for n in range(NEW_PAPERS)]
    path.write_text(f"Mar {13 + run}\n\n" + "\n".join(blocks), encoding="utf-8")
    return path


def import_into(home: Path, digest: Path) -> None:
    """What `paperdeck import` does to the home (in a thread here, not another process)."""
    from tui.core.library import Library

    Library.open(home, seed_if_empty=False).import_paths([digest])


async def measure(home: Path, runs: int, scratch: Path) -> dict[str, list[float]]:
    from tui.app import PaperdeckApp
    from tui.core.library import Library
    from tui.library_watch import read_library

    figures: dict[str, list[float]] = {"tick": [], "shown": [], "read": [], "remap": []}
    app = PaperdeckApp(home)
    async with app.run_test(size=SIZE) as pilot:
        app.build_engine_soon()
        while app.ready_engine is None:
            await pilot.pause(0.05)
        await pilot.press("slash", *"title:zqx", "enter")
        for _ in range(5):
            started = time.perf_counter()
            for _ in range(2_000):
                app.library.changed_on_disk()
            figures["tick"].append((time.perf_counter() - started) / 2_000)
        for run in range(runs):
            digest = write_digest(scratch / f"live-{run}.txt", run)
            await asyncio.to_thread(import_into, home, digest)
            started = time.perf_counter()
            wanted = NEW_PAPERS * (run + 1)
            while len(app.main_screen.visible_papers()) < wanted:
                await asyncio.sleep(0.005)
            figures["shown"].append(time.perf_counter() - started)
            library = app.library
            started = time.perf_counter()
            read_library(library, app.paper_ids, with_engine=True, cache_dir=home / "cache")
            figures["read"].append(time.perf_counter() - started)
        await pilot.press("escape")  # every paper shown: the most rows to remap
        while len(app.main_screen.visible_papers()) < len(app.library.papers):
            await pilot.pause(0.05)
        paper_list = app.main_screen.paper_list
        for _ in range(5):
            fresh = Library.open(home, seed_if_empty=False)
            positions = fresh.positions()
            started = time.perf_counter()
            paper_list.set_papers(fresh.papers, positions)
            figures["remap"].append(time.perf_counter() - started)
            paper_list.set_papers(app.library.papers, app.library.positions())
    return figures


def run(sizes: list[int], runs: int) -> list[Row]:
    small, large = min(sizes), max(sizes)
    results: dict[int, dict[str, list[float]]] = {}
    for size in (small, large):
        base = home_with(size)
        with tempfile.TemporaryDirectory() as scratch:
            home = Path(scratch) / "home"
            shutil.copytree(base, home)
            results[size] = asyncio.run(measure(home, runs, Path(scratch)))
    tick = {size: median(r["tick"]) for size, r in results.items()}
    shown = {size: median(r["shown"]) for size, r in results.items()}
    read = {size: median(r["read"]) for size, r in results.items()}
    remap = {size: median(r["remap"]) for size, r in results.items()}
    log(f"live import: tick {tick[small] * 1e6:.1f} / {tick[large] * 1e6:.1f} us; shown after "
        f"{shown[small] * 1e3:.0f} / {shown[large] * 1e3:.0f} ms (max "
        f"{max(results[large]['shown']) * 1e3:.0f}); read again {read[small] * 1e3:.0f} / "
        f"{read[large] * 1e3:.0f} ms; remap on the UI thread {remap[small] * 1e3:.1f} / "
        f"{remap[large] * 1e3:.1f} ms")
    name = "live import"
    return [
        Row(name, f"look per tick, {small:,} papers", tick[small] * 1e6, "us"),
        Row(name, f"look per tick, {large:,} papers", tick[large] * 1e6, "us"),
        Row(name, "look per tick ratio", tick[large] / tick[small], "x"),
        Row(name, f"shown after import, {small:,} papers", shown[small] * 1e3, "ms"),
        Row(name, f"shown after import, {large:,} papers", shown[large] * 1e3, "ms",
            "<= 2000", max(results[large]["shown"]) <= 2.0),
        Row(name, f"read again (library + engine), {small:,}", read[small] * 1e3, "ms"),
        Row(name, f"read again (library + engine), {large:,}", read[large] * 1e3, "ms"),
        Row(name, f"rows remapped on the UI thread, {small:,}", remap[small] * 1e3, "ms"),
        Row(name, f"rows remapped on the UI thread, {large:,}", remap[large] * 1e3, "ms"),
        Row(name, "remap ratio", remap[large] / remap[small], "x"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for row in run(args.sizes, args.runs):
        print(row)


if __name__ == "__main__":
    main()
