"""A/B: the start-up, keystroke, cursor and toggle benchmarks of two commits, in one run.

    python bench/ab.py BEFORE AFTER [--rounds 3] [--only startup,keystroke,cursor,toggle]

Each commit is checked out into its own temporary worktree and measured with its own bench/
scripts (so a module that moved between the two is imported from where it is in each). The
rounds alternate which commit goes first, so both see the same machine load; every figure is
the median over the rounds, and the last column is AFTER / BEFORE (below 1 is faster).
Homes are prepared per commit (in $PAPERDECK_BENCH_DIR/ab-<sha>), since cache formats may differ.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = Path(os.environ.get("PAPERDECK_BENCH_DIR", "/tmp/paperdeck-bench"))

# What each step runs inside a tree's bench/ folder; each prints its rows as JSON.
STEPS = {
    "startup": """
import bench_startup as b
b.compile_bytecode()
rows = []
for size, home in ((0, b.seed_home()), (100_000, b.home_with(100_000))):
    b.start("paperdeck", home)  # warm the OS file cache
    ours = [b.start("paperdeck", home) for _ in range(3)]
    label = "bundled digest" if size == 0 else f"{size:,} papers"
    rows.append(("start-up " + label, "first screen + key (ms)",
                 b.median([t["keys"] for t in ours]) * 1e3))
    rows.append(("start-up " + label, "CPU time to first key (ms)",
                 b.median([t["cpu"] for t in ours]) * 1e3))
""",
    "keystroke": """
import bench_query as b
rows = [(r.bench, f"{r.metric} ({r.unit})", r.value) for r in b.run(100_000, 2, 1)
        if "rapidfuzz" not in r.metric]
""",
    "cursor": """
import bench_cursor as b
rows = [(r.bench, f"{r.metric} ({r.unit})", r.value) for r in b.run([100, 100_000], 200, 1)]
""",
    "toggle": """
import contextlib, sys
import bench_state as b
with contextlib.redirect_stdout(sys.stderr):
    found = b.rows(5)
rows = [(r.bench, f"{r.metric} ({r.unit})", r.value) for r in found]
""",
}
PRELUDE = "import json\n"
EPILOGUE = "\nprint(json.dumps(rows))\n"


def checkout(rev: str, into: Path) -> tuple[str, Path]:
    """A detached worktree of REV in INTO (a folder of its own: BEFORE and AFTER may be equal)."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", rev], capture_output=True,
                         text=True, check=True).stdout.strip()
    tree = into
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(tree), sha],
                   check=True)
    return sha, tree


def measure(tree: Path, sha: str, step: str) -> list[tuple[str, str, float]]:
    env = {**os.environ, "PAPERDECK_BENCH_DIR": str(WORK / f"ab-{sha[:10]}"),
           "PYTHONPATH": f"{tree / 'bench'}:{tree}"}
    done = subprocess.run([sys.executable, "-c", PRELUDE + STEPS[step] + EPILOGUE],
                          cwd=tree / "bench", env=env, capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise SystemExit(f"ab: {step} failed at {sha[:10]}: {done.stderr.strip()[-1500:]}")
    return [tuple(row) for row in json.loads(done.stdout.strip().splitlines()[-1])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default=",".join(STEPS))
    args = parser.parse_args()
    steps = [step for step in args.only.split(",") if step]
    unknown = [step for step in steps if step not in STEPS]
    if unknown:
        raise SystemExit(f"ab: unknown step {unknown[0]!r} (choose from {', '.join(STEPS)})")
    with tempfile.TemporaryDirectory(prefix="paperdeck-ab-") as folder:
        sides = [checkout(args.before, Path(folder) / "before"),
                 checkout(args.after, Path(folder) / "after")]
        try:
            values: dict[tuple[str, str], list[list[float]]] = {}
            for step in steps:
                for round_number in range(args.rounds):
                    order = sides if round_number % 2 == 0 else sides[::-1]
                    for sha, tree in order:
                        side = 0 if tree == sides[0][1] else 1
                        print(f"ab: {step} round {round_number + 1} at {sha[:10]}",
                              file=sys.stderr, flush=True)
                        for bench, metric, value in measure(tree, sha, step):
                            values.setdefault((bench, metric), [[], []])[side].append(value)
        finally:
            for _, tree in sides:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force",
                                str(tree)], check=False)
    print(f"A/B, median of {args.rounds} rounds: before {sides[0][0][:10]}, "
          f"after {sides[1][0][:10]}")
    print(f"{'benchmark':30} {'metric':42} {'before':>10} {'after':>10} {'after/before':>12}")
    for (bench, metric), (before, after) in values.items():
        a, b = statistics.median(before), statistics.median(after)
        ratio = b / a if a else float("nan")
        print(f"{bench:30} {metric:42} {a:10.2f} {b:10.2f} {ratio:12.2f}")


if __name__ == "__main__":
    main()
