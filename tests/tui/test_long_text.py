"""Long notes and long titles: the detail pane shows their start (and says how long they are),
the notes dialog opens on a huge note and saving keeps all of it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import TextArea

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    settle,
    wait_until,
)
from tui.screens.notes_dialog import NotesDialog
from tui.widgets.detail_pane import DetailPane

LINE = "A line of notes about this paper, long enough to wrap once in a narrow pane: ok.\n"


def long_note(lines: int) -> str:
    return "".join(f"{number:06d} {LINE}" for number in range(lines))


def pane(app) -> DetailPane:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(DetailPane)


@async_test
async def test_a_long_note_shows_its_first_lines_and_its_length(home: Path) -> None:
    note = long_note(4_000)
    app = app_with_papers(home, [make_paper(1), make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, note)
        app.main_screen.state_changed()
        await pilot.pause()
        shown = pane(app).plain
        assert "000000 A line of notes" in shown
        assert "003999" not in shown  # the end is not laid out in the pane
        assert f"{len(note):,} characters, 4,000 lines: n to edit" in shown
        assert "Abstract of paper 1." in shown  # the abstract is still there, below
        assert len(pane(app)._lines) < 60
        # Moving off and back on shows it the same way.
        await pilot.press("down")
        await wait_until(pilot, lambda: "Abstract of paper 2." in pane(app).plain)
        await pilot.press("up")
        await wait_until(pilot, lambda: "Abstract of paper 1." in pane(app).plain)
        assert f"{len(note):,} characters" in pane(app).plain


@async_test
async def test_a_short_note_is_shown_whole(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, "first line\nsecond [line]")
        app.main_screen.state_changed()
        await pilot.pause()
        shown = pane(app).plain
        assert "first line\nsecond [line]" in shown
        assert "characters" not in shown


@async_test
async def test_a_single_huge_line_of_notes_is_cut_too(home: Path) -> None:
    note = "x" * 300_000
    app = app_with_papers(home, [make_paper(1)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_notes(app.main_screen.current_paper.id, note)
        app.main_screen.state_changed()
        await pilot.pause()
        assert "300,000 characters, 1 line: n to edit" in pane(app).plain
        assert len(pane(app)._lines) < 60


@async_test
async def test_the_dialog_opens_on_a_huge_note_and_saving_keeps_all_of_it(home: Path) -> None:
    note = long_note(4_000)  # 356,000 characters
    app = app_with_papers(home, [make_paper(1)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, note)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NotesDialog))
        dialog = app.screen
        editor = dialog.query_one(TextArea)
        # The editor holds the start of the note; the dialog says the rest is kept.
        assert len(editor.text) < len(note)
        assert note.startswith(editor.text)
        hint = str(dialog.query_one(".dialog-hint").render())
        assert f"{len(note):,} characters" in hint and "kept" in hint
        editor.move_cursor((0, 0))
        await pilot.press(*"top ")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: app.screen is app.main_screen)
        assert app.store.get(paper.id).notes == "top " + note


@async_test
async def test_escape_on_an_untouched_huge_note_changes_nothing(home: Path) -> None:
    note = long_note(4_000)
    app = app_with_papers(home, [make_paper(1)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, note)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, NotesDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is app.main_screen)
        assert app.store.get(paper.id).notes == note


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
@async_test
async def test_a_huge_title_takes_a_few_lines_and_the_rest_is_further_down(
    home: Path, size: tuple[int, int]
) -> None:
    words = [f"word{number}" for number in range(700)]
    title = " ".join(words)  # about 5,000 characters
    app = app_with_papers(home, [make_paper(1, title)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = pane(app).plain.splitlines()
        first_label = next(i for i, line in enumerate(lines) if line.startswith("Digest"))
        assert first_label <= 5  # at most 4 lines of title, a blank line, then the fields
        assert lines[first_label - 2].endswith("…")
        assert "word0 word1" in lines[0]
        # The full title is in the pane, below the abstract: one scroll away.
        text = " ".join(pane(app).plain.split())
        assert title in text
        assert text.index("Abstract of paper 1.") < text.index(title)


@pytest.mark.parametrize("key", ["n", "t"])
@async_test
async def test_a_huge_title_leaves_the_dialog_its_editor(home: Path, key: str) -> None:
    title = " ".join(f"word{number}" for number in range(700))
    app = app_with_papers(home, [make_paper(1, title)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: app.screen is not app.main_screen)
        await pilot.pause()
        shown = str(app.screen.query_one(".dialog-title").render())
        assert shown.startswith(("Notes — word0 word1", "Tags — word0 word1"))
        assert shown.endswith("…") and len(shown) < 200
        editor = app.screen.query_one("#notes-editor" if key == "n" else "Input")
        assert editor.region.height > 0 and editor.region.bottom <= 24


def test_a_note_of_exactly_the_shown_lines_is_shown_whole() -> None:
    from tui.widgets.detail_pane import NOTE_LINES, note_preview

    note = "line\n" * NOTE_LINES
    assert note_preview(note) == (note, "")
    head, length = note_preview(note + "one more")
    assert head == note[:-1] and length == f"… {len(note) + 8} characters, 13 lines: n to edit"
