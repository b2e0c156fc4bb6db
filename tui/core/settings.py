"""Small persisted UI preferences (theme, sort order, last export folder and format):
settings.json in the data home."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path

from tui.core.atomic import atomic_write_text
from tui.core.errors import PaperdeckError, WriteError
from tui.core.ownership import looks_like_json_document, regular_target

SETTINGS_FILE = "settings.json"


@dataclass(slots=True)
class Settings:
    theme: str = ""  # empty: the app's default theme
    sort: str = ""  # empty: the default order
    export_folder: str = ""  # the export dialog's last folder; empty: none yet
    export_format: str = ""  # and its last format; empty: Markdown


def load_settings(home: Path) -> Settings:
    """Read settings; a missing, unreadable or malformed file gives the defaults."""
    path = Path(home) / SETTINGS_FILE
    try:
        raw = json.loads(regular_target(path).read_text(encoding="utf-8"))
    except (OSError, ValueError, PaperdeckError):  # PaperdeckError: a link to a device
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    # Each value on its own: one of the wrong type gives that default, not all of them.
    return Settings(**{name: value for name in Settings.__dataclass_fields__
                       if isinstance(value := raw.get(name), str)})


def save_settings(home: Path, settings: Settings) -> None:
    """Write settings atomically; raises WriteError when the home is not writable, or when
    settings.json holds someone else's content (also through a link): that is never replaced."""
    path = Path(home) / SETTINGS_FILE
    try:
        existing = regular_target(path).read_bytes()
    except FileNotFoundError:
        existing = b""
    except (OSError, PaperdeckError) as exc:
        raise WriteError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from exc
    if not looks_like_json_document(existing, Settings.__dataclass_fields__):
        raise WriteError(f"{path} does not hold paperdeck settings; it was not overwritten")
    text = json.dumps(asdict(settings), indent=2, sort_keys=True) + "\n"
    atomic_write_text(path, text)
