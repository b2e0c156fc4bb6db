"""Issue 12 point 13: a change from the shell appends to state.journal instead of reading and
rewriting the whole state.json; every reader lays the journal over it; a writer that opens the
whole state folds it in. A torn last line (SIGKILL mid-append) is ignored and nothing else lost."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from tui.core.model import PaperState
from tui.core.state import StateStore
from tui.core.state.journal import (
    HEADER,
    JOURNAL_FILE,
    append,
    encode_line,
    parse_journal,
    read_journal,
)
from tui.core.state.schema import Entry

ROOT = Path(__file__).resolve().parents[2]
RECORDS = 1500  # past JOURNAL_FROM: below it a change rewrites the small state.json whole


def populate(home: Path, count: int = RECORDS) -> None:
    store = StateStore.open(home)
    store.set_read([f"2401.{i:05d}" for i in range(count)], True)
    store.close()


@pytest.fixture
def big_home(cli, home: Path) -> Path:
    assert cli("list", "-n", "1").code == 0  # the bundled library
    populate(home)
    return home


def first_id(cli) -> str:
    return json.loads(cli("list", "-f", "json", "-n", "1").out)[0]["id"]


def test_a_change_from_the_shell_leaves_state_json_and_every_reader_sees_it(
    cli, big_home: Path
) -> None:
    paper = first_id(cli)  # `list` opens the whole state: nothing is journalled yet
    before = (big_home / "state.json").read_bytes()
    assert cli("mark", paper, "--star").code == 0
    assert cli("tag", paper, "--add", "ml").code == 0
    assert cli("note", paper, "--set", "line one\nline\u2028two").code == 0
    assert (big_home / "state.json").read_bytes() == before  # not read whole, not rewritten
    assert (big_home / JOURNAL_FILE).exists()
    # Readers while the journal is there: a read-only store (as beside the app), then export.
    with FileLock(big_home / "state.json.lock"):
        shown = StateStore.open(big_home)
        assert shown.readonly and shown.get(paper).starred and shown.get(paper).tags == ("ml",)
        assert shown.get(paper).notes == "line one\nline\u2028two"
        shown.close()
    assert cli("note", paper).out.startswith("line one\nline")  # printed terminal-safe
    # `state compact` (and any writer opening the whole state) folds it in: state.json alone
    # is complete and TinyDB's own API reads every record.
    assert cli("state", "compact").code == 0
    assert not (big_home / JOURNAL_FILE).exists()
    records = TinyDB(big_home / "state.json").table("papers").all()
    assert len(records) == RECORDS + 1
    mine = next(r for r in records if r["id"] == paper)
    assert mine["starred"] and mine["tags"] == ["ml"] and mine["notes"].startswith("line one")


def test_a_journal_that_is_not_ours_is_refused_and_left_alone(cli, big_home: Path) -> None:
    paper = first_id(cli)
    journal = big_home / JOURNAL_FILE
    journal.write_bytes(b"someone else's notes\n")
    result = cli("mark", paper, "--star")
    assert result.code == 5 and result.err.count("\n") == 1
    assert "state journal" in result.err and "Traceback" not in result.err
    assert journal.read_bytes() == b"someone else's notes\n"
    journal.unlink()
    target = big_home.parent / "elsewhere.txt"
    target.write_bytes(HEADER)
    journal.symlink_to(target)
    assert cli("mark", paper, "--star").code == 5
    assert target.read_bytes() == HEADER and journal.is_symlink()


def entry(n: int) -> Entry:
    return Entry(PaperState(starred=True, notes=f"note {n}\n" * (n % 3), tags=(f"t{n}",)),
                 {"starred": "2026-01-01T00:00:00+00:00"})


@settings(max_examples=150, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=12), st.data())
def test_a_torn_tail_is_ignored_and_the_next_append_keeps_the_rest(tmp_path_factory,
                                                                    changes, data) -> None:
    home = tmp_path_factory.mktemp("journal")
    lines = [encode_line(f"p{n}", entry(n)) for n in changes]
    whole = HEADER + b"".join(lines)
    cut = data.draw(st.integers(0, len(whole)), label="cut at byte")
    (home / JOURNAL_FILE).write_bytes(whole[:cut])
    expected: dict[str, Entry] = {}
    end = len(HEADER)
    for n, line in zip(changes, lines, strict=True):
        end += len(line)
        if end <= cut:
            expected[f"p{n}"] = entry(n)
    assert parse_journal(whole[:cut]) == expected
    append(home, {"new": entry(99)})
    assert read_journal(home) == {**expected, "new": entry(99)}


CHILD = """
import sys
from pathlib import Path
from tui.core.state import StateStore
home = Path(sys.argv[1])
n = int(sys.argv[2])
while True:
    store = StateStore.open_for_change(home, [f"k{n}"], wait=5)
    assert not store.readonly and type(store).__name__ == "JournalledStore"
    store.update([f"k{n}"], starred=True, add_tags=["t"])
    store.flush()
    print(n, flush=True)  # acknowledged: the journal is fsynced
    store.close()
    n += 1
"""


def test_sigkill_mid_change_keeps_every_acknowledged_change(home: Path, tmp_path: Path) -> None:
    populate(home)
    acknowledged: set[str] = set()
    rng = random.Random(12)
    for _round in range(12):
        log = tmp_path / "log.txt"
        with log.open("w") as out:
            child = subprocess.Popen([sys.executable, "-c", CHILD, str(home),
                                      str(_round * 1000)], stdout=out,
                                     cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        wanted = rng.randint(1, 6)
        deadline = time.monotonic() + 60
        while len(log.read_text().split()) < wanted and time.monotonic() < deadline:
            assert child.poll() is None, "the child died"
            time.sleep(0.002)  # polling a condition, not a synchronisation
        for _ in range(rng.randint(0, 2000)):  # land somewhere inside the next change
            pass
        child.send_signal(signal.SIGKILL)
        child.wait()
        acknowledged |= {f"k{n}" for n in log.read_text().split()}
        assert len(acknowledged) >= wanted
        # The journal may end in a torn line; the next round appends after it.
    store = StateStore.open(home)  # a writer: folds the journal into state.json
    try:
        missing = [pid for pid in acknowledged if not store.get(pid).starred]
        assert not missing and all(store.get(pid).tags == ("t",) for pid in acknowledged)
        assert len(store.all()) >= RECORDS + len(acknowledged)
    finally:
        store.close()
    assert not (home / JOURNAL_FILE).exists()
