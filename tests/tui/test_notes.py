"""The notes dialog: Ctrl+S saves, Esc cancels, and asks first when there are unsaved changes."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import TextArea

from tests.support.tui_helpers import SIZE, async_test, seeded_app, settle
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.notes_dialog import NotesDialog


async def open_notes(pilot, app):  # type: ignore[no-untyped-def]
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(app.screen, NotesDialog)
    return app.screen.query_one(TextArea)


@async_test
async def test_ctrl_s_saves_notes(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await open_notes(pilot, app)
        await pilot.press(*"read [this] q", "enter", *"second line")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).notes == "read [this] q\nsecond line"
        assert app.store.starred_ids() == frozenset()  # typing q/s in the editor did nothing
        await open_notes(pilot, app)
        assert app.screen.query_one(TextArea).text == "read [this] q\nsecond line"


@async_test
async def test_escape_without_changes_closes_at_once(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_notes(pilot, app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


@async_test
async def test_escape_with_changes_asks_first(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, "kept")
        await open_notes(pilot, app)
        await pilot.press(*" and more")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")  # keep editing
        await pilot.pause()
        assert isinstance(app.screen, NotesDialog)
        assert app.screen.query_one(TextArea).text.endswith(" and more")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")  # discard
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).notes == "kept"


@async_test
async def test_notes_show_in_row_badge_and_detail(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await open_notes(pilot, app)
        await pilot.press(*"worth a look", "ctrl+s")
        await pilot.pause()
        plist = app.main_screen.paper_list
        assert "✎" in "".join(s.text for s in plist.render_line(0))
        from tui.widgets.detail_pane import DetailPane

        assert "worth a look" in app.main_screen.query_one(DetailPane).plain


@async_test
async def test_notes_in_conflict_are_shown_and_merged_by_hand(home: Path, tmp_path: Path) -> None:
    from tui.core.state import StateStore
    from tui.widgets.detail_pane import DetailPane

    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        app.store.set_notes(paper.id, "mine [b]")
        other = StateStore.open(tmp_path / "other")
        other.set_notes(paper.id, "theirs")
        other.export_state(tmp_path / "other.json")
        other.close()
        app.store.merge_state(tmp_path / "other.json")
        app.main_screen.state_changed()
        await pilot.pause()
        assert "notes conflict: 2 versions" in app.main_screen.query_one(DetailPane).plain
        editor = await open_notes(pilot, app)
        text = editor.text
        assert text.index("version 1 of 2 (this machine)") < text.index("mine [b]")
        assert text.index("version 2 of 2") < text.index("theirs")
        editor.text = "mine [b] and theirs"
        await pilot.press("ctrl+s")
        await pilot.pause()
        state = app.store.get(paper.id)
        assert state.notes == "mine [b] and theirs" and not state.conflict
        assert "notes conflict" not in app.main_screen.query_one(DetailPane).plain
