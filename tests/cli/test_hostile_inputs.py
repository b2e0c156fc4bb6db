"""Huge or hostile inputs are refused from their first megabytes, not after being read whole
(issue 12, point 5): one line, exit 3, within a small memory budget. The big files are sparse
(truncate), so they cost no disk and no time to make."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

GB = 1 << 30
MB = 1 << 20
# The child's whole peak: Python, paperdeck's imports and whatever the refusal read.
MEMORY_BUDGET_KB = 100 * 1024

# A small launcher runs paperdeck and reports its peak: a child forked straight from pytest
# would start its ru_maxrss at pytest's own size (Linux keeps it across fork and exec).
LAUNCHER = textwrap.dedent("""
    import resource, subprocess, sys
    code = subprocess.call([sys.executable, "-m", "tui", "--home", *sys.argv[1:]])
    print(code, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
""")


def run(home: Path, *args: str, stdin: Path | None = None) -> tuple[int, str]:
    with (stdin.open("rb") if stdin else open(os.devnull, "rb")) as source:
        proc = subprocess.run([sys.executable, "-c", LAUNCHER, str(home), *args], stdin=source,
                              capture_output=True, text=True, timeout=120, check=False,
                              cwd=Path(__file__).resolve().parents[2])
    code, peak_kb = map(int, proc.stdout.split())
    assert peak_kb < MEMORY_BUDGET_KB, f"peak RSS {peak_kb // 1024} MB"
    assert proc.stderr.startswith("paperdeck: error: ") and proc.stderr.count("\n") == 1, \
        proc.stderr
    return code, proc.stderr


def sparse(path: Path, size: int, start: bytes = b"") -> Path:
    with path.open("wb") as handle:
        handle.write(start)
        handle.truncate(size)
    return path


TEXT = b"Mar 11\n\n" + b"word " * (2 * MB)  # 10 MB of text without a blank line


@pytest.mark.parametrize(("size", "start", "words"), [
    (1 * GB, b"", "too large for a digest"),
    (200 * MB, b"", "binary file"),
    (200 * MB, b"<!DOCTYPE html>\n<html><body>", "HTML page"),
    (200 * MB, TEXT, "without a blank line"),
    (1 * GB, b"Mar 11\n\nA Title\n\n" + b"An abstract. " * 100 + b"\n", "too large for a digest"),
], ids=["1GB-zeros", "200MB-zeros", "html", "no-blank-line", "1GB-digest"])
def test_import_refuses_huge_and_hostile_files_early(
        home: Path, tmp_path: Path, size: int, start: bytes, words: str) -> None:
    code, err = run(home, "import", str(sparse(tmp_path / "big.txt", size, start)))
    assert code == 3 and words in err
    assert not (home / "digests").exists() or not any((home / "digests").iterdir())


@pytest.mark.parametrize(("size", "words"), [
    (2 * GB, "too large for a state export"),
    (200 * MB, "does not start as a JSON object"),
])
def test_state_merge_refuses_huge_and_non_json_files_early(
        home: Path, tmp_path: Path, size: int, words: str) -> None:
    code, err = run(home, "state", "merge", str(sparse(tmp_path / "other.json", size)))
    assert code == 3 and words in err


def test_state_merge_from_stdin_stops_reading_non_json_early(home: Path, tmp_path: Path) -> None:
    code, err = run(home, "state", "merge", "-", stdin=sparse(tmp_path / "other.json", 2 * GB))
    assert code == 3 and "does not start as a JSON object" in err


# -- a big valid digest: imported within a memory bound ---------------------------------------

# VmHWM, not ru_maxrss: that one starts at pytest's own peak (kept across fork and exec).
IMPORT_CHILD = textwrap.dedent("""
    import re, sys
    from datetime import date
    from pathlib import Path
    from tui.core.library import Library
    import tui.core.parser  # the imports a parse needs, before the baseline
    def peak():
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)) * 1024
    library = Library.open(Path(sys.argv[1]), seed_if_empty=False)
    before = peak()
    summary = library.import_paths([Path(sys.argv[2])], today=date(2026, 3, 20))
    print(summary.new, peak() - before)
""")


def big_digest(path: Path, papers: int) -> Path:
    sentence = "We study how {0} models scale with data, compute and careful tuning. "
    with path.open("w", encoding="utf-8") as handle:
        handle.write("Mar 11\n\n")
        for n in range(papers):
            abstract = "".join(sentence.format(f"variant-{n}-{k}") for k in range(20))
            handle.write(f"Paper number {n}: scaling variant {n}\n\n{abstract}\n\n")
    return path


def test_a_big_valid_digest_imports_within_2_5x_its_size(home: Path, tmp_path: Path) -> None:
    """The bytes (twice, while joined), the decoded text, its lines and the papers were alive
    at once: ~3.5x the file's size on top of the interpreter's."""
    papers = 16_000
    digest = big_digest(tmp_path / "year.txt", papers)
    size = digest.stat().st_size
    proc = subprocess.run([sys.executable, "-c", IMPORT_CHILD, str(home), str(digest)],
                          capture_output=True, text=True, timeout=300, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    new, grown = map(int, proc.stdout.split())
    assert new == papers
    assert grown <= 2.5 * size, f"the import grew by {grown / size:.2f}x the {size // MB} MB file"


CLI_IMPORT_CHILD = textwrap.dedent("""
    import re, sys
    import tui.cli, tui.core.parser, tui.core.search.query  # the modules, before the baseline
    def peak():
        with open("/proc/self/status") as status:
            return int(re.search(r"VmHWM:\\s*(\\d+) kB", status.read()).group(1)) * 1024
    before = peak()
    code = tui.cli.main(["--home", sys.argv[1], "import", sys.argv[2]])
    print(code, peak() - before)
""")


def test_paperdeck_import_with_its_search_index_stays_within_2_5x(
        home: Path, tmp_path: Path) -> None:
    """`paperdeck import` builds the search index after a large import, with every paper
    still in memory: the whole command grew by 4.5x the file."""
    digest = big_digest(tmp_path / "year.txt", 24_000)  # past PARALLEL_FROM: two halves
    size = digest.stat().st_size
    proc = subprocess.run([sys.executable, "-c", CLI_IMPORT_CHILD, str(home), str(digest)],
                          capture_output=True, text=True, timeout=300, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    code, grown = map(int, proc.stdout.split()[-2:])
    assert code == 0, proc.stderr
    assert (home / "cache" / "index.pickle").exists()  # the index was built and kept
    assert grown <= 2.5 * size, f"the import grew by {grown / size:.2f}x the {size // MB} MB file"
