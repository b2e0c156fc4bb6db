"""Only http and https are ever opened, with links that came from a real digest import.

tui/test_keys.py hands the app Link objects with bad schemes and checks the refusal; here the
abstract of an imported digest holds javascript:, file: and data: URLs, and the check is at the
bottom of the stack: webbrowser.open itself only ever sees the https link.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.support.hostile_digest import write_hostile_digest
from tests.support.tui_helpers import (
    SIZE,
    app_with_digest,
    async_test,
    notices,
    screen_text,
    settle,
    type_filter,
)
from tui import external
from tui.core.model import Link


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    for name in ("open", "open_new", "open_new_tab"):
        monkeypatch.setattr(webbrowser, name, lambda url, *a, **k: bool(calls.append(url)))
    # A graphical browser, whatever this machine has: with lynx or w3m and no display the app
    # would hand the link to it through suspend(), which a headless test terminal refuses.
    monkeypatch.setattr(external, "terminal_browser", lambda: None)
    return calls


@async_test
async def test_schemes_in_an_abstract_are_text_not_links(home: Path, tmp_path: Path,
                                                         opened: list[str]) -> None:
    app = app_with_digest(home, write_hostile_digest(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_filter(pilot, "hostile links")
        await pilot.press("enter")
        await pilot.pause()
        paper = app.main_screen.visible_papers()[0]
        assert paper.title == "A paper with hostile links"
        assert [link.url for link in paper.links] == ["https://example.org/ok"]
        text = screen_text(app)
        assert "javascript:alert(1)" in text and "file:///etc/passwd" in text  # shown as text
        await pilot.press("o", "1", "2", "3", "9")
        await pilot.pause()
        assert opened == ["https://example.org/ok", "https://example.org/ok"]
        assert notices(app).count("This paper has only 1 link") == 1  # said once, refreshed


@async_test
async def test_a_refused_scheme_shows_a_message_and_opens_nothing(home: Path, tmp_path: Path,
                                                                  opened: list[str]) -> None:
    # A cache or older parser could still hand over such a link: the app refuses it itself.
    app = app_with_digest(home, write_hostile_digest(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.visible_papers()[0]
        paper.links = (Link("data:text/html,<script>alert(1)</script>", "page"),
                       Link("JavaScript:alert(1)", "page"), Link("file:///etc/passwd", "page"),
                       Link("\x1b]52;c;aGk=\x07https://x.org", "page"))
        await pilot.press("o", "2", "3", "4")
        await pilot.pause()
        assert opened == []
        refused = [m for m in notices(app) if "only http and https" in m]
        assert len(refused) == 4
        assert not any("\x1b" in m or "\x07" in m for m in refused)
        assert app.is_running


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="htpsHTPSſK:/ .x<\"'`\\\n{}é", max_size=60))
def test_url_candidates_are_exactly_what_the_url_pattern_finds(text: str) -> None:
    from tui.core.links import _URL, url_candidates

    assert list(url_candidates(text)) == _URL.findall(text)
