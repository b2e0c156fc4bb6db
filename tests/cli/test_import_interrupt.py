"""Ctrl+C during an import says the papers are in only when this import committed them, not
when another paperdeck's import, picked up meanwhile, made the library grow."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.test_index_at_import import write_digest
from tui.core import library as library_module
from tui.core.library import Library


def test_ctrl_c_after_another_paperdecks_import_says_nothing_was_imported(
        cli: Callable, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("stats").code == 0  # the seed first
    theirs = write_digest(tmp_path / "theirs.txt", 5, "theirs")
    ours = write_digest(tmp_path / "ours.txt", 7, "ours")
    real_lock = Library._lock
    real_write = library_module.atomic_write_bytes
    stage = {"theirs started": False, "theirs done": False}

    @contextlib.contextmanager
    def another_paperdeck_imports_first(self: Library) -> Iterator[None]:
        # Another process commits its import while we parse; we then get the library lock.
        if not stage["theirs started"]:
            stage["theirs started"] = True
            Library.open(home, seed_if_empty=False).import_paths([theirs])
            stage["theirs done"] = True
        with real_lock(self):
            yield

    def ctrl_c_on_our_first_write(path: Path, data: bytes) -> None:
        if stage["theirs done"]:
            raise KeyboardInterrupt  # before our import log was written: nothing of ours saved
        real_write(path, data)

    monkeypatch.setattr(Library, "_lock", another_paperdeck_imports_first)
    monkeypatch.setattr(library_module, "atomic_write_bytes", ctrl_c_on_our_first_write)
    result = cli("import", str(ours))
    assert result.code == 130
    assert result.err.splitlines() == ["paperdeck: error: interrupted: nothing was imported"]
    monkeypatch.undo()
    names = [record.source for record in Library.open(home, seed_if_empty=False).imports]
    assert "theirs.txt" in names and "ours.txt" not in names
