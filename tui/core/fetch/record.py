"""`fetch.json` in the home: the last day a fetch of the daily papers succeeded, so that a
bare `paperdeck fetch` catches up on every day since (a Monday fetches the weekend too)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tui.core.atomic import atomic_write_bytes
from tui.core.errors import StateError
from tui.core.ownership import looks_like_json_document, refuse_foreign, regular_target

FETCH_FILE = "fetch.json"
KEYS = ("version", "hf_daily")


def _path(home: Path) -> Path:
    return Path(home) / FETCH_FILE


def last_fetched_day(home: Path) -> date | None:
    """The last day fetched whole, or None (never fetched; a cut-off or emptied file)."""
    path = _path(home)
    target = regular_target(path)
    try:
        data = target.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StateError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not looks_like_json_document(data, KEYS):
        raise refuse_foreign(path, target, "fetch record")
    try:
        return date.fromisoformat(json.loads(data)["hf_daily"]["last_day"])
    except (ValueError, KeyError, TypeError):
        return None  # ours but cut off: the next fetch is of today, as on a first run


def remember_fetched_day(home: Path, day: date) -> None:
    """Keep `day` unless a later one is kept already (fetching an old day moves nothing)."""
    kept = last_fetched_day(home)
    if kept is not None and kept >= day:
        return
    document = {"version": 1, "hf_daily": {"last_day": day.isoformat()}}
    atomic_write_bytes(_path(home), json.dumps(document, indent=1).encode() + b"\n")
