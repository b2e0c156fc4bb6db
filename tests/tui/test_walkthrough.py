"""Pilot tests for what a new user hit walking through the TUI (tags, undo, panes, status)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.command import CommandList, Provider
from textual.dom import DOMNode
from textual.widgets import Input
from textual.widgets._toast import Toast

import tui
from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    screen_lines,
    settle,
    type_filter,
)
from tui.core.model import Link
from tui.widgets.detail_pane import DetailPane
from tui.widgets.status_line import StatusLine

# Attributes Textual's metaclass writes on every DOMNode subclass: not overrides.
TEXTUAL_GENERATED = {
    "_decorated_handlers", "_reactives", "_inherit_css", "_inherit_bindings",
    "_inherit_component_classes", "_css_type_name", "_merged_bindings", "_css_type_names",
    "_computes", "_abc_impl",
}


def tagged_papers() -> list:  # type: ignore[type-arg]
    return [make_paper(n) for n in range(1, 4)]


@async_test
async def test_tags_dialog_typing_appends_to_existing_tags(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper_id = app.main_screen.current_paper.id
        app.store.add_tag([paper_id], "to-read")
        app.store.add_tag([paper_id], "upper")
        await pilot.press("t")
        await settle(pilot)
        tags_input = app.screen.query_one(Input)
        assert tags_input.selection.is_empty
        assert tags_input.cursor_position == len(tags_input.value)
        await pilot.press(*"newtag", "enter")
        await settle(pilot)
        assert set(app.store.get(paper_id).tags) == {"to-read", "upper", "newtag"}


@async_test
async def test_saving_the_tags_dialog_is_one_undo_step(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper_id = app.main_screen.current_paper.id
        app.store.add_tag([paper_id], "old")
        await pilot.press("t")
        await settle(pilot)
        tags_input = app.screen.query_one(Input)
        tags_input.value = "alpha beta gamma"
        await pilot.press("enter")
        await settle(pilot)
        assert set(app.store.get(paper_id).tags) == {"alpha", "beta", "gamma"}
        await pilot.press("u")
        await settle(pilot)
        assert app.store.get(paper_id).tags == ("old",)


def test_no_tui_class_shadows_a_private_textual_name() -> None:
    """An override of a Textual internal (App._flush took stderr=) breaks Textual silently."""
    shadowed = []
    for info in pkgutil.walk_packages(tui.__path__, "tui."):
        if ".core" in info.name or ".cli" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for cls in vars(module).values():
            if not (inspect.isclass(cls) and cls.__module__ == module.__name__
                    and issubclass(cls, (DOMNode, Provider))):
                continue
            bases = [b for b in cls.__mro__[1:] if b.__module__.startswith("textual")]
            for name in vars(cls):
                if (name.startswith("_") and not name.startswith("__")
                        and name not in TEXTUAL_GENERATED
                        and any(name in vars(base) for base in bases)):
                    shadowed.append(f"{cls.__qualname__}.{name}")
    assert shadowed == []


@async_test
async def test_detail_pane_shows_the_twelve_character_id(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        assert f"id {paper.id[:12]}" in app.main_screen.query_one(DetailPane).plain


@async_test
async def test_notes_show_above_links_and_abstract(home: Path) -> None:
    papers = [make_paper(1, abstract="A long abstract. " * 200)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_notes(papers[0].id, "my saved note")
        app.main_screen.state_changed()
        await settle(pilot)
        plain = app.main_screen.query_one(DetailPane).plain
        assert plain.index("my saved note") < plain.index("Links") < plain.index("A long")
        assert "my saved note" in "\n".join(screen_lines(app))


@async_test
async def test_j_k_scroll_the_focused_detail_pane_and_focus_is_visible(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1, abstract="Long abstract words. " * 400)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        detail = app.main_screen.query_one(DetailPane)
        blurred = detail.styles.border_left
        await pilot.press("tab")
        await settle(pilot)
        assert app.focused is detail
        assert detail.styles.border_left != blurred  # the focused pane is marked
        await pilot.press("j", "j", "j")
        await settle(pilot)
        assert detail.scroll_y == 3
        await pilot.press("k")
        await settle(pilot)
        assert detail.scroll_y == 2


@async_test
async def test_help_lists_tab_and_the_row_markers(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=(120, 80)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        text = "\n".join(screen_lines(app))
        assert "Next pane: list, detail, filter" in text
        for marker, meaning in (("●", "unread"), ("★", "starred"), ("✎", "has notes"),
                                ("</>", "has a code link")):
            assert any(marker in line and meaning in line for line in text.splitlines())


@async_test
async def test_g_and_shift_g_scroll_the_help(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        pane = app.screen.query_one("#help-dialog")
        await pilot.press("G")
        await settle(pilot)
        assert pane.scroll_y == pane.max_scroll_y > 0
        await pilot.press("g")
        await settle(pilot)
        assert pane.scroll_y == 0


def status_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.main_screen.query_one(StatusLine).render())


@async_test
async def test_status_names_the_order_in_effect_and_sort_is_remembered(home: Path) -> None:
    papers = [make_paper(n, title=f"{'zyx'[n % 3]} title {n}") for n in range(1, 6)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "sort: digest order" in status_text(app)
        await type_filter(pilot, "title")
        assert "sort: relevance" in status_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot, 0.15)
        assert "sort: digest order" in status_text(app)
        app.main_screen.paper_list.focus()
        await pilot.press("S")  # relevance -> title
        await settle(pilot)
        assert "sort: title" in status_text(app)
    again = app_with_papers(home, papers)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "sort: title" in status_text(again)
        shown = [again.library.papers[i].title for i in again.main_screen.paper_list.rows]
        assert shown == sorted(shown, key=str.casefold)


@async_test
async def test_counts_use_thousands_separators(home: Path) -> None:
    papers = [make_paper(n) for n in range(1, 1201)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "0/1,200 read" in status_text(app)
        assert "1,200 of 1,200" in "\n".join(screen_lines(app))


@async_test
async def test_stats_bars_start_at_zero_with_no_stray_row(home: Path) -> None:
    papers = [make_paper(n, digest_dates=("2026-03-10",)) for n in range(88)]
    papers += [make_paper(n, digest_dates=("2026-03-11",)) for n in range(88, 177)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        lines = screen_lines(app)
        heading = next(i for i, line in enumerate(lines) if "Papers per digest date" in line)
        first, second = lines[heading + 1], lines[heading + 2]
        assert first.lstrip().startswith("2026-03-10") and second.lstrip().startswith("2026-03-11")
        assert first.count("█") >= second.count("█") - 1 > 10  # 88 vs 89: nearly equal bars


@async_test
async def test_toasts_leave_the_status_line_visible(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot, 0.1)
        toast = app.screen.query_one(Toast)
        status = app.main_screen.query_one(StatusLine)
        assert toast.region.bottom <= status.region.y
        assert toast.region.height <= 3
        assert "sort: title" in screen_lines(app)[status.region.y]


@async_test
async def test_export_dialog_fits_80x24(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        screen = app.screen
        for selector in ("#export-path", "#export-go", "#export-cancel", "#export-clipboard"):
            widget = screen.query_one(selector)
            assert screen.region.contains_region(widget.region), selector
            assert widget.region.height > 0
        assert screen.query_one("#export-dialog").max_scroll_y == 0


@async_test
async def test_palette_entries_read_alike_and_links_match_the_paper(home: Path) -> None:
    links = tuple(Link(f"https://example.org/{n}", "page") for n in range(3))
    app = app_with_papers(home, [make_paper(1, links=links), make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = app.command_entries()
        names = [name for name, _help, _run in entries]
        assert [n for n in names if n.startswith("Open link")] == ["Open link 2", "Open link 3"]
        for name, help_text, _run in entries:
            assert re.fullmatch(r".+ \([^()]+\)", help_text), (name, help_text)
            assert not help_text.startswith("key:")
        await pilot.press("j")  # a paper with one link: only "Open"
        await settle(pilot)
        assert not [n for n, _h, _r in app.command_entries() if n.startswith("Open link")]


@async_test
async def test_palette_has_one_theme_command(home: Path) -> None:
    app = app_with_papers(home, tagged_papers())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"theme")
        await pilot.pause(0.5)
        prompts = [str(option.prompt) for option in
                   app.screen.query_one(CommandList)._options]
        assert sum("theme" in prompt.lower() for prompt in prompts) == 1, prompts
