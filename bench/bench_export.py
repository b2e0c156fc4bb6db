"""How long each export format takes to render a large reading list.

    python bench/bench_export.py [--papers N] [--runs R] [--without-meta]

Synthetic papers (title, 1,200-character abstract, two links, notes and tags on a third of
them; half of them from a richer source: six authors, an arXiv id, dates and categories);
prints the median render time per format and the document size. The citation keys are those
of the whole list, computed once as for `paperdeck export` (keys are timed on their own line).
--without-meta leaves every paper as the saved page gives it (the workload before authors).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.core.export import FORMATS, render
from tui.core.export.keys import compute_keys
from tui.core.model import Link, Paper, PaperMeta, PaperState

FAMILIES = ("Lovelace", "van der Berg", "Ångström", "Nguyen", "Li", "de la Vega", "Smith")


def make_meta(i: int) -> PaperMeta:
    authors = tuple(f"Given{(i + k) % 997} {FAMILIES[(i + k) % len(FAMILIES)]}"
                    for k in range(6))
    return PaperMeta(authors=authors, arxiv_id=f"2401.{i % 100000:05d}",
                     published=f"2024-01-{i % 28 + 1:02d}", categories=("cs.LG", "cs.CL"))


def make_items(count: int, *, meta: bool = True) -> list[tuple[Paper, PaperState]]:
    items = []
    for i in range(count):
        paper = Paper(
            id=f"{i:012x}",
            title=f"Paper {i}: Scaling {{Sparse}} Mixture-of-Experts to 100% & Beyond_{i}",
            abstract=("We study the effect of $x_i$ on 50% of runs. " * 27)[:1200],
            links=(
                Link(f"https://arxiv.org/abs/2401.{i:05d}", "page"),
                Link(f"https://github.com/org/repo{i}", "code"),
            ),
            digest_dates=("2026-03-11",),
            meta=make_meta(i) if meta and i % 2 else None,
        )
        state = PaperState(
            read=i % 2 == 0,
            starred=i % 7 == 0,
            notes="line one\nline = two {x}" if i % 3 == 0 else "",
            tags=("ml", "to-read") if i % 3 == 0 else (),
        )
        items.append((paper, state))
    return items


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--without-meta", action="store_true")
    args = parser.parse_args()
    items = make_items(args.papers, meta=not args.without_meta)
    library = [paper for paper, _state in items]
    print(f"{args.papers} papers, median of {args.runs} runs")
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        compute_keys(library)
        times.append(time.perf_counter() - start)
    print(f"  {'keys':8s} {statistics.median(times) * 1000:8.1f} ms")
    for fmt in FORMATS:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            text = render(fmt, items, query="", today=date(2026, 11, 29), library=library)
            times.append(time.perf_counter() - start)
        size = len(text.encode("utf-8")) / 1e6
        print(f"  {fmt:8s} {statistics.median(times) * 1000:8.1f} ms  {size:6.1f} MB")


if __name__ == "__main__":
    main()
