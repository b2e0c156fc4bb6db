"""Small files a shell's Tab reads instead of the library: the paper ids and the tag names.

    cache/completion-ids    a header line, then every paper id (12 hex digits) sorted, one a
                            line: fixed width, so a prefix is found by bisection
    cache/completion-tags   a header line, then the tag names in use, sorted

The library writes the ids whenever it saves its paper cache (an import, a rebuild); the
commands and the app write the tags when they close a state store. Like the rest of cache/
they are an optimisation: missing, they are written again by the next command, and a link or
someone else's file there is left alone.
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.atomic import atomic_write_bytes
from tui.core.errors import PaperdeckError
from tui.core.ownership import cache_file_is_ours

IDS_FILE = "completion-ids"
TAGS_FILE = "completion-tags"
IDS_HEADER = b"paperdeck completion ids 1\n"
TAGS_HEADER = b"paperdeck completion tags 1\n"
ID_WIDTH = 12
LIMIT = 200  # candidates a Tab lists at most: past that, typing another digit is quicker

if TYPE_CHECKING:
    from tui.core.state import StateStore

_PAPER_ID = re.compile(rb"[0-9a-f]{12}")


def _write(path: Path, header: bytes, lines: Iterable[bytes]) -> None:
    data = header + b"".join(line + b"\n" for line in lines)
    if path.parent.is_symlink() or not cache_file_is_ours(path, (header,)):
        return
    # Never required: a read-only home or a full disk keeps none, and says nothing.
    with contextlib.suppress(OSError, PaperdeckError):
        if path.exists() and path.read_bytes() == data:
            return  # most closes change no tag: no write
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, data)


def _read(path: Path, header: bytes) -> bytes | None:
    """The file's lines after the header, or None where it is missing or not ours."""
    if path.is_symlink():
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data[len(header):] if data.startswith(header) else None


def write_ids(cache_dir: Path, ids: Iterable[str]) -> None:
    wanted = sorted({pid.encode() for pid in ids if _PAPER_ID.fullmatch(pid.encode())})
    _write(cache_dir / IDS_FILE, IDS_HEADER, wanted)


def has_ids(cache_dir: Path) -> bool:
    return _read(cache_dir / IDS_FILE, IDS_HEADER) is not None


class _Lines:
    """The fixed-width id lines of the file as a sequence, for bisect: nothing is split."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __len__(self) -> int:
        return len(self.data) // (ID_WIDTH + 1)

    def __getitem__(self, index: int) -> bytes:
        start = index * (ID_WIDTH + 1)
        return self.data[start:start + ID_WIDTH]


def ids_starting(cache_dir: Path, prefix: str, limit: int = LIMIT) -> list[str] | None:
    """Ids starting with prefix (case folded: ids are lower-case hex), in order, at most
    `limit`; None where the file is missing."""
    data = _read(cache_dir / IDS_FILE, IDS_HEADER)
    if data is None:
        return None
    wanted = prefix.lower().encode("ascii", "replace")[:ID_WIDTH]
    lines = _Lines(data)
    found: list[str] = []
    for index in range(bisect.bisect_left(lines, wanted), len(lines)):
        pid = lines[index]
        if not pid.startswith(wanted) or len(found) >= limit:
            break
        found.append(pid.decode("ascii"))
    return found


def write_tags(cache_dir: Path, tags: Iterable[str]) -> None:
    _write(cache_dir / TAGS_FILE, TAGS_HEADER, sorted({_one_line(t) for t in tags} - {b""}))


def add_tags(cache_dir: Path, tags: Iterable[str]) -> None:
    """Tags just given to papers, beside those known (a journalled change sees no others)."""
    new = {_one_line(t) for t in tags} - {b""}
    if not new:
        return
    known = _read(cache_dir / TAGS_FILE, TAGS_HEADER) or b""
    _write(cache_dir / TAGS_FILE, TAGS_HEADER, sorted(new | set(known.splitlines())))


def tags_starting(cache_dir: Path, prefix: str, limit: int = LIMIT) -> list[str]:
    data = _read(cache_dir / TAGS_FILE, TAGS_HEADER) or b""
    wanted = prefix.lower()
    names = (line.decode("utf-8", "replace") for line in data.splitlines())
    return [name for name in names if name.startswith(wanted)][:limit]


def _one_line(tag: str) -> bytes:
    # Tags are normalised (no spaces or commas) before they reach a store; a shell still
    # gets nothing that would break its line.
    return "".join(char for char in tag if char.isprintable() and not char.isspace()).encode()


def remember_tags(home: Path, store: StateStore) -> None:
    """Keep the tag names of a store being closed: one holding the whole state knows them
    all; one that read only the papers it changed (a journalled change), only theirs."""
    from tui.core.state.store import JournalledStore

    if isinstance(store, JournalledStore):
        add_tags(home / "cache", store.tag_counts())
    else:
        write_tags(home / "cache", store.tag_counts())
