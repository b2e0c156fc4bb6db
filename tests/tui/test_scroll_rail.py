"""The panes' scroll rails: where the thumb is, and the mouse wheel still scrolling."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from textual import events

from tests.support.tui_helpers import app_with_papers, async_test, make_paper, wait_until
from tui.widgets.detail_pane import DetailPane
from tui.widgets.paper_list import PaperList
from tui.widgets.scroll_rail import ScrollRail, thumb_rows


@given(height=st.integers(1, 200), total=st.integers(0, 200_000), top=st.integers(-5, 200_000))
def test_the_thumb_stays_on_the_rail_and_shows_how_much_is_seen(
    height: int, total: int, top: int
) -> None:
    thumb = thumb_rows(height, total, top)
    if total <= height:
        assert len(thumb) == 0  # everything fits: no thumb
        return
    assert 0 <= thumb.start < thumb.stop <= height
    assert len(thumb) == max(1, round(height * height / total))
    last_top = total - height
    if top <= 0:
        assert thumb.start == 0
    if top >= last_top:
        assert thumb.stop == height  # at the end, the thumb touches the bottom


@given(height=st.integers(2, 100), total=st.integers(101, 50_000), data=st.data())
def test_scrolling_further_never_moves_the_thumb_up(height: int, total: int,
                                                    data: st.DataObject) -> None:
    a = data.draw(st.integers(0, total - height))
    b = data.draw(st.integers(a, total - height))
    assert thumb_rows(height, total, a).start <= thumb_rows(height, total, b).start


def wheel(view: ScrollRail, event_type: type[events.MouseScrollDown | events.MouseScrollUp]
          ) -> None:
    """One notch of the mouse wheel over the view, as the terminal driver sends it."""
    region = view.region
    view.post_message(event_type(view, 5, 5, 0, 1, 0, False, False, False,
                                 region.x + 5, region.y + 5))


def rail_column(view: ScrollRail) -> int:
    """The screen column of the view's rail: the last one inside its padding."""
    return view.content_region.x + view.text_width


def rail_cells(view: ScrollRail) -> list[str]:
    """'#' for a thumb cell, '.' for the track, read from the rendered lines' last cell."""
    track, thumb = (cell.style for cell in view.rail_cells())
    assert track != thumb
    cells = []
    for y in range(view.scrollable_content_region.height):
        last = list(view.render_line(y))[-1]
        cells.append("#" if last.style == thumb else ".")
    return cells


@async_test
async def test_the_list_rail_follows_the_cursor_and_the_wheel_scrolls(tmp_path: Path) -> None:
    papers = [make_paper(n) for n in range(300)]
    app = app_with_papers(tmp_path, papers)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        rail = rail_cells(paper_list)
        assert rail[0] == "#" and rail[-1] == "."  # at the top of 300 papers
        await pilot.press("G")
        await wait_until(pilot, lambda: rail_cells(paper_list)[-1] == "#")
        assert rail_cells(paper_list)[0] == "."
        top = paper_list.scroll_y
        wheel(paper_list, events.MouseScrollUp)  # the wheel works with no scrollbar widget
        await wait_until(pilot, lambda: paper_list.scroll_y < top)
        assert paper_list.scroll_y < top
        dark = paper_list.rail_cells()
        app.theme = "textual-light"  # the rail takes the new theme's scrollbar colours
        await pilot.pause()
        assert paper_list.rail_cells() != dark
        assert list(paper_list.render_line(0))[-1] in paper_list.rail_cells()


@async_test
async def test_the_detail_rail_shows_a_long_abstract_and_the_wheel_scrolls_it(
    tmp_path: Path,
) -> None:
    long_abstract = " ".join(f"word{n}" for n in range(1500))
    papers = [make_paper(0, abstract=long_abstract), make_paper(1)]
    app = app_with_papers(tmp_path, papers)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: "#" in rail_cells(detail))
        assert rail_cells(detail)[0] == "#" and rail_cells(detail)[-1] == "."
        wheel(detail, events.MouseScrollDown)
        await wait_until(pilot, lambda: detail.scroll_y > 0)
        assert detail.scroll_y > 0
        await pilot.press("j")  # the next paper is short: no thumb, back at the top
        await wait_until(pilot, lambda: "#" not in rail_cells(detail))
        assert detail.scroll_y == 0


@async_test
async def test_a_click_on_the_rail_pages_the_view_and_a_click_on_a_row_picks_it(
    tmp_path: Path,
) -> None:
    app = app_with_papers(tmp_path, [make_paper(n) for n in range(300)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        detail = app.screen.query_one(DetailPane)
        rail_x = rail_column(paper_list)
        top = paper_list.content_region.y
        height = paper_list.view_size.height
        await pilot.click(offset=(rail_x, top + 20))  # below the thumb: one page down
        await pilot.pause()
        assert paper_list.scroll_y == height
        assert paper_list.cursor == 0 and "Paper number 0" in detail.plain  # not a row pick
        await pilot.click(offset=(rail_x, top))  # above the thumb now: back up
        await pilot.pause()
        assert paper_list.scroll_y == 0
        await pilot.click(offset=(rail_x - 5, top + 4))  # on the row itself: picks the paper
        await wait_until(pilot, lambda: "Paper number 4" in detail.plain)
        assert paper_list.cursor == 4


@async_test
async def test_a_click_on_the_detail_rail_pages_a_long_abstract(tmp_path: Path) -> None:
    long_abstract = " ".join(f"word{n}" for n in range(1500))
    app = app_with_papers(tmp_path, [make_paper(0, abstract=long_abstract)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: "#" in rail_cells(detail))
        rail_x = rail_column(detail)
        await pilot.click(offset=(rail_x, detail.content_region.bottom - 1))
        await pilot.pause()
        assert detail.scroll_y == detail.view_size.height


@async_test
async def test_dragging_the_list_thumb_scrolls_and_the_release_picks_nothing(
    tmp_path: Path,
) -> None:
    app = app_with_papers(tmp_path, [make_paper(n) for n in range(300)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        rail_x = rail_column(paper_list)
        top = paper_list.content_region.y
        height = paper_list.view_size.height
        thumb = thumb_rows(height, 300, 0)
        travel = height - len(thumb)
        await pilot.mouse_down(offset=(rail_x, top + thumb.start))
        await pilot.hover(offset=(rail_x, top + thumb.start + travel // 2))  # half way
        await pilot.pause()
        half = (300 - height) * (travel // 2) / travel
        assert abs(paper_list.scroll_y - half) <= 1
        assert rail_cells(paper_list)[thumb.start + travel // 2] == "#"  # under the pointer
        await pilot.hover(offset=(rail_x - 30, 35))  # past the end, off the rail
        await pilot.pause()
        assert paper_list.scroll_y == paper_list.max_scroll_y
        await pilot.mouse_up(offset=(rail_x, top + height - 1))
        await pilot.click(offset=(rail_x, top + height - 1))  # ...and a later click still works
        await pilot.pause()
        assert paper_list.cursor == 0  # the drag and its release moved no cursor
        assert paper_list.scroll_y == paper_list.max_scroll_y  # on the thumb: no paging
        await pilot.mouse_down(offset=(rail_x, top + height - 1))  # grab it again...
        await pilot.hover(offset=(rail_x, 0))  # ...and throw it past the top
        await pilot.mouse_up(offset=(rail_x, top))
        await pilot.pause()
        assert paper_list.scroll_y == 0 and paper_list.cursor == 0


@async_test
async def test_dragging_the_detail_thumb_scrolls_a_long_abstract(tmp_path: Path) -> None:
    long_abstract = " ".join(f"word{n}" for n in range(1500))
    app = app_with_papers(tmp_path, [make_paper(0, abstract=long_abstract)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        detail = app.screen.query_one(DetailPane)
        await wait_until(pilot, lambda: "#" in rail_cells(detail))
        rail_x = rail_column(detail)
        top = detail.content_region.y
        await pilot.mouse_down(offset=(rail_x, top))
        await pilot.hover(offset=(rail_x, top + 3))
        await pilot.mouse_up(offset=(rail_x, top + 3))
        await pilot.pause()
        assert 0 < detail.scroll_y < detail.max_scroll_y
        assert rail_cells(detail)[3] == "#"


@async_test
async def test_with_nothing_to_page_a_click_in_the_rail_column_picks_the_row(
    tmp_path: Path,
) -> None:
    """A short list has no thumb: the rail column swallowed the click on a row's last cell."""
    app = app_with_papers(tmp_path, [make_paper(n) for n in range(5)])
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        paper_list = app.screen.query_one(PaperList)
        detail = app.screen.query_one(DetailPane)
        assert "#" not in rail_cells(paper_list)
        rail_x = rail_column(paper_list)
        await pilot.click(offset=(rail_x, paper_list.content_region.y + 3))
        await wait_until(pilot, lambda: "Paper number 3" in detail.plain)
        assert paper_list.cursor == 3
