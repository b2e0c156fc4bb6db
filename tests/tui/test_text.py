"""Outside text renders literally: no markup, no actions, no escape sequences to the terminal."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.text import Text
from textual.widgets._toast import Toast

from tests.support.tui_helpers import (
    SIZE,
    app_with_digest,
    app_with_papers,
    async_test,
    make_paper,
    screen_lines,
    screen_text,
    settle,
    stray_escapes,
    terminal_output,
    wait_until,
)
from tui.widgets.literal import clean

HOSTILE_DIGEST = (
    "Mar 12\n\n"
    "[bold]x[/] and [@click=app.quit]click me[/]\n\n"
    "An abstract with [i]markup[/i], [link=https://evil.example]a link[/link] and $var.\n\n"
    "A calm second paper about pipelines\n\n"
    "Second abstract. Code at https://github.com/a/b\n"
)


@async_test
async def test_hostile_digest_titles_render_literally(home: Path, tmp_path: Path) -> None:
    digest = tmp_path / "hostile.txt"
    digest.write_text(HOSTILE_DIGEST)
    app = app_with_digest(home, digest)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "[bold]x[/] and [@click=app.quit]click me[/]" in text
        for token in ("[i]markup[/i],", "[link=https://evil.example]a", "link[/link]", "$var."):
            assert token in text  # the detail pane wraps the abstract, so token by token
        await pilot.click("#paper-list", offset=(20, 0))  # clicking the title runs nothing
        await pilot.press("n")  # the notes dialog shows the title literally too
        await pilot.pause()
        assert "[bold]x[/]" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running


ESCAPES = "\x1b[31mred\x1b[0m \x1b]52;c;aGk=\x07 \x9b2J \x1b]8;;http://x\x1b\\ \x07bell\r\x08"


@async_test
async def test_no_escape_from_data_reaches_the_terminal(home: Path) -> None:
    # Papers built directly: the parser already strips these; the TUI must not rely on it.
    paper = make_paper(1, title=f"Title {ESCAPES} end", abstract=f"Abstract {ESCAPES}")
    app = app_with_papers(home, [paper, make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.store.set_notes(paper.id, f"notes {ESCAPES}")
        app.store.add_tag([paper.id], "tag")
        app.main_screen.state_changed()
        await pilot.pause()
        output = terminal_output(app)
        assert "Title" in screen_text(app)
        assert stray_escapes(output) == []
        assert "\r" not in screen_text(app) and "\x08" not in screen_text(app)


@async_test
async def test_notifications_with_brackets_are_escaped(home: Path) -> None:
    # The list row shows the title too, so the toast's own cells are read: notifications are off
    # in run_test unless asked for.
    app = app_with_papers(home, [make_paper(1, title="[red]not red[/red]")])
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await wait_until(pilot, lambda: bool(app.screen.query(Toast)))
        await settle(pilot)
        region = app.screen.query_one(Toast).region
        toast_cells = "".join(line[region.x:region.right]
                              for line in screen_lines(app)[region.y:region.bottom])
        assert "[red]not red[/red]" in toast_cells


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_clean_leaves_no_control_characters(text: str) -> None:
    cleaned = clean(text, single_line=True)
    assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in cleaned)
    # And rich takes it as plain text: no markup parsing, same characters.
    assert Text(cleaned).plain == cleaned


NASTY = (
    "ab [/]@=\\x\t\n\r\x00\x07\x1b\x7f\x85\x9b"  # brackets, backslash, controls, C1
    "漢字😀👩‍🔬é\u0301\u200b\u202e\u2028ﷺ"  # wide, emoji + ZWJ, combining, zero-width, RTL
)


@async_test
async def test_any_title_fills_exactly_one_row_without_control_characters(home: Path) -> None:
    import random

    rng = random.Random(4)
    titles = ["".join(rng.choice(NASTY) for _ in range(rng.randint(0, 120))) for _ in range(300)]
    papers = [make_paper(n, title=title) for n, title in enumerate(titles)]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        plist = app.main_screen.paper_list
        width = plist.scrollable_content_region.width
        for index in range(len(papers)):
            strip = plist._render_row(index, index % 2 == 0, width)
            text = "".join(segment.text for segment in strip)
            # Measured, not the length the strip declares: what Textual crops and places by.
            assert sum(cell_len(segment.text) for segment in strip) == width, repr(text)
            assert not any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F for ch in text)
        await pilot.press("G")
        await pilot.pause()
        assert stray_escapes(terminal_output(app)) == []
