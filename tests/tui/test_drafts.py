"""A terminal closed with the notes dialog open keeps the typed text as a draft (not as the
notes) that the next `n` on that paper offers back."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static, TextArea

from tests.support.tui_helpers import SIZE, async_test, seeded_app, settle
from tui.screens.notes_dialog import NotesDialog
from tui.screens.tags_dialog import TagsDialog


def hint_of(dialog: NotesDialog) -> str:
    return str(dialog.query_one(".dialog-hint", Static).render())


@async_test
async def test_notes_typed_when_the_terminal_closed_come_back_as_a_draft(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("n", *"half a thought")
        await pilot.pause()
        app.close_for_signal()  # what SIGHUP/SIGTERM or a vanished terminal calls
        await pilot.pause()
    again = seeded_app(home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.store.get(paper.id).notes == ""  # a draft is not the notes
        await pilot.press("n")
        await pilot.pause()
        dialog = again.screen
        assert isinstance(dialog, NotesDialog)
        assert dialog.query_one(TextArea).text == "half a thought"
        assert "draft" in hint_of(dialog)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert again.store.get(paper.id).notes == "half a thought"
        await pilot.press("n")  # saved: the draft is gone
        await pilot.pause()
        assert "draft" not in hint_of(again.screen)


@async_test
async def test_a_draft_older_than_the_notes_says_so(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("n", *"draft text")
        await pilot.pause()
        app.close_for_signal()
        await pilot.pause()
    again = seeded_app(home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        again.store.set_notes(paper.id, "written elsewhere since")
        await pilot.press("n")
        await pilot.pause()
        assert again.screen.query_one(TextArea).text == "draft text"
        assert "older than the saved notes" in hint_of(again.screen)


@async_test
async def test_tags_typed_when_the_terminal_closed_come_back_as_a_draft(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("t", *"maybe later")
        await pilot.pause()
        app.close_for_signal()
        await pilot.pause()
    again = seeded_app(home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.store.get(paper.id).tags == ()
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(again.screen, TagsDialog)
        assert again.screen.query_one(Input).value == "maybe later"
        await pilot.press("escape")  # discarded: not offered again
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        assert again.screen.query_one(Input).value == ""
