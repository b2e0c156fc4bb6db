"""Rotating daily backups of the state file, recovery when it is broken, and the start-up
path that uses both (load_for_open).

Backups live in <home>/backups/: `state-YYYY-MM-DD.json` (one per day, the newest KEEP_DAILY
kept) and `state-vN-<time>.premigration.json` (taken before a schema migration, never rotated).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from tui.core.atomic import atomic_write_bytes, fsync_dir
from tui.core.errors import PaperdeckError, StateError, WriteError
from tui.core.ownership import head, looks_like_state, refuse_foreign, regular_target
from tui.core.state.bulk import no_gc_pauses
from tui.core.state.schema import (
    SCHEMA_VERSION,
    Entry,
    NewerSchemaError,
    SchemaError,
    decode_document,
    migrate,
)
from tui.core.state.storage import AtomicJSONStorage, CorruptStateFile, parse_state_bytes

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
    if target.exists() or target.is_symlink():  # a dangling link: never write where it leads
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
            if old.is_symlink() or not looks_like_state(head(old)):
                continue  # not a backup of ours: someone's file that happens to match the name
            old.unlink()
            removed.append(old)
    return removed


def premigration_backup(home: Path, payload: bytes, from_version: int) -> Path:
    target = backups_dir(home) / f"state-v{from_version}-{_stamp()}.premigration.json"
    atomic_write_bytes(target, payload)
    return target


def keep_broken_copy(path: Path, payload: bytes) -> Path:
    """Save the broken bytes as <name>.<UTC time>.corrupt, never over an earlier one, and read
    them back: nothing is restored over a file whose copy is not known to be whole.

    A copy, not a rename: the state file itself is only ever replaced atomically afterwards,
    so a crash during recovery never leaves the home without a state file.
    """
    base = f"{path.name}.{_stamp()}"
    for n in range(1000):
        target = path.with_name(f"{base}.corrupt" if n == 0 else f"{base}-{n}.corrupt")
        if target.exists():
            continue
        try:
            atomic_write_bytes(target, payload, overwrite=False)
        except WriteError as exc:
            if target.exists():
                continue  # appeared meanwhile
            raise StateError(
                f"{path} is unreadable and could not be copied aside ({exc}); "
                "paperdeck will not overwrite it — move it away yourself"
            ) from exc
        try:
            copied = target.read_bytes()
        except OSError as exc:
            copied = f"unreadable: {exc.strerror or exc}".encode()
        if copied != payload:
            raise StateError(
                f"{path} is unreadable and its copy {target} does not match it; "
                "paperdeck will not overwrite it — move it away yourself"
            )
        return target
    raise StateError(f"{path} is unreadable and too many .corrupt copies exist beside it")


def load_payload(payload: bytes) -> tuple[dict[str, Entry], int]:
    """Parse, migrate and validate; returns entries and the schema version found on disk."""
    with no_gc_pauses():
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


def recover(path: Path, home: Path, payload: bytes, problem: str) -> tuple[dict[str, Entry], str]:
    """Keep a copy of the broken state file aside and put the newest good backup in its place.

    Only a file that looks like ours is recovered; anything else is refused untouched. Through
    a symlink the copy goes beside the target and the target is replaced: the link stays.

    Returns the entries to start with and the notice telling the user what happened.
    """
    link = path
    path = regular_target(link)
    if not looks_like_state(payload):
        raise refuse_foreign(link, path, "state file")
    moved = keep_broken_copy(path, payload)
    backup = newest_good_backup(home)
    shown = link if link == path else f"{link} (a link to {path})"
    what = f"the state file {shown} could not be read ({problem}); a copy was kept at {moved}"
    if backup is None:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        fsync_dir(path.parent)
        return {}, (
            f"{what}. No good backup was found in {backups_dir(home)}, so paperdeck starts "
            "with empty state (your stars, notes and tags are still in the copy)."
        )
    with contextlib.suppress(WriteError):  # the store rewrites the file from memory soon
        atomic_write_bytes(path, backup.payload)
    when = datetime.fromtimestamp(backup.path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
    return backup.entries, (
        f"{what}. Restored the backup {backup.path} (saved {when}); changes made after that "
        "are only in the copy."
    )


def load_for_open(
    home: Path, path: Path, *, writer: bool, notices: list[str]
) -> tuple[dict[str, Entry], bool]:
    """Clean up, read, recover or migrate, back up. Returns the entries to start from and
    whether the file must be rewritten at once (recovered or migrated)."""
    storage = AtomicJSONStorage(path)
    if writer:
        storage.remove_stale_temps()
    regular_target(path)  # a link to a device or folder: never read (/dev/zero) nor replaced
    try:
        payload = storage.read_bytes()
    except OSError as exc:
        raise StateError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if payload is None:
        return {}, False
    try:
        entries, version = load_payload(payload)
    except NewerSchemaError:
        raise
    except (CorruptStateFile, SchemaError) as exc:
        if not writer:
            notices.append(
                f"the state file {path} could not be read ({exc}); the paperdeck holding "
                "it will recover it; showing no state here"
            )
            return {}, False
        entries, notice = recover(path, home, payload, str(exc))
        notices.append(notice)
        return entries, True
    if not writer:
        return entries, False
    if version < SCHEMA_VERSION:
        backup = premigration_backup(home, payload, version)
        notices.append(
            f"upgraded the state file from schema {version} to {SCHEMA_VERSION}; "
            f"the old file is kept at {backup}"
        )
        return entries, True
    try:
        daily_backup(home, payload)
    except PaperdeckError as exc:  # a missing backup must not stop the user working
        notices.append(f"could not back up the state file: {exc}")
    return entries, False
