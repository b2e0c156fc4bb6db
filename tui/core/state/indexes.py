"""Which papers are read, starred, noted or carry a tag, and since when they are read or
starred: kept up to date change by change, so a filter asks a set or a map instead of scanning
every record."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from types import MappingProxyType

from tui.core.model import UNTOUCHED, PaperState
from tui.core.state.schema import Entry


class Membership:
    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self._read: set[str] = set()
        self._starred: set[str] = set()
        self._noted: set[str] = set()
        self._conflicted: set[str] = set()
        self._tags: dict[str, set[str]] = {}
        self._tag_counts: Counter[str] = Counter()
        self._read_at: dict[str, str] = {}  # paper id -> when it was marked read
        self._starred_at: dict[str, str] = {}
        self._views: dict[str, frozenset[str]] = {}
        self._times: dict[str, Mapping[str, str]] = {}
        for pid, entry in entries.items():
            self.changed(pid, UNTOUCHED, entry.state)

    def read_ids(self) -> frozenset[str]:
        return self._view("read", self._read)

    def starred_ids(self) -> frozenset[str]:
        return self._view("starred", self._starred)

    def noted_ids(self) -> frozenset[str]:
        return self._view("noted", self._noted)

    def conflict_ids(self) -> frozenset[str]:
        return self._view("conflicted", self._conflicted)

    def tag_ids(self, tag: str) -> frozenset[str]:
        key = tag.strip().lower()
        return self._view(f"tag:{key}", self._tags.get(key, set()))

    def read_times(self) -> Mapping[str, str]:
        """Paper id -> the ISO stamp (UTC) of when it was marked read; read papers whose
        record carries no stamp are left out. One unchanging map until the next change."""
        return self._times_view("read", self._read_at)

    def starred_times(self) -> Mapping[str, str]:
        return self._times_view("starred", self._starred_at)

    def _times_view(self, key: str, stamps: dict[str, str]) -> Mapping[str, str]:
        cached = self._times.get(key)
        if cached is None:  # a copy: the query engine remembers its days by identity
            cached = self._times[key] = MappingProxyType(dict(stamps))
        return cached

    def tag_counts(self) -> Counter[str]:
        return Counter({tag: n for tag, n in self._tag_counts.items() if n > 0})

    def _view(self, key: str, members: set[str]) -> frozenset[str]:
        # The TUI asks on every keystroke: rebuild a frozen copy only after a change.
        cached = self._views.get(key)
        if cached is None:
            cached = self._views[key] = frozenset(members)
        return cached

    def changed(self, pid: str, old: PaperState, new: PaperState) -> None:
        for members, was, now in (
            (self._read, old.read, new.read),
            (self._starred, old.starred, new.starred),
            (self._noted, bool(old.notes.strip()), bool(new.notes.strip())),
            (self._conflicted, bool(old.conflict), bool(new.conflict)),
        ):
            if was != now:
                (members.add if now else members.discard)(pid)
        for tag in set(old.tags) - set(new.tags):
            self._tags[tag].discard(pid)
            self._tag_counts[tag] -= 1
        for tag in set(new.tags) - set(old.tags):
            self._tags.setdefault(tag, set()).add(pid)
            self._tag_counts[tag] += 1
        for stamps, stamp in ((self._read_at, new.read_at if new.read else None),
                              (self._starred_at, new.starred_at if new.starred else None)):
            if stamp:
                stamps[pid] = stamp
            else:
                stamps.pop(pid, None)
        if self._views or self._times:
            self._views = {}
            self._times = {}
