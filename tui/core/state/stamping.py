"""An entry's clocks (clock.py) as a merge and a change see them: the kept ones, or for a value
from schema 2 one made from its "changed" time and the machine it came from; and a change
stamped onto an entry, field by field and tag by tag."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tui.core.model import PaperState
from tui.core.state.clock import UNTOUCHED_CLOCK, FieldClock, Stamp, bumped, join
from tui.core.state.schema import TAG_KEY, Entry

PLAIN = ("read", "starred")


def legacy_ms(value: str | None) -> int:
    """An ISO time of schema 2 in ms since the epoch; 0 when unreadable."""
    if not value:
        return 0
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return max(int(moment.timestamp() * 1000), 0)
    except (ValueError, OverflowError, OSError):
        return 0


def _legacy(entry: Entry, name: str, has_value: bool, origin: str) -> FieldClock:
    when = entry.changed.get(name)
    if when is None and not has_value:
        return UNTOUCHED_CLOCK  # never changed: every other version descends from it
    ms = legacy_ms(when)
    # The time as the count: a machine's later v2 changes then follow on from its earlier ones.
    return FieldClock((ms, 0, origin), {origin: max(ms, 1)})


def clock_of(entry: Entry, key: str, origin: str) -> FieldClock:
    clock = entry.clocks.get(key)
    if clock is not None:
        return clock
    if key.startswith(TAG_KEY):
        present = key[len(TAG_KEY):] in entry.state.tags
        return _legacy(entry, "tags", present, origin) if present else UNTOUCHED_CLOCK
    return _legacy(entry, key, bool(getattr(entry.state, key)), origin)


def tag_keys(entry: Entry) -> set[str]:
    """Every tag this entry knows, present or removed."""
    keys = {TAG_KEY + tag for tag in entry.state.tags}
    keys.update(key for key in entry.clocks if key.startswith(TAG_KEY))
    return keys


def note_versions(entry: Entry, origin: str) -> list[tuple[str, FieldClock]]:
    if entry.state.conflict:
        return list(zip(entry.state.conflict, entry.conflict_clocks, strict=True))
    return [(entry.state.notes, clock_of(entry, "notes", origin))]


def notes_clock(entry: Entry, origin: str) -> FieldClock:
    """The notes' clock; in a conflict, the join of every version (what an edit descends from)."""
    versions = note_versions(entry, origin)
    if len(versions) == 1:
        return versions[0][1]
    return FieldClock(max(c.stamp for _, c in versions), join(c.seen for _, c in versions))


def _all_clocked(entry: Entry) -> bool:
    """No value without its clock (the usual case: only schema-2 values lack one)."""
    clocks, state, changed = entry.clocks, entry.state, entry.changed
    for name in ("read", "starred", "notes"):
        if name not in clocks and (getattr(state, name) or name in changed):
            return False
    return all(TAG_KEY + tag in clocks for tag in state.tags)


def materialized(entry: Entry, origin: str) -> Entry:
    """Every clock explicit (for an export: the reader must not guess whose values these are)."""
    if _all_clocked(entry):
        return entry
    keys = [*PLAIN, "notes", *sorted(tag_keys(entry))]
    clocks = {}
    for key in keys:
        clock = clock_of(entry, key, origin)
        if clock is not UNTOUCHED_CLOCK:
            clocks[key] = clock
    if len(clocks) == len(entry.clocks):
        return entry
    return replace(entry, clocks=clocks)


def _after(stamp: Stamp, replaced: list[FieldClock | None]) -> Stamp:
    """A stamp later than every value it replaces, even if this process's clock never saw
    them (a stamp a day ahead merged in an earlier run): a concurrent merge must never let
    the value it replaced win over it."""
    latest = max((c.stamp for c in replaced if c is not None), default=stamp)
    if (latest[0], latest[1]) < (stamp[0], stamp[1]):
        return stamp
    return (latest[0], latest[1] + 1, stamp[2])


def stamped(before: Entry, new: PaperState, stamp: Stamp, machine: str) -> Entry:
    """`before` changed to `new` by an edit on `machine` at `stamp`: each field and tag that
    moved gets a clock descending from the one it had. The others' clocks are made explicit
    first: "changed", from which a schema-2 value's clock is made, is about to move."""
    before = materialized(before, machine)
    old = before.state
    clocks = dict(before.clocks)
    conflict_clocks = before.conflict_clocks
    notes_seen = before.notes_seen
    stamp = _after(stamp, [clocks.get(name) for name in PLAIN if getattr(old, name) != getattr(
        new, name)] + [notes_clock(before, machine) if (old.notes, old.conflict) != (
        new.notes, new.conflict) else None] + [
        clocks.get(TAG_KEY + tag) for tag in set(old.tags).symmetric_difference(new.tags)])
    for name in PLAIN:
        if getattr(old, name) != getattr(new, name):
            clocks[name] = FieldClock(stamp, bumped(clock_of(before, name, machine).seen, machine))
    if old.notes != new.notes or old.conflict != new.conflict:
        clocks["notes"] = FieldClock(stamp, bumped(notes_clock(before, machine).seen, machine))
        conflict_clocks = ()
        notes_seen = None
        new = replace(new, conflict=())
    for tag in set(old.tags).symmetric_difference(new.tags):
        key = TAG_KEY + tag
        clocks[key] = FieldClock(stamp, bumped(clock_of(before, key, machine).seen, machine))
    return Entry(new, before.changed, notes_seen, clocks, conflict_clocks)
