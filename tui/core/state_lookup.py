"""Find a few papers' records in state.json without parsing the whole document.

paperdeck writes state.json one record per line (state_schema.build_document), each opening
`"<doc id>":{"id":"<paper id>",`; inside JSON strings a quote is escaped, so that opening
cannot occur in notes. A file in any other shape (written through TinyDB's own API, an older
schema, a newer one) gets None: the caller reads it whole, as before.
"""

from __future__ import annotations

import json
import mmap
from collections.abc import Iterable
from pathlib import Path

from tui.core.ownership import regular_target
from tui.core.state_schema import Entry, SchemaError, build_document, decode_entry

_OPENING = build_document([]).encode("utf-8").split(b"\n", 1)[0] + b"\n"


def find_records(path: Path, pids: Iterable[str]) -> dict[str, Entry] | None:
    """paper id -> its decoded Entry, for those of `pids` that have a record; None when the
    file is not in our one-record-per-line shape or a found line does not decode."""
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
            found: dict[str, Entry] = {}
            for pid in pids:
                key = b':{"id":' + json.dumps(pid, ensure_ascii=False).encode("utf-8") + b","
                at = data.find(key)
                if at < 0:
                    continue
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
