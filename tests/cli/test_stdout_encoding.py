"""A stdout that is not UTF-8 (PYTHONIOENCODING=ascii, LANG=C): the output goes on, with the
characters it cannot hold escaped as \\uXXXX, and json stays valid json. It stopped at the first
non-ASCII title with "cannot write the output to stdout", exit 6, blaming the wrong cause."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.cli.output import ESCAPE_UNENCODABLE

UMLAUT_TITLE = "TÜLU 3: Pushing Frontiers in Open Language Model Post-Training"


def run(home: Path, *args: str, encoding: str = "ascii") -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "tui", "--home", str(home), *args],
                          capture_output=True, env=env, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])


def test_tsv_to_an_ascii_stdout_lists_every_paper(home: Path) -> None:
    full = run(home, "list", "-f", "tsv", encoding="utf-8")
    ascii_only = run(home, "list", "-f", "tsv")
    assert ascii_only.returncode == 0, ascii_only.stderr
    assert ascii_only.stderr == b""
    assert len(ascii_only.stdout.splitlines()) == len(full.stdout.splitlines()) == 89
    assert b"T\\u00dcLU 3: Pushing Frontiers" in ascii_only.stdout


@pytest.mark.parametrize("args", [("list", "-f", "json"), ("state", "export", "-")])
def test_json_to_an_ascii_stdout_is_the_same_json(home: Path, args: tuple[str, ...]) -> None:
    paper_id = json.loads(run(home, "list", "-f", "json", "-n", "1", encoding="utf-8").stdout)[
        0]["id"]
    assert run(home, "note", paper_id, "--set", "Grüße 🙂", encoding="utf-8").returncode == 0
    full = run(home, *args, encoding="utf-8")
    ascii_only = run(home, *args)
    assert ascii_only.returncode == 0, ascii_only.stderr
    assert max(ascii_only.stdout) < 0x80
    assert _undated(json.loads(ascii_only.stdout)) == _undated(json.loads(full.stdout))


def _undated(document: object) -> object:
    if isinstance(document, dict):  # a state export says when it was made
        document.pop("exported_at", None)
    return document


def test_a_table_to_an_ascii_stdout_goes_on(home: Path) -> None:
    result = run(home, "list", "-q", "TÜLU", encoding="ascii")
    assert result.returncode == 0, result.stderr
    assert b"T\\u00dcLU 3" in result.stdout


@given(st.text())
def test_escaped_json_decodes_to_the_same_text(text: str) -> None:
    document = json.dumps({"title": text}, ensure_ascii=False)
    for encoding in ("ascii", "latin-1", "cp1252"):
        written = document.encode(encoding, ESCAPE_UNENCODABLE).decode(encoding)
        assert json.loads(written) == {"title": text}


@pytest.mark.parametrize("fmt", ["md", "bibtex", "csv", "json", "csljson", "ris"])
def test_an_export_to_an_ascii_stdout_is_the_same_utf8_document(home: Path, fmt: str) -> None:
    """An export is a file format: UTF-8 like the files -o writes. Escaped as \\u00dc, as a
    table is, a csv or bibtex piped into a file held other data than the paper's (review)."""
    full = run(home, "export", "-f", fmt, encoding="utf-8")
    ascii_only = run(home, "export", "-f", fmt)
    assert ascii_only.returncode == 0, ascii_only.stderr
    assert ascii_only.stdout == full.stdout
    assert "TÜLU".encode() in ascii_only.stdout.replace(b"{", b"").replace(b"}", b"")
