"""Pilot tests: every triage key on the seeded library, on a temporary home."""

from __future__ import annotations

import sys
from contextlib import contextmanager, nullcontext
from itertools import pairwise
from pathlib import Path

import pytest

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notices,
    notifications,
    seeded_app,
    settle,
)
from tui import external
from tui.core.model import Link
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.help_screen import HelpScreen
from tui.screens.stats_screen import StatsScreen
from tui.widgets.detail_pane import DetailPane
from tui.widgets.status_line import StatusLine


def status(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.main_screen.query_one(StatusLine).render())


def current(app):  # type: ignore[no-untyped-def]
    return app.main_screen.current_paper


@async_test
async def test_moving_follows_cursor_and_never_marks_read(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plist = app.main_screen.paper_list
        papers = app.library.papers
        assert plist.cursor == 0
        await pilot.press("j", "j", "down")
        assert plist.cursor == 3
        await pilot.press("k", "up")
        assert plist.cursor == 1
        await pilot.press("G")
        assert plist.cursor == len(papers) - 1
        await pilot.press("g")
        assert plist.cursor == 0
        await pilot.press("pagedown")
        assert plist.cursor > 10
        assert plist.scroll_y <= plist.cursor < plist.scroll_y + plist.size.height
        await pilot.press("pageup")
        assert plist.cursor == 0
        await pilot.press("end")
        assert plist.cursor == len(papers) - 1
        assert plist.scroll_y <= plist.cursor < plist.scroll_y + plist.size.height
        await pilot.pause(0.15)  # the detail pane redraws at most every 80 ms while moving
        detail = app.main_screen.query_one(DetailPane)
        assert papers[-1].title.split()[0] in detail.plain
        assert app.store.read_ids() == frozenset()
        assert "0/88 read" in status(app)


@async_test
async def test_detail_pane_catches_up_after_a_burst_of_moves(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*["j"] * 15)
        await pilot.pause(0.2)
        paper = current(app)
        assert paper is app.library.papers[15]
        detail = app.main_screen.query_one(DetailPane).plain
        assert detail.startswith(paper.title[:25])


@async_test
async def test_space_marks_read_and_jumps_to_next_unread(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        papers = app.library.papers
        app.store.set_read([papers[1].id, papers[2].id], True)
        await pilot.press("space")
        assert papers[0].id in app.store.read_ids()
        assert current(app) is papers[3]  # 1 and 2 were read already
        await pilot.pause()
        assert "3/88 read" in status(app)


@async_test
async def test_r_toggles_read_and_s_toggles_star(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = current(app)
        await pilot.press("r", "s")
        assert app.store.get(paper.id).read and app.store.get(paper.id).starred
        assert current(app) is paper  # r and s stay put
        await pilot.pause()
        assert "1/88 read · 1 starred" in status(app)
        await pilot.press("r", "s")
        state = app.store.get(paper.id)
        assert not state.read and not state.starred


@async_test
async def test_undo_and_redo(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = current(app)
        await pilot.press("s")
        await pilot.press("u")
        assert not app.store.get(paper.id).starred
        await pilot.press("ctrl+r")
        assert app.store.get(paper.id).starred
        await pilot.press("u", "u")
        await pilot.pause()
        assert any("Nothing to undo" in n for n in notices(app))


@async_test
async def test_R_marks_every_shown_paper_read_after_confirming_one_undo_step(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"pipeline")
        await settle(pilot, 0.15)
        shown = app.main_screen.visible_papers()
        assert 0 < len(shown) < len(app.library.papers)
        await pilot.press("escape")  # clears the filter... so filter again and stay filtered
        await pilot.press("slash", *"pipeline", "enter")
        await settle(pilot, 0.15)
        await pilot.press("R")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert app.store.read_ids() == frozenset()
        await pilot.press("R")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.store.read_ids() == {p.id for p in shown}
        await pilot.press("u")
        assert app.store.read_ids() == frozenset()


@async_test
async def test_R_says_what_it_marked_in_words_that_agree(home: Path) -> None:
    papers = [make_paper(n) for n in range(1, 1202)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_read([p.id for p in papers[1:]], True)
        await pilot.press("R", "y")
        await settle(pilot)
        assert "Marked 1 paper read (u undoes)" in notices(app)  # was "1 papers"
        await pilot.press("u")
        app.store.set_read([p.id for p in papers], False)
        await pilot.press("R", "y")
        await settle(pilot)
        assert "Marked 1,201 papers read (u undoes)" in notices(app)  # as the question said


@async_test
async def test_o_and_digits_open_only_http_links(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    links = (
        Link("https://example.org/paper", "page"),
        Link("https://github.com/a/b", "code"),
        Link("javascript:alert(1)", "page"),
        Link("file:///etc/passwd", "page"),
    )
    app = app_with_papers(home, [make_paper(1, links=links)])
    opened: list[str] = []
    monkeypatch.setattr(external, "browser_available", lambda: True)
    monkeypatch.setattr(external, "terminal_browser", lambda: None)  # a graphical one
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        await settle(pilot)
        await pilot.press("o", "2", "3", "4", "9")
        await pilot.pause()
        assert opened == ["https://example.org/paper", "https://github.com/a/b"]
        messages = notices(app)
        assert any("only http and https" in m and "javascript:" in m for m in messages)
        assert "This paper has only 4 links" in messages


@async_test
async def test_o_without_a_browser_says_so_and_shows_the_link(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """On a server or over SSH webbrowser finds nothing: o said "Opening ..." and did nothing."""
    app = app_with_papers(home, [make_paper(1, links=(Link("https://example.org/p", "page"),))])
    monkeypatch.setattr(external, "browser_available", lambda: False)
    monkeypatch.setattr(external, "terminal_browser", lambda: None)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: None)  # finds no browser
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert not any(m.startswith("Opening") for m in notices(app))
        assert "https://example.org/p" in notices(app)
        titles = [n.title for n in notifications(app)]
        assert "No web browser here (y copies the link)" in titles


@async_test
async def test_y_copies_title_and_link(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = current(app)
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == f"{paper.title}\n{paper.links[0].url}"
        assert any(paper.title in n for n in notices(app))  # the fallback: text shown


@async_test
async def test_S_cycles_every_sort_and_keeps_the_paper(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        papers = app.library.papers
        await pilot.press("j", "j", "j")
        paper = current(app)
        seen = []
        for _ in range(6):
            await pilot.press("S")
            await settle(pilot, 0.1)
            seen.append(app.main_screen.sort_mode)
            assert current(app) is paper
            assert f"sort: {app.main_screen.sort_mode}".split(":")[0] in status(app)
            if app.main_screen.sort_mode == "title":
                titles = [p.title.casefold() for p in app.main_screen.visible_papers()]
                assert titles == sorted(titles)
        # Without free text relevance is digest order: the cycle has six orders, not seven.
        assert sorted(seen) == sorted(["title", "starred", "first_seen", "upvotes", "published",
                                       "relevance"])
        assert len(app.main_screen.visible_papers()) == len(papers)


@async_test
async def test_every_S_press_changes_the_order_shown(home: Path) -> None:
    """Digest order and relevance are the same order until free text is typed: a press
    that went from one to the other changed nothing on screen ("sort: digest order" twice)."""
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        labels = [status(app).rsplit("sort: ", 1)[1].strip()]
        for _ in range(8):
            await pilot.press("S")
            await settle(pilot, 0.1)
            labels.append(status(app).rsplit("sort: ", 1)[1].strip())
        assert all(a != b for a, b in pairwise(labels)), labels
        await pilot.press("slash", *"model", "enter")
        await settle(pilot, 0.15)
        shown = set()
        for _ in range(5):
            await pilot.press("S")
            await settle(pilot, 0.1)
            shown.add(status(app).rsplit("sort: ", 1)[1].strip())
        assert len(shown) == 5, shown  # with free text relevance ranks: every order differs


@async_test
async def test_starred_first_sort(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        last = app.library.papers[-1]
        app.store.set_starred([last.id], True)
        while app.main_screen.sort_mode != "starred":
            await pilot.press("S")
        await settle(pilot, 0.1)
        assert app.main_screen.visible_papers()[0] is last


@async_test
async def test_N_edits_notes_in_editor(home: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    editor = tmp_path / "fake-editor"
    editor.write_text(
        f"#!{sys.executable}\nimport sys\n"
        "p = sys.argv[1]\nold = open(p).read()\nopen(p, 'w').write(old + 'from the editor\\n')\n"
    )
    editor.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "suspend", nullcontext)
        await settle(pilot)
        paper = current(app)
        await pilot.press("N")
        await pilot.pause()
        assert app.store.get(paper.id).notes == "from the editor"


@async_test
async def test_N_with_an_editor_not_installed_gives_the_terminal_back(home: Path, tmp_path: Path,
                                                                    monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Textual's suspend() resumes the app only if its block ends normally: an editor that
    could not be started left the screen blank and every key echoed by the shell."""
    resumed: list[bool] = []

    @contextmanager
    def suspend_like_textual():  # type: ignore[no-untyped-def]
        yield
        resumed.append(True)  # not in a finally, as in textual.app.App.suspend

    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    monkeypatch.delenv("VISUAL", raising=False)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "suspend", suspend_like_textual)
        await settle(pilot)
        await pilot.press("N")
        await settle(pilot)
        assert resumed == [True]
        assert any("Cannot run" in n and "no-such-editor" in n for n in notices(app))
        monkeypatch.setenv("EDITOR", 'vim "')  # unbalanced quotes: said, nothing suspended
        await pilot.press("N")
        await settle(pilot)
        assert resumed == [True]
        assert any("Cannot run vim" in n for n in notices(app))


@async_test
async def test_N_without_suspend_support_is_a_notification(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("N")  # the headless driver cannot suspend
        await pilot.pause()
        assert any("use n" in n for n in notices(app))


@async_test
async def test_t_edits_tags(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = current(app)
        await pilot.press("t")
        await pilot.pause()
        await pilot.press(*"todo ml", "enter")
        await pilot.pause()
        assert app.store.get(paper.id).tags == ("ml", "todo")
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#tags-input").value = "ml later"
        await pilot.press("enter")
        await pilot.pause()
        assert app.store.get(paper.id).tags == ("later", "ml")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("x", "escape")
        await pilot.pause()
        assert app.store.get(paper.id).tags == ("later", "ml")


@async_test
async def test_help_and_stats_screens(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        app.store.set_read([app.library.papers[0].id], True)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, StatsScreen)
        from textual.widgets import ProgressBar

        bar = app.screen.query_one(ProgressBar)
        assert bar.progress == 1 and bar.total == 88
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.main_screen


@async_test
async def test_q_quits_and_state_survives_a_restart(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        starred = current(app)
        await pilot.press("s", "q")
        await pilot.pause()
    assert app.return_code == 0 or app.return_code is None
    again = seeded_app(home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.store.get(starred.id).starred
        assert "1 starred" in status(again)


@async_test
async def test_palette_lists_every_action_and_runs_them(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        names = {name for name, _help, _run in app.command_entries()}
        for wanted in ("Filter", "Read+next", "Read", "Star", "Notes", "Notes in $EDITOR",
                       "Tags", "Open", "Copy", "Undo", "Redo", "Sort", "Read all shown",
                       "Help", "Stats", "Quit", "Down", "Top", "Bottom"):
            assert wanted in names
        paper = current(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Star")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert app.store.get(paper.id).starred


@async_test
async def test_theme_from_palette_persists(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Theme")  # Textual's one theme command opens the theme picker
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, 0.1)
        await pilot.press(*"nord")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, 0.1)
        assert app.theme == "nord"
    again = seeded_app(home)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


@async_test
async def test_read_only_store_says_so_and_refuses_changes(home: Path) -> None:
    from tui.core.state import StateStore

    first = StateStore.open(home)
    try:
        app = seeded_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.store.readonly
            assert any("read-only" in n for n in notices(app))
            await pilot.press("s")
            await pilot.pause()
            assert any("cannot change state" in n for n in notices(app))
            assert "read-only" in status(app)
            await pilot.press("n")  # no editor that could not be saved
            await pilot.pause()
            assert app.screen is app.main_screen
            assert any("Read-only" in n for n in notices(app))
    finally:
        first.close()


@pytest.mark.parametrize("key", ["s", "r", "space", "n", "t", "o", "y", "R"])
@async_test
async def test_keys_on_an_empty_library_do_not_crash(home: Path, key: str) -> None:
    app = app_with_papers(home, [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is app.main_screen
        assert "No papers yet" in app.main_screen.query_one(DetailPane).plain
