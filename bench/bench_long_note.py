"""A long note: cursor moves onto / off its paper, and `n` (the notes dialog) with a 10 KB
and a 10 MB note, end to end in the headless app.

    python bench/bench_long_note.py [--sizes 10000 10000000] [--moves 20] [--runs 3]

One move = a key as pilot.press() sends it, until the messages it caused are handled and the
detail pane has shown the paper it lands on (the first move after a pause redraws at once),
plus the next frame's layout and paint. The dialog = `n` until the dialog is on screen and
painted, then Esc (not timed).
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
LINE = "A line of notes about this paper, long enough to wrap once in the detail pane: ok.\n"


def note_of(characters: int) -> str:
    return (LINE * (characters // len(LINE) + 1))[:characters]


async def measure(home: Path, characters: int, moves: int) -> dict[str, float]:
    from textual import events

    from tui.app import PaperdeckApp
    from tui.screens.main_screen import DETAIL_INTERVAL
    from tui.screens.notes_dialog import NotesDialog
    from tui.widgets.detail_pane import DetailPane

    app = PaperdeckApp(home)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.main_screen
        paper = screen.current_paper
        pane = screen.query_one(DetailPane)
        assert paper is not None
        app.store.set_notes(paper.id, note_of(characters))
        screen.state_changed()
        await pilot.pause()

        async def timed(key: str) -> float:
            await asyncio.sleep(DETAIL_INTERVAL * 1.5)  # not throttled: the pane redraws at once
            event = events.Key(key, None)
            event.set_sender(app)
            before = screen.current_paper
            started = time.perf_counter()
            app._driver.send_message(event)
            await pilot._wait_for_screen()
            # Until the cursor has moved and the pane shows the paper it landed on.
            while screen.current_paper is before or pane._shown[0] is not screen.current_paper:
                await asyncio.sleep(0)
            app.screen._on_timer_update()
            return time.perf_counter() - started

        steps = []
        for step in range(moves):
            steps.append(await timed("down" if step % 2 == 0 else "up"))
        dialogs = []
        for _ in range(3):
            started = time.perf_counter()
            await pilot.press("n")
            while not isinstance(app.screen, NotesDialog):
                await pilot.pause()
            await pilot._wait_for_screen()
            app.screen._on_timer_update()
            dialogs.append(time.perf_counter() - started)
            await pilot.press("escape")
            while isinstance(app.screen, NotesDialog):
                await pilot.pause()
        app.store.set_notes(paper.id, "")
        return {"move": median(steps), "dialog": median(dialogs)}


def run(sizes: list[int], moves: int, runs: int) -> list[Row]:
    small, large = min(sizes), max(sizes)
    results: dict[int, list[dict[str, float]]] = {small: [], large: []}
    base = home_with(100)
    for run_number in range(runs):  # interleaved: both sizes see the same machine load
        order = (small, large) if run_number % 2 == 0 else (large, small)
        for size in order:
            with tempfile.TemporaryDirectory() as scratch:
                home = Path(scratch) / "home"
                shutil.copytree(base, home)
                results[size].append(asyncio.run(measure(home, size, moves)))
    move = {size: median([r["move"] for r in rs]) for size, rs in results.items()}
    dialog = {size: median([r["dialog"] for r in rs]) for size, rs in results.items()}
    log(f"long note: move {move[small] * 1e3:.1f} / {move[large] * 1e3:.1f} ms "
        f"(x{move[large] / move[small]:.2f}); dialog {dialog[small] * 1e3:.0f} / "
        f"{dialog[large] * 1e3:.0f} ms (x{dialog[large] / dialog[small]:.2f})")
    name = "long note"
    return [
        Row(name, f"cursor move, {small:,}-char note", move[small] * 1e3, "ms"),
        Row(name, f"cursor move, {large:,}-char note", move[large] * 1e3, "ms"),
        Row(name, "cursor move ratio", move[large] / move[small], "x"),
        Row(name, f"n (dialog open), {small:,}-char note", dialog[small] * 1e3, "ms"),
        Row(name, f"n (dialog open), {large:,}-char note", dialog[large] * 1e3, "ms",
            "<= 500", dialog[large] <= 0.5),
        Row(name, "dialog open ratio", dialog[large] / dialog[small], "x"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs=2, default=[10_000, 10_000_000])
    parser.add_argument("--moves", type=int, default=20)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for row in run(args.sizes, args.moves, args.runs):
        print(row)


if __name__ == "__main__":
    main()
