"""Which browser a link opens in, and whether it runs in this very terminal.

Python's webbrowser picks a console browser (lynx, w3m, links, elinks, $BROWSER=lynx) when
there is no display, and runs it in the foreground: started while the app holds the terminal,
the two fight over the keys and the screen. Such a browser gets the terminal (app.suspend).
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from webbrowser import BaseBrowser

# Browsers that run in the terminal even with a display (a $BROWSER command is not told apart
# from a graphical one by its class: both are GenericBrowser).
CONSOLE_BROWSERS = frozenset({"lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh"})


def terminal_browser() -> BaseBrowser | None:
    """The browser webbrowser would try first, if it runs in this terminal; None for a
    graphical one (or none found)."""
    import webbrowser  # not at start-up: the list draws before anyone opens a link

    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    return browser if runs_in_terminal(browser) else None


def runs_in_terminal(browser: BaseBrowser) -> bool:
    """Started in the foreground and using the terminal, not a window of its own."""
    import webbrowser

    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False  # xdg-open, a browser started in its own session
    if isinstance(browser, webbrowser.UnixBrowser):
        return not browser.background  # elinks; firefox, chrome and the like run detached
    if isinstance(browser, webbrowser.GenericBrowser):
        has_display = bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
        return not has_display or os.path.basename(browser.name) in CONSOLE_BROWSERS
    return False  # macOS and Windows launchers hand the link to the system
