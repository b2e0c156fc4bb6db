"""`o` with a console browser (lynx, w3m: no display): the browser gets the terminal.

Python's webbrowser runs such a browser in the foreground; started while the app held the
terminal, the two fought over the keys and the screen."""

from __future__ import annotations

import webbrowser
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notifications,
    settle,
)
from tui.core.model import Link
from tui.external import runs_in_terminal

URL = "https://example.org/p"


class FakeLynx(webbrowser.GenericBrowser):
    """Records each link it is asked to open, and whether the app was suspended then."""

    def __init__(self, suspended: list[bool]) -> None:
        super().__init__("lynx")
        self.suspended = suspended
        self.opened: list[tuple[str, bool]] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append((url, bool(self.suspended)))
        return True


@pytest.fixture
def lynx(monkeypatch: pytest.MonkeyPatch) -> FakeLynx:
    """The only browser webbrowser finds, on a machine without a display."""
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    browser = FakeLynx([])
    monkeypatch.setattr(webbrowser, "_tryorder", ["fake-lynx"])
    monkeypatch.setitem(webbrowser._browsers, "fake-lynx", [None, browser])
    return browser


def one_link_app(home: Path):  # type: ignore[no-untyped-def]
    return app_with_papers(home, [make_paper(1, links=(Link(URL, "page"),))])


@async_test
async def test_o_hands_the_terminal_to_a_console_browser(home: Path, lynx: FakeLynx,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    app = one_link_app(home)

    @contextmanager
    def suspend() -> Iterator[None]:
        lynx.suspended.append(True)
        try:
            yield
        finally:
            lynx.suspended.pop()

    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "suspend", suspend)
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert lynx.opened == [(URL, True)]  # once, with the app stepped aside


@async_test
async def test_a_terminal_that_cannot_suspend_shows_the_link_instead(home: Path,
                                                                     lynx: FakeLynx) -> None:
    app = one_link_app(home)
    async with app.run_test(size=SIZE) as pilot:  # the headless driver cannot suspend
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        assert lynx.opened == []  # never started under the app
        notices = [(n.title, str(n.message)) for n in notifications(app)]
        assert ("Cannot hand the terminal to lynx (y copies the link)", URL) in notices


def test_graphical_browsers_keep_running_beside_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    assert not runs_in_terminal(webbrowser.BackgroundBrowser("xdg-open"))
    assert not runs_in_terminal(webbrowser.Mozilla("firefox"))
    assert not runs_in_terminal(webbrowser.GenericBrowser("my-gui-browser"))
    assert runs_in_terminal(webbrowser.GenericBrowser("/usr/bin/w3m"))
    assert runs_in_terminal(webbrowser.Elinks("elinks"))
    monkeypatch.delenv("DISPLAY")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert runs_in_terminal(webbrowser.GenericBrowser("my-gui-browser"))  # $BROWSER, no display
