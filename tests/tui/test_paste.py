"""Text pasted into the app, and notes merged from elsewhere, never reach the terminal as escape
sequences: every input (filter, tags, notes editor, export file name) shows them as text."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.widgets import Input, TextArea

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    settle,
    stray_escapes,
    terminal_output,
)
from tui.widgets.literal import clean

EVIL = "a\x1b]52;c;cm0gLXJm\x07b\x1b[2Jc\u009b2Jd\x07e\x08f"


async def paste(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    # As the driver delivers a bracketed paste: to the app, which forwards it to the focus.
    pilot.app.post_message(events.Paste(text))
    await settle(pilot, 0.2)


@async_test
async def test_pastes_and_merged_notes_show_no_escape_sequences(home: Path) -> None:
    paper = make_paper(1)
    app = app_with_papers(home, [paper, make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_notes(paper.id, "merged notes " + EVIL)  # as `state merge` could bring
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.focused, TextArea)
        assert stray_escapes(terminal_output(app)) == []
        await paste(pilot, EVIL)
        assert stray_escapes(terminal_output(app)) == []
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.store.get(paper.id).notes == "merged notes " + clean(EVIL) * 2

        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.focused, Input)
        await paste(pilot, EVIL)
        assert stray_escapes(terminal_output(app)) == []
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("slash")
        await paste(pilot, EVIL)
        assert app.focused is not None and app.focused.id == "filter-input"
        assert stray_escapes(terminal_output(app)) == []
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("e")
        await pilot.pause()
        await paste(pilot, EVIL)
        assert stray_escapes(terminal_output(app)) == []
        assert app.is_running
