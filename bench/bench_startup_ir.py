"""Start-up against a bare Textual app in instructions executed, under valgrind: no noise.

    python bench/bench_startup_ir.py [--runs 2]

Wall time on this shared machine moves by 10-25% from one minute to the next, and the two
apps' start-ups do not slow alike. The number of instructions the CPU executes from the
interpreter's start to the first key's painted frame (the same child and moment as
bench_startup.py, `--exit-at-keys`) varies by ~0.1% between runs. Instructions are not time
(cache misses, system calls and the process spawn are not in them), so this complements the
wall-clock ratio rather than replacing it. Needs `valgrind` (Debian: apt-get install valgrind);
each start takes ~20 s under it. The bundled digest only.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys

from bench_startup import CHILD, compile_bytecode, seed_home
from common import Row, log, median


def instructions(kind: str, home: str) -> int:
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
         str(CHILD), kind, home, "--exit-at-keys"],
        capture_output=True, text=True, check=False)
    found = re.search(r"Collected\s*:\s*([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(f"{kind}: no instruction count from valgrind: {done.stderr[-800:]}")
    return int(found.group(1).replace(",", ""))


def run(runs: int) -> list[Row]:
    if shutil.which("valgrind") is None:
        log("start-up instructions: valgrind not installed, skipped")
        return []
    compile_bytecode()
    home = str(seed_home())
    bare = [instructions("bare", home) for _ in range(runs)]
    ours = [instructions("paperdeck", home) for _ in range(runs)]
    ratio = median(ours) / median(bare)
    log(f"start-up instructions: bare {median(bare) / 1e6:,.0f}M, paperdeck "
        f"{median(ours) / 1e6:,.0f}M (x{ratio:.3f}); spread {min(ours) / 1e6:,.0f}M-"
        f"{max(ours) / 1e6:,.0f}M")
    name = "start-up bundled digest"
    return [
        Row(name, "instructions to first key: bare", median(bare) / 1e6, "M"),
        Row(name, "instructions to first key: paperdeck", median(ours) / 1e6, "M"),
        Row(name, "instruction ratio paperdeck / bare", ratio, "x", "<= 1.5", ratio <= 1.5),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    for row in run(args.runs):
        print(row)


if __name__ == "__main__":
    main()
