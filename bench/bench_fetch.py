"""`paperdeck fetch` of one day of 150 papers from a loopback server, the whole command.

    python bench/bench_fetch.py [--runs 5] [--papers 150]

Each run is `python -m tui --home H fetch DAY` in a fresh home (interpreter start-up, four
requests: three pages of 50 and the empty page that ends the day, the import, the cache),
then the same command again in that home (a re-fetch: every paper known, nothing written).
The server is tests/support/fake_hub.py in this process, on 127.0.0.1. Target: <= 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from common import ROOT, Row, log, median

from tests.support.fake_hub import FakeHub

DAY = date(2026, 12, 4)
TARGET = 1.0
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
              "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


def fetch_once(home: Path, env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tui", "--home", str(home), "fetch",
                           DAY.isoformat()], cwd=ROOT, env=env, capture_output=True, text=True,
                          check=False)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"fetch failed ({done.returncode}): {done.stderr[-2000:]}")
    return elapsed, done.stdout.strip()


def run(runs: int = 5, papers: int = 150) -> list[Row]:
    hub = FakeHub().start()
    try:
        hub.serve_day(DAY, papers)
        env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
        env["HF_ENDPOINT"] = hub.url
        first: list[float] = []
        again: list[float] = []
        for number in range(runs):
            with tempfile.TemporaryDirectory(prefix="paperdeck-bench-fetch-") as folder:
                home = Path(folder) / "home"
                seconds, said = fetch_once(home, env)
                first.append(seconds)
                repeat, said_again = fetch_once(home, env)
                again.append(repeat)
                log(f"run {number + 1}: {seconds:.3f} s ({said}); again {repeat:.3f} s "
                    f"({said_again})")
        requests = len(hub.daily_requests()) // (2 * runs)
    finally:
        hub.stop()
    return [
        Row("fetch", f"fetch one day of {papers} papers (whole command, median of {runs})",
            round(median(first), 3), "s", f"<= {TARGET} s", median(first) <= TARGET),
        Row("fetch", "the same fetch again (nothing new, nothing written)",
            round(median(again), 3), "s", f"<= {TARGET} s", median(again) <= TARGET),
        Row("fetch", "requests per fetch of the day", requests, "requests"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--papers", type=int, default=150)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rows = run(args.runs, args.papers)
    if args.json:
        print(json.dumps([r.as_dict() for r in rows], indent=2))
        return
    for row in rows:
        mark = "" if row.ok is None else (" ok" if row.ok else " MISSED")
        print(f"{row.metric}: {row.value} {row.unit} {row.target}{mark}")


if __name__ == "__main__":
    main()
