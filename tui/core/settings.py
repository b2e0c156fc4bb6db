"""Small persisted UI preferences (theme, sort order): settings.json in the data home."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tui.core.atomic import atomic_write_text

SETTINGS_FILE = "settings.json"


@dataclass(slots=True)
class Settings:
    theme: str = ""  # empty: the app's default theme
    sort: str = ""  # empty: the default order


def load_settings(home: Path) -> Settings:
    """Read settings; a missing, unreadable or malformed file gives the defaults."""
    try:
        raw = json.loads((Path(home) / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    theme, sort = raw.get("theme"), raw.get("sort")
    return Settings(theme=theme if isinstance(theme, str) else "",
                    sort=sort if isinstance(sort, str) else "")


def save_settings(home: Path, settings: Settings) -> None:
    """Write settings atomically; raises WriteError when the home is not writable."""
    text = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    atomic_write_text(Path(home) / SETTINGS_FILE, text)
