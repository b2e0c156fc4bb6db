"""How a change to papers becomes their new records: each change is a function from a paper's
state to its new state (None: this paper needs no change), applied to every paper before any is
stored, so an error changes nothing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime

from tui.core.errors import StateError
from tui.core.model import UNTOUCHED, PaperState
from tui.core.state.clock import Stamp
from tui.core.state.schema import FIELDS, Entry, TagError, check_tag_count, normalize_tag
from tui.core.state.stamping import stamped

Change = Callable[[PaperState], PaperState | None]
# (paper id, its record before, after); before is None when the paper had no record.
Changed = tuple[str, Entry | None, Entry]


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def unique_ids(ids: Iterable[str] | str) -> list[str]:
    if isinstance(ids, str):
        ids = [ids]
    seen = dict.fromkeys(ids)
    for pid in seen:
        if not isinstance(pid, str) or not pid:
            raise StateError(f"invalid paper id {pid!r}")
    return list(seen)


def _moved(old: PaperState, new: PaperState) -> list[str]:
    moved = [f for f in FIELDS if getattr(old, f) != getattr(new, f)]
    if old.conflict != new.conflict and "notes" not in moved:
        moved.append("notes")  # saving the shown version of a conflict resolves it
    return moved


def compute(entries: Mapping[str, Entry], pids: Iterable[str], change: Change,
            now: str, stamp: Stamp) -> list[Changed]:
    """Every paper's change; the fields that differ get the change's stamp (stamping.py)."""
    changes = []
    for pid in pids:
        before = entries.get(pid)
        old = before.state if before else UNTOUCHED
        new = change(old)
        if new is None:
            continue
        new = replace(new, created=old.created or now, updated=now)
        changed = dict(before.changed) if before else {}
        changed.update((f, now) for f in _moved(old, new))
        # Stamped from the record as it was: a schema-2 value's clock comes from its old time.
        entry = replace(stamped(before or Entry(), new, stamp, stamp[2]), changed=changed)
        changes.append((pid, before, entry))
    return changes


def tags_to_add_and_remove(add_tags: Iterable[str], remove_tags: Iterable[str]
                           ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Normalised, each once; TagError if one tag is both added and removed."""
    add = tuple(dict.fromkeys(normalize_tag(tag) for tag in add_tags))
    remove = tuple(dict.fromkeys(normalize_tag(tag) for tag in remove_tags))
    both = set(add).intersection(remove)
    if both:
        raise TagError(f"tag '{min(both)}' is both added and removed; nothing was changed")
    return add, remove


def check_tag_caps(state_of: Callable[[str], PaperState], pids: Iterable[str], *,
                   add: tuple[str, ...], remove: tuple[str, ...] = ()) -> None:
    """TagError, before anything changes, if adding these tags (and removing those) would
    take a paper past MAX_TAGS_PER_PAPER."""
    if not add:
        return
    for pid in pids:
        old = set(state_of(pid).tags)
        check_tag_count(pid, len(old), len(old.difference(remove).union(add)))


def set_flag(name: str, value: bool, now: str) -> Change:
    """Read or starred, with the time it was set (cleared with the flag)."""
    def change(state: PaperState) -> PaperState | None:
        if getattr(state, name) == value:
            return None
        return replace(state, **{name: value, f"{name}_at": now if value else None})

    return change


def set_notes(text: str) -> Change:
    def change(state: PaperState) -> PaperState | None:
        if state.notes == text and not state.conflict:
            return None
        return replace(state, notes=text, conflict=())

    return change


def add_tag(tag: str) -> Change:
    def change(state: PaperState) -> PaperState | None:
        if tag in state.tags:
            return None
        return replace(state, tags=tuple(sorted({*state.tags, tag})))

    return change


def remove_tag(tag: str) -> Change:
    def change(state: PaperState) -> PaperState | None:
        if tag not in state.tags:
            return None
        return replace(state, tags=tuple(t for t in state.tags if t != tag))

    return change


def set_tags(wanted: tuple[str, ...]) -> Change:
    def change(state: PaperState) -> PaperState | None:
        return None if state.tags == wanted else replace(state, tags=wanted)

    return change


def combined(
    now: str,
    counts: Counter[str],
    *,
    read: bool | None,
    starred: bool | None,
    add: tuple[str, ...],
    remove: tuple[str, ...],
) -> Change:
    """StateStore.update's change; it counts into `counts` what it changes, per part."""
    def change(state: PaperState) -> PaperState | None:
        new = state
        if read is not None and state.read != read:
            new = replace(new, read=read, read_at=now if read else None)
            counts["read"] += 1
        if starred is not None and state.starred != starred:
            new = replace(new, starred=starred, starred_at=now if starred else None)
            counts["starred"] += 1
        if add or remove:
            tags = set(state.tags)
            added = [tag for tag in add if tag not in tags]
            removed = [tag for tag in remove if tag in tags]
            if added or removed:
                tags.difference_update(removed)
                tags.update(added)
                new = replace(new, tags=tuple(sorted(tags)))
                counts.update([f"+{tag}" for tag in added] + [f"-{tag}" for tag in removed])
        return None if new is state else new

    return change


def describe_combined(read: bool | None, starred: bool | None, add: tuple[str, ...],
                      remove: tuple[str, ...]) -> str:
    """The undo history's line for StateStore.update; {n} stands for the papers changed."""
    parts = [word for value, word in ((read, "read"), (starred, "starred")) if value]
    parts += [f"un{word}" for value, word in ((read, "read"), (starred, "starred"))
              if value is False]
    parts += [f"+{tag}" for tag in add] + [f"-{tag}" for tag in remove]
    return f"change {{n}}: {', '.join(parts)}"


def _put_back(current: PaperState, old: PaperState, new: PaperState) -> PaperState:
    """`current` with what the step old -> new changed put back to `old`, and nothing else:
    a field changed since by another step (or a merge) is left as it is now."""
    values = {}
    for name in ("read", "starred"):
        if getattr(old, name) != getattr(new, name):
            values[name] = getattr(old, name)
            values[f"{name}_at"] = getattr(old, f"{name}_at")
    if old.notes != new.notes or old.conflict != new.conflict:
        values["notes"], values["conflict"] = old.notes, ()
    if old.tags != new.tags:
        tags = set(current.tags)
        tags.difference_update(set(new.tags) - set(old.tags))
        tags.update(set(old.tags) - set(new.tags))
        values["tags"] = tuple(sorted(tags))
    return replace(current, **values)


def restored(entries: Mapping[str, Entry],
             steps: Iterable[tuple[str, Entry | None, Entry | None]],
             now: str, stamp: Stamp) -> dict[str, Entry]:
    """Undo/redo: for each (paper, from, to) put what the step changed back from `from` to
    `to`, as a new change (it merges like any other): the fields that move get the stamp,
    descending from what they hold now. A conflict is not put back: its shown version is."""
    updates = {}
    for pid, source, target in steps:
        current = entries.get(pid) or Entry()
        wanted = _put_back(current.state, (target or Entry()).state, (source or Entry()).state)
        moved = _moved(current.state, wanted)
        if not moved:
            continue
        changed = dict(current.changed)
        changed.update((name, now) for name in moved)
        state = replace(wanted, created=current.state.created or now, updated=now)
        updates[pid] = replace(stamped(current, state, stamp, stamp[2]), changed=changed)
    return updates
