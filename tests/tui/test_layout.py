"""The screen works at 80x24 and at 200x60: everything that matters is on it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.tui_helpers import async_test, screen_lines, screen_text, seeded_app, settle
from tui.widgets.detail_pane import DetailPane
from tui.widgets.paper_list import PaperList


@pytest.mark.parametrize("size", [(80, 24), (120, 36), (200, 60)])
@async_test
async def test_main_screen_at_size(home: Path, size: tuple[int, int]) -> None:
    app = seeded_app(home)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_lines(app)
        assert len(lines) == size[1]
        text = "\n".join(lines)
        first = app.library.papers[0]
        assert "88 of 88 papers" in lines[0]
        assert "0/88 read · 0 starred" in lines[-2]
        assert "Filter" in lines[-1] and "palette" in lines[-1]
        assert first.title[:30] in text  # in the list row
        assert "Digest" in text and "State" in text  # the detail pane is on screen too
        plist = app.main_screen.paper_list
        assert plist.size.height >= 8  # a useful number of rows even at 80x24
        await pilot.press("G")
        await pilot.pause()
        assert app.library.papers[-1].title[:20] in "\n".join(screen_lines(app))


@pytest.mark.parametrize("key", ["question_mark", "T", "n", "t"])
@async_test
async def test_screens_fit_at_80x24(home: Path, key: str) -> None:
    app = seeded_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not app.main_screen
        text = "\n".join(screen_lines(app))
        hint = {"question_mark": "Keys", "T": "Triage progress", "n": "Ctrl+S save",
                "t": "Enter saves"}[key]
        assert hint in text


@async_test
async def test_key_bar_follows_focus_and_clicks_run_actions(home: Path) -> None:
    from tui.widgets.key_bar import KeyBar

    app = seeded_app(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.main_screen.query_one(KeyBar)
        line = screen_lines(app)[-1]
        assert "s Star" in line and "q Quit" in line and "^p palette" in line
        star_at = line.index(" s Star") + 1
        paper = app.main_screen.current_paper
        await pilot.click(bar, offset=(star_at, 0))
        await pilot.pause()
        assert app.store.get(paper.id).starred
        await pilot.press("slash")
        await pilot.pause()
        assert "esc Clear filter" in screen_lines(app)[-1]
        await pilot.press("escape")
        await pilot.pause()
        assert "s Star" in screen_lines(app)[-1]
        help_at = screen_lines(app)[-1].index(" ? Help") + 1
        await pilot.click(bar, offset=(help_at, 0))
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"


@async_test
async def test_clicking_the_palette_hint_opens_the_palette(home: Path) -> None:
    """"^p palette" sits in the key bar like the keys beside it: a click opened nothing."""
    from textual.command import CommandPalette

    from tui.widgets.key_bar import KeyBar

    app = seeded_app(home)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        bar = app.main_screen.query_one(KeyBar)
        palette_at = screen_lines(app)[-1].index("^p palette") + 2
        await pilot.click(bar, offset=(palette_at, 0))
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)


@async_test
async def test_start_up_focuses_the_list_and_leaves_the_index_for_later(tmp_path: Path) -> None:
    # Focus on the filter would start building the search index beside the first frame.
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause(0.2)
        assert app.screen.focused is app.main_screen.paper_list
        assert [worker for worker in app.workers if worker.group == "index"] == []
        assert app.ready_engine is None
        await pilot.press("slash")  # about to type a query: now build it (well before 1 s)
        await app.workers.wait_for_complete()
        assert app.ready_engine is not None


@pytest.mark.parametrize(("size", "wide"), [((120, 36), True), ((80, 24), False)])
@async_test
async def test_the_main_screen_starts_with_its_width_class(
        tmp_path: Path, size: tuple[int, int], wide: bool) -> None:
    # Born -wide or -narrow: set at the first resize instead, every widget was styled twice.
    app = seeded_app(tmp_path)
    async with app.run_test(size=size):
        for screen in (app.main_screen, app.get_default_screen()):  # running, and a new one
            assert screen.has_class("-wide") is wide and screen.has_class("-narrow") is not wide


@async_test
async def test_resizing_the_terminal_redraws_both_panes_at_the_new_size(tmp_path: Path) -> None:
    # A resize repaints the list from Textual's own resize handling (the list adds no repaint
    # of its own): every row must come out at the new width, date column included.
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for size in ((80, 24), (200, 60), (120, 36)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            paper_list = app.screen.query_one(PaperList)
            detail = app.screen.query_one(DetailPane)
            for pane in (paper_list, detail):  # the size the panes draw to is the real one
                assert pane.view_size == pane.scrollable_content_region.size
            top = paper_list.region.y
            rows = screen_lines(app)[top: top + paper_list.view_size.height]
            text = slice(paper_list.region.x, paper_list.region.x + paper_list.text_width)
            assert all(re.search(r"2026-03-11\s*$", row[text]) for row in rows)
            assert all(len(line) == size[0] for line in screen_lines(app))
            assert detail.plain.splitlines()[0] in screen_text(app)
