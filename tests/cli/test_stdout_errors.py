"""Results that cannot be written to stdout (a full disk, stdout closed) are one line and
exit 6, as a file that cannot be written is; they were a traceback and exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

COMMANDS = [("list",), ("list", "-f", "json"), ("stats",), ("export", "-f", "bibtex"),
            ("state", "export", "-")]


def run(home: Path, args: tuple[str, ...], shell_redirect: str) -> subprocess.CompletedProcess:
    argv = " ".join([sys.executable, "-m", "tui", "--home", str(home), *args])
    return subprocess.run(["sh", "-c", f"exec {argv} {shell_redirect}"], capture_output=True,
                          text=True, timeout=60)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args", COMMANDS)
def test_a_full_disk_under_stdout_is_one_line_and_exit_6(home: Path, args) -> None:
    result = run(home, args, "> /dev/full")
    assert result.returncode == 6, result.stderr
    assert result.stderr.splitlines() == [
        "paperdeck: error: cannot write the output to stdout: No space left on device"]


@pytest.mark.parametrize("args", COMMANDS[:3])
def test_a_closed_stdout_is_one_line_and_exit_6(home: Path, args) -> None:
    result = run(home, args, ">&-")
    assert result.returncode == 6, result.stderr
    assert result.stderr.splitlines() == [
        "paperdeck: error: cannot write the output: stdout is closed"]


def test_a_reader_leaving_early_is_still_quiet(home: Path) -> None:
    result = run(home, ("list",), "| head -n 1")
    assert result.returncode == 0 and result.stderr == ""
    assert len(result.stdout.splitlines()) == 1
