"""Importing one big digest: Library.import_paths in-process, and `paperdeck import` on a pty.

    python bench/bench_import.py [--sizes 100000] [--runs 3]

In a fresh interpreter and home each run: import_paths([digest]) from the call to its return
(read, decode, parse, merge, keep the digest, write the paper cache and the import log). On a pty:
`python -m tui --home H import DIGEST` once, wall time of the whole command (interpreter
start-up and, for a large import, building the search index included), and the progress bar
frames it drew, to show the bar moves during the parse of the one file (frames drawn before
100%).
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import IMPORT_DAY, ROOT, Row, digest, log, median

BAR_FRAME = re.compile(rb"\rimporting [^\r]*?(\d+)%")


IMPORT_ONCE = """
import json, sys, tempfile, time
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from tui.core.library import Library
calls = 0
def progress(done, total):
    global calls
    calls += 1
with tempfile.TemporaryDirectory() as home:
    started = time.perf_counter()
    library = Library.open(Path(home), seed_if_empty=False)
    library.import_paths([Path({path!r})], progress=progress, today=date.fromisoformat({day!r}))
    print(json.dumps([time.perf_counter() - started, calls]))
"""


def import_once(path: Path) -> tuple[float, int]:
    """import_paths in a fresh interpreter: nothing else in the heap, as in the CLI."""
    code = IMPORT_ONCE.format(root=str(ROOT), path=str(path), day=IMPORT_DAY.isoformat())
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"import failed: {done.stderr[-2000:]}")
    elapsed, calls = json.loads(done.stdout.strip().splitlines()[-1])
    return elapsed, calls


def cli_on_pty(path: Path) -> tuple[float, list[int]]:
    """Run the CLI with stderr on a pty; return its wall time and the percentages drawn."""
    home = tempfile.mkdtemp(prefix="paperdeck-import-")
    leader, follower = pty.openpty()
    try:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "tui", "--home", home, "import", str(path)],
            cwd=ROOT, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=follower)
        os.close(follower)
        output = b""
        while True:
            ready, _, _ = select.select([leader], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the child closed the pty
                    break
                if not chunk:
                    break
                output += chunk
            elif child.poll() is not None:
                break
        child.wait()
        elapsed = time.perf_counter() - started
    finally:
        os.close(leader)
        shutil.rmtree(home, ignore_errors=True)
    if child.returncode != 0:
        raise RuntimeError(f"paperdeck import failed: {output[-500:]!r}")
    return elapsed, [int(m.group(1)) for m in BAR_FRAME.finditer(output)]


def run(size: int, runs: int) -> list[Row]:
    path = digest(size)
    mb = path.stat().st_size / 1e6
    times = []
    calls = 0
    for _ in range(runs):
        elapsed, calls = import_once(path)
        times.append(elapsed)
    cli_time, frames = cli_on_pty(path)
    before_end = sorted({pct for pct in frames if pct < 100})
    log(f"import {size}: {median(times):.2f} s import_paths (runs {runs}), {calls} progress "
        f"calls; CLI on a pty {cli_time:.2f} s, {len(frames)} bar frames, "
        f"percentages below 100 drawn: {before_end}")
    name = f"import {size:,} papers ({mb:.0f} MB)"
    return [
        Row(name, "import_paths (fresh process)", median(times), "s", "<= 10 s",
            median(times) <= 10),
        # What the user waits for: interpreter start, import, and (a large import) the search
        # index built before the command returns.
        Row(name, "`paperdeck import` on a pty, whole command", cli_time, "s", "<= 10 s",
            cli_time <= 10),
        Row(name, "distinct bar positions drawn before 100%", len(before_end), "", ">= 3",
            len(before_end) >= 3),
    ]


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
