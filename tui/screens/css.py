"""Stylesheets of screens that are not on screen at start-up: read when one first opens
(Textual then re-reads the app's CSS once), so start-up parses only the main screen's."""

from __future__ import annotations

from tui.core.paths import styles_dir

DIALOG_CSS = [styles_dir() / "dialogs.tcss"]
STATS_CSS = [styles_dir() / "stats.tcss"]
