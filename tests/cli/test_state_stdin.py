"""`paperdeck state merge -`: a closed or failing stdin is one line (exit 3), and a terminal user
is told what the command waits for."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main


class _Stdin(io.TextIOWrapper):
    def __init__(self, data: bytes, *, tty: bool = False, fails: bool = False) -> None:
        super().__init__(_FailingBytes(data) if fails else io.BytesIO(data), encoding="utf-8")
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


class _FailingBytes(io.BytesIO):
    def read(self, size: int | None = -1) -> bytes:
        raise OSError(5, "Input/output error")


@pytest.fixture
def export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    """Another machine's export, with one paper starred."""
    other = ["--home", str(tmp_path / "other")]
    main([*other, "list", "-f", "json", "-n", "1"])
    paper_id = json.loads(capsys.readouterr().out)[0]["id"]
    assert main([*other, "mark", paper_id, "--star"]) == 0
    capsys.readouterr()
    assert main([*other, "state", "export", "-"]) == 0
    return capsys.readouterr().out.encode()


def test_merge_from_a_closed_stdin_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", None)  # what Python sets for `paperdeck ... <&-`
    result = cli("state", "merge", "-")
    assert result.code == 3
    assert result.err == "paperdeck: error: cannot read a state export from stdin: it is closed\n"


def test_merge_from_a_failing_stdin_is_one_line(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b"", fails=True))
    result = cli("state", "merge", "-")
    assert result.code == 3
    assert result.err.count("\n") == 1 and "Input/output error" in result.err


def test_merge_from_a_terminal_says_what_it_waits_for(cli, export: bytes,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(export, tty=True))
    result = cli("state", "merge", "-")
    assert result.code == 0, result.err
    assert "reading a state export from stdin; Ctrl+D ends" in result.err
    assert json.loads(cli("stats", "-f", "json").out)["starred"] == 1


def test_merge_from_a_pipe_prints_no_hint(cli, export: bytes,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(export))
    result = cli("state", "merge", "-")
    assert result.code == 0 and "Ctrl+D" not in result.err


def test_closed_stdin_in_a_real_process(home: Path) -> None:
    command = f"{sys.executable} -m tui --home {home} state merge - <&-"
    result = subprocess.run(["sh", "-c", command], capture_output=True, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.returncode == 3
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
