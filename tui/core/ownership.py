"""Which files paperdeck may replace: only those whose content it recognises as its own.

A home's file may be a symlink (state.json kept in a synced folder) or may have been replaced by
someone else's file; the path says nothing about whose content it holds. So before a broken file
is recovered or rewritten, its bytes must look like a paperdeck document: a complete one, one
cut off mid-write (it starts as ours start), or nothing at all (a write cut before its first byte,
or the zeros some filesystems leave after a power cut).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path

from tui.core.errors import StateError

PICKLE_OPENING = b"\x80"  # pickle protocols 2 and later open with PROTO
STATE_KEYS = ("meta", "papers", "_default")  # the tables of every schema (v0 had "_default")

# Our JSON documents open with `{"<table>"`; a file cut off mid-write keeps that opening, or a
# prefix of it. Whitespace is JSON's four characters (and the zeros of a power cut): `\s` would
# take a form feed, which no JSON writer emits, for the blank start of one of ours.
_WS = rb"[ \t\r\n\x00]*"
_OPENING = re.compile(_WS + rb'(?:\{' + _WS + rb'(?:"(?P<key>[A-Za-z_]*)(?P<closed>")?)?)?' + _WS)


def is_blank(payload: bytes) -> bool:
    return not payload.strip(b" \t\r\n\x00")


def looks_like_json_document(payload: bytes, keys: Iterable[str]) -> bool:
    """True for a JSON object of ours (at least one of `keys`, or none at all), or a prefix of
    one; False for anything else: text, binary, another program's JSON."""
    if is_blank(payload):
        return True
    keys = tuple(keys)
    try:
        document = json.loads(payload)
    except (ValueError, RecursionError):
        document = None
    else:
        if not isinstance(document, dict):
            return False
        return not document or any(key in document for key in keys)
    opening = _OPENING.match(payload)
    assert opening is not None  # every part of the pattern is optional
    key = (opening["key"] or b"").decode("ascii")
    if opening.end() == len(payload):  # only the opening survived the cut
        return any(k.startswith(key) for k in keys)
    return opening["closed"] is not None and key in keys


def looks_like_state(payload: bytes) -> bool:
    return looks_like_json_document(payload, STATE_KEYS)


def regular_target(path: Path) -> Path:
    """The file a write to path lands in (a symlink's target); refuses one that is not a
    regular file, such as a device or a folder, which no rename may replace."""
    target = path.resolve() if path.is_symlink() else path
    if target.exists() and not target.is_file():
        via = f" (a link to {target})" if target != path else ""
        raise StateError(f"{path}{via} is not a regular file; paperdeck will not touch it")
    return target


def refuse_foreign(path: Path, target: Path, what: str) -> StateError:
    """The one-line refusal for a file that holds someone else's content."""
    via = f", a link to {target}," if target != path else ""
    return StateError(
        f"{path}{via} does not hold a paperdeck {what}; paperdeck will not overwrite it — "
        "move it away or point the link at a paperdeck file"
    )


def head(path: Path, size: int = 64) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def cache_file_is_ours(path: Path, openings: tuple[bytes, ...]) -> bool:
    """May a rebuilt cache replace path? Yes if it is missing, blank or starts as ours; a link
    (it might lead anywhere) or someone else's file is left alone, and the cache not kept."""
    if path.is_symlink():
        return False
    if path.exists() and not path.is_file():
        return False  # a FIFO or device: opening it to look could wait forever
    try:
        start = head(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return is_blank(start) or start.startswith(openings)
