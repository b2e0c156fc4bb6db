"""Building the title and abstract word indexes of N papers, the first start after an import.

    python bench/bench_index_build.py [--sizes 100000] [--runs 3]

WordIndex.build (words numbered with numpy, only each batch's distinct words become Python
objects) against build_reference in tests/support/reference_index.py (a bytes object and a
dict look-up per word, the build before it), on the same papers in the same process,
alternating; median wall time of each. The two indexes are also checked equal, so a faster
build is never a different one.
"""

from __future__ import annotations

import argparse
import gc
import time

import numpy as np
from common import Row, home_with, log, median


def timed(build, texts: list[str]) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    index = build(texts)
    return time.perf_counter() - start, index


def run(size: int, runs: int) -> list[Row]:
    from tests.support.reference_index import build_reference
    from tui.core.library import Library
    from tui.core.search import WordIndex

    papers = Library.open(home_with(size)).papers
    rows = []
    for field in ("abstract", "title"):
        texts = [getattr(paper, field) for paper in papers]
        fast_times, plain_times = [], []
        for _ in range(runs):
            seconds, fast = timed(WordIndex.build, texts)
            fast_times.append(seconds)
            del fast
            seconds, plain = timed(build_reference, texts)
            plain_times.append(seconds)
            del plain
        _, fast = timed(WordIndex.build, texts)
        _, plain = timed(build_reference, texts)
        same = (fast.vocab == plain.vocab and np.array_equal(fast.offsets, plain.offsets)
                and np.array_equal(fast.postings, plain.postings))
        del fast, plain
        new, old = median(fast_times), median(plain_times)
        log(f"{field}s {size}: reference {old:.2f} s, build {new:.2f} s, x{old / new:.1f} "
            f"faster, same index: {same}")
        name = f"{field} index build, {size:,} papers"
        rows += [
            Row(name, "reference build (bytes object per word), median", old, "s"),
            Row(name, "build (numpy word numbering), median", new, "s"),
            Row(name, "speed-up", old / new, "x"),
            Row(name, "same index", float(same), "bool", "== 1", same),
        ]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size, args.runs):
            print(row)


if __name__ == "__main__":
    main()
