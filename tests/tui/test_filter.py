"""Pilot tests of the filter: live ranking, qualifiers, highlights, empty states, bad queries."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from tests.support.tui_helpers import (
    SIZE,
    _key,
    app_with_papers,
    async_test,
    screen_lines,
    seeded_app,
    settle,
    type_filter,
    wait_until,
)
from tui.cli import main
from tui.screens import filtering
from tui.widgets.filter_bar import FilterInput
from tui.widgets.paper_list import PaperList


def count_label(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.main_screen.query_one("#match-count").render())


def row_text(app, row: int) -> str:  # type: ignore[no-untyped-def]
    plist: PaperList = app.main_screen.paper_list
    strip = plist.render_line(row - round(plist.scroll_y))
    return "".join(segment.text for segment in strip)


@async_test
async def test_typing_reranks_and_counts(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert count_label(app) == "88 of 88 papers"
        await type_filter(pilot, "megatron")
        shown = app.main_screen.visible_papers()
        assert shown and "Megatron" in shown[0].title
        assert count_label(app) == f"{len(shown)} of 88 papers"
        assert app.main_screen.paper_list.cursor == 0  # best match highlighted


@async_test
async def test_matched_title_characters_are_highlighted(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "pipeline")
        plist = app.main_screen.paper_list
        match_style = plist.get_component_rich_style("paper-list--match")
        strip = plist.render_line(0)
        styled = "".join(s.text for s in strip if s.style and match_style.underline
                         and s.style.underline)
        assert styled.lower().startswith("pipeline")


@async_test
async def test_typing_never_triggers_shortcuts(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "q s r ? T S R u y o 1 n t")
        assert app.is_running
        assert app.screen is app.main_screen
        assert isinstance(app.focused, FilterInput)
        assert app.focused.value == "q s r ? T S R u y o 1 n t"
        assert app.store.read_ids() == frozenset() and app.store.starred_ids() == frozenset()
        assert app.main_screen.sort_mode == "relevance"


@async_test
async def test_escape_clears_and_returns_to_the_list(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "diffusion")
        assert len(app.main_screen.visible_papers()) < 88
        await pilot.press("escape")
        await settle(pilot, 0.15)
        assert isinstance(app.focused, PaperList)
        assert app.main_screen.query_one(FilterInput).value == ""
        assert len(app.main_screen.visible_papers()) == 88


@async_test
async def test_clearing_the_filter_stays_on_the_paper_found(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "diffusion")
        await pilot.press("enter", "j", "j")  # to the list, third match
        await settle(pilot)
        found = app.main_screen.current_paper
        assert found is not None and found != app.library.papers[0]
        await pilot.press("slash", "escape")  # back to the filter, Esc clears it
        await settle(pilot, 0.15)
        assert len(app.main_screen.visible_papers()) == 88
        assert app.main_screen.current_paper == found
        assert found.title.split()[0] in app.main_screen.query_one("#detail-pane").plain


@async_test
async def test_qualifiers_use_the_state_store(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        papers = app.library.papers
        app.store.set_starred([papers[5].id, papers[9].id], True)
        app.store.set_read([papers[0].id], True)
        app.store.add_tag([papers[9].id], "later")
        await type_filter(pilot, "is:starred")
        assert app.main_screen.visible_papers() == [papers[5], papers[9]]
        await type_filter(pilot, "tag:later")
        assert app.main_screen.visible_papers() == [papers[9]]
        await type_filter(pilot, "is:unread")
        assert len(app.main_screen.visible_papers()) == 87
        await type_filter(pilot, "has:code -is:starred")
        shown = app.main_screen.visible_papers()
        assert shown and all(p.has_code and p.id not in {papers[5].id, papers[9].id}
                             for p in shown)
        app.store.add_tag([papers[2].id], "method")
        app.store.set_notes(papers[7].id, "see fig. 3")
        await type_filter(pilot, "has:tags")  # the filter worker's snapshot knows every tag
        assert app.main_screen.visible_papers() == [papers[2], papers[9]]
        await type_filter(pilot, "has:notes -has:tags")
        assert app.main_screen.visible_papers() == [papers[7]]


@async_test
async def test_no_match_says_how_to_get_out(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "xyzzyqq")
        assert app.main_screen.visible_papers() == []
        assert "No papers match 'xyzzyqq' — Esc clears the filter" in row_text(app, 1)
        assert count_label(app) == "0 of 88 papers"
        await pilot.press("enter")  # to the (empty) list
        assert isinstance(app.focused, PaperList)
        await pilot.press("s")  # nothing selected: a message, no crash
        await pilot.press("escape")  # Esc on the list clears the filter too
        await settle(pilot, 0.15)
        assert len(app.main_screen.visible_papers()) == 88
        assert app.main_screen.query_one(FilterInput).value == ""


@async_test
async def test_invalid_query_shows_its_message(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "bogus:thing")
        assert app.is_running
        bar = app.main_screen.query_one("#filter-bar")
        await wait_until(pilot, lambda: bar.has_class("-error"))  # once typing settles
        assert "bogus" in count_label(app)
        await type_filter(pilot, "pipeline")
        assert not bar.has_class("-error")
        assert "of 88 papers" in count_label(app)


@async_test
async def test_a_long_query_error_keeps_what_was_wrong_on_one_line_at_80x24(home: Path) -> None:
    """The error was cut at half the line: "is: takes read, unread, starred, unst…" hid what
    was wrong, the "(got 'foo')" at its end. Wrapping it instead grew the bar and moved the
    list at every half-typed qualifier ("is:u"), and a long value filled the screen."""
    app = seeded_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.main_screen.query_one("#filter-bar")
        list_top = app.main_screen.query_one("PaperList").region.y
        for query, start, end in [
            ("is:foo", "is: takes read", "(got 'foo')"),
            ("is:u", "is: takes read", "(got 'u')"),
            ("bogus:thing", "unknown qualifier 'bogus:'", "…"),
            ("is:" + "x" * 60, "is: takes read", "…"),  # a long value: cut, not a taller bar
        ]:
            await type_filter(pilot, query)

            def shown(start: str = start, end: str = end) -> bool:
                line = screen_lines(app)[0].rstrip()
                return start in line and line.endswith(end)

            await wait_until(pilot, shown)
            assert shown(), screen_lines(app)[:2]
            assert bar.size.height == 1  # one line: the list never moves
            assert app.main_screen.query_one("PaperList").region.y == list_top


@async_test
async def test_stale_results_are_dropped(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        # Fast typing: only the final text's result may land.
        await pilot.press(*"megatron", "backspace", "backspace", "backspace", "backspace",
                          "backspace", "backspace", "backspace", "backspace", *"gpipe")
        await settle(pilot, 0.2)
        shown = app.main_screen.visible_papers()
        assert shown and "GPipe" in shown[0].title
        assert app.main_screen.filter_text == "gpipe"


@async_test
async def test_empty_library_says_how_to_import(home: Path) -> None:
    app = app_with_papers(home, [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No papers yet" in row_text(app, 1)
        assert count_label(app) == "0 of 0 papers"


@async_test
async def test_a_failing_search_is_reported_not_fatal(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)

        def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
            raise RuntimeError("index [gone]")

        monkeypatch.setattr(app.engine(), "search", broken)
        await type_filter(pilot, "pipeline")
        assert app.is_running
        assert "search failed" in count_label(app) and "index [gone]" in count_label(app)
        assert len(app.main_screen.visible_papers()) == 88  # the list stays as it was


def cli_error(home: Path, query: str) -> str:
    """What `paperdeck list -q QUERY` prints for an invalid query (and that it exits 7)."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["--home", str(home), "list", "-q", query]) == 7
    line = err.getvalue().strip()
    assert line.startswith("paperdeck: error: ") and "\n" not in line
    return line.removeprefix("paperdeck: error: ")


@pytest.mark.parametrize("query", ["title:", '"pipeline par', "--is:read", "is:",
                                   'title:"pipeline', "megatron OR", "-", "bogus:thing"])
@async_test
async def test_the_bar_refuses_what_the_cli_refuses_in_the_same_words(
        home: Path, query: str) -> None:
    """The bar used to skip `title:` and an unclosed quote, and read `--is:read` as the words
    "is read" negated, where `--query` exits 7. One parser: the same error, the same text,
    and the list keeps the last good result."""
    app = seeded_app(home)
    async with app.run_test(size=(240, 36)) as pilot:  # wide: the whole message fits
        await settle(pilot)
        await type_filter(pilot, "pipeline")
        good = app.main_screen.visible_papers()
        assert 0 < len(good) < 88
        # At once, as a paste: typed, "pipeline title" would be a good result of its own.
        app.main_screen.query_one(FilterInput).value = f"pipeline {query}"
        bar = app.main_screen.query_one("#filter-bar")
        await wait_until(pilot, lambda: bar.has_class("-error"))
        assert count_label(app) == cli_error(home, f"pipeline {query}")
        assert app.main_screen.visible_papers() == good
        assert app.main_screen.filter_text == "pipeline"  # what the shown list is for


@async_test
async def test_a_half_typed_term_keeps_the_last_good_result_until_enter(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While a term is being typed the bar keeps the last good result and count; the error
    waits for typing to settle (here: never, the settle is made endless), or for Enter."""
    monkeypatch.setattr(filtering, "QUERY_ERROR_SETTLE", 10_000.0)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "pipeline")
        good, label = app.main_screen.visible_papers(), count_label(app)
        bar = app.main_screen.query_one("#filter-bar")
        for ch in ' "para':  # each prefix after the space is an open quote
            await pilot.press(_key(ch))
            await settle(pilot, 0.1)  # past the debounce: each prefix was searched
            assert app.main_screen.visible_papers() == good
            assert count_label(app) == label and not bar.has_class("-error")
        await pilot.press("enter")
        await settle(pilot)
        assert bar.has_class("-error") and count_label(app) == "unclosed quote"
        assert app.main_screen.visible_papers() == good
        assert isinstance(app.focused, PaperList)  # Enter still goes to the list
        await pilot.press("slash", *[_key(ch) for ch in 'llelism"'])
        await settle(pilot, 0.1)
        # The bar drops a shown error at the next keystroke already: wait for the result.
        await wait_until(pilot, lambda: app.main_screen.filter_text == 'pipeline "parallelism"')
        assert app.main_screen.filter_text == 'pipeline "parallelism"'
        assert not bar.has_class("-error")
        shown = app.main_screen.visible_papers()
        assert shown and all("parallelism" in f"{p.title} {p.abstract}".lower() for p in shown)
