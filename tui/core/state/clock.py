"""Where and when a value was really changed: machine ids, hybrid logical clock stamps and
version vectors, the three things a merge needs to never lose or invent a change.

- A machine id names one home on one machine. It is kept in the home (machine.json) with the
  home's path and inode: a copied home (or one a sync program carried to another machine) does
  not match and gets a new id, so two machines never share one.
- A stamp is (wall ms, counter, machine): a hybrid logical clock. It orders concurrent edits
  (the later wins for read/starred/tags) and keeps going up even if the wall clock steps back.
- A version vector {machine: count} says which edits of one field a value descends from: one
  vector dominating the other means that side has seen everything the other has.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from tui.core.atomic import atomic_write_text
from tui.core.errors import PaperdeckError

MACHINE_FILE = "machine.json"
Stamp = tuple[int, int, str]  # (wall ms, counter, machine id)
NO_STAMP: Stamp = (0, 0, "")
# A stamp further ahead than this (a wrong clock, a hand-edited file) is clamped to it: it
# would otherwise win every concurrent edit for as long as it is in the future.
MAX_AHEAD_MS = 24 * 3600 * 1000


class FieldClock(NamedTuple):
    """One field's (or one tag's) last real change: its stamp and its version vector. A
    NamedTuple: a merge of 30,000 papers makes and compares ~100,000 of them."""

    stamp: Stamp
    seen: Mapping[str, int]


UNTOUCHED_CLOCK = FieldClock(NO_STAMP, {})


def dominates(a: Mapping[str, int], b: Mapping[str, int]) -> bool:
    """True if a has seen every edit b has (a ≥ b component-wise)."""
    return all(a.get(machine, 0) >= count for machine, count in b.items())


def join(vectors: Iterable[Mapping[str, int]]) -> dict[str, int]:
    joined: dict[str, int] = {}
    for vector in vectors:
        for machine, count in vector.items():
            if count > joined.get(machine, 0):
                joined[machine] = count
    return joined


def bumped(seen: Mapping[str, int], machine: str) -> dict[str, int]:
    """The vector of a new edit on `machine` after `seen`."""
    return {**seen, machine: seen.get(machine, 0) + 1}


def wall_ms() -> int:
    return time.time_ns() // 1_000_000


class HybridClock:
    """Stamps for one machine: never going back, and past every stamp it has seen."""

    def __init__(self, machine: str, last: Stamp = NO_STAMP) -> None:
        self.machine = machine
        self._wall, self._counter = last[0], last[1]

    def tick(self) -> Stamp:
        now = wall_ms()
        if now > self._wall:
            self._wall, self._counter = now, 0
        else:
            self._counter += 1
        return (self._wall, self._counter, self.machine)

    def observe(self, stamp: Stamp) -> None:
        """Move past a stamp seen in a merge (already clamped by the caller)."""
        if (stamp[0], stamp[1]) > (self._wall, self._counter):
            self._wall, self._counter = stamp[0], stamp[1]


def clamp(stamp: Stamp, now_ms: int) -> Stamp | None:
    """The stamp moved back to now + MAX_AHEAD_MS if it is further ahead; None if it is not."""
    limit = now_ms + MAX_AHEAD_MS
    return (limit, 0, stamp[2]) if stamp[0] > limit else None


def _new_id() -> str:
    return secrets.token_hex(5)


def _identity(home: Path) -> tuple[str, int, int]:
    info = home.stat()
    return str(home.resolve()), info.st_ino, info.st_dev


def machine_id(home: Path) -> str:
    """This home's machine id, made (and kept in machine.json) on first use, or when the file
    says it belongs to another folder: a copy of a home is another machine."""
    path = home / MACHINE_FILE
    try:
        where, inode, device = _identity(home)
    except OSError:
        return _new_id()  # no home to keep it in: an id for this run only
    with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
        kept = json.loads(path.read_text("utf-8"))
        ident = kept["id"]
        if (isinstance(ident, str) and ident.isalnum() and 0 < len(ident) <= 32
                and kept.get("home") == where and kept.get("inode") == inode
                and kept.get("device") == device):
            return ident
    ident = _new_id()
    record = {"id": ident, "home": where, "inode": inode, "device": device}
    with contextlib.suppress(OSError, PaperdeckError):  # a read-only home: the id lasts this run
        atomic_write_text(path, json.dumps(record) + "\n")
    return ident


def peer_id_for(name: str) -> str:
    """The machine an old (schema 2) export stands for: one per file name, so its later
    exports follow on from its earlier ones."""
    import hashlib

    return "old" + hashlib.sha256(name.encode("utf-8", "replace")).hexdigest()[:7]
