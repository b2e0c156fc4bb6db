"""SVG snapshots of what the user sees when something is wrong or missing: a query error, no
match, no papers, a home it cannot write, another paperdeck holding the state, a full disk.
Update with --snapshot-update."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from filelock import FileLock
from textual.pilot import Pilot
from textual.widgets import Input

import tui.core.atomic as atomic
from tests.support.snapshot_scenes import (
    Size,
    SnapCompare,
    after,
    both_sizes,
    filtering,
    pressing,
    steady,
    triaged,
)
from tests.support.tui_helpers import (
    app_with_papers,
    make_paper,
    notices,
    wait_until,
)
from tui.app import PaperdeckApp
from tui.core.state import StateStore


@both_sizes
def test_query_error(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`/is:foo` Enter: the bar says what is wrong in place of the count; the rows stay."""
    scene = after(triaged, filtering("is:foo"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


def test_query_error_once_typing_pauses(snap_compare: SnapCompare,
                                        digest_app: PaperdeckApp) -> None:
    """An unclosed quote left in the filter is shown as an error once typing settles."""
    scene = after(triaged, pressing("slash", "quotation_mark", *"pipe", delay=0.8))
    assert snap_compare(digest_app, terminal_size=(80, 24), run_before=scene)


@both_sizes
def test_no_paper_matches(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """A filter nothing matches: the list and the detail pane say how to get out."""
    scene = after(triaged, filtering("zqxjv"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_no_papers_yet(snap_compare: SnapCompare, place: Path, size: Size) -> None:
    """An empty library: how to import a digest."""
    app = app_with_papers(place, [])
    assert snap_compare(app, terminal_size=size, run_before=steady)


def test_stats_of_an_empty_library(snap_compare: SnapCompare, place: Path) -> None:
    app = app_with_papers(place, [])
    assert snap_compare(app, terminal_size=(80, 24), run_before=after(steady, pressing("T")))


@pytest.fixture
def read_only_home(monkeypatch: pytest.MonkeyPatch, place: Path) -> Path:
    """A home on a read-only file system: the state file's lock cannot be taken."""
    real_acquire = FileLock.acquire

    def acquire(self: FileLock, *args: object, **kwargs: object) -> object:
        if str(self.lock_file).endswith("state.json.lock"):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_acquire(self, *args, **kwargs)

    monkeypatch.setattr(FileLock, "acquire", acquire)
    return place


@both_sizes
def test_read_only_home(snap_compare: SnapCompare, read_only_home: Path, size: Size) -> None:
    """Started on a read-only home, then `s`: the notice at start, the refusal, the status."""
    app = app_with_papers(read_only_home, [make_paper(n) for n in range(1, 6)])
    assert snap_compare(app, terminal_size=size, run_before=after(steady, pressing("s")))


@pytest.fixture
def other_paperdeck(place: Path) -> Iterator[StateStore]:
    holder = StateStore.open(place)
    yield holder
    holder.close()


@both_sizes
def test_another_paperdeck_holds_the_state(snap_compare: SnapCompare, place: Path,
                                           other_paperdeck: StateStore, size: Size) -> None:
    """A second paperdeck on the same home opens read-only and says why."""
    app = app_with_papers(place, [make_paper(n) for n in range(1, 6)])
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.fixture
def full_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every fsync fails with ENOSPC, as on a full disk."""

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@both_sizes
def test_a_failed_save_is_shown(snap_compare: SnapCompare, place: Path, full_disk: None,
                                size: Size) -> None:
    """`s` on a full disk: the background save fails and a notice says so."""
    app = app_with_papers(place, [make_paper(n) for n in range(1, 6)])

    async def star_and_wait(pilot: Pilot) -> None:
        await pilot.press("s")
        await wait_until(pilot, lambda: any("could not save" in m for m in notices(app)))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=after(steady, star_and_wait))


@both_sizes
def test_quitting_with_unsaved_changes_is_refused(snap_compare: SnapCompare, place: Path,
                                                  full_disk: None, size: Size) -> None:
    """`s` then `q` on a full disk: the app stays open and says the change is not saved."""
    app = app_with_papers(place, [make_paper(n) for n in range(1, 6)])

    async def star_and_quit(pilot: Pilot) -> None:
        await pilot.press("s", "q")
        # The writer's own failure is shown too, at the app's next look (within a second):
        # waited for, so the screenshot does not depend on which side of it it falls.
        await wait_until(pilot, lambda: any("could not save" in m for m in notices(app)))
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=after(steady, star_and_quit))


def test_export_failure_is_shown(snap_compare: SnapCompare, digest_app: PaperdeckApp) -> None:
    """Exporting to a folder: the dialog stays open and a notice says why."""

    async def export_to_a_folder(pilot: Pilot) -> None:
        Path("exports").mkdir()
        pilot.app.screen.query_one("#export-path", Input).value = "exports"
        await pilot.press("ctrl+s")
        await steady(pilot)

    scene = after(triaged, pressing("e"), export_to_a_folder)
    assert snap_compare(digest_app, terminal_size=(80, 24), run_before=scene)
