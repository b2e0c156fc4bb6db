"""What folding accents costs the index build: WordIndex.build as it is against the same build
with the tokeniser from before folding (lower(), then the WORD regex for non-ASCII text),
interleaved in one process.

    python bench/bench_fold.py [--sizes 10000 100000] [--runs 3]

The bench corpus is ASCII (its texts never reach fold()); a real digest has a few non-ASCII
abstracts (an em dash or one accent sends a whole abstract down the non-ASCII path). So the
build is timed on three corpora made from the same abstracts: as generated, with every fifth
abstract made non-ASCII ("... — Café, Résumé, Naïve"), and with every one of them so.
"""

from __future__ import annotations

import argparse
import gc
import time

from common import Row, home_with, log, median

ACCENTS = " — Café, Résumé, Naïve Bayes and TÜLU"


def corpora(abstracts: list[str]) -> dict[str, list[str]]:
    return {
        "ASCII": abstracts,
        "1 in 5 non-ASCII": [a + ACCENTS if i % 5 == 0 else a for i, a in enumerate(abstracts)],
        "all non-ASCII": [a + ACCENTS for a in abstracts],
    }


def words_before_folding(text: str) -> bytes:
    """word_index._word_bytes before folding: lowered, accents kept."""
    from tui.core.search import word_index
    from tui.core.search.query_parse import WORD

    if text.isascii():
        return text.encode("ascii").translate(word_index._WORD_BYTES)
    return " ".join(WORD.findall(text.lower())).encode()


def run(size: int, runs: int) -> list[Row]:
    from tui.core.library import Library
    from tui.core.search import word_index

    abstracts = [paper.abstract for paper in Library.open(home_with(size)).papers]
    rows = []
    for name, texts in corpora(abstracts).items():
        # Wall time and this thread's CPU time (the build is one thread): a busy machine
        # inflates the first far more than the second.
        wall: dict[str, list[float]] = {"before": [], "fold": []}
        cpu: dict[str, list[float]] = {"before": [], "fold": []}
        folded = word_index._word_bytes
        for _ in range(runs):
            for label, tokeniser in (("before", words_before_folding), ("fold", folded)):
                word_index._word_bytes = tokeniser
                gc.collect()
                started, cpu_started = time.perf_counter(), time.thread_time()
                word_index.WordIndex.build(texts)
                wall[label].append(time.perf_counter() - started)
                cpu[label].append(time.thread_time() - cpu_started)
        word_index._word_bytes = folded
        before, after = median(wall["before"]), median(wall["fold"])
        cpu_before, cpu_after = median(cpu["before"]), median(cpu["fold"])
        log(f"abstracts {size} {name}: before folding {before:.2f} s, folded {after:.2f} s, "
            f"x{after / before:.3f}; CPU {cpu_before:.2f} s, {cpu_after:.2f} s, "
            f"x{cpu_after / cpu_before:.3f}")
        bench = f"abstract index build, {size:,} papers, {name}"
        rows += [Row(bench, "build before folding (lower + WORD regex), median", before, "s"),
                 Row(bench, "build folded, median", after, "s"),
                 Row(bench, "folded / before", after / before, "x"),
                 Row(bench, "CPU time folded / before", cpu_after / cpu_before, "x")]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size, args.runs):
            print(row)


if __name__ == "__main__":
    main()
