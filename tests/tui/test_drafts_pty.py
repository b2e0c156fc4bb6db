"""Through a real terminal: closing it (the pty, SIGHUP, SIGTERM) with the notes or tags dialog
open keeps the typed text as a draft, ends the app, and saves nothing as the notes."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from tests.support.pty_app import PtyApp
from tests.tui.test_terminal_close import GONE_WITHIN, READY
from tui.core.drafts import DRAFTS_FILE
from tui.core.state import StateStore


def close(app: PtyApp, how: str) -> None:
    if how == "pty":
        app.close_terminal()
    else:
        app.proc.send_signal(getattr(signal, how))


@pytest.mark.parametrize(("key", "kind", "opened"), [(b"n", "notes", rb"Ctrl\+S save"),
                                                     (b"t", "tags", rb"Enter saves")])
@pytest.mark.parametrize("how", ["pty", "SIGHUP", "SIGTERM"])
def test_closing_the_terminal_in_a_dialog_keeps_the_text_as_a_draft(
        tmp_path: Path, how: str, key: bytes, kind: str, opened: bytes) -> None:
    home = tmp_path / "home"
    app = PtyApp(home)
    try:
        assert app.wait_for(READY), "the app never drew its list"
        app.type(key)
        assert app.wait_for(opened), "the dialog never opened"
        app.type(b"tangerine")
        assert app.wait_for(rb"tangerine"), "the typed text never showed"
        close(app, how)
        assert app.wait_gone(GONE_WITHIN) is not None, "still running after the close"
    finally:
        app.kill()
    drafts = json.loads((home / DRAFTS_FILE).read_text(encoding="utf-8"))
    assert [(key.split(":")[0], entry["text"].strip()) for key, entry in drafts.items()] == [
        (kind, "tangerine")]
    store = StateStore.open(home)
    try:
        assert all(not state.notes and not state.tags for state in store.all().values())
    finally:
        store.close()
