"""Helpers for the TUI tests: apps on temporary homes, waiting, reading the screen."""

from __future__ import annotations

import asyncio
import functools
import re
from collections.abc import Callable, Coroutine, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from textual import events
from textual._compositor import Compositor
from textual.css.query import NoMatches
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.strip import Strip

from tui.app import PaperdeckApp
from tui.core.library import Library
from tui.core.model import Link, Paper

SIZE = (120, 36)

# Textual's names for the keys of the characters tests type ("\r" is what Enter sends).
KEY_NAMES = {"/": "slash", "\r": "enter", " ": "space", ".": "full_stop", ":": "colon",
             "-": "minus", "_": "underscore", '"': "quotation_mark", "'": "apostrophe"}


def async_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test on a fresh event loop (no pytest asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run
SGR_OR_CURSOR = re.compile(r"\x1b\[[0-9;?<>=]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")


@dataclass
class FakeLibrary:
    """Just enough of Library for the app: a list of papers in default order."""

    papers: list[Paper] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # other ids papers were known by


def make_paper(number: int, title: str | None = None, **kwargs: object) -> Paper:
    defaults: dict[str, object] = {
        "id": f"{number:016x}",
        "title": title or f"Paper number {number}",
        "abstract": f"Abstract of paper {number}.",
        "links": (Link(f"https://example.org/{number}", "page"),),
        "digest_dates": ("2026-03-11",),
        "first_seen": "2026-03-11T09:00:00+00:00",
        "position": number,
    }
    defaults.update(kwargs)
    return Paper(**defaults)  # type: ignore[arg-type]


def seeded_app(home: Path) -> PaperdeckApp:
    """The app on a home holding the bundled seed digest (imported on first open)."""
    return PaperdeckApp(home)


def app_with_digest(home: Path, digest: Path, today: date = date(2026, 3, 20)) -> PaperdeckApp:
    library = Library.open(home, seed_if_empty=False)
    library.import_paths([digest], today=today)
    return PaperdeckApp(home, library=library)


def app_with_papers(home: Path, papers: list[Paper]) -> PaperdeckApp:
    return PaperdeckApp(home, library=FakeLibrary(papers))  # type: ignore[arg-type]


async def settle(pilot: Pilot, delay: float = 0.0) -> None:
    """Let debounce timers fire, workers finish and messages land."""
    await pilot.pause(delay)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def wait_until(pilot: Pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    """Pause until condition() holds: throttled redraws land later on a loaded machine.

    A condition that queries a widget not mounted yet (a dialog on the stack before its
    compose ran) raises NoMatches: that counts as "not yet", not as a failure."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not _holds(condition) and loop.time() < deadline:
        await pilot.pause(0.05)


def _holds(condition: Callable[[], bool]) -> bool:
    try:
        return condition()
    except NoMatches:
        return False


async def type_filter(pilot: Pilot, text: str) -> None:
    await pilot.press("slash")
    app = pilot.app
    app.main_screen.query_one("#filter-input").value = ""
    await pilot.press(*[_key(ch) for ch in text])
    await settle(pilot, 0.15)


def _key(ch: str) -> str:
    return KEY_NAMES.get(ch, ch)


def send_burst(app: PaperdeckApp, keys: Iterable[str]) -> None:
    """Queue every key before any is handled, as tmux send-keys, a paste or a quick typist
    does (Pilot.press waits for each key to be handled before the next).

    An item of one character is that character typed; a longer one names a key
    ("backspace", "ctrl+s"), which types no character."""
    for key in keys:
        if len(key) == 1:
            app.post_message(events.Key(KEY_NAMES.get(key, key), key))
        else:
            app.post_message(events.Key(key, None))


# ---- where Textual 8 has no public API ------------------------------------------------------
# The only two reads of Textual internals in the tests, so that a Textual upgrade that moves
# them breaks here, once.


def notifications(app: PaperdeckApp) -> list[Notification]:
    """Every notification the app holds, oldest first. Textual has no public reader: `notify`
    files them in the private `App._notifications`, and the toasts showing them are widgets
    of a private module (`textual.widgets._toast`)."""
    return list(app._notifications)


def notices(app: PaperdeckApp) -> list[str]:
    """The text of every notification the app holds."""
    return [str(n.message) for n in notifications(app)]


def _compositor(app: PaperdeckApp) -> Compositor:
    """What the terminal shows, composed from every widget. Textual has no public reader of
    it (`App.export_screenshot` draws its SVG from this same private compositor); a widget's
    own `render_line` misses what covers it and what a partial redraw left behind."""
    return app.screen._compositor


def screen_strips(app: PaperdeckApp) -> list[Strip]:
    """The terminal's rows as Textual last composed them, styles included."""
    return _compositor(app).render_strips()


def screen_lines(app: PaperdeckApp) -> list[str]:
    """The text on the terminal, one string per row."""
    return ["".join(segment.text for segment in strip) for strip in screen_strips(app)]


def screen_text(app: PaperdeckApp) -> str:
    return "\n".join(screen_lines(app))


def terminal_output(app: PaperdeckApp) -> str:
    """What a full redraw would write to the terminal, escape sequences included."""
    update = _compositor(app).render_full_update()
    return update.render_segments(app.console)


def stray_escapes(output: str) -> list[str]:
    """Escape characters left once Textual's own SGR/cursor sequences are removed."""
    rest = SGR_OR_CURSOR.sub("", output)
    return [rest[max(0, i - 10): i + 10] for i, ch in enumerate(rest) if ch in "\x1b\x9b\x07"]
