"""Start-up against a bare Textual app showing one Static, measured in the same run.

    python bench/bench_startup.py [--sizes 0 100000] [--runs 5]

Size 0 means the bundled seed digest (a home where it was imported on first use). Each run
starts, in turn, the bare app and paperdeck in fresh interpreters (bench/startup_child.py,
headless, 120x36) and takes the wall time from just before the process is spawned to the
moment the first screen is painted and a key press has been handled. Ratios are of medians.
paperdeck's "searchable" is the time until the query engine over titles and abstracts is ready
and answered an `abstract:` query. Caches (papers, index) are warm, as on every start but the
first after an import.
"""

from __future__ import annotations

import argparse
import compileall
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, WORK, Row, digest, home_with, log, median

CHILD = Path(__file__).resolve().parent / "startup_child.py"


def seed_home() -> Path:
    from tui.core.library import Library
    from tui.core.search import QueryEngine

    home = WORK / "homes" / "seed"
    library = Library.open(home)  # imports the bundled seed on first use
    QueryEngine(library.papers, cache_dir=home / "cache")
    return home


def start(kind: str, home: Path) -> dict[str, float]:
    spawned = time.time()
    done = subprocess.run([sys.executable, CHILD, kind, str(home)], capture_output=True,
                          text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{kind} start failed: {done.stderr[-2000:]}")
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return {key: value - spawned if key not in ("rows", "probe_hits", "cpu") else value
            for key, value in times.items()}


def compile_bytecode() -> None:
    """An installed paperdeck has its bytecode (pip compiles it). Run from this source tree
    with PYTHONDONTWRITEBYTECODE set, every start would compile every module, and we would
    measure the compiler."""
    compileall.compile_dir(ROOT / "tui", quiet=1)


def run(size: int, runs: int) -> list[Row]:
    compile_bytecode()
    home = seed_home() if size == 0 else home_with(size)
    label = "bundled digest" if size == 0 else f"{size:,} papers"
    start("bare", home)  # warm the OS file cache for both
    start("paperdeck", home)
    bare: list[float] = []
    ours: list[float] = []
    bare_cpu: list[float] = []
    ours_cpu: list[float] = []
    searchable: list[float] = []
    for _ in range(runs):
        times = start("bare", home)
        bare.append(times["keys"])
        bare_cpu.append(times["cpu"])
        times = start("paperdeck", home)
        ours.append(times["keys"])
        ours_cpu.append(times["cpu"])
        searchable.append(times["searchable"])
    ratio = median(ours) / median(bare)
    cpu_ratio = median(ours_cpu) / median(bare_cpu)
    limit = 1.5 if size == 0 else 3.0
    log(f"startup {label}: bare {median(bare):.3f} s, paperdeck {median(ours):.3f} s "
        f"(x{ratio:.2f}, CPU x{cpu_ratio:.2f}); searchable {median(searchable):.3f} s; runs {runs}")
    name = f"start-up {label}"
    rows = [
        Row(name, "bare Textual app: first screen + key", median(bare) * 1e3, "ms"),
        Row(name, "paperdeck: first screen + key", median(ours) * 1e3, "ms"),
        Row(name, "ratio paperdeck / bare", ratio, "x", f"<= {limit}", ratio <= limit),
        # CPU seconds used by then: what other processes on a busy machine cannot inflate.
        Row(name, "CPU time to that point: bare", median(bare_cpu) * 1e3, "ms"),
        Row(name, "CPU time to that point: paperdeck", median(ours_cpu) * 1e3, "ms"),
        Row(name, "CPU ratio paperdeck / bare", cpu_ratio, "x"),
    ]
    if size:
        rows.append(Row(name, "abstracts searchable after launch", median(searchable) * 1e3,
                        "ms", "<= 3000 ms", median(searchable) <= 3.0))
        # The first launch after a large import: `paperdeck import` built the index.
        fresh = WORK / "homes" / f"after-import-{size}"
        shutil.rmtree(fresh, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "tui", "--home", str(fresh), "import",
                        str(digest(size))], cwd=ROOT, capture_output=True, check=True)
        first = start("paperdeck", fresh)
        shutil.rmtree(fresh, ignore_errors=True)
        log(f"startup {label}, first launch after `paperdeck import`: searchable "
            f"{first['searchable']:.2f} s")
        rows.append(Row(name, "searchable, first launch after `import`", first["searchable"]
                        * 1e3, "ms", "<= 3000 ms", first["searchable"] <= 3.0))
        # Without the index cache (deleted, or a library filled by an older version): the
        # app builds it in the background once; the list and titles work meanwhile.
        (home / "cache" / "index.pickle").unlink(missing_ok=True)
        cold = start("paperdeck", home)
        log(f"startup {label}, index cache missing: searchable {cold['searchable']:.2f} s")
        rows.append(Row(name, "searchable, index cache deleted", cold["searchable"] * 1e3,
                        "ms"))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size, args.runs):
            print(row)


if __name__ == "__main__":
    main()
