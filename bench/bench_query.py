"""Keystroke filter latency at N papers, beside a full rapidfuzz scan of the same texts.

    python bench/bench_query.py [--sizes 100000] [--runs 5]

One keystroke = engine.search(text so far, state) + result.indices.tolist(), what the TUI's
filter worker does before it hands rows to the list. Typed: a 12-character query one character
at a time, 3 misspelt queries and 3 qualifier queries (each also typed one character at a
time). Each run starts with a cold word cache (the engine's per-word memo is cleared), so
every run pays for every keystroke. The reference is what similar tools do per keystroke:
rapidfuzz.process.extract(query, title + abstract texts, scorer=WRatio, limit=None).
"""

from __future__ import annotations

import argparse
import contextlib
import time

from common import Row, home_with, log, median, percentile

TYPED = "graph neural"  # 12 characters
MISSPELT = ["tranformer", "difusion modle", "reinforcment lerning"]
QUALIFIED = ["is:unread has:code", "diffusion has:code -is:read", "tag:todo OR is:starred model"]


class FakeState:
    """A StateView with some read, starred and tagged papers."""

    def __init__(self, ids: list[str]) -> None:
        self._read = frozenset(ids[::3])
        self._starred = frozenset(ids[::17])
        self._tags = {"todo": frozenset(ids[::50])}

    def read_ids(self) -> frozenset[str]:
        return self._read

    def starred_ids(self) -> frozenset[str]:
        return self._starred

    def noted_ids(self) -> frozenset[str]:
        return frozenset()

    def tag_ids(self, tag: str) -> frozenset[str]:
        return self._tags.get(tag, frozenset())

    def tag_counts(self) -> dict[str, int]:
        return {tag: len(ids) for tag, ids in self._tags.items()}


def keystrokes() -> list[str]:
    texts = []
    for query in [TYPED, *MISSPELT, *QUALIFIED]:
        texts.extend(query[: i + 1] for i in range(len(query)))
    return texts


def run(size: int, runs: int, reference_runs: int) -> list[Row]:
    from rapidfuzz import fuzz, process

    from tui.core.errors import QueryError
    from tui.core.library import Library
    from tui.core.search import QueryEngine

    home = home_with(size)
    library = Library.open(home)
    engine = QueryEngine(library.papers, cache_dir=home / "cache")
    state = FakeState([p.id for p in library.papers])
    typed = keystrokes()
    per_key: list[float] = []
    per_key_cpu: list[float] = []  # this thread's CPU time: what a busy machine cannot inflate
    for _ in range(runs):
        engine._mask_cache.clear()  # cold: no word remembered from the previous run
        for text in typed:
            started, cpu = time.perf_counter(), time.thread_time()
            # "is:u" half typed raises QueryError: the TUI shows it, the keystroke still counts.
            with contextlib.suppress(QueryError):
                engine.search(text, state).indices.tolist()
            per_key.append(time.perf_counter() - started)
            per_key_cpu.append(time.thread_time() - cpu)
    texts = [f"{p.title} {p.abstract}" for p in library.papers]
    full: list[float] = []
    for _ in range(reference_runs):
        started = time.perf_counter()
        process.extract(TYPED, texts, scorer=fuzz.WRatio, limit=None)
        full.append(time.perf_counter() - started)
    ours, p95, reference = median(per_key), percentile(per_key, 95), median(full)
    log(f"query {size}: {len(typed)} keystrokes x {runs} runs; median {ours * 1e3:.2f} ms, "
        f"p95 {p95 * 1e3:.2f} ms, max {max(per_key) * 1e3:.1f} ms; rapidfuzz scan "
        f"{reference:.2f} s")
    name = f"filter {size:,}"
    return [
        Row(name, "keystroke median", ours * 1e3, "ms", "<= 5 ms", ours <= 0.005),
        Row(name, "keystroke p95", p95 * 1e3, "ms", "<= 30 ms", p95 <= 0.030),
        Row(name, "keystroke max", max(per_key) * 1e3, "ms"),
        Row(name, "keystroke CPU time median", median(per_key_cpu) * 1e3, "ms"),
        Row(name, "keystroke CPU time p95", percentile(per_key_cpu, 95) * 1e3, "ms"),
        Row(name, "rapidfuzz WRatio full scan", reference * 1e3, "ms"),
        Row(name, "speed-up vs rapidfuzz (median)", reference / ours, "x"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--reference-runs", type=int, default=3)
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size, args.runs, args.reference_runs):
            print(row)


if __name__ == "__main__":
    main()
