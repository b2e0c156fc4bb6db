"""Find a few papers' records in state.json without parsing the whole document.

paperdeck writes state.json one record per line (schema.build_document), each opening
`"<doc id>":{"id":"<paper id>",`; inside JSON strings a quote is escaped, so that opening
cannot occur in notes. A file in any other shape (written through TinyDB's own API, an older
schema, a newer one) gets None: the caller reads it whole, as before.
"""

from __future__ import annotations

import json
import mmap
import re
from collections.abc import Iterable
from pathlib import Path

from tui.core.ownership import regular_target
from tui.core.state.schema import Entry, SchemaError, build_document, decode_entry

_OPENING = build_document([]).encode("utf-8").split(b"\n", 1)[0] + b"\n"
# A record line's start: its doc id, then its paper id (a JSON string, escapes and all).
_RECORD_START = re.compile(rb'\n"[^"\n]*":\{"id":("(?:[^"\\\n]|\\.)*"),')
# Up to this many papers each is one search of the file; past it one pass over every line
# (a search per paper would cost papers x file).
_SEARCHES = 32


def find_records(path: Path, pids: Iterable[str]) -> dict[str, Entry] | None:
    """paper id -> its decoded Entry, for those of `pids` that have a record; None when the
    file is not in our one-record-per-line shape or a found line does not decode."""
    pids = list(dict.fromkeys(pids))
    regular_target(path)
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        return {}
    with handle:
        if handle.read(len(_OPENING)) != _OPENING:
            return None
        size = handle.seek(0, 2)
        if size <= len(_OPENING):
            return None
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
            if data[size - 4:] != b"\n}}\n":  # cut off: the whole-file path recovers it
                return None
            starts = _one_pass(data, pids) if len(pids) > _SEARCHES else _each_start(data, pids)
            found: dict[str, Entry] = {}
            for pid, at in starts.items():
                start = data.rfind(b"\n", 0, at) + 1
                end = data.find(b"\n", at)
                line = data[start:end].rstrip(b",")
                colon = line.find(b":")
                try:
                    record = json.loads(line[colon + 1:])
                    found[pid] = decode_entry(record, f"{path}")[1]
                except (ValueError, SchemaError, RecursionError):
                    return None
            return found


def _key(pid: str) -> bytes:
    """The paper id as state.json spells it (the JSON string, quotes included)."""
    return json.dumps(pid, ensure_ascii=False).encode("utf-8")


def _each_start(data: mmap.mmap, pids: list[str]) -> dict[str, int]:
    """Where each paper's record line holds its id: one search of the file per paper."""
    starts: dict[str, int] = {}
    for pid in pids:
        at = data.find(b':{"id":' + _key(pid) + b",")
        if at >= 0:
            starts[pid] = at
    return starts


def _one_pass(data: mmap.mmap, pids: list[str]) -> dict[str, int]:
    """The same as _each_start, in one pass over every record line (the first line wins)."""
    wanted = {_key(pid): pid for pid in pids}
    starts: dict[str, int] = {}
    for match in _RECORD_START.finditer(data):
        pid = wanted.get(match.group(1))
        if pid is not None and pid not in starts:
            starts[pid] = match.start(1)
    return starts
