"""How long a state change blocks the caller, and how long until it is on disk.

    python bench/bench_state.py [--runs N]

For 100 and 30,000 records: the time set_starred() takes to return (median, 99th percentile
and max over 400 toggles of each store, interleaved, background writes included), the time
from a toggle until the new file is in place (median of N), flush() of everything, and open().
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.state import StateStore


def populate(home: Path, count: int) -> None:
    store = StateStore.open(home)
    ids = [f"2401.{i:05d}" for i in range(count)]
    store.set_read(ids, True)
    store.add_tag(ids[::4], "ml")
    for pid in ids[::10]:
        store.set_notes(pid, "a short note about this paper, as people write them")
    store.close()


def wait_idle(store: StateStore) -> None:
    while store.unsaved:
        time.sleep(0.005)


def ms(seconds: float) -> str:
    return f"{seconds * 1000:8.3f} ms"


def toggle_blocking(stores: dict[int, StateStore], toggles: int = 400) -> dict[int, list[float]]:
    """set_starred() blocking times, the stores' toggles interleaved one by one: both sizes
    see the same moments of a noisy machine, so their ratio is not a difference in load."""
    blocked: dict[int, list[float]] = {count: [] for count in stores}
    order = list(stores.items())
    for i in range(toggles):
        # Which goes first alternates: the first toggle after the sleep pays for waking up.
        for count, store in order if i % 2 else order[::-1]:
            pid = f"2401.{i % count:05d}"
            value = not store.get(pid).starred
            t0 = time.perf_counter()
            store.set_starred([pid], value)
            blocked[count].append(time.perf_counter() - t0)
        time.sleep(0.002)  # spaced so some toggles land while a writer is busy
    return blocked


def bench(count: int, runs: int, store: StateStore, opened: float, blocked: list[float]
          ) -> dict[str, float]:
    path = store.path
    wait_idle(store)
    # Time until on disk: a toggle, then watch for the replaced file (new inode).
    to_disk = []
    for i in range(runs):
        wait_idle(store)
        before = os.stat(path).st_ino
        t0 = time.perf_counter()
        store.set_starred([f"2401.{i:05d}"], not store.get(f"2401.{i:05d}").starred)
        while os.stat(path).st_ino == before:
            time.sleep(0.0005)
        to_disk.append(time.perf_counter() - t0)
    flushes = []
    for i in range(max(3, runs // 3)):
        store.set_read([f"2401.{i:05d}"], False)
        t0 = time.perf_counter()
        store.flush()
        flushes.append(time.perf_counter() - t0)
    store.close()
    size = path.stat().st_size
    blocked = sorted(blocked)
    p99 = blocked[int(len(blocked) * 0.99) - 1]
    print(f"{count:>6} records ({size / 1e6:.1f} MB file)")
    print(f"  toggle blocks caller   median {ms(statistics.median(blocked))}   "
          f"p99 {ms(p99)}   max {ms(blocked[-1])}   ({len(blocked)} toggles)")
    print(f"  toggle -> on disk      median {ms(statistics.median(to_disk))}   "
          f"max {ms(max(to_disk))}   ({runs} runs; includes the {0.25 * 1000:.0f} ms coalescing)")
    print(f"  flush() (full write)   median {ms(statistics.median(flushes))}")
    print(f"  open()                 {ms(opened)}")
    return {"blocked": statistics.median(blocked), "blocked_p99": p99,
            "to_disk": statistics.median(to_disk), "to_disk_max": max(to_disk)}


def bench_sizes(counts: tuple[int, ...], runs: int) -> dict[int, dict[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        stores: dict[int, StateStore] = {}
        opened: dict[int, float] = {}
        for count in counts:
            home = Path(folder) / str(count)
            populate(home, count)
            started = time.perf_counter()
            stores[count] = StateStore.open(home)
            opened[count] = time.perf_counter() - started
        blocked = toggle_blocking(stores)
        return {count: bench(count, runs, stores[count], opened[count], blocked[count])
                for count in counts}


def rows(runs: int = 15) -> list:
    """For bench/run_all.py: both sizes in one run, blocking-time ratio, time to disk."""
    from common import Row
    results = bench_sizes((100, 30_000), runs)
    small, large = results[100], results[30_000]
    ratio = large["blocked"] / small["blocked"]
    name = "star/read toggle"
    return [
        Row(name, "blocks caller, 100 records", small["blocked"] * 1e3, "ms"),
        Row(name, "blocks caller, 30,000 records", large["blocked"] * 1e3, "ms"),
        Row(name, "ratio 30,000 / 100", ratio, "x", "<= 1.2", ratio <= 1.2),
        Row(name, "on disk after (max, 30,000)", large["to_disk_max"] * 1e3, "ms", "<= 1000 ms",
            large["to_disk_max"] <= 1.0),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    bench_sizes((100, 30_000), args.runs)


if __name__ == "__main__":
    main()
