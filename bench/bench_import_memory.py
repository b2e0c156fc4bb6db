"""Where `paperdeck import` of a big valid digest holds its memory: peak RSS per phase.

    python bench/bench_import_memory.py [--sizes 30000 100000]

Runs `paperdeck --home <fresh> import FILE` in this process with a thread sampling VmRSS every
2 ms, and reports the peak inside each phase (the parse, the caches written, the search index
built after a large import) against the digest's size. The digests come from gen_digest.py.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile

from common import ROOT, WORK, digest

MB = 1 << 20
CHILD = """
import functools, os, sys, threading, time
MB = 1 << 20
samples, marks, stop = [], [], []
def rss():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
def sample():
    while not stop:
        samples.append((time.perf_counter(), rss()))
        time.sleep(0.002)
threading.Thread(target=sample, daemon=True).start()
def timed(owner, name, label):
    function = getattr(owner, name)
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            marks.append((label, start, time.perf_counter()))
    setattr(owner, name, wrapper)
import tui.core.library as library, tui.core.parser as parser
import tui.core.search.segmented_index as index
timed(parser, "_parse_any_encoding", "parse")
timed(library.Library, "_save_cache", "caches written")
timed(index, "load_or_build", "search index")
from tui.cli import main
home, path = sys.argv[1], sys.argv[2]
size = os.path.getsize(path)
code = main(["--home", home, "import", path])
stop.append(True)
for label, start, end in marks:
    inside = [r for t, r in samples if start <= t <= end] or [0]
    print(f"  {label:<16} {end - start:6.2f} s  peak {max(inside) / MB:6.0f} MB "
          f"({max(inside) / size:4.2f}x)")
top = max(r for _, r in samples)
print(f"  {'whole command':<16} {'':8}  peak {top / MB:6.0f} MB ({top / size:4.2f}x)  exit {code}")
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[30_000, 100_000])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    for papers in args.sizes:
        path = digest(papers)
        home = tempfile.mkdtemp(prefix="home-", dir=WORK)
        try:
            print(f"{papers:,} papers ({path.stat().st_size / MB:,.0f} MB):", flush=True)
            subprocess.run([sys.executable, "-c", CHILD, home, str(path)], check=True, cwd=ROOT,
                           stderr=subprocess.DEVNULL)
        finally:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
