"""What `paperdeck tag ID --add T1 --add T2 …` costs as the number of tags in one call grows.

    python bench/bench_tag_many.py [--runs N] [--code DIR]

Whole-process wall time of the command (median of N, a fresh home with the bundled digest each
run) with 100 and 1,000 tags, the ratio, and 10,000 tags (over the cap on tags per paper: refused
since issue 12). --code runs another checkout's paperdeck (e.g. the code before the change).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def one_run(code: Path, tags: int) -> tuple[float, int]:
    env = {**os.environ, "PYTHONPATH": str(code)}
    with tempfile.TemporaryDirectory(prefix="paperdeck-bench-tag-") as folder:
        home = ["--home", folder]
        listed = subprocess.run([sys.executable, "-m", "tui", *home, "list", "-n", "1", "-f",
                                 "tsv"], env=env, cwd=code, capture_output=True, text=True,
                                check=True)
        paper = listed.stdout.splitlines()[1].split("\t")[0]
        args = [arg for n in range(tags) for arg in ("--add", f"t{n}")]
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tui", *home, "tag", paper, *args],
                              env=env, cwd=code, capture_output=True, text=True)
        return time.perf_counter() - start, done.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    options = parser.parse_args()
    medians = {}
    for tags in options.sizes:
        runs = [one_run(options.code, tags) for _ in range(options.runs)]
        medians[tags] = statistics.median(t for t, _ in runs)
        codes = sorted({code for _, code in runs})
        print(f"{tags:>6,} tags: {medians[tags]:7.3f} s  (exit {codes})")
    small, big = options.sizes[0], options.sizes[1]
    print(f"ratio {big:,} / {small:,} tags: {medians[big] / medians[small]:.2f}"
          f" (for {big // small}x the tags)")


if __name__ == "__main__":
    main()
