"""`paperdeck` (the app) run where no one can use it: a script, cron, `< /dev/null`.

The app reads keys from stdin and draws on stderr; without a terminal it used to wait forever
for keys, busy, drawing escape codes into a log. Now it says so and exits."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def run_without_terminal(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", "--home", str(home), *args],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60,
    )


def test_the_app_without_a_terminal_is_a_usage_error_not_a_hang(home: Path) -> None:
    result = run_without_terminal(home)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "needs a terminal" in lines[0]
    assert "\x1b" not in result.stderr + result.stdout  # nothing drawn


def test_import_then_open_without_a_terminal_imports_and_says_the_app_was_not_opened(
        home: Path, seed_path: Path, tmp_path: Path) -> None:
    digest = tmp_path / "next-day.txt"
    text = seed_path.read_text("utf-8").replace("\nMar 11\n", "\nMar 12\n", 1)
    digest.write_text(text.replace("From Fake to Real", "From Fake to Really Real"), "utf-8")
    assert run_without_terminal(home, str(seed_path)).returncode == 0  # yesterday's digest
    result = run_without_terminal(home, str(digest))
    assert result.returncode == 0
    assert result.stdout.startswith("imported: 1 new paper, 87 already known")
    assert result.stderr.splitlines() == [
        "paperdeck: not opening the app: stdin or stderr is not a terminal"]
    listed = subprocess.run([sys.executable, "-m", "tui", "--home", str(home), "stats",
                             "-f", "json"], capture_output=True, text=True, timeout=60)
    assert '"papers": 89' in listed.stdout


def test_home_may_follow_the_files(home: Path, seed_path: Path, tmp_path: Path) -> None:
    """`paperdeck digest.txt --home DIR` tried to import a file named '--home'."""
    digest = tmp_path / "next-day.txt"
    digest.write_text(seed_path.read_text("utf-8").replace("\nMar 11\n", "\nMar 12\n", 1),
                      "utf-8")
    result = subprocess.run([sys.executable, "-m", "tui", str(digest), "--home", str(home)],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("imported: 88 new papers, 0 already known")
    assert len(list((home / "digests").iterdir())) == 1  # this one (no demo digest mixed in)
