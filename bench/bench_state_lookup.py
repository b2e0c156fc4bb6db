"""What reading a few papers' records out of a big state.json costs (`mark`/`tag` with many ids).

    python bench/bench_state_lookup.py [--runs N]

state_lookup.find_records on state.json with 100 and 100,000 records, asking for 1, 32,
1,000 and 10,000 papers: median of N (one run of the old way from 1,000 papers). "one search
each" is how every paper was found before (a search of the whole file per paper); "now" is
find_records (one search each up to a few papers, one pass over every line past them).
"""

from __future__ import annotations

import argparse
import mmap
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.state import STATE_FILE, StateStore  # noqa: E402
from tui.core.state import lookup as state_lookup  # noqa: E402

SIZES = (100, 100_000)
ASKED = (1, 32, 1_000, 10_000)


def median_of(runs: int, work) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def each_search(path: Path, pids: list[str]) -> None:
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        state_lookup._each_start(data, pids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="paperdeck-bench-lookup-"))
    try:
        for records in SIZES:
            home = folder / str(records)
            ids = [f"2401.{i:06d}" for i in range(records)]
            store = StateStore.open(home)
            store.set_read(ids, True)
            store.close()
            path = home / STATE_FILE
            for asked in ASKED:
                if asked > records:
                    continue
                pids = ids[:: max(1, records // asked)][:asked]

                before = median_of(1 if asked >= 1_000 else options.runs,
                                   lambda path=path, pids=pids: each_search(path, pids))
                now = median_of(options.runs,
                                lambda path=path, pids=pids: state_lookup.find_records(path, pids))
                print(f"{records:>7,} records, {asked:>6,} papers asked: one search each "
                      f"{before:7.3f} s, now {now:7.3f} s")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
