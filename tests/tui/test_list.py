"""The virtualised list: rows drawn on demand, cursor kept in view, big libraries stay cheap."""

from __future__ import annotations

from pathlib import Path

from tests.support.tui_helpers import SIZE, app_with_papers, async_test, make_paper, settle
from tui.core.search import SORT_MODES, next_sort, sort_rows
from tui.widgets.paper_list import PaperList


@async_test
async def test_100k_papers_render_only_visible_rows(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    papers = [make_paper(n) for n in range(100_000)]
    drawn: list[int] = []
    original = PaperList._render_row

    def counting(self, index, is_cursor, width):  # type: ignore[no-untyped-def]
        drawn.append(index)
        return original(self, index, is_cursor, width)

    monkeypatch.setattr(PaperList, "_render_row", counting)
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plist = app.main_screen.paper_list
        height = plist.size.height
        assert plist.virtual_size.height == 100_000
        assert len(set(drawn)) <= height + 2
        drawn.clear()
        await pilot.press("G")
        await pilot.pause()
        assert plist.current_index == 99_999
        assert plist.scroll_y <= plist.cursor < plist.scroll_y + height
        assert len(set(drawn)) <= height + 2
        assert app.main_screen.query_one("#match-count").render().plain == (
            "100,000 of 100,000 papers"
        )


@async_test
async def test_state_changes_redraw_the_row(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1), make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plist = app.main_screen.paper_list

        def first_row() -> str:
            return "".join(s.text for s in plist.render_line(0))

        assert "●" in first_row() and "★" not in first_row()
        await pilot.press("s", "r")
        assert "★" in first_row() and "●" not in first_row()


@async_test
async def test_a_click_below_the_last_row_picks_no_paper(home: Path) -> None:
    """A short list (a filter) leaves empty space: a click there moved the cursor to the last
    paper, where the next space marked it read."""
    app = app_with_papers(home, [make_paper(n) for n in range(1, 4)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plist = app.main_screen.paper_list
        await pilot.click(PaperList, offset=(20, 10))
        await settle(pilot)
        assert plist.cursor == 0
        await pilot.click(PaperList, offset=(20, 1))  # a click on a row still picks it
        await settle(pilot)
        assert plist.cursor == 1


def test_sort_rows_orders() -> None:
    papers = [
        make_paper(0, title="b", first_seen="2026-01-01"),
        make_paper(1, title="a", first_seen="2026-02-01"),
        make_paper(2, title="C", first_seen="2026-01-15"),
    ]
    ranked = [2, 0, 1]
    assert sort_rows(ranked, "relevance", papers, set()) == [2, 0, 1]
    assert sort_rows(ranked, "digest", papers, set()) == [0, 1, 2]
    assert sort_rows(ranked, "title", papers, set()) == [1, 0, 2]
    assert sort_rows(ranked, "starred", papers, {papers[2].id}) == [2, 0, 1]
    assert sort_rows(ranked, "first_seen", papers, set()) == [1, 2, 0]
    mode = SORT_MODES[0]
    for _ in SORT_MODES:
        mode = next_sort(mode)
    assert mode == SORT_MODES[0]
