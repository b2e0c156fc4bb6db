"""What a shell's Tab costs with `paperdeck completion bash` at 10,000 and 100,000 papers.

    python bench/bench_completion.py [--runs N] [--papers 10000 100000]

Medians of N runs: `paperdeck __complete ids PREFIX` and `... tags PREFIX` as whole processes
(what every Tab on an id or a tag runs), a whole Tab in bash (the completion function, the
script sourced once beforehand, as a shell does at start), and, for comparison, what a Tab
would cost if it built the parser in Python (argcomplete's way: start-up plus build_parser).
Target: 0.3 s a Tab. The homes are bench/common.py's (built once; 100k takes a minute or two).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import ROOT, home_with, log, median

PAPERDECK = Path(sys.executable).parent / "paperdeck"
TARGET = 0.3
TAGS = 1_000  # a heavy tagger's vocabulary


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "PAPERDECK_HOME": str(home),
            "PATH": f"{PAPERDECK.parent}:{os.environ.get('PATH', '')}"}


def _timed(command: list[str], env: dict[str, str], runs: int) -> tuple[float, str]:
    times, out = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(command, env=env, capture_output=True, text=True,
                             check=True).stdout
        times.append(time.perf_counter() - start)
    return median(times), out


BASH_TAB = r"""
source <(paperdeck completion bash)
COMP_WORDS=(paperdeck tag "$1"); COMP_CWORD=2
for _ in $(seq "$2"); do
  start=$EPOCHREALTIME; _shtab_paperdeck; end=$EPOCHREALTIME
  echo "$start $end ${#COMPREPLY[@]}"
done
"""


def _bash_tab(prefix: str, env: dict[str, str], runs: int) -> tuple[float, int]:
    out = subprocess.run(["bash", "-c", BASH_TAB, "bash", prefix, str(runs)], env=env,
                         capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in out.splitlines()]
    return median([float(end) - float(start) for start, end, _ in rows]), int(rows[-1][2])


def prepare(papers: int) -> Path:
    from tui.core import completion_cache
    from tui.core.library import Library

    home = home_with(papers)
    Library.open(home, seed_if_empty=False)  # writes the id file where the home predates it
    completion_cache.write_tags(home / "cache", (f"topic-{n:04d}" for n in range(TAGS)))
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--papers", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    parser_cost, _ = _timed([sys.executable, "-c", "import tui.cli; tui.cli.build_parser()"],
                            {**os.environ, "PYTHONPATH": str(ROOT)}, args.runs)
    print(f"argcomplete's way (start-up + build_parser), per Tab: {parser_cost:.3f} s")
    for papers in args.papers:
        log(f"preparing {papers:,} papers")
        env = _env(prepare(papers))
        for kind, prefix in (("ids", ""), ("ids", "3"), ("ids", "3f2"), ("tags", "topic-0")):
            took, out = _timed([str(PAPERDECK), "__complete", kind, prefix], env, args.runs)
            print(f"{papers:>7,} papers  __complete {kind} {prefix or '(empty)':<8} "
                  f"{took:.3f} s  {len(out.splitlines()):>4} candidates"
                  f"  {'ok' if took <= TARGET else 'OVER'}")
        took, count = _bash_tab("3f", env, args.runs)
        print(f"{papers:>7,} papers  bash Tab after `paperdeck tag 3f`  {took:.3f} s  "
              f"{count:>4} candidates  {'ok' if took <= TARGET else 'OVER'}")


if __name__ == "__main__":
    main()
