"""Atomic writes keep file permissions the way a plain write would."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tui.core.atomic import atomic_write_bytes


def test_new_file_gets_the_umask_mode_not_0600(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "export.md"
        atomic_write_bytes(target, b"x")
    finally:
        os.umask(old)
    # The mode is computed once at import from the process umask (022 in tests and shells).
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~old


def test_rewritten_file_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "reading.bib"
    target.write_bytes(b"old")
    target.chmod(0o640)
    atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
