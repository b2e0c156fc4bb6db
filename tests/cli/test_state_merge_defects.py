"""Issue 15's four merge defects, driven as a user would: two (or three) homes, `state export`
and `state merge` through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main


class Machine:
    """One home, driven through `paperdeck --home HOME ...`."""

    def __init__(self, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.home, self.capsys = home, capsys
        home.mkdir(parents=True, exist_ok=True)

    def run(self, *args: str) -> str:
        self.capsys.readouterr()
        code = main(["--home", str(self.home), *args])
        out = self.capsys.readouterr().out
        assert code == 0, out
        return out

    def export(self) -> Path:
        path = self.home.parent / f"{self.home.name}-export.json"
        path.unlink(missing_ok=True)
        self.run("state", "export", str(path))
        return path

    def merge(self, other: Machine) -> str:
        return self.run("state", "merge", str(other.export()))

    def notes(self, pid: str) -> str:
        return self.run("note", pid).rstrip("\n")

    def record(self, pid: str) -> dict:
        return json.loads(self.export().read_text("utf-8"))["papers"].get(pid, {})


@pytest.fixture
def paper(cli) -> str:
    return json.loads(cli("list", "-f", "json", "-n", "1").out)[0]["id"]


@pytest.fixture
def machines(tmp_path: Path, capsys, cli) -> tuple[Machine, Machine]:
    cli("list", "-n", "1")  # the bundled library, shared by both homes through their library
    a = Machine(tmp_path / "home", capsys)  # the `cli` fixture's home: it has the library
    b = Machine(tmp_path / "b", capsys)
    for name in ("library.json", "library"):
        source = a.home / name
        if source.is_dir():
            import shutil
            shutil.copytree(source, b.home / name, dirs_exist_ok=True)
        elif source.exists():
            (b.home / name).write_bytes(source.read_bytes())
    return a, b


def test_a_plain_round_trip_invents_no_conflict(machines, paper: str) -> None:
    a, b = machines
    a.run("note", paper, "--set", "v1")
    b.merge(a)
    a.run("note", paper, "--set", "v2")
    report = a.merge(b)
    assert "0 notes conflicts" in report
    assert a.notes(paper) == "v2" and "<<<<<<<" not in a.notes(paper)
    b.run("mark", paper, "--star")  # the same after B only starred the paper
    report = a.merge(b)
    assert "0 notes conflicts" in report and a.notes(paper) == "v2"


def test_a_note_cleared_later_is_not_lost_in_silence(machines, paper: str) -> None:
    a, b = machines
    a.run("note", paper, "--set", "original")
    b.merge(a)
    a.run("note", paper, "--append", "a second line")
    b.run("note", paper, "--set", "")  # B clears its (older) copy later
    report = a.merge(b)
    # Both edits were made without seeing each other: neither wins in silence.
    assert "1 notes conflict" in report
    record = a.record(paper)
    assert record["notes"] == "original\na second line"  # this machine's, shown and exported
    shown = a.notes(paper)  # `note ID` shows every version, apart
    assert "version 1 of 2 (this machine)" in shown and "original\na second line" in shown
    texts = sorted(version["text"] for version in record["conflict"])
    assert texts == ["", "original\na second line"]


def test_a_tag_removal_syncs(machines, paper: str) -> None:
    a, b = machines
    a.run("tag", paper, "--add", "x", "--add", "y")
    b.merge(a)
    b.run("tag", paper, "--remove", "y")
    a.merge(b)
    assert a.record(paper)["tags"] == ["x"]
    b.merge(a)
    assert b.record(paper)["tags"] == ["x"]


def test_merging_both_ways_at_once_nests_nothing(machines, paper: str) -> None:
    a, b = machines
    a.run("note", paper, "--set", "from a")
    b.run("note", paper, "--set", "from b")
    for _ in range(3):
        from_a, from_b = a.export(), b.export()  # both exported, then both merge
        a.run("state", "merge", str(from_b))
        b.run("state", "merge", str(from_a))
    for machine, own in ((a, "from a"), (b, "from b")):
        record = machine.record(paper)
        assert record["notes"] == own  # this machine's version is the one shown
        assert sorted(v["text"] for v in record["conflict"]) == ["from a", "from b"]
        assert "<<<<<<<" not in record["notes"]
    a.run("note", paper, "--set", "from a and b")  # resolving on one machine...
    b.merge(a)
    assert b.notes(paper) == "from a and b" and "conflict" not in b.record(paper)
    a.merge(b)
    assert "conflict" not in a.record(paper)  # ...resolves it everywhere
