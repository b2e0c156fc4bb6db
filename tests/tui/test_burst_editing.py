"""Editing keys in a burst (backspace, ctrl+u, arrows) act where they were typed, not after
the letters typed behind them."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.support.tui_helpers import async_test, seeded_app, send_burst, settle, wait_until
from tui.app import PaperdeckApp
from tui.screens.tags_dialog import TagsDialog
from tui.widgets.filter_bar import FilterInput


def filter_value(app: PaperdeckApp) -> str:
    return app.main_screen.query_one(FilterInput).value


@async_test
async def test_backspace_in_a_burst_deletes_the_letter_before_it(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        send_burst(app, [*"megx", "backspace", *"atron"])
        await wait_until(pilot, lambda: filter_value(app) == "megatron", timeout=20)
        assert app.main_screen.query_one(FilterInput).value == "megatron"


@async_test
async def test_ctrl_u_then_a_new_query_in_one_burst(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pipeline")
        await settle(pilot)
        send_burst(app, ["ctrl+u", *"megatron"])
        await wait_until(pilot, lambda: filter_value(app) == "megatron", timeout=20)
        assert app.main_screen.query_one(FilterInput).value == "megatron"


@async_test
async def test_arrows_in_a_burst_move_before_the_next_letter(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        send_burst(app, [*"ac", "left", "b"])
        await wait_until(pilot, lambda: filter_value(app) == "abc", timeout=20)
        assert app.main_screen.query_one(FilterInput).value == "abc"


@async_test
async def test_backspace_in_a_burst_in_the_tags_dialog(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TagsDialog)
        send_burst(app, [*"tox", "backspace", *"-read"])
        await wait_until(pilot, lambda: app.screen.query_one(Input).value == "to-read",
                         timeout=20)
        assert app.screen.query_one(Input).value == "to-read"
        await pilot.press("enter")
        await settle(pilot)
        assert app.store.get(app.main_screen.current_paper.id).tags == ("to-read",)
