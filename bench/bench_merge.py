"""How long `paperdeck state merge` takes for two machines' states of the same size.

    python bench/bench_merge.py [--runs N] [--sizes 3000,30000]

Two homes with N records each (every one read, a quarter tagged, a tenth with a note), the
second a merge of the first; then each changes a tenth of the papers (stars, tags added and
removed, notes: half of the edited notes on both sides, so they conflict). Times, median of N
runs on a fresh copy each: the export of one side, and the merge of it into the other
(reading, merging, applying, and writing state.json).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.state import StateStore


def populate(home: Path, count: int) -> list[str]:
    store = StateStore.open(home, write_delay=3600)
    ids = [f"2401.{i:06d}" for i in range(count)]
    store.set_read(ids, True)
    store.add_tag(ids[::4], "ml")
    for pid in ids[::10]:
        store.set_notes(pid, "a short note about this paper, as people write them")
    store.close()
    return ids


def diverge(home: Path, ids: list[str], side: int) -> None:
    store = StateStore.open(home, write_delay=3600)
    edited = ids[side::10]
    store.set_starred(edited, True)
    store.add_tag(edited, f"side{side}")
    store.remove_tag(edited[::2], "ml")
    for pid in ids[::20]:
        store.set_notes(pid, f"edited on side {side}")
    store.close()


def timed_merge(work: Path, a: Path, b: Path) -> tuple[float, float, float, int]:
    """(export s, merge s, merge CPU s, conflicts) on fresh copies of both homes. CPU time
    beside wall time: on 2 shared cores the wall time of one run varies 2x."""
    here, there = work / "here", work / "there"
    for source, target in ((a, here), (b, there)):
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(source, target)
    other = StateStore.open(there, write_delay=3600)
    path = work / "there.json"
    path.unlink(missing_ok=True)
    t0 = time.perf_counter()
    other.export_state(path)
    exported = time.perf_counter() - t0
    other.close()
    store = StateStore.open(here, write_delay=3600)
    t0, c0 = time.perf_counter(), time.process_time()
    report = store.merge_state(path)
    store.flush()
    merged, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.close()
    return exported, merged, cpu, len(report.conflicts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="3000,30000")
    args = parser.parse_args()
    for count in (int(n) for n in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="paperdeck-bench-merge-") as folder:
            work = Path(folder)
            a, b = work / "a", work / "b"
            ids = populate(a, count)
            b.mkdir()
            seed = StateStore.open(b, write_delay=3600)
            exchange = work / "a.json"
            with StateStore.open(a) as first:
                first.export_state(exchange)
            seed.merge_state(exchange)
            seed.close()
            diverge(a, ids, 0)
            diverge(b, ids, 1)
            runs = [timed_merge(work, a, b) for _ in range(args.runs)]
            export = statistics.median(r[0] for r in runs)
            merge = statistics.median(r[1] for r in runs)
            cpu = statistics.median(r[2] for r in runs)
            print(f"{count:>7,} records: export {export:.3f} s, merge {merge:.3f} s "
                  f"(CPU {cpu:.3f} s; {runs[0][3]:,} notes conflicts), median of {args.runs}")


if __name__ == "__main__":
    main()
