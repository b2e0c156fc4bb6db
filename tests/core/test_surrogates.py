"""Lone surrogates: what Python makes of undecodable argv bytes (surrogateescape) or of a JSON
"\\ud800" in a state file. UTF-8 cannot hold them, so before the fix one in a note made every
later save of the state fail with a traceback, and one in a query broke md/bibtex exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.state import StateStore

ARGV_BYTES = b"x\xffy".decode("utf-8", "surrogateescape")  # what `--set $'x\xffy'` becomes


@pytest.fixture
def paper_id(cli) -> str:
    return json.loads(cli("list", "-n", "1", "-f", "json").out)[0]["id"]


def test_a_note_from_undecodable_argv_bytes_is_saved(cli, home: Path, paper_id: str) -> None:
    result = cli("note", paper_id, "--set", ARGV_BYTES)
    assert result.code == 0 and "Traceback" not in result.err
    assert cli("note", paper_id, "--show").out.strip() == "x\ufffdy"
    assert cli("mark", paper_id, "--star").code == 0  # later saves still work
    store = StateStore.open(home)
    assert store.get(paper_id).starred and store.get(paper_id).notes == "x\ufffdy"
    store.close()


@pytest.mark.parametrize("where", ["state.json", "merge file"])
def test_a_json_surrogate_escape_loads_and_saves(cli, home: Path, tmp_path: Path,
                                                 paper_id: str, where: str) -> None:
    assert cli("note", paper_id, "--set", "placeholder").code == 0
    state = home / "state.json"
    document = state.read_text(encoding="utf-8").replace("placeholder", "bad \\ud800 end")
    if where == "state.json":
        state.write_text(document, encoding="utf-8")
    else:
        other = tmp_path / "other.json"  # another machine's state.json
        other.write_text(document, encoding="utf-8")
        state.unlink()
        result = cli("state", "merge", str(other))
        assert result.code == 0 and "Traceback" not in result.err, result.err
    assert cli("note", paper_id, "--show").out.strip() == "bad \ufffd end"
    assert cli("mark", paper_id, "--read").code == 0
    assert "bad \ufffd end" in state.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "bibtex", "csv", "json", "csljson", "ris"])
def test_a_query_with_undecodable_bytes_exports(cli, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    result = cli("export", "-f", fmt, "-q", f"{ARGV_BYTES} OR is:unread", "-o", str(out))
    assert result.code == 0 and "Traceback" not in result.err, result.err
    out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "bibtex", "csv", "json", "csljson", "ris"])
def test_a_link_with_a_lone_surrogate_exports(fmt: str) -> None:
    # Found by the exporter fuzz test in CI: md/bibtex/ris percent-encode links, and
    # urllib's quote() raised on the surrogate instead of writing the document.
    from datetime import date

    from tui.core.export import render
    from tui.core.model import Link, Paper, PaperState

    paper = Paper(id="p1", title="T", abstract="A", links=(Link("https://x.org/a\ud800b", "page"),),
                  digest_dates=("2026-03-11",))
    document = render(fmt, [(paper, PaperState())], query="", today=date(2026, 11, 30))
    document.encode("utf-8")
    assert "x.org/a" in document and "\ud800" not in document
