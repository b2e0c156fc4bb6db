"""Time and peak memory of refusing huge or hostile inputs, and of importing big valid digests.

    python bench/bench_hostile_inputs.py [--runs 3] [--sizes 10000 100000]

Each case runs `paperdeck --home <fresh> import FILE` (or `state merge`) in a fresh interpreter
started by a small launcher, whose RUSAGE_CHILDREN peak is paperdeck's alone. The huge files
are sparse (truncate): they cost no disk. The valid digests come from gen_digest.py; their row
gives the peak against the file's size.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, WORK, digest, log, median

MB = 1 << 20
GB = 1 << 30
# The last two arguments "- FILE" mean: `-` on the command line, FILE on stdin.
LAUNCHER = """
import resource, subprocess, sys
args, stdin = sys.argv[1:], None
if args[-2] == "-":
    args, stdin = args[:-1], open(args[-1], "rb")
code = subprocess.call([sys.executable, "-m", "tui", "--home", *args], stdin=stdin,
                       stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024)
"""


def sparse(path: Path, size: int, start: bytes = b"") -> Path:
    with path.open("wb") as handle:
        handle.write(start)
        handle.truncate(size)
    return path


def run_once(args: list[str], stdin_file: Path | None) -> tuple[int, float, int]:
    home = Path(tempfile.mkdtemp(prefix="home-", dir=WORK))
    extra = ["-", str(stdin_file)] if stdin_file else []
    try:
        start = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", LAUNCHER, str(home), *args, *extra],
                             capture_output=True, text=True, check=True, cwd=ROOT).stdout
        elapsed = time.perf_counter() - start
    finally:
        shutil.rmtree(home, ignore_errors=True)
    code, peak = map(int, out.split())
    return code, elapsed, peak


def report(name: str, args: list[str], runs: int, size: int, stdin_file: Path | None = None,
           ) -> None:
    results = [run_once(args, stdin_file) for _ in range(runs)]
    codes = {code for code, _, _ in results}
    wall = median([t for _, t, _ in results])
    peak = max(p for _, _, p in results)
    print(f"{name:<44} exit {'/'.join(map(str, sorted(codes))):<3} {wall:6.2f} s  "
          f"peak {peak / MB:7.1f} MB  ({peak / size:5.2f}x the {size / MB:,.0f} MB input)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    files = Path(tempfile.mkdtemp(prefix="hostile-", dir=WORK))
    try:
        text = files / "no-blank-lines.txt"
        with text.open("wb") as handle:  # real text, not sparse: the refusal must read it
            line = b"a line of text that never ends its paragraph\n"
            handle.write(b"Mar 11\n\n" + line * (64 * MB // len(line)))
        cases = [
            ("import: 1 GB of zero bytes", sparse(files / "zeros-1g", GB), "import"),
            ("import: 200 MB of zero bytes", sparse(files / "zeros-200m", 200 * MB), "import"),
            ("import: 200 MB HTML", sparse(files / "page.html", 200 * MB, b"<!doctype html>"),
             "import"),
            ("import: 64 MB of text without a blank line", text, "import"),
            ("import: 1 GB digest (sparse after its start)",
             sparse(files / "digest-1g", GB, b"Mar 11\n\nA Title\n\nAn abstract.\n"), "import"),
            ("state merge: 2 GB sparse file", sparse(files / "state-2g", 2 * GB), "merge"),
            ("state merge: 200 MB of zero bytes", sparse(files / "state-200m", 200 * MB), "merge"),
        ]
        for name, path, kind in cases:
            command = ["import", str(path)] if kind == "import" else ["state", "merge", str(path)]
            report(name, command, args.runs, path.stat().st_size)
        report("state merge -: 2 GB of zero bytes on stdin", ["state", "merge"], args.runs,
               2 * GB, stdin_file=files / "state-2g")
        for papers in args.sizes:
            path = digest(papers)
            log(f"importing {papers:,} papers ...")
            report(f"import: valid digest, {papers:,} papers", ["import", str(path)],
                   1 if papers >= 50_000 else args.runs, path.stat().st_size)
    finally:
        shutil.rmtree(files, ignore_errors=True)


if __name__ == "__main__":
    main()
