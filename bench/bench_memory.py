"""Peak memory with N papers loaded, against the size of the digest text.

    python bench/bench_memory.py [--sizes 100000]

Each figure is the peak resident set (VmHWM) of a fresh interpreter (nothing else counted) that
  core: opens the Library and the QueryEngine (warm caches: what every start does), and runs
        one query over titles and abstracts; once more building the index instead of loading
        it (what the first start after an import does);
  tui:  starts the app headless (120x36), waits for the index, filters once.
The interpreter with the same imports and nothing loaded is reported as the floor.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import ROOT, Row, digest, home_with, log

# ru_maxrss survives exec() on Linux (a child of a big parent starts at the parent's peak):
# the kernel's high-water mark of this process's own memory map is VmHWM.
PEAK_RSS = """
def peak_rss():
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) * 1024
"""

CORE = """
import json, sys
sys.path.insert(0, {root!r})
{peak_rss}
from pathlib import Path
from tui.core.library import Library
from tui.core.search import QueryEngine
home = Path({home!r})
if {load}:
    library = Library.open(home)
    engine = QueryEngine(library.papers, cache_dir=None if {rebuild} else home / "cache")
    engine.search("graph neural network").indices.tolist()
print(json.dumps(peak_rss()))
"""

TUI = """
import asyncio, json, sys
sys.path.insert(0, {root!r})
{peak_rss}
from pathlib import Path
from tui.app import PaperdeckApp

async def main():
    app = PaperdeckApp(Path({home!r}))
    async with app.run_test(size=(120, 36)) as pilot:
        await app.workers.wait_for_complete()
        app.engine().search("graph neural network").indices.tolist()
        await pilot.pause()

asyncio.run(main())
print(json.dumps(peak_rss()))
"""


def peak(code: str) -> int:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return int(json.loads(done.stdout.strip().splitlines()[-1]))


def run(size: int) -> list[Row]:
    home = home_with(size)
    text = digest(size).stat().st_size
    fill = {"root": str(ROOT), "home": str(home), "peak_rss": PEAK_RSS}
    # (Re)writes the index cache in case a benchmark dropped it.
    peak(CORE.format(load=True, rebuild=False, **fill))
    floor = peak(CORE.format(load=False, rebuild=False, **fill))
    core = peak(CORE.format(load=True, rebuild=False, **fill))
    rebuild = peak(CORE.format(load=True, rebuild=True, **fill))
    tui = peak(TUI.format(**fill))
    log(f"memory {size}: digest {text / 1e6:.0f} MB; floor {floor / 1e6:.0f} MB, core "
        f"{core / 1e6:.0f} MB (x{core / text:.2f}), index rebuild {rebuild / 1e6:.0f} MB, "
        f"tui {tui / 1e6:.0f} MB (x{tui / text:.2f})")
    name = f"peak memory, {size:,} papers"
    return [
        Row(name, "digest text size", text / 1e6, "MB"),
        Row(name, "interpreter + imports, nothing loaded", floor / 1e6, "MB"),
        Row(name, "Library + QueryEngine + a query", core / 1e6, "MB"),
        Row(name, "ratio core / digest", core / text, "x", "<= 2.5", core / text <= 2.5),
        Row(name, "Library + index built, not loaded (first start after an import)",
            rebuild / 1e6, "MB"),
        Row(name, "TUI running, index ready, filtered", tui / 1e6, "MB"),
        Row(name, "ratio TUI / digest", tui / text, "x", "<= 2.5", tui / text <= 2.5),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size):
            print(row)


if __name__ == "__main__":
    main()
