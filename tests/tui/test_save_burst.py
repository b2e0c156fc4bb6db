"""Ctrl+S typed right behind text (a quick typist, a paste, tmux send-keys) saves that text:
it is a priority binding, so it used to run before the keys queued ahead of it were typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    seeded_app,
    send_burst,
    settle,
)
from tui.screens.export_dialog import ExportDialog
from tui.screens.notes_dialog import NotesDialog


@pytest.fixture
def fake_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The export dialog's default path is in the working folder (or $HOME): never the
    repository's, never the real home."""
    path = tmp_path / "user-home"
    path.mkdir()
    monkeypatch.setenv("HOME", str(path))
    monkeypatch.chdir(path)
    return path


@async_test
async def test_ctrl_s_right_after_a_typed_path_exports_to_that_path(
    home: Path, tmp_path: Path, fake_home: Path
) -> None:
    app = app_with_papers(home, [make_paper(i) for i in range(3)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one("#export-path", Input).focus()
        await pilot.pause()
        target = tmp_path / "out" / "list.bib"
        target.parent.mkdir()
        send_burst(app, ["ctrl+u", *str(target), "ctrl+s"])
        await settle(pilot, 0.1)
        assert target.read_text(encoding="utf-8").count("@") == 3  # BibTeX, as the suffix says
        assert list(fake_home.iterdir()) == []  # nothing went to the old default path
        assert not isinstance(app.screen, ExportDialog)


@async_test
async def test_ctrl_s_right_after_typed_notes_saves_all_of_them(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, NotesDialog)
        send_burst(app, [*"read this soon", "ctrl+s"])
        await settle(pilot, 0.1)
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).notes == "read this soon"


@async_test
async def test_n_notes_and_ctrl_s_in_one_burst_from_the_list(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        send_burst(app, ["n", *"later", "ctrl+s"])
        await settle(pilot, 0.8)
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).notes == "later"


@async_test
async def test_ctrl_s_still_exports_with_the_format_list_open(
    home: Path, tmp_path: Path, fake_home: Path
) -> None:
    """No longer a priority binding: it must still reach the dialog from its other widgets."""
    app = app_with_papers(home, [make_paper(i) for i in range(3)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportDialog)
        target = tmp_path / "list.md"
        dialog.query_one("#export-path", Input).value = str(target)
        dialog.query_one("#export-format").focus()
        await pilot.press("enter")  # opens the format list
        await settle(pilot)
        assert dialog.query_one("#export-format").expanded
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert target.read_text(encoding="utf-8").startswith("# Reading list")
        assert list(fake_home.iterdir()) == []


@async_test
async def test_tags_typed_and_enter_in_one_burst_are_all_saved(home: Path) -> None:
    """The tags dialog has no ctrl+s: Enter (an Input message, behind the letters) saves."""
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        send_burst(app, ["t", *"to read later", "enter"])
        await settle(pilot, 0.8)
        assert app.screen is app.main_screen
        assert sorted(app.store.get(paper.id).tags) == ["later", "read", "to"]
