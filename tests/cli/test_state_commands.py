"""`paperdeck mark | tag | note | state` end to end, on the bundled seed library."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tui.core.state import StateStore


@pytest.fixture
def ids(cli) -> list[str]:
    result = cli("list", "-f", "json", "-n", "3")
    assert result.code == 0
    return [record["id"] for record in json.loads(result.out)]


def listed(cli, query: str) -> list[str]:
    return [r["id"] for r in json.loads(cli("list", "-f", "json", "-q", query).out)]


def test_mark_by_prefix_is_saved_and_queried(cli, ids, home: Path) -> None:
    result = cli("mark", ids[0][:6], ids[1], "--star")
    assert result.code == 0 and "marked 2 papers starred" in result.out
    assert listed(cli, "is:starred") == ids[:2]
    assert cli("mark", ids[0], "--read").code == 0
    assert listed(cli, "is:read") == [ids[0]]
    assert cli("mark", ids[0], "--unstar").code == 0
    assert listed(cli, "is:starred") == [ids[1]]
    record = json.loads(cli("list", "-f", "json", "-q", "is:read").out)[0]
    assert record["read"] is True and record["read_at"]
    store = StateStore.open(home)  # on disk, not just in memory
    assert store.read_ids() == {ids[0]} and store.starred_ids() == {ids[1]}
    store.close()


def test_marking_again_says_nothing_changed(cli, ids) -> None:
    cli("mark", ids[0], "--read")
    assert "(1 already was)" in cli("mark", ids[0], "--read").out


def test_unknown_or_ambiguous_prefix_changes_nothing(cli, ids) -> None:
    result = cli("mark", ids[0], "zzzzzzzz", "--read")
    assert result.code == 4 and "zzzzzzzz" in result.err and "Traceback" not in result.err
    assert listed(cli, "is:read") == []
    ambiguous = cli("mark", "", "--read")
    assert ambiguous.code == 4


def test_mark_needs_an_action_and_refuses_real_conflicts(cli, ids) -> None:
    assert cli("mark", ids[0]).code == 2
    assert cli("mark", ids[0], "--read", "--unread").code == 2
    assert cli("mark", ids[0], "--star", "--unstar").code == 2
    assert listed(cli, "is:read") == listed(cli, "is:starred") == []


def test_tags_add_remove_and_query(cli, ids) -> None:
    assert cli("tag", *ids, "--add", "Survey").code == 0
    assert listed(cli, "tag:survey") == ids
    assert listed(cli, "has:tags") == ids
    result = cli("tag", ids[0], "--remove", "survey")
    assert "removed tag 'survey' from 1 paper" in result.out
    assert listed(cli, "tag:survey") == ids[1:]
    bad = cli("tag", ids[0], "--add", "two words")
    assert bad.code == 2 and "invalid tag" in bad.err


def test_several_tags_at_once_and_a_bad_one_changes_nothing(cli, ids) -> None:
    """`tag ID --add a --add b` tagged only 'b' (argparse kept the last value)."""
    result = cli("tag", ids[0], ids[1], "--add", "survey", "--add", "To-Read")
    assert result.code == 0
    assert result.out.splitlines() == ["tagged 2 papers 'survey'", "tagged 2 papers 'to-read'"]
    assert listed(cli, "tag:survey") == listed(cli, "tag:to-read") == ids[:2]
    bad = cli("tag", ids[2], "--add", "fine", "--add", "not fine")
    assert bad.code == 2 and "invalid tag 'not fine'" in bad.err
    assert listed(cli, "tag:fine") == []
    assert cli("tag", ids[0], "--remove", "survey", "--remove", "to-read").code == 0
    assert listed(cli, "tag:survey") == listed(cli, "tag:to-read") == [ids[1]]


def test_notes_set_append_show(cli, ids) -> None:
    assert cli("note", ids[0], "--set", "- check table 3").code == 0
    assert cli("note", ids[0], "--append", "and the appendix").code == 0
    assert cli("note", ids[0], "--show").out == "- check table 3\nand the appendix\n"
    assert listed(cli, "has:notes") == [ids[0]]


def test_show_never_prints_escape_sequences(cli, ids) -> None:
    cli("note", ids[0], "--set", "evil \x1b[2J\x1b]0;title\x07 text")
    out = cli("note", ids[0], "--show").out
    assert "\x1b" not in out and "\x07" not in out and "evil" in out


def test_note_edit_uses_the_editor(cli, ids, tmp_path: Path, monkeypatch) -> None:
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text() + 'written in the editor\\n')\n"
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.delenv("VISUAL", raising=False)
    cli("note", ids[0], "--set", "first line")
    assert cli("note", ids[0], "--edit").code == 0
    assert cli("note", ids[0], "--show").out == "first line\nwritten in the editor\n"


def test_a_failing_editor_changes_nothing(cli, ids, monkeypatch) -> None:
    cli("note", ids[0], "--set", "keep me")
    monkeypatch.setenv("VISUAL", "false")
    result = cli("note", ids[0], "--edit")
    assert result.code == 2 and "notes unchanged" in result.err
    monkeypatch.setenv("VISUAL", "/no/such/editor")
    assert cli("note", ids[0], "--edit").code == 2
    assert cli("note", ids[0], "--show").out == "keep me\n"


def test_export_then_merge_on_another_home(cli, ids, tmp_path: Path) -> None:
    cli("mark", ids[0], "--star")
    cli("note", ids[0], "--set", "from machine A")
    export = tmp_path / "a.json"
    assert cli("state", "export", str(export)).code == 0
    assert json.loads(export.read_text())["papers"][ids[0]]["starred"] is True
    refused = cli("state", "export", str(export))
    assert refused.code == 6 and "--force" in refused.err
    assert cli("state", "export", str(export), "--force").code == 0

    other = StateStore.open(tmp_path / "machine-b")
    other.set_notes(ids[0], "from machine B")
    other.set_read([ids[1]], True)
    other.export_state(tmp_path / "b.json")
    other.close()
    result = cli("state", "merge", str(tmp_path / "b.json"))
    assert result.code == 0
    assert "1 notes conflict\n" in result.out and f"{ids[1]}: new here (read)" in result.out
    shown = cli("note", ids[0], "--show")
    assert "from machine A" in shown.out and "from machine B" in shown.out
    assert "notes conflict: 2 versions" in shown.err
    assert listed(cli, "has:conflict") == [ids[0]]
    assert "from machine B" not in cli("note", ids[0], "--append", "more").out  # refused
    assert cli("note", ids[0], "--set", "from A and B").code == 0
    assert listed(cli, "has:conflict") == []
    assert listed(cli, "is:read") == [ids[1]]


def test_export_to_stdout(cli, ids) -> None:
    cli("tag", ids[0], "--add", "x")
    document = json.loads(cli("state", "export", "-").out)
    assert document["papers"][ids[0]]["tags"] == ["x"]


def test_merge_of_a_bad_file_is_a_clear_error(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json")
    result = cli("state", "merge", str(bad))
    assert result.code == 3 and "not a paperdeck state export" in result.err


def test_changing_state_while_another_instance_holds_it(cli, ids, home: Path,
                                                        monkeypatch) -> None:
    monkeypatch.setattr("tui.cli.state_cmds.LOCK_WAIT", 0.2)
    holder = StateStore.open(home)
    try:
        result = cli("mark", ids[0], "--read")
        assert result.code == 5
        assert "another paperdeck is using" in result.err and "waited 0.2 s" in result.err
    finally:
        holder.close()
    assert cli("mark", ids[0], "--read").code == 0


def test_a_change_waits_for_another_command_to_finish(cli, ids, home: Path) -> None:
    """`paperdeck list` (or a `mark` in a script's loop) holds the lock for a moment; a change
    started meanwhile waits for it instead of failing with exit 5."""
    holder = StateStore.open(home)
    threading.Timer(0.5, holder.close).start()
    result = cli("mark", ids[0], "--read")
    assert result.code == 0, result.err
    assert listed(cli, "is:read") == [ids[0]]


def test_changes_started_at_once_all_land(cli, ids, home: Path) -> None:
    runs = [subprocess.Popen([sys.executable, "-m", "tui", "--home", str(home), *args],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for args in (("mark", ids[0], "--star"), ("mark", ids[1], "--star"),
                         ("mark", ids[2], "--star"), ("tag", *ids, "--add", "batch"),
                         ("note", ids[0], "--set", "hi"), ("mark", *ids, "--read"))]
    errors = [run.communicate(timeout=60)[1] for run in runs]
    assert [run.returncode for run in runs] == [0] * len(runs), errors
    assert set(listed(cli, "is:starred")) == set(listed(cli, "is:read")) == set(ids)
    assert set(listed(cli, "tag:batch")) == set(ids) and listed(cli, "has:notes") == [ids[0]]


def test_a_full_disk_is_a_clean_error_and_the_old_state_stays(
    cli, ids, home: Path, monkeypatch
) -> None:
    import errno
    import os

    import tui.core.atomic as atomic

    cli("mark", ids[0], "--star")

    def files() -> dict[str, bytes]:  # a change from the shell goes to the journal
        return {p.name: p.read_bytes() for p in home.glob("state.j*") if p.is_file()}

    before = files()
    assert before

    def full(*_args: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", full)
    result = cli("mark", ids[1], "--star")
    assert result.code == 6 and "No space left on device" in result.err
    assert "Traceback" not in result.err
    assert files() == before


@pytest.mark.parametrize("where", ["missing-folder/state.json", "a-folder", "a-folder/"])
def test_state_export_refuses_what_export_refuses(cli, tmp_path: Path, where: str) -> None:
    """A typo in the folder used to create the folders; a folder named as the file said
    'already exists (use --force)', then, with --force, 'not a regular file'."""
    (tmp_path / "a-folder").mkdir()
    target = tmp_path / where
    for force in ([], ["--force"]):
        result = cli("state", "export", str(target), *force)
        assert result.code == 6 and result.out == ""
        assert len(result.err.splitlines()) == 1
        assert ("does not exist; create it first" in result.err
                or "is a directory; give a file name" in result.err), result.err
    assert not (tmp_path / "missing-folder").exists()
    assert list((tmp_path / "a-folder").iterdir()) == []


def test_state_merge_reads_an_export_piped_in(cli, ids, tmp_path: Path, monkeypatch) -> None:
    """`state export -` writes to stdout, so `... state export - | paperdeck state merge -`;
    `merge -` said "cannot read -: No such file or directory"."""
    other = StateStore.open(tmp_path / "other-machine")
    other.set_starred([ids[2]], True)
    export = tmp_path / "other.json"
    other.export_state(export)
    other.close()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(export.read_bytes())))
    result = cli("state", "merge", "-")
    assert result.code == 0, result.err
    assert result.out.startswith("merged stdin: 1 paper in the file, 1 changed here")
    assert listed(cli, "is:starred") == [ids[2]]
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"<html>")))
    result = cli("state", "merge", "-")
    assert result.code == 3 and result.err.startswith(
        "paperdeck: error: stdin is not a paperdeck state export")


@pytest.mark.parametrize("empty", ["", "   ", "\n"])
def test_appending_nothing_changes_nothing_and_says_so(cli, ids, home: Path, empty: str) -> None:
    assert cli("note", ids[0], "--set", "a").code == 0
    before = (home / "state.json").read_bytes()
    result = cli("note", ids[0], "--append", empty)
    assert result.code == 0 and "nothing to append" in result.out and "saved" not in result.out
    assert cli("note", ids[0], "--show").out == "a\n"
    assert (home / "state.json").read_bytes() == before


@pytest.mark.parametrize("args", [
    ["note", "{id}", "--append", "more"], ["mark", "{id}", "--read"], ["tag", "{id}", "--add", "x"],
])
def test_a_full_disk_is_reported_once(cli, ids, monkeypatch: pytest.MonkeyPatch, args) -> None:
    import errno
    import os

    import tui.core.atomic as atomic

    def fsync(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    result = cli(*[ids[0] if a == "{id}" else a for a in args])
    assert result.code == 6
    [line] = result.err.splitlines()
    assert line.startswith("paperdeck: error: ") and "No space left on device" in line
