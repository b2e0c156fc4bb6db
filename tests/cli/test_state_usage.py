"""What a new user met: `note ID` alone, read-only commands while the TUI is open, bad merge files
and their exit codes, the wording of counts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.state import StateStore


@pytest.fixture
def ids(cli) -> list[str]:
    result = cli("list", "-f", "json", "-n", "3")
    assert result.code == 0
    return [record["id"] for record in json.loads(result.out)]


# -- `paperdeck note ID` prints the notes ---------------------------------------------------------


def test_note_with_no_option_prints_the_notes(cli, ids) -> None:
    assert cli("note", ids[0], "--set", "line one\nline two").code == 0
    result = cli("note", ids[0])
    assert (result.code, result.out, result.err) == (0, "line one\nline two\n", "")
    assert cli("note", ids[1]).out == ""  # no notes: nothing, and no error
    assert cli("note", ids[0], "--show", "--set", "x").code == 2  # still one action at most


# -- while another paperdeck (the TUI) holds the state ---------------------------------------------


@pytest.fixture
def tui_open(cli, ids, home: Path, monkeypatch: pytest.MonkeyPatch):
    cli("mark", ids[0], "--star")
    monkeypatch.setattr("tui.cli.state_cmds.LOCK_WAIT", 0.2)  # the app never lets go
    holder = StateStore.open(home)  # what an open TUI does
    yield holder
    holder.close()


@pytest.mark.parametrize(
    "args",
    [("list", "-n", "2"), ("list", "-q", "is:starred", "-f", "json"), ("stats",),
     ("export", "-f", "md"), ("note", "{id}"), ("note", "{id}", "--show"),
     ("state", "export", "-")],
)
def test_reading_while_the_tui_is_open_is_quiet(cli, ids, tui_open, args) -> None:
    result = cli(*(a.replace("{id}", ids[0]) for a in args))
    assert result.code == 0, result.err
    assert "another paperdeck" not in result.err and "read-only" not in result.err
    if args[:2] == ("list", "-q"):
        assert [r["id"] for r in json.loads(result.out)] == [ids[0]]  # the state is still read


@pytest.mark.parametrize(
    "args",
    [("mark", "{id}", "--read"), ("tag", "{id}", "--add", "x"), ("tag", "{id}", "--remove", "x"),
     ("note", "{id}", "--set", "x"), ("note", "{id}", "--append", "x"),
     ("state", "merge", "{export}")],
)
def test_changing_while_the_tui_is_open_says_who_holds_it(
    cli, ids, tui_open, tmp_path: Path, args
) -> None:
    export = tmp_path / "other.json"
    other = StateStore.open(tmp_path / "other-machine")
    other.set_read([ids[1]], True)
    other.export_state(export)
    other.close()
    argv = [a.replace("{id}", ids[0]).replace("{export}", str(export)) for a in args]
    result = cli(*argv)
    assert result.code == 5
    assert "another paperdeck is using" in result.err and "nothing was changed" in result.err
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err
    assert tui_open.get(ids[1]) == StateStore.open(tmp_path / "empty").get(ids[1])


# -- every problem with a merge input file is exit 3, one line ------------------------------------


BAD_INPUTS = {
    "missing": None,
    "empty": b"",
    "whitespace": b" \n\t",
    "html": b"<!doctype html>\n<html><head><title>Log in</title></head><body></body></html>\n",
    "empty object": b"{}",
    "json list": b"[1, 2]",
    "other json": b'{"name": "my reading list", "items": []}',
    "papers not an object": b'{"format": "paperdeck-state", "schema": 2, "papers": [1]}',
    "bad record": b'{"format": "paperdeck-state", "schema": 2, "papers": {"p": {"read": "yes"}}}',
    "newer schema": b'{"format": "paperdeck-state", "schema": 99, "papers": {}}',
    "binary": b"\x00\x01\xff\xfe" * 20,
}


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_a_bad_merge_file_is_exit_3_with_one_line(cli, ids, tmp_path: Path, kind: str) -> None:
    cli("mark", ids[0], "--read")
    path = tmp_path / "input.json"
    if BAD_INPUTS[kind] is not None:
        path.write_bytes(BAD_INPUTS[kind])
    result = cli("state", "merge", str(path))
    assert result.code == 3, result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("paperdeck: error: ") and str(path) in lines[0]
    assert json.loads(cli("list", "-f", "json", "-q", "is:read").out)[0]["id"] == ids[0]


def test_a_folder_given_to_merge_is_exit_3(cli, tmp_path: Path) -> None:
    result = cli("state", "merge", str(tmp_path))
    assert result.code == 3 and "cannot read" in result.err


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(document=st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["format", "schema", "papers", "p", "_default", "meta", "read", "tags",
                         "changed", "notes"]), inner, max_size=4),
    max_leaves=12,
))
def test_any_json_is_merged_or_refused_with_exit_3(cli, tmp_path: Path, document) -> None:
    path = tmp_path / "fuzz.json"
    if isinstance(document, dict) and "papers" in document:
        document = {**document, "format": "paperdeck-state", "schema": 2}
    path.write_text(json.dumps(document))
    result = cli("state", "merge", str(path))
    assert result.code in (0, 3), result.err
    assert "Traceback" not in result.err
    if result.code == 3:
        assert len(result.err.strip().splitlines()) == 1


# -- wording ------------------------------------------------------------------------------------


def test_counts_are_singular_or_plural_and_grouped(cli, ids, tmp_path: Path) -> None:
    assert cli("mark", ids[0], "--read").out == "marked 1 paper read\n"
    assert cli("mark", *ids, "--read").out == "marked 2 papers read (1 already was)\n"
    assert cli("note", ids[0], "--set", "x").out == f"notes of {ids[0]} saved (1 character)\n"
    other = StateStore.open(tmp_path / "other-machine", write_delay=3600)
    other.set_read([f"paper{i}" for i in range(1500)], True)
    other.export_state(tmp_path / "big.json")
    other.close()
    first = cli("state", "merge", str(tmp_path / "big.json")).out.splitlines()[0]
    assert first.endswith("1,500 papers in the file, 1,500 changed here, 0 notes conflicts")
    export = cli("state", "export", str(tmp_path / "all.json"))
    assert "exported the state of 1,503 papers" in export.err
