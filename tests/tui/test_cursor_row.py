"""The cursor row is one solid bar: every cell of it has the cursor's background."""

from __future__ import annotations

from pathlib import Path

from tests.support.tui_helpers import async_test, screen_strips, seeded_app
from tui.widgets.paper_list import PaperList


@async_test
async def test_cursor_row_background_covers_title_badges_and_date(tmp_path: Path) -> None:
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        cursor_bg = paper_list.get_component_rich_style("paper-list--cursor").bgcolor
        # The first paper (with a code badge) is current. Up to the scroll rail's cell:
        width = paper_list.text_width
        cursor_line = paper_list.render_line(0).crop(0, width)
        other_line = paper_list.render_line(1).crop(0, width)
        backgrounds = {seg.style.bgcolor for seg in cursor_line if seg.text}
        assert backgrounds == {cursor_bg}
        assert cursor_bg not in {seg.style.bgcolor for seg in other_line if seg.text}


@async_test
async def test_moving_the_cursor_leaves_exactly_one_cursor_row_on_screen(tmp_path: Path) -> None:
    # A move redraws only the two rows it changes: the row left behind must lose the bar.
    app = seeded_app(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        cursor_bg = paper_list.get_component_rich_style("paper-list--cursor").bgcolor
        for keys, expected_row in ((("j", "j", "j"), 3), (("k",), 2), (("G", "g", "j"), 1)):
            await pilot.press(*keys)
            await pilot.pause()
            strips = screen_strips(app)  # what the terminal shows
            top = paper_list.region.y
            rows_with_bar = [
                y for y in range(paper_list.scrollable_content_region.height)
                if any(seg.style and seg.style.bgcolor == cursor_bg
                       for seg in strips[top + y] if seg.text.strip())
            ]
            assert rows_with_bar == [expected_row]
