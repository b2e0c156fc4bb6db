"""The TUI on a full disk: quitting never silently drops a change the disk refused, and the
final save failing is reported, not raised as a traceback from the app's shutdown."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import tui.core.atomic as atomic
from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notices,
    settle,
    wait_until,
)
from tui.core.state import StateStore


@pytest.fixture
def disk(monkeypatch: pytest.MonkeyPatch) -> dict[str, bool]:
    """disk["full"] = True makes every fsync fail with ENOSPC."""
    state = {"full": False}
    real = atomic.os.fsync

    def fsync(fd: int) -> None:
        if state["full"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    return state


@async_test
async def test_q_on_a_full_disk_keeps_the_app_open_then_saves_once_space_is_back(
        home: Path, disk: dict[str, bool]) -> None:
    paper = make_paper(1)
    app = app_with_papers(home, [paper, make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        disk["full"] = True
        await pilot.press("s")
        await pilot.press("q")
        await pilot.pause()
        assert app.is_running  # the star is not on disk: quitting now would lose it
        assert any("not saved" in m for m in notices(app))
        assert any("No space left on device" in m for m in notices(app))
        disk["full"] = False
        await pilot.press("q")
        await pilot.pause()
    assert app.close_error is None
    store = StateStore.open(home)
    assert store.get(paper.id).starred
    store.close()


@async_test
async def test_a_second_q_quits_without_a_traceback_and_the_old_file_stays(
        home: Path, disk: dict[str, bool]) -> None:
    first, second = make_paper(1), make_paper(2)
    app = app_with_papers(home, [first, second])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        app.store.flush()
        before = (home / "state.json").read_bytes()
        disk["full"] = True
        await pilot.press("j", "s", "q")
        await pilot.pause()
        assert app.is_running
        await pilot.press("q")
        await pilot.pause()
    assert app.close_error and "No space left on device" in app.close_error
    assert (home / "state.json").read_bytes() == before
    assert not [p for p in home.iterdir() if p.name.endswith(atomic.TEMP_SUFFIX)]


@async_test
async def test_a_failed_background_save_is_shown_as_it_happens(
        home: Path, disk: dict[str, bool]) -> None:
    # The writer thread tells the app (a message), nothing polls: the notice shows while the
    # app goes on, and the change is saved once space is back.
    paper = make_paper(1)
    app = app_with_papers(home, [paper, make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        disk["full"] = True
        await pilot.press("s")
        await wait_until(pilot, lambda: any("could not save state" in m for m in notices(app)),
                         timeout=20)
        [shown] = [m for m in notices(app) if "could not save state" in m]
        assert "No space left on device" in shown
        disk["full"] = False
        await wait_until(pilot, lambda: not app.store.unsaved, timeout=20)
        assert not app.store.unsaved
    store = StateStore.open(home)
    assert store.get(paper.id).starred
    store.close()
