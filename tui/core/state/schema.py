"""The on-disk shape of the user state: records, validation and numbered schema migrations.

The state file is a TinyDB document: {"meta": {"1": {"schema": N}}, "papers": {"<doc id>": record}}.
A record keeps, besides the PaperState fields, when each field last changed ("changed", ISO
times for people), and for a merge (clock.py) each field's and each tag's clock ("clock":
{"read"|"starred"|"notes"|"tag:NAME": [wall ms, counter, machine, {machine: count}]}, the
vector written as a count alone when it names only the stamp's machine; a tag
with a clock but not in "tags" was removed) and, while notes are in conflict, every version
("conflict": [{"text", "clock"}], this machine's first). Records from schema 2 have no clock:
one is made from "changed" when needed (clocks.py), with the machine they came from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tui.core.errors import PaperdeckError
from tui.core.model import UNTOUCHED, PaperState
from tui.core.state.clock import FieldClock

SCHEMA_VERSION = 3
FIELDS = ("read", "starred", "notes", "tags")
META_TABLE = "meta"
PAPERS_TABLE = "papers"
# Tags on one paper: far above any real use, low enough that a runaway script is refused.
MAX_TAGS_PER_PAPER = 1000


class TagError(PaperdeckError):
    """A tag that cannot be stored or queried (empty, or with spaces, commas or quotes)."""

    exit_code = 2


def check_tag_count(paper_id: str, before: int, after: int) -> None:
    """TagError if a change would leave a paper with more than MAX_TAGS_PER_PAPER tags (a
    paper already over it, from an old merge, may still lose tags)."""
    if after > MAX_TAGS_PER_PAPER and after > before:
        raise TagError(
            f"too many tags: paper {paper_id} would have {after:,} "
            f"(at most {MAX_TAGS_PER_PAPER:,} per paper); nothing was changed"
        )


def normalize_tag(tag: str) -> str:
    """Tags are lower-case words: `tag:ml` must find what `--add ML` stored."""
    cleaned = tag.strip().lower()
    if not cleaned:
        raise TagError("a tag cannot be empty")
    if any(ch.isspace() or ch in ',"' or not ch.isprintable() for ch in cleaned):
        raise TagError(f"invalid tag {tag!r}: no spaces, commas, quotes or control characters")
    return cleaned


class SchemaError(Exception):
    """The document parsed as JSON but is not a paperdeck state file we can use."""


class NewerSchemaError(SchemaError):
    """Written by a newer paperdeck: not corrupt, but this version must not rewrite it."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One paper's state plus the bookkeeping a merge needs. Never mutated: replaced."""

    state: PaperState = UNTOUCHED
    changed: Mapping[str, str] = field(default_factory=dict)  # field -> ISO time of last change
    notes_seen: str | None = None  # schema 2: hash of the other side's notes last merged in
    # "read", "starred", "notes", "tag:NAME" -> its last real change; see the module docstring
    clocks: Mapping[str, FieldClock] = field(default_factory=dict)
    # With state.conflict: each version's clock, in the same order.
    conflict_clocks: tuple[FieldClock, ...] = ()


TAG_KEY = "tag:"


def encode_clock(clock: FieldClock) -> list[Any]:
    wall, counter, machine = clock.stamp
    seen = clock.seen
    if len(seen) == 1 and machine in seen:  # the usual case, as a count: a third of the bytes
        return [wall, counter, machine, seen[machine]]
    return [wall, counter, machine, dict(seen)]


def _clock_problem(value: Any) -> bool:
    # Plain loops and type() checks: this runs for every clock of a 30,000-paper merge.
    if type(value) is not list or len(value) != 4:
        return True
    wall, counter, machine, seen = value
    if (type(wall) is not int or type(counter) is not int or type(machine) is not str
            or wall < 0 or counter < 0):
        return True
    if type(seen) is int:
        return seen < 0
    if type(seen) is not dict:
        return True
    # A JSON object's keys are always text; only vectors of two machines or more get here.
    return any(type(count) is not int or count < 0 for count in seen.values())


def decode_clock(value: list[Any]) -> FieldClock:
    seen = value[3]
    return FieldClock((value[0], value[1], value[2]),
                      {value[2]: seen} if type(seen) is int else seen)


def notes_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def encode_entry(paper_id: str, entry: Entry) -> dict[str, Any]:
    state = entry.state
    record: dict[str, Any] = {
        "id": paper_id,
        "read": state.read,
        "read_at": state.read_at,
        "starred": state.starred,
        "starred_at": state.starred_at,
        "notes": state.notes,
        "tags": list(state.tags),
        "created": state.created,
        "updated": state.updated,
        "changed": dict(entry.changed),
        "notes_seen": entry.notes_seen,
    }
    if entry.clocks:
        record["clock"] = {key: encode_clock(c) for key, c in entry.clocks.items()}
    if state.conflict:
        record["conflict"] = [{"text": text, "clock": encode_clock(clock)}
                              for text, clock in zip(state.conflict, entry.conflict_clocks,
                                                     strict=True)]
    return record


def encode_fragment(doc_id: int, paper_id: str, entry: Entry) -> str:
    """One `"doc id": {...}` member of the papers table, ready to be joined into the file."""
    record = json.dumps(encode_entry(paper_id, entry), ensure_ascii=False, separators=(",", ":"))
    return f'"{doc_id}":{record}'


def build_document(fragments: list[str]) -> str:
    # One record per line: a human (or diff) can read the file.
    meta = json.dumps({META_TABLE: {"1": {"schema": SCHEMA_VERSION}}})[:-1]
    body = ",\n".join(fragments)
    return f'{meta},"{PAPERS_TABLE}":{{\n{body}\n}}}}\n'


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise SchemaError(message)


_TEXT_OR_NONE = ("read_at", "starred_at", "created", "updated", "notes_seen")


def _record_problem(record: Any) -> str | None:
    """What is wrong with one schema-2 or -3 record, or None. Cheap on the good path: it runs per
    record at every start, so no message is built unless something is wrong."""
    if not isinstance(record, dict):
        return "is not an object"
    paper_id = record.get("id")
    if not isinstance(paper_id, str) or not paper_id:
        return "has no paper id"
    for flag in ("read", "starred"):
        if not isinstance(record.get(flag, False), bool):
            return f"'{flag}' is not true/false"
    for key in _TEXT_OR_NONE:
        value = record.get(key)
        if value is not None and not isinstance(value, str):
            return f"'{key}' is not text"
    if not isinstance(record.get("notes", ""), str):
        return "'notes' is not text"
    tags = record.get("tags", [])
    if type(tags) is not list:
        return "'tags' is not a list of text"
    for tag in tags:
        if type(tag) is not str:
            return "'tags' is not a list of text"
    changed = record.get("changed", {})
    if type(changed) is not dict:
        return "'changed' is malformed"
    for key, value in changed.items():
        if key not in FIELDS or type(value) is not str:
            return "'changed' is malformed"
    clocks = record.get("clock")
    if clocks is not None:
        if type(clocks) is not dict:
            return "'clock' is malformed"
        for key, value in clocks.items():
            if not (key in _CLOCKED or key.startswith(TAG_KEY)) or _clock_problem(value):
                return "'clock' is malformed"
    conflict = record.get("conflict")
    if conflict is not None and (not isinstance(conflict, list) or len(conflict) == 1 or not all(
        isinstance(v, dict) and isinstance(v.get("text"), str) and not _clock_problem(
            v.get("clock")) for v in conflict
    )):
        return "'conflict' is malformed"
    return None


_CLOCKED = ("read", "starred", "notes")


def decode_entry(record: Any, where: str) -> tuple[str, Entry]:
    """Validate one schema-2 or -3 record; SchemaError names what is wrong and where."""
    problem = _record_problem(record)
    if problem is not None:
        raise SchemaError(f"{where} {problem}" if problem[0] != "'" else f"{where}: {problem}")
    get = record.get
    conflict = get("conflict", ())
    texts = tuple(version["text"] for version in conflict)
    tags = get("tags", ())
    state = PaperState(
        get("read", False), get("read_at"), get("starred", False), get("starred_at"),
        texts[0] if texts else get("notes", ""),  # in a conflict, this machine's version
        tuple(sorted(set(tags))) if len(tags) > 1 else tuple(tags),
        get("created"), get("updated"), texts,
    )
    # The record is fresh from the JSON parser: its dicts are nobody else's (no copies).
    clocks = {key: decode_clock(v) for key, v in get("clock", {}).items()}
    conflict_clocks = tuple(decode_clock(version["clock"]) for version in conflict)
    return record["id"], Entry(state, get("changed", {}), get("notes_seen"), clocks,
                               conflict_clocks)


def schema_version(document: Mapping[str, Any]) -> int:
    """Version 0 (no meta record, TinyDB's default table) predates the meta record."""
    meta = document.get(META_TABLE)
    if meta is None:
        _expect("_default" in document, "no meta record and no papers table")
        return 0
    _expect(isinstance(meta, dict) and len(meta) >= 1, "the meta record is missing")
    record = next(iter(meta.values()))
    version = record.get("schema") if isinstance(record, dict) else None
    _expect(isinstance(version, int) and version >= 0, "the meta record has no schema version")
    return version


def _table(document: Mapping[str, Any], name: str) -> dict[str, Any]:
    table = document.get(name, {})
    _expect(isinstance(table, dict), f"table '{name}' is not an object")
    return table


def _migrate_0_to_1(document: dict[str, Any]) -> dict[str, Any]:
    """v0 (prototype): {"_default": {n: {"paper", "read", "starred", "notes", "tags"}}}."""
    papers = {}
    for doc_id, old in _table(document, "_default").items():
        _expect(isinstance(old, dict), f"record {doc_id} is not an object")
        papers[doc_id] = {
            "id": old.get("paper"),
            "read": old.get("read", False),
            "read_at": None,
            "starred": old.get("starred", False),
            "starred_at": None,
            "notes": old.get("notes", ""),
            "tags": old.get("tags", []),
            "created": None,
            "updated": None,
        }
    return {META_TABLE: {"1": {"schema": 1}}, PAPERS_TABLE: papers}


def _migrate_1_to_2(document: dict[str, Any]) -> dict[str, Any]:
    """v2 adds per-field change times (for merging) and notes_seen."""
    papers = {}
    for doc_id, old in _table(document, PAPERS_TABLE).items():
        _expect(isinstance(old, dict), f"record {doc_id} is not an object")
        when = old.get("updated") or old.get("created")
        changed = {}
        if when:
            for name in FIELDS:
                if old.get(name):
                    changed[name] = old.get(f"{name}_at") or when
        papers[doc_id] = {**old, "changed": changed, "notes_seen": None}
    return {META_TABLE: {"1": {"schema": 2}}, PAPERS_TABLE: papers}


def _migrate_2_to_3(document: dict[str, Any]) -> dict[str, Any]:
    """v3 adds clocks ("clock", "conflict"). A v2 record is a valid v3 record without them:
    its clocks are made from "changed" with this machine's id when first needed (clocks.py),
    which the migration cannot know."""
    return {META_TABLE: {"1": {"schema": 3}}, PAPERS_TABLE: _table(document, PAPERS_TABLE)}


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def migrate(document: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Bring a document to SCHEMA_VERSION; returns it and the version it started at."""
    start = schema_version(document)
    if start > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"it was written by a newer paperdeck (schema {start}; this one knows {SCHEMA_VERSION})"
        )
    version = start
    while version < SCHEMA_VERSION:
        document = MIGRATIONS[version](document)
        version += 1
    return document, start


def decode_document(document: dict[str, Any]) -> dict[str, Entry]:
    """Validate a current-schema document into entries keyed by paper id."""
    entries: dict[str, Entry] = {}
    for doc_id, record in _table(document, PAPERS_TABLE).items():
        paper_id, entry = decode_entry(record, f"record {doc_id}")
        entries[paper_id] = entry
    return entries
