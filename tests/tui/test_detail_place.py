"""The detail pane keeps the reader's place while the paper read is the same one."""

from __future__ import annotations

from pathlib import Path

from tests.support.tui_helpers import SIZE, app_with_papers, async_test, make_paper, settle
from tui.widgets.detail_pane import DetailPane

LONG = " ".join(f"word{n}" for n in range(1500))


@async_test
async def test_starring_while_reading_keeps_the_place_in_the_abstract(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1, abstract=LONG), make_paper(2, abstract=LONG)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = app.main_screen.query_one(DetailPane)
        await pilot.press("tab", *"jjjjjjjjjj")  # into the pane, ten lines down
        await settle(pilot)
        assert detail.scroll_y == 10
        await pilot.press("s")  # it jumped back to the title: the place was lost
        await settle(pilot, 0.1)
        assert app.store.get(app.main_screen.current_paper.id).starred
        assert detail.scroll_y == 10
        await pilot.press("u")
        await settle(pilot, 0.1)
        assert detail.scroll_y == 10
        await pilot.press("shift+tab", "j")  # another paper starts at its top
        await settle(pilot, 0.1)
        assert app.main_screen.current_paper.id == app.library.papers[1].id
        assert detail.scroll_y == 0
