"""The merge model against an oracle that tracks causality itself (issue 15).

Three machines (real stores in three homes, merging through real export files) take random
edits (star, read, notes set/append/clear, tags add/remove, undo) and random merges, one way or
both ways at once. The oracle knows nothing of clocks or vectors: every write to a field is an
event, each machine knows a set of events per field, and a write's past is what its machine
knew when it was made. A field's latest writes are the known ones no other known write has in
its past. It checks, after every merge and at the end:
- notes: a conflict exactly where the latest writes hold two or more texts, holding those texts;
  otherwise the one latest text;
- read, starred, each tag: one of the latest writes' values (concurrent writes: one wins);
- after a final round of merges every machine holds the same state.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tui.core.model import PaperState
from tui.core.state import StateStore

PAPERS = ("p0", "p1", "p2")
TAGS = ("a", "b", "c")
KEYS = ("read", "starred", "notes", *(f"tag:{t}" for t in TAGS))
OPERATIONS = 2000
FIXED_SEED = 15


def value_of(state: PaperState, key: str) -> object:
    if key == "notes":
        return frozenset(state.conflict) if state.conflict else frozenset({state.notes})
    if key.startswith("tag:"):
        return key[4:] in state.tags
    return getattr(state, key)


@dataclass
class Oracle:
    """Events per (paper, key): who knows which, and what each one knew when it was made."""

    machines: int
    known: list[dict[tuple[str, str], set[int]]] = field(default_factory=list)
    value: dict[int, object] = field(default_factory=dict)
    past: dict[int, frozenset[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.known = [{} for _ in range(self.machines)]

    def wrote(self, machine: int, where: tuple[str, str], value: object) -> None:
        event = len(self.value)
        knows = self.known[machine].setdefault(where, set())
        self.value[event], self.past[event] = value, frozenset(knows)
        knows.add(event)

    def merged(self, source: int, target: int) -> None:
        for where, events in self.known[source].items():
            self.known[target].setdefault(where, set()).update(events)

    def latest(self, machine: int, where: tuple[str, str]) -> list[object]:
        events = self.known[machine].get(where, set())
        superseded = set().union(*(self.past[e] for e in events)) if events else set()
        return [self.value[e] for e in events - superseded]


class Model:
    def __init__(self, tmp_path: Path, seed: int) -> None:
        self.rng = random.Random(seed)
        self.tmp = tmp_path
        self.stores = [StateStore.open(tmp_path / f"m{i}", write_delay=3600) for i in range(3)]
        self.oracle = Oracle(3)
        self.texts = 0
        self.conflicts_seen = 0

    def close(self) -> None:
        for store in self.stores:
            store.close()

    def snapshot(self, machine: int) -> dict[str, PaperState]:
        return {pid: self.stores[machine].get(pid) for pid in PAPERS}

    def record_writes(self, machine: int, before: dict[str, PaperState]) -> None:
        """Every field a local step moved is a write of its new value on this machine."""
        after = self.snapshot(machine)
        for pid in PAPERS:
            for key in KEYS:
                now = value_of(after[pid], key)
                if value_of(before[pid], key) != now:
                    if key == "notes":
                        assert len(now) == 1, "a local edit leaves one version of the notes"
                        now = next(iter(now))
                    self.oracle.wrote(machine, (pid, key), now)

    def new_text(self) -> str:
        self.texts += 1
        return f"t{self.texts}"

    def local_step(self, machine: int) -> None:
        store, rng = self.stores[machine], self.rng
        pid = rng.choice(PAPERS)
        before = self.snapshot(machine)
        kind = rng.choice(("star", "read", "set", "append", "clear", "tag", "untag", "undo"))
        if kind == "star":
            store.set_starred([pid], rng.random() < 0.5)
        elif kind == "read":
            store.set_read([pid], rng.random() < 0.5)
        elif kind == "set":
            store.set_notes(pid, self.new_text())
        elif kind == "append":
            store.set_notes(pid, (store.get(pid).notes + "\n" + self.new_text()).lstrip("\n"))
        elif kind == "clear":
            store.set_notes(pid, "")
        elif kind == "tag":
            store.add_tag([pid], rng.choice(TAGS))
        elif kind == "untag":
            store.remove_tag([pid], rng.choice(TAGS))
        else:
            store.undo()
        self.record_writes(machine, before)

    def export(self, machine: int) -> Path:
        path = self.tmp / f"m{machine}.json"
        self.stores[machine].export_state(path)
        return path

    def merge(self, source: int, target: int, path: Path | None = None) -> None:
        report = self.stores[target].merge_state(path or self.export(source))
        self.oracle.merged(source, target)
        self.conflicts_seen += len(report.conflicts)
        self.check(target)

    def both_ways(self, one: int, other: int) -> None:
        first, second = self.export(one), self.export(other)
        second = second.rename(self.tmp / "both-ways.json")
        self.merge(one, other, first)
        self.oracle.merged(other, one)  # what `other` had before it merged `one`...
        self.stores[one].merge_state(second)  # ...is what its export holds
        self.check(one)

    def check(self, machine: int) -> None:
        state = self.snapshot(machine)
        for pid in PAPERS:
            for key in KEYS:
                latest = self.oracle.latest(machine, (pid, key))
                held = value_of(state[pid], key)
                where = f"machine {machine}, {pid} {key}"
                if key == "notes":
                    texts = frozenset(latest) if latest else frozenset({""})
                    assert held == texts, f"{where}: holds {set(held)}, latest {set(texts)}"
                    assert state[pid].notes in texts
                    assert "<<<<<<<" not in state[pid].notes
                elif latest:
                    assert held in latest, f"{where}: holds {held}, latest writes {latest}"
                else:
                    assert held is False, f"{where}: {held} was never written"

    def run(self, operations: int) -> None:
        rng = self.rng
        for _ in range(operations):
            roll = rng.random()
            if roll < 0.6:
                machine = rng.randrange(3)
                self.local_step(machine)
                self.check(machine)
            else:
                one, other = rng.sample(range(3), 2)
                if roll < 0.85:
                    self.merge(one, other)
                else:
                    self.both_ways(one, other)
        for one, other in ((0, 1), (1, 2), (2, 0), (0, 1), (1, 2)):
            self.merge(one, other)
        states = [{pid: (s.read, s.starred, frozenset(s.conflict or (s.notes,)), s.tags)
                   for pid, s in self.snapshot(m).items()} for m in range(3)]
        assert states[0] == states[1] == states[2], "machines differ after a final round"
        for machine in range(3):
            assert self.stores[machine].merge_state(self.export((machine + 1) % 3)
                                                    ).papers_changed == 0


@pytest.mark.parametrize("seed", [FIXED_SEED, random.SystemRandom().randrange(2**32)],
                         ids=["fixed-seed", "random-seed"])
def test_three_machines_never_lose_or_invent(tmp_path: Path, seed: int) -> None:
    model = Model(tmp_path, seed)
    try:
        model.run(OPERATIONS)
    except AssertionError as exc:
        raise AssertionError(f"seed {seed}: {exc}") from exc
    finally:
        model.close()
    assert model.conflicts_seen > 0, f"seed {seed}: the run never made a conflict"
