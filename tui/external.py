"""Programs paperdeck hands the terminal to: `$EDITOR` for notes (N) and the browser for links.

A console browser (lynx, w3m, elinks, `$BROWSER=lynx`) runs in the foreground of this very
terminal: started while the app holds it, the two fought over the keys and the screen. Such a
browser, like the editor, gets the terminal through `app.suspend()` and the app waits for it.

While such a program runs the terminal is back in its normal mode, so Ctrl+C and Ctrl+\\ are
signals for the whole foreground process group: the program and paperdeck alike (Ctrl+C in
lynx or an editor quit paperdeck, silently: asyncio's handler cancels the app). As system()
does, paperdeck ignores them meanwhile; the child gets the default handling (a Python handler,
unlike SIG_IGN, is not inherited across exec).

Failures (no editor, no browser, a terminal that cannot hand over) become notifications.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SuspendNotSupported

from tui.core.links import describe_url, is_openable
from tui.widgets.literal import clean

if TYPE_CHECKING:
    from webbrowser import BaseBrowser

# Browsers that run in the terminal even with a display (a $BROWSER command is not told apart
# from a graphical one by its class: both are GenericBrowser).
CONSOLE_BROWSERS = frozenset({"lynx", "w3m", "links", "links2", "elinks", "www-browser", "browsh"})

_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGQUIT") if hasattr(signal, name))


# ---- the Ctrl+C hand-off ------------------------------------------------------------------------

def _ignore(_signum: int, _frame: object) -> None:
    """Ctrl+C meant for the program that has the terminal."""


@contextmanager
def child_owns_ctrl_c() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    saved = {signum: signal.signal(signum, _ignore) for signum in _SIGNALS}
    try:
        yield
    finally:
        for signum, handler in saved.items():
            signal.signal(signum, handler)


# ---- $EDITOR -------------------------------------------------------------------------------------

def edit_in_editor(app: App[Any], text: str) -> str | None:
    """`text` as the user left it in $VISUAL or $EDITOR (vi by default); None, said as a
    notification, when no editor ran."""
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        command = shlex.split(editor)
    except ValueError as exc:  # EDITOR='vim "' : unbalanced quotes
        app.notify(clean(f"Cannot run {editor}: {exc}"), severity="error", markup=False)
        return None
    fd, name = tempfile.mkstemp(prefix="paperdeck-notes-", suffix=".md")
    path = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        failed: OSError | None = None
        try:
            with app.suspend(), child_owns_ctrl_c():
                # Caught in here: Textual resumes the app only when the block ends normally.
                # An editor that is not installed left the terminal blank and the app deaf
                # to every key.
                try:
                    subprocess.run([*command, str(path)], check=False)
                except OSError as exc:
                    failed = exc
        except SuspendNotSupported:
            app.notify("This terminal cannot hand over to an editor; use n",
                       severity="error", markup=False)
            return None
        if failed is not None:
            app.notify(clean(f"Cannot run {editor}: {failed.strerror or failed}"),
                       severity="error", markup=False)
            return None
        edited = path.read_text(encoding="utf-8", errors="replace")
    finally:
        path.unlink(missing_ok=True)
    if edited.endswith("\n") and not text.endswith("\n"):
        edited = edited[:-1]  # editors add a final newline
    return edited


# ---- browsers ------------------------------------------------------------------------------------

def browser_available() -> bool:
    """Whether a link can be opened here: Python's webbrowser finds a browser (or $BROWSER)."""
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        return False
    return True


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


def open_link(app: App[Any], url: str) -> None:
    """Open an http(s) link: in a console browser that gets the terminal meanwhile, else
    through Textual's open_url; where nothing can open it, the link is shown instead."""
    if not is_openable(url):
        app.notify(clean(f"Not opening {url}: only http and https links are opened",
                         single_line=True), severity="error", markup=False)
        return
    browser = terminal_browser()
    if browser is not None:
        _open_in_terminal(app, browser, url)
        return
    app.open_url(url)
    if not browser_available():
        # Over SSH or on a server nothing opens: the link is shown instead of "Opening".
        app.notify(clean(describe_url(url), single_line=True), severity="warning",
                   markup=False, title="No web browser here (y copies the link)", timeout=10)
        return
    app.notify(clean(f"Opening {describe_url(url)}", single_line=True), markup=False)


def _open_in_terminal(app: App[Any], browser: BaseBrowser, url: str) -> None:
    """lynx or w3m: the app steps aside until the browser quits."""
    import webbrowser

    name = clean(os.path.basename(browser.name), single_line=True)
    try:
        with app.suspend(), child_owns_ctrl_c():
            # As Textual's open_url does (next browser if one fails), waiting for it;
            # the browsers catch OSError themselves.
            opened = webbrowser.open(url)
    except SuspendNotSupported:
        app.notify(clean(describe_url(url), single_line=True), severity="warning",
                   markup=False,
                   title=f"Cannot hand the terminal to {name} (y copies the link)", timeout=10)
        return
    if not opened:
        app.notify(clean(f"{name} could not open {describe_url(url)}", single_line=True),
                   severity="error", markup=False)
