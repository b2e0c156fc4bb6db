"""State export (plain JSON) and merging another machine's export into this one.

Per field, the later change wins by its timestamp. Notes edited on both machines are both kept,
between conflict markers. Every difference is reported: applied, kept, or conflicting.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tui.core.errors import InputError
from tui.core.input_limits import read_state_input
from tui.core.state.schema import (
    SCHEMA_VERSION,
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
from tui.core.state.storage import CorruptStateFile, parse_state_bytes
from tui.core.text import plural

EXPORT_FORMAT = "paperdeck-state"
CONFLICT_OURS = "<<<<<<< this machine"
CONFLICT_SEPARATOR = "======="
CONFLICT_THEIRS = ">>>>>>> other machine"
# A later change wins a merge: a time past this (a wrong clock, a hand-edited file) would win
# every merge after it, so the whole file is refused.
MAX_AHEAD = timedelta(days=1)


@dataclass
class MergeReport:
    source: str
    papers_in_file: int = 0
    applied: list[str] = field(default_factory=list)  # changes taken from the other side
    kept: list[str] = field(default_factory=list)  # differences where this side was newer
    conflicts: list[str] = field(default_factory=list)  # paper ids whose notes now hold both
    papers_changed: int = 0

    def lines(self) -> list[str]:
        out = [
            f"merged {self.source}: {plural(self.papers_in_file, 'paper')} in the file, "
            f"{self.papers_changed:,} changed here, "
            f"{plural(len(self.conflicts), 'notes conflict')}"
        ]
        out += [f"  changed  {line}" for line in self.applied]
        out += [f"  kept     {line}" for line in self.kept]
        out += [
            f"  conflict {pid}: notes differ on both machines; both kept between "
            f"'{CONFLICT_OURS}' and '{CONFLICT_THEIRS}'"
            for pid in self.conflicts
        ]
        return out


def export_document(entries: Mapping[str, Entry], exported_at: str) -> str:
    papers = {pid: encode_entry(pid, entry) for pid, entry in sorted(entries.items())}
    for record in papers.values():
        del record["id"]  # the key says it
    document = {
        "format": EXPORT_FORMAT,
        "schema": SCHEMA_VERSION,
        "exported_at": exported_at,
        "papers": papers,
    }
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def read_other(path: Path, data: bytes | None = None) -> dict[str, Entry]:
    """An export from `paperdeck state export`, or a copy of another machine's state.json.

    `data`: the export's bytes when not in a file (piped in); `path` then only names it.
    Every problem with the file is an InputError (exit 3) with a one-line reason.
    """
    payload = read_state_input(Path(path)) if data is None else data
    try:
        document = parse_state_bytes(payload)
        if document.get("format") != EXPORT_FORMAT:
            if not document:
                raise SchemaError("the JSON object is empty")
            document, _ = migrate(document)
            entries = decode_document(document)
        else:
            entries = _decode_export(document)
        cleaned = {pid: _clean_tags(pid, entry) for pid, entry in entries.items()}
    except (CorruptStateFile, SchemaError) as exc:
        reason = " ".join(str(exc).split())  # one line, whatever the file held
        raise InputError(f"{path} is not a paperdeck state export: {reason}") from None
    _refuse_future_times(path, cleaned)
    return cleaned


def _refuse_future_times(path: Path, entries: Mapping[str, Entry]) -> None:
    limit = datetime.now(UTC) + MAX_AHEAD
    for pid, entry in sorted(entries.items()):
        for name, value in sorted(entry.changed.items()):
            if _stamped_after(value, limit):
                stamp = " ".join(value.split())[:40]  # one line, whatever the file held
                raise InputError(
                    f"{path}: paper {pid}'s {name} change is stamped {stamp}, more than a day "
                    "ahead of this machine's clock (is the other machine's clock wrong?); "
                    "nothing was merged"
                )


def _stamped_after(value: str, limit: datetime) -> bool:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False  # unreadable times never win a merge (_newer)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)  # not astimezone(): it overflows near year 9999
    try:
        return moment > limit
    except OverflowError:  # an offset pushes it past year 9999
        return moment.year > limit.year


def _clean_tags(pid: str, entry: Entry) -> Entry:
    """Tags from another file obey the same rules as typed ones; a bad one is an error."""
    try:
        tags = tuple(sorted({normalize_tag(tag) for tag in entry.state.tags}))
    except TagError as exc:
        raise SchemaError(f"paper {pid}: {exc}") from None
    if tags == entry.state.tags:
        return entry
    return replace(entry, state=replace(entry.state, tags=tags))


def _decode_export(document: dict[str, Any]) -> dict[str, Entry]:
    schema = document.get("schema")
    if not isinstance(schema, int) or schema > SCHEMA_VERSION:
        raise SchemaError(f"unsupported export schema {schema!r}")
    papers = document.get("papers")
    if not isinstance(papers, dict):
        raise SchemaError("'papers' is not an object")
    entries = {}
    for pid, record in papers.items():
        record = {**record, "id": pid} if isinstance(record, dict) else record
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


def _newer(theirs: str | None, ours: str | None) -> bool:
    t, o = _time(theirs), _time(ours)
    return t is not None and (o is None or t > o)


def _show(name: str, value: Any) -> str:
    if name in ("read", "starred"):
        return "yes" if value else "no"
    if name == "tags":
        return ", ".join(value) if value else "(none)"
    return repr(value if len(value) <= 40 else value[:37] + "...")


def conflict_text(ours: str, theirs: str) -> str:
    return f"{CONFLICT_OURS}\n{ours}\n{CONFLICT_SEPARATOR}\n{theirs}\n{CONFLICT_THEIRS}"


class _PaperMerge:
    """Merges one paper's other-side entry into ours, collecting report lines."""

    def __init__(self, pid: str, ours: Entry, theirs: Entry, now: str, report: MergeReport):
        self.pid, self.theirs, self.now, self.report = pid, theirs, now, report
        self.state = ours.state
        self.changed = dict(ours.changed)
        self.seen = ours.notes_seen
        self.ours = ours

    def _take(self, name: str, **values: Any) -> None:
        self.state = replace(self.state, **values)
        if self.theirs.changed.get(name):
            self.changed[name] = self.theirs.changed[name]
        self.report.applied.append(f"{self.pid}: {name} → {_show(name, getattr(self.state, name))}")

    def _never_changed(self, entry: Entry, name: str) -> bool:
        """No record of a change and the untouched value: that side has nothing to say."""
        return not entry.changed.get(name) and not getattr(entry.state, name)

    def plain_field(self, name: str) -> None:
        mine, other = getattr(self.state, name), getattr(self.theirs.state, name)
        if mine == other or self._never_changed(self.theirs, name):
            return
        if _newer(self.theirs.changed.get(name), self.changed.get(name)):
            extra = {}
            if name != "tags":  # read_at / starred_at travel with their flag
                extra[f"{name}_at"] = getattr(self.theirs.state, f"{name}_at")
            self._take(name, **{name: other}, **extra)
        else:
            self.report.kept.append(
                f"{self.pid}: this machine's {name} ({_show(name, mine)}) is newer than the "
                f"other's ({_show(name, other)})"
            )

    def tags(self) -> None:
        """Tags changed on both sides are combined: a tag is never dropped silently."""
        mine, other = self.state.tags, self.theirs.state.tags
        if mine == other or self._never_changed(self.theirs, "tags"):
            return
        if self._never_changed(self.ours, "tags"):
            self._take("tags", tags=other)
            return
        combined = tuple(sorted({*mine, *other}))
        only_here = ", ".join(t for t in mine if t not in other) or "(none)"
        only_there = ", ".join(t for t in other if t not in mine) or "(none)"
        line = (
            f"{self.pid}: combined tags → {_show('tags', combined)} "
            f"(only on this machine: {only_here}; only on the other: {only_there})"
        )
        if combined == mine:  # nothing new here; the other machine lacks some of ours
            self.report.kept.append(line)
            return
        self.state = replace(self.state, tags=combined)
        self.changed["tags"] = self.now
        self.report.applied.append(line)

    def notes(self) -> None:
        mine, other = self.state.notes, self.theirs.state.notes
        if mine == other or self.seen == notes_hash(other) or self._never_changed(
            self.theirs, "notes"
        ):
            return  # same text, or we merged theirs in already and edited since
        if self.theirs.notes_seen == notes_hash(mine):
            # The other side already merged our text and edited after: a fast-forward.
            self._take("notes", notes=other)
        elif not mine or not other:
            if _newer(self.theirs.changed.get("notes"), self.changed.get("notes")):
                self._take("notes", notes=other)
            else:
                self.report.kept.append(
                    f"{self.pid}: this machine's notes ({_show('notes', mine)}) are newer than "
                    f"the other's ({_show('notes', other)})"
                )
                return
        else:
            self.state = replace(self.state, notes=conflict_text(mine, other))
            self.changed["notes"] = self.now
            self.report.conflicts.append(self.pid)
        self.seen = notes_hash(other)

    def result(self) -> Entry:
        created = [t for t in (self.state.created, self.theirs.state.created) if t]
        state = replace(
            self.state,
            created=min(created, key=lambda t: _time(t) or datetime.max) if created else None,
            updated=self.now,
        )
        return Entry(state, self.changed, self.seen)


def merge_entries(
    ours: Mapping[str, Entry], theirs: Mapping[str, Entry], *, now: str, source: str
) -> tuple[dict[str, Entry], MergeReport]:
    """The entries that change here, and the report. `ours` is not modified."""
    report = MergeReport(source=source, papers_in_file=len(theirs))
    updates: dict[str, Entry] = {}
    for pid, other in sorted(theirs.items()):
        mine = ours.get(pid)
        if mine is None:
            if other.state.read or other.state.starred or other.state.notes or other.state.tags:
                report.applied.append(f"{pid}: new here ({_summary(other)})")
            updates[pid] = replace(other, notes_seen=notes_hash(other.state.notes))
            continue
        before = (len(report.applied), len(report.conflicts))
        paper = _PaperMerge(pid, mine, other, now, report)
        for name in ("read", "starred"):
            paper.plain_field(name)
        paper.tags()
        paper.notes()
        if (len(report.applied), len(report.conflicts)) != before:
            updates[pid] = paper.result()
    report.papers_changed = len(updates)
    return updates, report


def _summary(entry: Entry) -> str:
    state = entry.state
    parts = [label for label, on in (("read", state.read), ("starred", state.starred)) if on]
    if state.tags:
        parts.append("tags " + ", ".join(state.tags))
    if state.notes:
        parts.append("notes")
    return ", ".join(parts) or "no marks"
