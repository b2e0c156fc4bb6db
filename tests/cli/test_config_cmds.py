"""`paperdeck config path|show|init`, --config / $PAPERDECK_CONFIG, and a bad config being a
one-line warning that changes no command's exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import CliResult
from tui.core.config import KEYS, parse_config

Cli = Callable[..., CliResult]


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cfg" / "config.toml"
    monkeypatch.setenv("PAPERDECK_CONFIG", str(path))
    return path


def test_path_says_whether_the_file_exists(cli: Cli, config_file: Path) -> None:
    assert cli("config", "path").out == f"{config_file} (does not exist)\n"
    assert cli("config", "init").code == 0
    assert cli("config", "path").out == f"{config_file} (exists)\n"


def test_config_option_wins_before_or_after_the_command(cli: Cli, config_file: Path,
                                                        tmp_path: Path) -> None:
    other = tmp_path / "other.toml"
    assert cli("--config", str(other), "config", "path").out.startswith(f"{other} ")
    assert cli("config", "path", "--config", str(other)).out.startswith(f"{other} ")


def test_init_writes_an_example_once_and_never_overwrites(cli: Cli, config_file: Path) -> None:
    assert cli("config", "init").code == 0
    text = config_file.read_text(encoding="utf-8")
    assert all(name.rpartition(".")[2] + " = " in text for name in KEYS)
    assert parse_config(text, config_file).errors == []
    config_file.write_text('sort = "title"  # mine\n', encoding="utf-8")
    again = cli("config", "init")
    assert again.code == 6
    assert again.err.count("\n") == 1 and "not overwritten" in again.err
    assert config_file.read_text(encoding="utf-8") == 'sort = "title"  # mine\n'


def test_show_names_where_each_value_came_from(cli: Cli, config_file: Path,
                                               home: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text('# mine\nsort = "title"\n', encoding="utf-8")
    (home / "settings.json").write_text(json.dumps({"theme": "nord", "sort": "starred"}))
    shown = cli("config", "show")
    assert shown.code == 0 and shown.err == ""
    lines = shown.out.splitlines()
    assert "sort = 'title'  (config.toml line 2)" in lines  # config.toml wins
    assert "theme = 'nord'  (settings.json)" in lines
    assert "export.format = ''  (default)" in lines


def test_show_of_a_bad_file_prints_what_it_can_and_exits_2(cli: Cli,
                                                           config_file: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text('sort = "title"\n[export]\nformat = "docx"\n', encoding="utf-8")
    shown = cli("config", "show")
    assert shown.code == 2
    assert "sort = 'title'  (config.toml line 1)" in shown.out.splitlines()
    assert shown.err.splitlines() == [
        f"paperdeck: config: {config_file}:3: export.format unknown format 'docx'; one of: "
        "md, bibtex, csv, csv-excel, json, csljson, ris"]


@pytest.mark.parametrize("text", ["x = [", 'colour = "red"', "sort = 3", b"\xff\xfe"])
def test_a_bad_config_is_one_warning_and_the_command_runs(cli: Cli, config_file: Path,
                                                          text: str | bytes) -> None:
    config_file.parent.mkdir()
    config_file.write_bytes(text if isinstance(text, bytes) else text.encode())
    listed = cli("list", "-n", "1", "--format", "json")
    assert listed.code == 0 and len(json.loads(listed.out)) == 1
    assert listed.err.count("\n") == 1
    assert listed.err.startswith(f"paperdeck: config: {config_file}")
    assert "Traceback" not in listed.err


def test_export_takes_the_format_from_config(cli: Cli, config_file: Path,
                                             tmp_path: Path) -> None:
    config_file.parent.mkdir()
    config_file.write_text('[export]\nformat = "bibtex"\n', encoding="utf-8")
    to_stdout = cli("export")
    assert to_stdout.code == 0 and to_stdout.out.count("@misc{") == 88
    assert cli("export", "-o", str(tmp_path / "a.json")).code == 0  # the suffix still wins
    assert json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert cli("export", "--format", "ris").out.startswith("TY  -")  # and --format


def test_without_config_export_to_stdout_still_asks_for_a_format(cli: Cli) -> None:
    assert cli("export").code == 2
