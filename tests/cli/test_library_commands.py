"""The CLI as people pipe it: list/import/stats, dash-leading option values, exit codes."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main, output
from tui.cli.argv import allow_dash_values


def test_fresh_home_list_json_prints_the_88_seed_papers(cli) -> None:
    result = cli("list", "--format", "json")
    assert result.code == 0
    papers = json.loads(result.out)
    assert len(papers) == 88
    required = {"id", "title", "abstract", "links", "digest_dates", "first_seen", "read",
                "starred", "tags", "notes"}
    assert all(required <= set(p) for p in papers)
    assert papers[0]["links"] == [{"url": "https://github.com/mqraitem/From-Fake-to-Real",
                                   "kind": "code"}]
    assert result.err == ""


def test_query_values_may_start_with_a_dash(cli) -> None:
    without_code = cli("list", "--query", "-has:code", "--format", "json")
    assert without_code.code == 0
    assert len(json.loads(without_code.out)) == 64
    short = cli("list", "-q", "-has:code", "-f", "json")
    assert json.loads(short.out) == json.loads(without_code.out)
    equals = cli("list", "--query=-has:code", "--format=json")
    assert json.loads(equals.out) == json.loads(without_code.out)


def test_allow_dash_values_only_joins_value_options() -> None:
    assert allow_dash_values(["list", "--query", "-is:read", "-n", "3"], {"--query", "-n"}) == [
        "list", "--query=-is:read", "-n", "3"]
    assert allow_dash_values(["-q", "-x", "--", "-y"], {"-q"}) == ["-q-x", "--", "-y"]


def test_limit_tsv_and_table(cli) -> None:
    tsv = cli("list", "-n", "3", "-f", "tsv")
    rows = tsv.out.splitlines()
    assert rows[0].split("\t") == ["id", "date", "read", "starred", "title", "url", "tags",
                                   "notes", "first author"]
    assert len(rows) == 4
    table = cli("list", "--limit", "2")
    assert len(table.out.splitlines()) == 2 and "From Fake to Real" in table.out


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_tsv_and_table_show_tags_and_notes(cli, monkeypatch) -> None:
    """json had tags and notes; tsv and the table had neither."""
    first = json.loads(cli("list", "-n", "1", "-f", "json").out)[0]
    notes = "line one\twith a tab\nline two \\ back\r\nthree"
    assert cli("tag", first["id"], "--add", "to-read", "--add", "survey").code == 0
    assert cli("note", first["id"], "--set", notes).code == 0
    header, row, *_ = cli("list", "-n", "2", "-f", "tsv").out.split("\n")
    cells = dict(zip(header.split("\t"), row.split("\t"), strict=True))
    assert cells["tags"] == "survey,to-read"
    assert cells["notes"] == "line one\\twith a tab\\nline two \\\\ back\\nthree"
    unescaped = {"\\\\": "\\", "\\n": "\n", "\\t": "\t"}
    back = re.sub(r"\\[\\nt]", lambda m: unescaped[m.group()], cells["notes"])
    assert back == notes.replace("\r\n", "\n")  # one row, read back to the notes
    line = next(r for r in cli("list").out.splitlines() if r.startswith(first["id"]))
    assert "[" in line and "to-read" in line and "survey" in line
    assert "✎ line one" in line and "line two" not in line  # the first line only
    monkeypatch.setattr(output.shutil, "get_terminal_size", lambda *_: os.terminal_size((60, 24)))
    tty = _Terminal()
    records = json.loads(cli("list", "-n", "1", "-f", "json").out)
    output.print_table(records, tty)  # type: ignore[arg-type]
    shown = tty.getvalue().rstrip("\n")
    assert len(shown) <= 60 and "✎" in shown and "[" in shown


def test_search_ranks_typos(cli) -> None:
    result = cli("list", "-q", "megatorn", "-f", "json", "-n", "2")
    assert all("Megatron-LM" in p["title"] for p in json.loads(result.out))


def test_bad_query_is_one_line_on_stderr_with_code_7(cli) -> None:
    result = cli("list", "-q", "colour:red")
    assert result.code == 7 and result.out == ""
    assert result.err.strip().count("\n") == 0 and "unknown qualifier" in result.err


@pytest.mark.parametrize(("content", "code"), [(b"", 3), (b"\x00\x01\x02" * 100, 3),
                                               (b"<html><body>x</body></html>", 3)])
def test_bad_import_exits_3_and_writes_nothing(cli, home: Path, tmp_path: Path,
                                               content: bytes, code: int) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    result = cli("import", str(bad))
    assert result.code == code and result.out == ""
    assert result.err.startswith("paperdeck: error: ") and result.err.count("\n") == 1
    assert not (home / "digests").exists() or len(list((home / "digests").iterdir())) <= 1


def test_import_missing_file_and_summary(cli, seed_copy: Path, tmp_path: Path) -> None:
    missing = cli("import", str(tmp_path / "nope.txt"))
    assert missing.code == 3 and "no such file" in missing.err
    first = cli("import", str(seed_copy))  # a fresh home: your digest, no demo papers mixed in
    assert first.code == 0
    assert first.out.strip() == "imported: 88 new papers, 0 already known, 0 warnings"
    again = cli("import", str(seed_copy))
    assert again.code == 0
    assert again.out.strip() == ("imported: 0 new papers, 88 already known, "
                                 "1 digest already imported, 0 warnings")


def test_stats_json(cli) -> None:
    data = json.loads(cli("stats", "--format", "json").out)
    assert data["papers"] == 88 and data["with_code"] == 24 and data["digests"] == 1
    assert data["papers_per_date"] == {"2026-03-11": 88} or len(data["papers_per_date"]) == 1


@pytest.mark.parametrize("command", ["list", "import", "stats"])
def test_every_subcommand_has_help(cli, command: str) -> None:
    result = cli(command, "--help")
    assert result.code == 0 and "usage: paperdeck" in result.out


def test_version_and_top_level_help_documents_exit_codes(cli) -> None:
    assert cli("--version").out.startswith("paperdeck ")
    help_text = cli("--help").out
    assert "exit codes:" in help_text and "  3  input file missing or unreadable" in help_text


def test_python_m_tui_and_env_home(tmp_path: Path) -> None:
    env_home = tmp_path / "envhome"
    proc = subprocess.run([sys.executable, "-m", "tui", "list", "-n", "1", "-f", "json"],
                          capture_output=True, text=True, env={"PAPERDECK_HOME": str(env_home),
                                                               "PATH": "/usr/bin:/bin"},
                          check=False)
    assert proc.returncode == 0, proc.stderr
    assert len(json.loads(proc.stdout)) == 1
    assert (env_home / "imports.json").exists()


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    proc = subprocess.run(f"{sys.executable} -m tui --home {tmp_path} list | head -1",
                          shell=True, capture_output=True, text=True, check=False)
    assert proc.stdout.count("\n") == 1
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("query", ["tag:", "is:", '"', "-", "OR", "a OR OR b", "title:",
                                   'title:"pipeline par', "--is:read", "---has:code"])
def test_incomplete_queries_on_the_command_line_exit_7(cli, query: str) -> None:
    result = cli("list", "--query", query)
    assert result.code == 7 and result.out == ""
    assert result.err.count("\n") == 1


def test_a_double_dash_term_is_refused_not_read_as_words(cli) -> None:
    """`--is:read` listed the papers without the words "is" and "read": neither is:read nor
    -is:read. It is an error that says what to write."""
    result = cli("list", "--query", "--is:read")
    assert result.code == 7 and result.out == ""
    assert result.err == ("paperdeck: error: one '-' negates a term: write -is:read "
                          "(got '--is:read')\n")
    exported = cli("export", "-q", "megatron --is:read", "-f", "json")
    assert exported.code == 7 and exported.err == result.err


def test_a_quoted_title_value_is_a_phrase_on_the_command_line(cli) -> None:
    result = cli("list", "-q", 'title:"pipeline parallelism"', "-f", "json")
    assert result.code == 0
    titles = {paper["title"] for paper in json.loads(result.out)}
    assert titles == {
        "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
        "Balancing Pipeline Parallelism with Vocabulary Parallelism"}


def test_accents_do_not_matter_on_the_command_line(cli) -> None:
    result = cli("list", "-q", "tulu", "-f", "json")
    assert [paper["title"][:6] for paper in json.loads(result.out)] == ["TÜLU 3"]


def test_a_mistyped_command_is_not_taken_for_a_file(cli) -> None:
    result = cli("lsit")
    assert result.code == 2
    assert "invalid choice: 'lsit'" in result.err


def test_piped_table_keeps_whole_titles(cli) -> None:
    out = cli("list", "-n", "1").out  # captured output is not a terminal
    assert out.rstrip("\n").endswith(
        "Prevent Spurious Correlations in Image Recognition")
    assert out.startswith("d7f500ff2db5 ")


def test_a_folder_with_several_bad_files_names_them_all(cli, tmp_path: Path, seed_copy: Path
                                                        ) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a-good.txt").write_bytes(seed_copy.read_bytes())
    (folder / "empty.txt").write_bytes(b"")
    (folder / "page.html").write_bytes(b"<!doctype html><html></html>")
    result = cli("import", str(folder))
    assert result.code == 3 and result.err.count("\n") == 1
    assert "2 files are not digests, nothing imported" in result.err
    assert "empty.txt" in result.err and "page.html" in result.err


def test_papers_in_two_files_are_counted_once(cli, tmp_path: Path, seed_copy: Path) -> None:
    twin = tmp_path / "twin.txt"
    twin.write_bytes(seed_copy.read_bytes() + b"\n")  # same papers, another digest file
    result = cli("import", str(seed_copy), str(twin))
    assert result.out.startswith("imported: 88 new papers, 0 already known")
    assert len(json.loads(cli("list", "-f", "json").out)) == 88


@pytest.mark.parametrize("argv", [["--home"], ["--home", ""], ["--home="], ["--home", " "]])
def test_home_without_a_folder_is_a_usage_error_not_the_real_library(
        argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """`paperdeck --home "$UNSET"` used to open the user data dir's library (the app, even)."""
    monkeypatch.setattr("tui.cli.open_tui.has_terminal", lambda: True)
    monkeypatch.setattr("tui.cli.open_tui.open_tui", lambda *a: pytest.fail("the app opened"))
    default = tmp_path / "default-home"  # where conftest points PAPERDECK_HOME
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    assert "--home" in capsys.readouterr().err
    assert not default.exists()


def test_home_may_follow_the_command(tmp_path: Path, capsys) -> None:
    """`paperdeck list --home DIR` was "unrecognized arguments: --home"."""
    home = tmp_path / "after"
    assert main(["list", "--home", str(home), "-n", "1", "-f", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert (home / "imports.json").exists()
    assert main(["state", "export", "-", "--home", str(home)]) == 0
    assert json.loads(capsys.readouterr().out)["format"] == "paperdeck-state"
    assert main(["--home", str(tmp_path / "before"), "stats", "--home", str(home)]) == 0
    assert f"data in    {home}" in capsys.readouterr().out
    assert not (tmp_path / "before").exists()  # the later --home wins, as options do
