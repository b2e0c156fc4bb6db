"""Where the app's export dialog proposes to write: the last folder and format, else the
folder paperdeck was started in (where `export -o NAME` writes too) and Markdown."""

from __future__ import annotations

import os
from pathlib import Path

from tui.core.export import FORMATS

DEFAULT_FORMAT = "md"


def working_folder() -> Path:
    """The folder paperdeck was started in; the home folder when that is gone or not ours
    to write (started from `/`, or from a folder deleted since)."""
    try:
        cwd = Path.cwd()
    except OSError:
        return Path.home()
    return cwd if os.access(cwd, os.W_OK | os.X_OK) else Path.home()


def proposed_export(folder: str, fmt: str) -> tuple[Path, str]:
    """The folder and format to propose, from the remembered ones (settings.json, so any
    text): a folder that is gone or not absolute, or a format unknown here, is not proposed."""
    fmt = fmt if fmt in FORMATS else DEFAULT_FORMAT
    try:
        remembered = Path(folder)
        if folder and remembered.is_absolute() and remembered.is_dir():
            return remembered, fmt
    except (OSError, ValueError):  # ValueError: a NUL in the text
        pass
    return working_folder(), fmt


def shown_path(path: Path) -> str:
    """The path as the dialog shows it: under the home folder as `~/…`, which stays readable
    in the 80-column dialog (the dialog expands `~` back before writing)."""
    try:
        return str(Path("~") / path.relative_to(Path.home()))
    except (ValueError, RuntimeError):  # not under home, or no home known
        return str(path)
