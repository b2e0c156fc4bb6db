"""A digest crafted against the terminal and the UI, through the CLI and through the TUI.

tui/test_text.py feeds hostile Paper objects straight to the widgets; here the text takes the
user's path (a digest file imported into a home) and every place it comes out is checked:
`list` as table, tsv and json, error messages naming hostile file names, and the running app.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.hostile_digest import LONG_TITLE, MARKUP_TITLES, write_hostile_digest
from tests.support.tui_helpers import (
    SIZE,
    app_with_digest,
    async_test,
    screen_text,
    settle,
    stray_escapes,
    terminal_output,
    type_filter,
    wait_until,
)

# ESC and every other C0 control but newline and tab; DEL; every C1 control (8-bit CSI, OSC...).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@pytest.fixture
def hostile(cli, tmp_path: Path) -> Path:
    digest = write_hostile_digest(tmp_path)
    result = cli("import", str(digest))
    assert result.code == 0 and "9 new papers" in result.out, result
    return digest


@pytest.mark.parametrize("fmt", ["table", "tsv", "json"])
def test_list_output_holds_no_control_character_from_digest_text(cli, hostile: Path,
                                                                  fmt: str) -> None:
    result = cli("list", "-f", fmt, "-q", "-tag:none")
    assert result.code == 0
    assert not CONTROL.search(result.out), CONTROL.search(result.out)
    assert not CONTROL.search(result.err)
    for title in MARKUP_TITLES[:3]:  # markup is plain text to the CLI too
        assert title in result.out


def test_the_table_keeps_one_row_per_paper_and_the_tsv_its_columns(cli, hostile: Path) -> None:
    table = cli("list").out.splitlines()
    assert len(table) == 9  # imported into a fresh home: no demo papers
    rows = cli("list", "-f", "tsv").out.splitlines()
    assert rows[0].split("\t")[-1] == "first author"
    assert all(row.count("\t") == 8 for row in rows)
    long_row = next(row for row in rows if "Long word" in row)
    assert long_row.split("\t")[4] == LONG_TITLE.strip()


def test_json_shows_notes_controls_escaped(cli, hostile: Path) -> None:
    # Notes come from the user or a merged file, not the parser: the json printer escapes them.
    paper = json.loads(cli("list", "-f", "json", "-q", "Bold markup").out)[0]
    notes = "clear \x1b[2J c1 \u009b2J bell \x07 del \x7f sep \u2028 end"
    assert cli("note", paper["id"], "--set", notes).code == 0
    for command in (["list", "-f", "json", "-q", "has:notes"],
                    ["export", "-f", "json", "-q", "has:notes"]):
        out = cli(*command).out
        assert not CONTROL.search(out) and "\u2028" not in out
        assert json.loads(out)[0]["notes"] == notes


def test_error_messages_never_echo_control_characters(cli, tmp_path: Path) -> None:
    name = "evil\x1b]52;c;aGk=\x07\x1b[2J\u009b2J\nsecond line.txt"
    for args in (["import", str(tmp_path / name)], ["list", "-q", f"nope:{name}"],
                 ["export", "-f", name], ["mark", name, "--star"]):
        result = cli(*args)
        assert result.code in (2, 3, 4, 7), (args, result)
        assert result.err.count("\n") == 1 or result.code == 2, result.err
        assert not CONTROL.search(result.err), (args, result.err)


# -- the TUI ---------------------------------------------------------------------------------------


@async_test
async def test_the_tui_on_a_hostile_home_stays_usable_and_shows_text_literally(
        home: Path, tmp_path: Path) -> None:
    app = app_with_digest(home, write_hostile_digest(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = app.main_screen
        shown = screen.visible_papers()
        assert len(shown) == 9
        text = screen_text(app)
        for title in MARKUP_TITLES[:4]:
            assert title[:40] in text  # in the list, literally (the row may cut a long one)
        # Every paper in the detail pane: nothing a terminal would act on reaches the output.
        for row in range(len(shown)):
            screen.paper_list.move_cursor(row)
            await pilot.pause()
            assert stray_escapes(terminal_output(app)) == [], shown[row].title[:40]
            assert not CONTROL.search(screen_text(app).replace("\n", ""))
        # The 5,000-character title: its first lines at the top of the detail pane, the whole
        # of it further down (under the abstract), wrapped.
        long_paper = next(p for p in shown if "Long" in p.title)
        screen.paper_list.move_cursor(shown.index(long_paper))
        pane = screen.query_one("#detail-pane")
        await wait_until(pilot, lambda: pane.plain.count("word") > 999)
        assert " ".join(pane.plain.split()).count(" ".join(long_paper.title.split())) == 1
        assert pane.plain.splitlines()[3].endswith("…")
        # Clicking the [@click=app.quit] title and pressing keys runs nothing but the keys.
        quit_row = next(i for i, p in enumerate(shown) if "@click" in p.title)
        screen.paper_list.move_cursor(quit_row)
        await pilot.pause()
        await pilot.click("#paper-list", offset=(30, quit_row))
        await pilot.click("#detail-pane", offset=(10, 0))
        await pilot.click("#detail-pane", offset=(30, 1))
        await pilot.pause()
        assert app.is_running
        paper = screen.visible_papers()[screen.paper_list.cursor]
        await pilot.press("s")
        await pilot.pause()
        assert app.store.get(paper.id).starred
        # The filter finds hostile titles by their words.
        await type_filter(pilot, "bold markup")
        assert [p.title for p in screen.visible_papers()][:1] == [MARKUP_TITLES[0]]
        await type_filter(pilot, "漢字")
        assert any("漢字" in p.title for p in screen.visible_papers())
        await pilot.press("escape")
        await settle(pilot, 0.15)
        assert len(screen.visible_papers()) == 9
        assert stray_escapes(terminal_output(app)) == []
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code in (0, None)
