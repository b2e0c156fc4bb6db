"""What one change from the shell (`paperdeck mark ID --star`) costs as state.json grows.

    python bench/bench_state_change.py [--runs N] [--code DIR]

A home with the bundled library and 100 or 100,000 state records (every one read, a quarter
tagged, a tenth with a note: 32 MB at 100,000). Whole-process wall time and peak RSS of
`mark ID --star` / `--unstar` alternately (median of N each size, sizes interleaved), and the
ratio 100,000 / 100. --code runs another checkout's paperdeck (e.g. main before a change).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (100, 100_000)


def prepare(home: Path, records: int, code: Path) -> str:
    env = {**os.environ, "PYTHONPATH": str(code)}
    listed = subprocess.run([sys.executable, "-m", "tui", "--home", str(home), "list", "-n",
                             "1", "-f", "tsv"], env=env, cwd=code, capture_output=True,
                            text=True, check=True)
    from tui.core.state import StateStore

    store = StateStore.open(home)
    ids = [f"2401.{i:06d}" for i in range(records)]
    store.set_read(ids, True)
    store.add_tag(ids[::4], "ml")
    for pid in ids[::10]:
        store.set_notes(pid, "a short note about this paper, as people write them")
    store.close()
    return listed.stdout.splitlines()[1].split("\t")[0]



def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--code", type=Path, default=ROOT)
    options = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(options.code)}
    folder = Path(tempfile.mkdtemp(prefix="paperdeck-bench-change-"))
    try:
        papers = {n: prepare(folder / str(n), n, options.code) for n in SIZES}
        times: dict[int, list[float]] = {n: [] for n in SIZES}
        peaks: dict[int, float] = {}
        for run in range(options.runs):
            for n in SIZES:
                flag = "--star" if run % 2 == 0 else "--unstar"
                command = [sys.executable, "-m", "tui", "--home", str(folder / str(n)), "mark",
                           papers[n], flag]
                # Peak RSS of one child alone: a fresh helper process runs each command.
                start = time.perf_counter()
                done = subprocess.run([sys.executable, "-c",
                                       "import resource,subprocess,sys;"
                                       "subprocess.run(sys.argv[1:],check=True);"
                                       "print(resource.getrusage(resource.RUSAGE_CHILDREN)"
                                       ".ru_maxrss)", *command],
                                      env=env, cwd=options.code, capture_output=True, text=True,
                                      check=True)
                times[n].append(time.perf_counter() - start)
                peaks[n] = max(peaks.get(n, 0), int(done.stdout.split()[-1]) / 1024)
        for n in SIZES:
            size = (folder / str(n) / "state.json").stat().st_size / 1e6
            print(f"{n:>7,} records ({size:5.1f} MB state.json): "
                  f"{statistics.median(times[n]):.3f} s, peak {peaks[n]:.0f} MB")
        ratio = statistics.median(times[SIZES[1]]) / statistics.median(times[SIZES[0]])
        print(f"ratio {SIZES[1]:,} / {SIZES[0]:,} records: {ratio:.2f}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
