"""A home the user cannot write (read-only mount, someone else's folder): reading commands work
without the lock; commands that change state refuse with one line, exit 5, nothing changed."""

from __future__ import annotations

import errno
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.state import StateStore


class _UnwritableLock:
    """What FileLock does when its lock file cannot be created on a read-only file system."""

    def acquire(self, timeout: float = -1) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    def release(self) -> None:
        pass


@pytest.fixture
def readonly_home(cli, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The seeded home, with a starred paper, then made unlockable. Returns the paper ids."""
    ids = [r["id"] for r in json.loads(cli("list", "-f", "json", "-n", "2").out)]
    assert cli("mark", ids[0], "--star").code == 0
    assert cli("note", ids[0], "--set", "kept note").code == 0
    monkeypatch.setattr(StateStore, "_lock_for", staticmethod(lambda home: _UnwritableLock()))
    return ids


def test_reading_commands_work_without_the_lock(cli, readonly_home: list[str]) -> None:
    listed = cli("list", "-f", "json", "-q", "is:starred")
    assert listed.code == 0, listed.err
    assert [r["id"] for r in json.loads(listed.out)] == readonly_home[:1]
    assert listed.err == ""  # reading from a read-only home is normal: no warning
    stats = cli("stats", "-f", "json")
    assert stats.code == 0, stats.err
    assert json.loads(stats.out)["starred"] == 1
    shown = cli("note", readonly_home[0], "--show")
    assert shown.code == 0 and "kept note" in shown.out
    exported = cli("state", "export", "-")
    assert exported.code == 0 and "kept note" in exported.out


def test_changing_commands_refuse_in_one_line(cli, readonly_home: list[str], home: Path) -> None:
    before = (home / "state.json").read_bytes()
    result = cli("mark", readonly_home[1], "--read")
    assert result.code == 5
    assert result.err.count("\n") == 1
    assert "cannot lock" in result.err and "Read-only file system" in result.err
    assert "Traceback" not in result.err
    assert (home / "state.json").read_bytes() == before


def _can_mount_readonly() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_readonly(), reason="needs unshare for a read-only bind mount")
def test_real_readonly_mount(cli, home: Path) -> None:
    paper_id = json.loads(cli("list", "-f", "json", "-n", "1").out)[0]["id"]  # seeds the home
    assert cli("stats").code == 0  # and the state lock file
    script = (
        f"mount --bind {home} {home} && mount -o remount,bind,ro {home} && "
        f"{sys.executable} -m tui --home {home} stats; echo rc=$?; "
        f"{sys.executable} -m tui --home {home} mark {paper_id} --read; echo rc=$?"
    )
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True,
                            text=True, cwd=Path(__file__).resolve().parents[2])
    if "rc=" not in result.stdout:
        pytest.skip(f"no read-only mount here: {result.stderr.strip()}")
    stats_rc, mark_rc = [line for line in result.stdout.splitlines() if line.startswith("rc=")]
    assert stats_rc == "rc=0", result.stderr
    assert mark_rc == "rc=5"
    assert "Read-only file system" in result.stderr and "Traceback" not in result.stderr
