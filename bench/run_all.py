"""Run every paperdeck benchmark and print one table (or --json).

    python bench/run_all.py [--json] [--sizes 100 100000] [--quick]

--sizes gives the small and the large library (default 100 and 100,000 papers); the filter,
import and memory benchmarks use the large one, start-up uses the bundled digest and the large
one, the cursor compares the two. Generated digests and prepared homes are kept in
$PAPERDECK_BENCH_DIR (default /tmp/paperdeck-bench): the first run spends ~1 min making them.
--quick: fewer repetitions (a smoke run, not figures to quote).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime

import bench_cursor
import bench_import
import bench_memory
import bench_query
import bench_startup
import bench_startup_ir
import bench_state
from common import Row, home_with, log


def machine() -> str:
    model = ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            model = next((line.split(":", 1)[1].strip() for line in info
                          if line.startswith("model name")), "")
    except OSError:
        pass
    return (f"{os.cpu_count()} cores {model or platform.processor()}, {platform.system()} "
            f"{platform.release()}, Python {platform.python_version()}")


def quiet(step: Callable[..., list[Row]], *args: object) -> list[Row]:
    """bench_state.py prints its own report: keep stdout for the table or the JSON."""
    with contextlib.redirect_stdout(sys.stderr):
        return step(*args)


def table(rows: list[Row]) -> str:
    lines = [f"{'benchmark':34} {'metric':44} {'value':>11}  {'target':12} ok"]
    for row in rows:
        verdict = "" if row.ok is None else ("yes" if row.ok else "NO")
        value = f"{row.value:,.2f} {row.unit}".rstrip()
        lines.append(f"{row.bench:34} {row.metric:44} {value:>11}  {row.target:12} {verdict}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--sizes", type=int, nargs=2, default=[100, 100_000],
                        metavar=("SMALL", "LARGE"))
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args = parser.parse_args()
    small, large = sorted(args.sizes)
    runs = 2 if args.quick else 5
    started = time.perf_counter()
    log(f"preparing digests and homes ({small:,} and {large:,} papers) ...")
    home_with(small)
    home_with(large)
    rows: list[Row] = []
    steps = [
        ("filter", lambda: bench_query.run(large, runs, 1 if args.quick else 3)),
        ("start-up", lambda: bench_startup.run(0, 2 * runs - 1)
         + bench_startup.run(large, 2 * runs - 1)),
        # Skipped without valgrind (~80 s with it): the start-up ratio without the noise.
        ("start-up instructions", lambda: [] if args.quick else bench_startup_ir.run(2)),
        ("cursor", lambda: bench_cursor.run([small, large], 100 if args.quick else 200,
                                            2 if args.quick else 4)),
        ("state", lambda: quiet(bench_state.rows, 5 if args.quick else 15)),
        ("import", lambda: bench_import.run(large, 1 if args.quick else 3)),
        ("memory", lambda: bench_memory.run(large)),
    ]
    for name, step in steps:
        log(f"--- {name}")
        rows.extend(step())
    elapsed = time.perf_counter() - started
    meta = {"date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": machine(), "load_average": os.getloadavg(), "seconds": round(elapsed)}
    if args.json:
        print(json.dumps({**meta, "rows": [row.as_dict() for row in rows]}, indent=1))
        return
    print(f"paperdeck benchmarks, {meta['date']}, {meta['machine']}")
    print(f"load average at the end {', '.join(f'{x:.1f}' for x in meta['load_average'])}; "
          f"took {meta['seconds']} s\n")
    print(table(rows))


if __name__ == "__main__":
    main()
