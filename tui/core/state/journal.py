"""The state journal: changes appended beside state.json, so a change from the shell need not
read or rewrite the whole document.

`state.journal` holds a header line, then one JSON record per changed paper (the whole record,
as in state.json); a later line for a paper replaces an earlier one, so replaying twice is
harmless. An append is fsynced before the change is acknowledged. A line cut off by a crash
(no newline at the end) is ignored and cut away by the next append. Every reader applies the
journal over state.json; a writer that opens the whole state folds it into state.json and then
removes it (state.json is written first, so a crash in between only replays it again).
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

from tui.core.atomic import fsync_dir
from tui.core.errors import StateError, WriteError
from tui.core.ownership import refuse_foreign
from tui.core.state.schema import Entry, SchemaError, decode_entry, encode_entry

JOURNAL_FILE = "state.journal"
HEADER = b'{"paperdeck_journal":1}\n'
# Below this size of state.json a change rewrites it whole (that costs little there),
# so a small home keeps one complete file.
JOURNAL_FROM = 256 * 1024
# Past this size a change opens the whole state instead, which folds the journal into state.json.
COMPACT_AT = 4 * 1024 * 1024


def journal_path(home: Path) -> Path:
    return home / JOURNAL_FILE


def _check_ours(path: Path, data: bytes) -> None:
    """A journal we did not write (or a link: it could lead anywhere) is never read or cut."""
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise StateError(f"{path} is not a regular file; paperdeck will not touch it")
    start = data[: len(HEADER)]
    if not (HEADER.startswith(start) if len(data) < len(HEADER) else start == HEADER):
        raise refuse_foreign(path, path, "state journal")


def _raw(path: Path) -> bytes | None:
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        _check_ours(path, b"")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise StateError(f"cannot read {path}: {exc.strerror or exc}") from exc
    _check_ours(path, data)
    return data


def parse_journal(data: bytes, where: str = JOURNAL_FILE) -> dict[str, Entry]:
    """The records of a journal, later lines winning; the cut-off last line is skipped."""
    entries: dict[str, Entry] = {}
    lines = data.split(b"\n")
    complete = lines[1:-1]  # after the header; the last piece has no newline (torn or empty)
    for number, line in enumerate(complete, start=2):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            pid, entry = decode_entry(record, f"{where} line {number}")
        except (ValueError, RecursionError, SchemaError):
            continue  # one damaged line costs that change alone, never the others
        entries[pid] = entry
    return entries


def read_journal(home: Path) -> dict[str, Entry]:
    data = _raw(journal_path(home))
    return {} if not data else parse_journal(data)


def journal_size(home: Path) -> int:
    try:
        return journal_path(home).stat().st_size
    except OSError:
        return 0


def encode_line(pid: str, entry: Entry) -> bytes:
    record = encode_entry(pid, entry)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def append(home: Path, updates: dict[str, Entry]) -> None:
    """Append and fsync (the caller holds the state lock); WriteError leaves the journal as
    it was, up to a cut-off line that readers skip."""
    path = journal_path(home)
    data = _raw(path) or b""
    payload = b"".join(encode_line(pid, entry) for pid, entry in updates.items())
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
        try:
            keep = len(data)
            if len(data) < len(HEADER):  # new, or its header was cut off
                keep, payload = 0, HEADER + payload
            elif not data.endswith(b"\n"):  # a torn last line: cut it away before appending
                keep = data.rfind(b"\n") + 1
            os.ftruncate(fd, keep)
            os.lseek(fd, keep, os.SEEK_SET)
            try:
                view = memoryview(payload)
                while view:
                    view = view[os.write(fd, view):]
                os.fsync(fd)
            except OSError:
                with contextlib.suppress(OSError):  # no half change: the journal as it was
                    os.ftruncate(fd, keep)
                raise
        finally:
            os.close(fd)
        if not data:
            fsync_dir(path.parent)
    except OSError as exc:
        why = exc.strerror or exc
        raise WriteError(f"cannot write {path}: {why}; nothing was changed") from exc


def remove_journal(home: Path) -> None:
    """After its records are in a state.json written (and fsynced) by the caller."""
    path = journal_path(home)
    _raw(path)  # never remove what is not ours
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
        fsync_dir(path.parent)
