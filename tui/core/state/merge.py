"""State export (plain JSON) and merging another machine's export into this one.

Every field and every tag carries its clock (clock.py): a merge takes the other side's value
when it descends from ours, keeps ours when ours descends from theirs, and otherwise (the two
were changed concurrently) takes the later stamp for read/starred/tags and keeps both notes as
a conflict: structured versions in the record, each once, never markers inside the text. A
value taken keeps its own stamp. Every difference is reported: applied, kept, or conflicting.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.input_limits import read_state_input
from tui.core.state.clock import (
    MAX_AHEAD_MS,
    FieldClock,
    HybridClock,
    clamp,
    dominates,
    join,
    peer_id_for,
    wall_ms,
)
from tui.core.state.schema import (
    SCHEMA_VERSION,
    TAG_KEY,
    Entry,
    SchemaError,
    TagError,
    decode_document,
    decode_entry,
    encode_entry,
    migrate,
    normalize_tag,
    notes_hash,
)
from tui.core.state.stamping import (
    PLAIN,
    clock_of,
    materialized,
    note_versions,
    tag_keys,
)
from tui.core.state.storage import CorruptStateFile, parse_state_bytes
from tui.core.text import plural

EXPORT_FORMAT = "paperdeck-state"


@dataclass
class MergeReport:
    source: str
    papers_in_file: int = 0
    applied: list[str] = field(default_factory=list)  # changes taken from the other side
    kept: list[str] = field(default_factory=list)  # concurrent changes where ours was later
    conflicts: list[str] = field(default_factory=list)  # paper ids whose notes now conflict
    clamped: list[str] = field(default_factory=list)  # "paper field": stamps far ahead
    papers_changed: int = 0
    dry_run: bool = False  # nothing was written: the report says what a merge would do

    def lines(self) -> list[str]:
        verb, changed = ("would merge", "would change here") if self.dry_run else (
            "merged", "changed here")
        out = [
            f"{verb} {self.source}: {plural(self.papers_in_file, 'paper')} in the file, "
            f"{self.papers_changed:,} {changed}, "
            f"{plural(len(self.conflicts), 'notes conflict')}"
        ]
        out += [f"  changed  {line}" for line in self.applied]
        out += [f"  kept     {line}" for line in self.kept]
        out += [
            f"  conflict {pid}: notes edited on both machines without seeing each other; both "
            "versions kept (`has:conflict` finds them; saving the notes resolves it)"
            for pid in self.conflicts
        ]
        out += [
            f"  clamped  {where}: stamped more than a day ahead of this machine's clock "
            "(is the other machine's clock wrong?); taken as a day ahead"
            for where in self.clamped
        ]
        return out


def export_document(entries: Mapping[str, Entry], exported_at: str, machine: str) -> str:
    """One paper a line (a diff of two exports reads well; json's indent is 10x slower)."""
    head = json.dumps({"format": EXPORT_FORMAT, "schema": SCHEMA_VERSION,
                       "exported_at": exported_at, "machine": machine}, ensure_ascii=False)
    lines = []
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    for pid, entry in sorted(entries.items()):
        record = encode_entry(pid, materialized(entry, machine))
        del record["id"]  # the key says it
        lines.append(f"{dumps(pid)}:{dumps(record)}")
    body = ",\n".join(lines)
    return f'{head[:-1]},"papers":{{\n{body}\n}}}}\n'


@dataclass
class Other:
    """Another machine's state as read from its file."""

    entries: dict[str, Entry]
    # Whose values those without a clock (schema 2) are: the exporting machine, or for an old
    # export or a copied state.json, a peer named after the file.
    origin: str


def read_other(path: Path, data: bytes | None = None) -> Other:
    """An export from `paperdeck state export`, or a copy of another machine's state.json.

    `data`: the export's bytes when not in a file (piped in); `path` then only names it.
    Every problem with the file is an InputError (exit 3) with a one-line reason.
    """
    payload = read_state_input(Path(path)) if data is None else data
    origin = peer_id_for(Path(path).name)
    try:
        document = parse_state_bytes(payload)
        if document.get("format") != EXPORT_FORMAT:
            if not document:
                raise SchemaError("the JSON object is empty")
            document, _ = migrate(document)
            entries = decode_document(document)
        else:
            entries = _decode_export(document)
            machine = document.get("machine")
            if isinstance(machine, str) and machine.isalnum() and len(machine) <= 32:
                origin = machine
        normal: dict[str, str] = {}  # the same few tags on most papers: each checked once
        cleaned = {pid: _clean_tags(pid, entry, normal) for pid, entry in entries.items()}
    except (CorruptStateFile, SchemaError) as exc:
        reason = " ".join(str(exc).split())  # one line, whatever the file held
        raise InputError(f"{path} is not a paperdeck state export: {reason}") from None
    return Other(cleaned, origin)


def _normal(tag: str, known: dict[str, str]) -> str:
    normal = known.get(tag)
    if normal is None:
        normal = known[tag] = normalize_tag(tag)
    return normal


def _clean_tags(pid: str, entry: Entry, known: dict[str, str]) -> Entry:
    """Tags from another file obey the same rules as typed ones; a bad one is an error."""
    try:
        tags = tuple(sorted({_normal(tag, known) for tag in entry.state.tags}))
        clocks = {key if not key.startswith(TAG_KEY) else TAG_KEY + _normal(
            key[len(TAG_KEY):], known): clock for key, clock in entry.clocks.items()}
    except TagError as exc:
        raise SchemaError(f"paper {pid}: {exc}") from None
    if tags == entry.state.tags and clocks.keys() == entry.clocks.keys():
        return entry
    return replace(entry, state=replace(entry.state, tags=tags), clocks=clocks)


def _decode_export(document: dict[str, Any]) -> dict[str, Entry]:
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise SchemaError(f"unsupported export schema {schema!r}")
    papers = document.get("papers")
    if not isinstance(papers, dict):
        raise SchemaError("'papers' is not an object")
    entries = {}
    for pid, record in papers.items():
        if isinstance(record, dict):
            record["id"] = pid  # fresh from the parser: no copy (30,000 of them)
        paper_id, entry = decode_entry(record, f"paper {pid}")
        entries[paper_id] = entry
    return entries


def _time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
        return moment if moment.tzinfo else moment.astimezone()
    except (ValueError, OverflowError):  # astimezone() overflows near years 1 and 9999
        return None


def _show(name: str, value: Any) -> str:
    if name in ("read", "starred"):
        return "yes" if value else "no"
    if name == "tags":
        return ", ".join(value) if value else "(none)"
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _clamped(pid: str, entry: Entry, now_ms: int, report: MergeReport) -> Entry:
    """Stamps more than a day ahead moved back to a day ahead (and reported)."""
    clocks = dict(entry.clocks)
    moved = False
    for key, clock in entry.clocks.items():
        stamp = clamp(clock.stamp, now_ms)
        if stamp is not None:
            clocks[key] = FieldClock(stamp, clock.seen)
            report.clamped.append(f"{pid} {key}")
            moved = True
    versions = list(entry.conflict_clocks)
    for i, clock in enumerate(versions):
        stamp = clamp(clock.stamp, now_ms)
        if stamp is not None:
            versions[i] = FieldClock(stamp, clock.seen)
            moved = True
    if not moved:
        return entry
    return replace(entry, clocks=clocks, conflict_clocks=tuple(versions))


def _vector_key(seen: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(seen.items()))


def _versions_after(versions: list[tuple[str, FieldClock]]) -> list[tuple[str, FieldClock]]:
    """The notes after a merge: every version no other one descends from, each text once
    (one text reached on two machines is one version, descending from both)."""
    latest = []
    keys = set()
    for text, clock in versions:
        key = _vector_key(clock.seen)
        if key in keys or any(
            other.seen != clock.seen and dominates(other.seen, clock.seen)
            for _, other in versions
        ):
            continue
        keys.add(key)
        latest.append((text, clock))
    by_text: dict[str, FieldClock] = {}
    for text, clock in latest:
        known = by_text.get(text)
        by_text[text] = clock if known is None else FieldClock(
            max(known.stamp, clock.stamp), join((known.seen, clock.seen)))
    return list(by_text.items())


class _PaperMerge:
    """Merges one paper's other-side entry into ours, collecting report lines."""

    def __init__(self, pid: str, ours: Entry, theirs: Entry, machine: str, origin: str,
                 report: MergeReport) -> None:
        self.pid, self.report = pid, report
        self.ours, self.theirs = ours, theirs
        self.machine, self.origin = machine, origin
        self.state = ours.state
        self.clocks = dict(materialized(ours, machine).clocks)
        self.conflict_clocks = ours.conflict_clocks
        self.notes_seen = ours.notes_seen
        self.values_moved = False  # what the user sees changed
        self.clocks_moved = False  # only what a later merge needs to know

    def _decide(self, key: str) -> tuple[bool, FieldClock] | None:
        """(take theirs?, the clock to keep), or None when ours already descends from theirs."""
        mine = clock_of(self.ours, key, self.machine)
        other = clock_of(self.theirs, key, self.origin)
        if dominates(mine.seen, other.seen):
            return None
        if dominates(other.seen, mine.seen):
            return True, other
        take = other.stamp > mine.stamp  # concurrent: the later stamp wins
        return take, FieldClock((other if take else mine).stamp, join((mine.seen, other.seen)))

    def plain_field(self, name: str) -> None:
        decided = self._decide(name)
        if decided is None:
            return
        take, clock = decided
        self.clocks[name] = clock
        self.clocks_moved = True
        mine, other = getattr(self.state, name), getattr(self.theirs.state, name)
        if mine == other:
            return
        if take:
            at = getattr(self.theirs.state, f"{name}_at")
            self.state = replace(self.state, **{name: other, f"{name}_at": at})
            self.values_moved = True
            self.report.applied.append(f"{self.pid}: {name} → {_show(name, other)}")
        else:
            self.report.kept.append(
                f"{self.pid}: this machine's {name} ({_show(name, mine)}) is newer than the "
                f"other's ({_show(name, other)})"
            )

    def tags(self) -> None:
        """Each tag on its own, added or removed: a removal syncs like an addition."""
        tags = set(self.state.tags)
        theirs = set(self.theirs.state.tags)
        kept = []
        for key in sorted(tag_keys(self.ours) | tag_keys(self.theirs)):
            decided = self._decide(key)
            if decided is None:
                continue
            take, clock = decided
            self.clocks[key] = clock
            self.clocks_moved = True
            tag = key[len(TAG_KEY):]
            if (tag in tags) == (tag in theirs):
                continue
            if take:
                (tags.add if tag in theirs else tags.discard)(tag)
            else:
                kept.append(f"{tag} ({'kept' if tag in tags else 'left out'} here)")
        if tags != set(self.state.tags):
            self.state = replace(self.state, tags=tuple(sorted(tags)))
            self.values_moved = True
            self.report.applied.append(f"{self.pid}: tags → {_show('tags', self.state.tags)}")
        if kept:
            self.report.kept.append(
                f"{self.pid}: this machine's change of tag {', '.join(kept)} is newer")

    def _note_versions(self, entry: Entry, origin: str, other: Entry
                       ) -> list[tuple[str, FieldClock]]:
        versions = note_versions(entry, origin)
        if ("notes" not in entry.clocks and entry.notes_seen is not None and len(versions) == 1
                and entry.notes_seen == notes_hash(other.state.notes)):
            # Schema 2: this side merged the other's text and edited it after.
            before = note_versions(other, self.machine if origin == self.origin else self.origin)
            text, clock = versions[0]
            versions = [(text, FieldClock(clock.stamp, join([clock.seen] + [
                c.seen for _, c in before])))]
        return versions

    def notes(self) -> None:
        mine = self._note_versions(self.ours, self.machine, self.theirs)
        other = self._note_versions(self.theirs, self.origin, self.ours)
        after = _versions_after(mine + other)
        if [(t, _vector_key(c.seen)) for t, c in after] == [
                (t, _vector_key(c.seen)) for t, c in mine]:
            return
        self.clocks_moved = True
        self.notes_seen = None
        texts = tuple(text for text, _ in after)
        before_texts = self.state.conflict or (self.state.notes,)
        if len(after) == 1:
            text, clock = after[0]
            self.clocks["notes"] = clock
            self.conflict_clocks = ()
            if texts != before_texts or self.state.conflict:
                self.state = replace(self.state, notes=text, conflict=())
                self.values_moved = True
                self.report.applied.append(f"{self.pid}: notes → {_show('notes', text)}")
            return
        self.clocks["notes"] = FieldClock(max(c.stamp for _, c in after),
                                          join(c.seen for _, c in after))
        self.conflict_clocks = tuple(clock for _, clock in after)
        if set(texts) != set(before_texts) or texts != self.state.conflict:
            self.values_moved = self.values_moved or set(texts) != set(before_texts)
            self.state = replace(self.state, notes=texts[0], conflict=texts)
            if set(texts) - set(before_texts):
                self.report.conflicts.append(self.pid)

    def result(self, now: str) -> Entry:
        created = [t for t in (self.state.created, self.theirs.state.created) if t]
        state = replace(
            self.state,
            created=min(created, key=lambda t: _time(t) or datetime.max) if created else None,
            updated=now if self.values_moved else self.state.updated,
        )
        return Entry(state, self.ours.changed, self.notes_seen, self.clocks, self.conflict_clocks)


def merge_entries(
    ours: Mapping[str, Entry], theirs: Other, *, now: str, source: str, machine: str,
    clock: HybridClock | None = None,
) -> tuple[dict[str, Entry], MergeReport]:
    """The entries that change here, and the report. `ours` is not modified; `clock` moves
    past every stamp seen."""
    report = MergeReport(source=source, papers_in_file=len(theirs.entries))
    updates: dict[str, Entry] = {}
    now_ms = wall_ms()
    limit = (now_ms + MAX_AHEAD_MS, 0, "")
    seen_up_to = (0, 0, "")
    for pid, other in theirs.entries.items():  # an export is in paper order already
        other = materialized(other, theirs.origin)
        latest = max((c.stamp for c in (*other.clocks.values(), *other.conflict_clocks)),
                     default=seen_up_to)
        if latest > limit:
            other = _clamped(pid, other, now_ms, report)
            latest = max(c.stamp for c in (*other.clocks.values(), *other.conflict_clocks))
        seen_up_to = max(seen_up_to, latest)
        mine = ours.get(pid)
        if mine is not None and _same(mine, other):
            continue
        if mine is None:
            state = other.state
            if state.read or state.starred or state.notes or state.tags:
                report.applied.append(f"{pid}: new here ({_summary(other)})")
                report.papers_changed += 1
            if state.conflict:
                report.conflicts.append(pid)
            updates[pid] = replace(other, notes_seen=None)
            continue
        paper = _PaperMerge(pid, mine, other, machine, theirs.origin, report)
        for name in PLAIN:
            paper.plain_field(name)
        paper.tags()
        paper.notes()
        if paper.values_moved or paper.clocks_moved:
            updates[pid] = paper.result(now)
            report.papers_changed += paper.values_moved
    if clock is not None:
        clock.observe(seen_up_to)
    return updates, report


def _same(mine: Entry, other: Entry) -> bool:
    """Both sides hold the same changes (most papers, most merges): nothing to do."""
    a, b = mine.state, other.state
    return (bool(mine.clocks) and mine.clocks == other.clocks
            and mine.conflict_clocks == other.conflict_clocks and a.read == b.read
            and a.starred == b.starred and a.notes == b.notes and a.tags == b.tags)


def _summary(entry: Entry) -> str:
    state = entry.state
    parts = [label for label, on in (("read", state.read), ("starred", state.starred)) if on]
    if state.tags:
        parts.append("tags " + ", ".join(state.tags))
    if state.notes:
        parts.append("notes")
    return ", ".join(parts) or "no marks"
