"""SVG snapshots of the main screen, help, stats and the notes dialog (seeded, fixed size).

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from tests.support.tui_helpers import app_with_digest, settle
from tui.app import PaperdeckApp


@pytest.fixture
def app(home: Path, seed_copy: Path) -> PaperdeckApp:
    # A fixed import date makes the digest dates (and so the snapshot) stable across years.
    return app_with_digest(home, seed_copy)


async def triaged(pilot: Pilot) -> None:
    """A few papers read, starred, noted and tagged, so every badge shows."""
    await settle(pilot)
    app: PaperdeckApp = pilot.app  # type: ignore[assignment]
    papers = app.library.papers
    app.store.set_read([p.id for p in papers[:30]], True)
    app.store.set_starred([papers[1].id, papers[4].id, papers[40].id], True)
    app.store.set_notes(papers[2].id, "Compare with [GPipe] later.")
    app.store.add_tag([papers[1].id, papers[2].id, papers[40].id], "pipelines")
    app.store.add_tag([papers[1].id], "todo")
    app.main_screen.state_changed()
    await pilot.press("j", "j")
    await pilot.pause()


def test_main_screen(snap_compare, app: PaperdeckApp) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(app, terminal_size=(120, 36), run_before=triaged)


def test_main_screen_filtered_narrow(snap_compare, app: PaperdeckApp) -> None:  # type: ignore[no-untyped-def]
    async def filtered(pilot: Pilot) -> None:
        await triaged(pilot)
        await pilot.press("slash", *"pipeline", "enter")
        await settle(pilot, 0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=filtered)


def test_help_screen(snap_compare, app: PaperdeckApp) -> None:  # type: ignore[no-untyped-def]
    async def help_open(pilot: Pilot) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=help_open)


def test_stats_screen(snap_compare, app: PaperdeckApp) -> None:  # type: ignore[no-untyped-def]
    async def stats_open(pilot: Pilot) -> None:
        await triaged(pilot)
        await pilot.press("T")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=stats_open)


def test_notes_dialog(snap_compare, app: PaperdeckApp) -> None:  # type: ignore[no-untyped-def]
    async def notes_open(pilot: Pilot) -> None:
        await triaged(pilot)
        await pilot.press("n")
        await pilot.pause()
        editor = pilot.app.screen.query_one(TextArea)
        editor.cursor_blink = False
        await pilot.press(*" Check the bubble schedule.")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 36), run_before=notes_open)
