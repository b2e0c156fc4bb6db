"""Rotating daily backups of the state file, and recovery when the state file is broken.

Backups live in <home>/backups/: `state-YYYY-MM-DD.json` (one per day, the newest KEEP_DAILY
kept) and `state-vN-<time>.premigration.json` (taken before a schema migration, never rotated).
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tui.core.atomic import atomic_write_bytes, fsync_dir
from tui.core.errors import StateError
from tui.core.state_schema import Entry, SchemaError, decode_document, migrate
from tui.core.state_storage import CorruptStateFile, parse_state_bytes

KEEP_DAILY = 3
BACKUP_DIR = "backups"
_DAILY_PREFIX = "state-"


def backups_dir(home: Path) -> Path:
    return home / BACKUP_DIR


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def daily_backup(home: Path, payload: bytes, today: date | None = None) -> Path | None:
    """Keep today's copy of a known-good state file unless one exists; rotate old ones."""
    today = today or date.today()
    target = backups_dir(home) / f"{_DAILY_PREFIX}{today.isoformat()}.json"
    if target.exists():
        return None
    atomic_write_bytes(target, payload)
    rotate(home)
    return target


def _daily_backups(home: Path) -> list[Path]:
    # state-YYYY-MM-DD.json: the name sorts by date.
    return sorted(
        p for p in backups_dir(home).glob(f"{_DAILY_PREFIX}????-??-??.json") if p.is_file()
    )


def rotate(home: Path, keep: int = KEEP_DAILY) -> list[Path]:
    removed = []
    for old in _daily_backups(home)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed


def premigration_backup(home: Path, payload: bytes, from_version: int) -> Path:
    target = backups_dir(home) / f"state-v{from_version}-{_stamp()}.premigration.json"
    atomic_write_bytes(target, payload)
    return target


def move_aside(path: Path) -> Path:
    """Rename a broken file to <name>.<UTC time>.corrupt, never over an earlier one."""
    base = f"{path.name}.{_stamp()}"
    target = path.with_name(f"{base}.corrupt")
    n = 1
    while target.exists():
        target = path.with_name(f"{base}-{n}.corrupt")
        n += 1
    try:
        os.rename(path, target)
    except OSError as exc:
        raise StateError(
            f"{path} is unreadable and could not be moved aside ({exc.strerror or exc}); "
            "paperdeck will not overwrite it — move it away yourself"
        ) from exc
    fsync_dir(path.parent)
    return target


def load_payload(payload: bytes) -> tuple[dict[str, Entry], int]:
    """Parse, migrate and validate; returns entries and the schema version found on disk."""
    document = parse_state_bytes(payload)
    document, version = migrate(document)
    return decode_document(document), version


@dataclass
class GoodBackup:
    path: Path
    payload: bytes
    entries: dict[str, Entry]


def newest_good_backup(home: Path) -> GoodBackup | None:
    """Newest first by modification time; a broken backup is skipped, not trusted."""
    folder = backups_dir(home)
    if not folder.is_dir():
        return None
    candidates = sorted(
        (p for p in folder.glob(f"{_DAILY_PREFIX}*.json") if p.is_file()),
        key=lambda p: (p.stat().st_mtime, p.name),
        reverse=True,
    )
    for candidate in candidates:
        try:
            payload = candidate.read_bytes()
            entries, _ = load_payload(payload)
        except (OSError, CorruptStateFile, SchemaError):
            continue
        return GoodBackup(candidate, payload, entries)
    return None


def recover(path: Path, home: Path, problem: str) -> tuple[dict[str, Entry], str]:
    """Move the broken state file aside and put the newest good backup in its place.

    Returns the entries to start with and the notice telling the user what happened.
    """
    moved = move_aside(path)
    backup = newest_good_backup(home)
    what = f"the state file {path} could not be read ({problem}); it was moved to {moved}"
    if backup is None:
        return {}, (
            f"{what}. No good backup was found in {backups_dir(home)}, so paperdeck starts "
            "with empty state (your stars, notes and tags are still in the moved file)."
        )
    atomic_write_bytes(path, backup.payload)
    when = datetime.fromtimestamp(backup.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return backup.entries, (
        f"{what}. Restored the backup {backup.path} (saved {when}); changes made after that "
        "are only in the moved file."
    )
