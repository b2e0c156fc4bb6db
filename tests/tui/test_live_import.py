"""A digest imported by another paperdeck while the app is open shows in the app, with a notice,
on the same paper and under the same filter."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

from tests.support.tui_helpers import (
    SIZE,
    async_test,
    notices,
    notifications,
    seeded_app,
    settle,
    type_filter,
    wait_until,
)
from tui.core.library import Library

NEW_TITLES = [
    "Latent Diffusion for Tiny Robots",
    "A Survey of Cats on Keyboards",
    "Diffusion Models That Fold Laundry",
]


def write_digest(path: Path, titles: list[str], date_line: str = "Mar 12") -> Path:
    blocks = [f"{title}\n\nWe study {title.lower()} at length.\n" for title in titles]
    path.write_text(f"{date_line}\n\n" + "\n".join(blocks), encoding="utf-8")
    return path


def import_elsewhere(home: Path, digest: Path) -> subprocess.CompletedProcess[str]:
    """`paperdeck import FILE` in another terminal: another process, the real command."""
    return subprocess.run([sys.executable, "-m", "tui", "--home", str(home), "import",
                           str(digest)], capture_output=True, text=True, timeout=120,
                          check=False)


def shown_titles(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [paper.title for paper in app.main_screen.visible_papers()]


@async_test
async def test_papers_imported_by_another_paperdeck_appear_under_the_same_filter(
        home: Path, tmp_path: Path) -> None:
    digest = write_digest(tmp_path / "new.txt", NEW_TITLES)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "title:diffusion")
        await pilot.press("enter", "j", "j")
        await settle(pilot)
        screen = app.main_screen
        before = shown_titles(app)
        assert len(before) >= 3 and not set(NEW_TITLES) & set(before)
        cursor_paper = screen.current_paper
        result = await asyncio.to_thread(import_elsewhere, home, digest)
        assert result.returncode == 0, result.stderr
        await wait_until(pilot, lambda: NEW_TITLES[0] in shown_titles(app)
                         and "3 new papers imported by another paperdeck" in notices(app),
                         timeout=30)
        shown = shown_titles(app)
        assert NEW_TITLES[0] in shown and NEW_TITLES[2] in shown  # they match the filter
        assert NEW_TITLES[1] not in shown  # this one does not
        assert set(before) <= set(shown)
        assert screen.filter_text == "title:diffusion"
        assert screen.current_paper.id == cursor_paper.id  # still on the paper it was on
        assert len(app.library.papers) == 91
        await pilot.press("s")  # the cursor's paper is the one changed
        assert app.store.get(cursor_paper.id).starred
        await pilot.press("escape")  # clearing the filter: every paper, the new ones first
        await settle(pilot)
        assert [p.title for p in screen.visible_papers()[:3]] == NEW_TITLES
        assert screen.current_paper.id == cursor_paper.id


@async_test
async def test_a_later_import_counts_only_its_new_papers(home: Path, tmp_path: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = write_digest(tmp_path / "one.txt", NEW_TITLES[:1])
        Library.open(home, seed_if_empty=False).import_paths([first])  # as a command would
        await wait_until(pilot, lambda: "1 new paper imported by another paperdeck"
                         in notices(app), timeout=30)
        second = write_digest(tmp_path / "two.txt", NEW_TITLES, date_line="Mar 13")
        Library.open(home, seed_if_empty=False).import_paths([second])
        await wait_until(pilot, lambda: "2 new papers imported by another paperdeck"
                         in notices(app), timeout=30)
        # The notice comes with the swap; the list shows the new papers once the filter ran again.
        await wait_until(pilot, lambda: len(app.main_screen.visible_papers()) == 91, timeout=30)
        assert app.main_screen.visible_papers()[0].title in NEW_TITLES


def test_the_library_says_when_the_log_on_disk_changed(home: Path, tmp_path: Path,
                                                       seed_path: Path) -> None:
    shown = Library.open(home)
    assert not shown.changed_on_disk()
    other = Library.open(home, seed_if_empty=False)
    other.import_paths([write_digest(tmp_path / "new.txt", NEW_TITLES)])
    assert not other.changed_on_disk()  # its own import
    assert shown.changed_on_disk()
    fresh = shown.reopen()
    assert fresh is not None and len(fresh.papers) == 91 and not fresh.changed_on_disk()
    assert len(shown.papers) == 88  # the one shown is left as it was


def test_no_reopen_while_another_paperdeck_is_importing(home: Path, tmp_path: Path) -> None:
    """An import holds library.lock from before its log is written until its cache is:
    a library read meanwhile could be half old, half new."""
    shown = Library.open(home)
    Library.open(home, seed_if_empty=False).import_paths(
        [write_digest(tmp_path / "new.txt", NEW_TITLES)])
    with FileLock(str(home / "library.lock")):
        assert shown.reopen() is None
    assert shown.reopen() is not None


@async_test
async def test_an_import_log_turned_unreadable_is_said_once_and_the_papers_stay(
        home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        (home / "imports.json").write_text("someone else's notes\n", encoding="utf-8")
        await wait_until(pilot, lambda: any("not shown" in m for m in notices(app)),
                         timeout=30)
        (refusal,) = [n for n in notifications(app) if "not shown" in str(n.message)]
        assert refusal.severity == "error" and "imports.json" in str(refusal.message)
        assert len(app.main_screen.visible_papers()) == 88 and app.is_running
