"""Keys typed faster than the screen updates (a paste, tmux send-keys, a quick typist)."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from tests.support.tui_helpers import async_test, seeded_app, send_burst, wait_until
from tui.app import PaperdeckApp
from tui.widgets.filter_bar import FilterInput


def typed_text(app: PaperdeckApp) -> str | None:
    """The text of the focused field (an Input or a TextArea), None when no field has focus."""
    from textual.widgets import Input, TextArea

    field = app.screen.focused
    if isinstance(field, TextArea):
        return field.text
    return field.value if isinstance(field, Input) else None


def filter_value(app: PaperdeckApp) -> str:
    return app.main_screen.query_one(FilterInput).value


@async_test
async def test_slash_then_typing_in_one_burst_goes_into_the_filter(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # All keys are queued before any is handled: "/" must move focus before "e" arrives,
        # or "e" (export) and "g" (top) would fire as shortcuts.
        send_burst(app, "/mega")
        await wait_until(pilot, lambda: filter_value(app) == "mega", timeout=20)
        assert app.screen is app.screen_stack[0], type(app.screen).__name__
        assert app.screen.query_one(FilterInput).value == "mega"


@async_test
async def test_slash_then_typing_from_the_detail_pane_goes_into_the_filter(tmp_path: Path) -> None:
    from tui.widgets.detail_pane import DetailPane

    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.main_screen.query_one(DetailPane).focus()  # Tab, or a click on the abstract
        await pilot.pause()
        # The letters were queued on the pane before "/" moved focus: they were lost.
        send_burst(app, "/mega")
        await wait_until(pilot, lambda: filter_value(app) == "mega", timeout=20)
        assert app.screen is app.screen_stack[0], type(app.screen).__name__
        assert app.screen.query_one(FilterInput).value == "mega"


@async_test
async def test_enter_then_shortcuts_in_one_burst_act_on_the_list(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"megatron")
        # The debounced filter has run: the list shows only the matches.
        await wait_until(pilot, lambda: 0 < len(app.main_screen.paper_list.rows)
                         < len(app.library.papers), timeout=20)
        # Enter leaves the filter; "s" right behind it must star, not be typed into the filter.
        send_burst(app, "\rs")
        await wait_until(pilot, lambda: bool(app.store.starred_ids()), timeout=20)
        assert app.screen.query_one(FilterInput).value == "megatron"
        assert len(app.store.starred_ids()) == 1


@async_test
async def test_a_whole_burst_search_enter_star(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        send_burst(app, "/megatron\rs")
        await wait_until(pilot, lambda: bool(app.store.starred_ids()), timeout=20)
        assert app.screen.query_one(FilterInput).value == "megatron"
        assert len(app.store.starred_ids()) == 1


@async_test
async def test_a_shortcut_right_after_enter_acts_on_the_new_results(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.engine()  # the index is ready, as it is a second after start
        send_burst(app, "/pipeline\rs")  # Enter and "s" land before the debounced filter
        await wait_until(pilot, lambda: bool(app.store.starred_ids()), timeout=20)
        await app.workers.wait_for_complete()
        (starred,) = app.store.starred_ids()
        title = app.library.get(starred).title
        assert "pipeline" in title.lower(), title


@pytest.mark.parametrize(("key", "dialog"), [("n", "NotesDialog"), ("t", "TagsDialog")])
@async_test
async def test_typing_right_behind_a_dialog_key_goes_into_the_dialog(
        tmp_path: Path, key: str, dialog: str) -> None:

    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # "s", "r", "j" are list shortcuts: typed right behind "n" or "t" they are text.
        send_burst(app, key + "srj")
        await wait_until(pilot, lambda: type(app.screen).__name__ == dialog
                         and typed_text(app) == "srj", timeout=20)
        assert app.store.starred_ids() == set() and app.store.read_ids() == set()
        assert app.main_screen.paper_list.cursor == 0


@async_test
async def test_a_burst_through_the_notes_dialog_and_back_to_the_list(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper = app.main_screen.current_paper
        send_burst(app, ["n", "h", "i", "ctrl+s", "s"])
        # Waits for the last key's effect: a fixed pause (0.5 s) ran out on a loaded machine
        # with the dialog still open or the star not yet made.
        await wait_until(pilot, lambda: bool(app.store.starred_ids()) or bool(
            app.store.get(paper.id).notes.endswith("s")), timeout=20)
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).notes == "hi"
        assert app.store.starred_ids() == {paper.id}  # "s" after the dialog closed: a star


@async_test
async def test_keys_typed_while_held_keys_are_retyped_keep_their_order(tmp_path: Path) -> None:
    from textual.widgets import Input

    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        # A terminal hands a fast burst over in pieces: "tto" arrives, then "-read" once the
        # dialog is open, while "to" waits to be typed again into it.
        send_burst(app, "tto")
        for _ in range(10_000):  # the first turn of the loop at which "to" is held
            if app.key_order.replaying:
                break
            await asyncio.sleep(0)
        assert app.key_order.replaying
        send_burst(app, "-read")
        await wait_until(pilot, lambda: typed_text(app) == "to-read", timeout=20)
        assert app.screen.query_one(Input).value == "to-read"


@async_test
async def test_a_stalled_replay_never_swallows_the_keyboard(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import tui.key_order

    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(tui.key_order, "STALLED", 0.0)  # any pause is a stall
        monkeypatch.setattr(app.key_order, "_type_again", lambda *args: None)  # a broken chain
        send_burst(app, "ns")  # "s" is held behind the dialog's opening, and never typed
        await wait_until(pilot, lambda: app.key_order.replaying, timeout=20)
        await pilot.press("escape")  # the stalled chain lets it through: the dialog closes
        await wait_until(pilot, lambda: app.screen is app.main_screen, timeout=20)
        await pilot.press("s")  # the keyboard works again: this one stars
        await wait_until(pilot, lambda: bool(app.store.starred_ids()), timeout=20)
        assert app.store.starred_ids() == {app.main_screen.current_paper.id}


@async_test
async def test_a_burst_through_two_dialogs_keeps_every_key_in_its_dialog(tmp_path: Path) -> None:
    # Enter submits the tags through a binding, which runs only when the key is back up at
    # the app: the "n" behind it must wait for that, not land in the tags input.
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper = app.main_screen.current_paper
        send_burst(app, [*"tto-read", "\r", *"nhi", "ctrl+s", "s"])
        expected = (("to-read",), "hi", True)

        def outcome() -> tuple[tuple[str, ...], str, bool]:
            state = app.store.get(paper.id)
            return state.tags, state.notes, state.starred

        await wait_until(pilot, lambda: outcome() == expected, timeout=20)
        state = app.store.get(paper.id)
        assert (state.tags, state.notes, state.starred) == (("to-read",), "hi", True)
