"""`paperdeck completion bash|zsh|fish` in real shells: commands, options, export formats, files,
and the library's paper ids and tags (from the cache files, for the home on the line)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.tools import need_tool
from tui.core.export import FORMATS

BIN = Path(sys.executable).parent


@pytest.fixture
def shell_env(tmp_path: Path, home: Path) -> dict[str, str]:
    """paperdeck on PATH, a library of the bundled digest with two tags in PAPERDECK_HOME."""
    if not (BIN / "paperdeck").exists():
        pytest.skip("the paperdeck command is not installed beside this Python")
    env = {**os.environ, "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
           "PAPERDECK_HOME": str(home), "HOME": str(tmp_path)}
    run = [str(BIN / "paperdeck")]
    listed = subprocess.run([*run, "list", "-f", "json"], env=env, capture_output=True,
                            text=True, check=True)
    first = json.loads(listed.stdout)[0]["id"]
    subprocess.run([*run, "tag", first, "--add", "survey", "--add", "to-read"], env=env,
                   capture_output=True, check=True)
    return env


def _ids(env: dict[str, str]) -> list[str]:
    home = Path(env["PAPERDECK_HOME"])
    from tui.core.library import Library

    return sorted(p.id for p in Library.open(home, seed_if_empty=False).papers)


BASH_TAB = """
source <(paperdeck completion bash) || exit 9
COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
_shtab_paperdeck
printf '%s\\n' "${COMPREPLY[@]}"
"""


def bash_tab(env: dict[str, str], *words: str) -> list[str]:
    """What bash offers for the last of `words` (the word being completed, maybe '')."""
    bash = need_tool("bash")
    proc = subprocess.run([bash, "-c", BASH_TAB, "bash", "paperdeck", *words], env=env,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    return [line for line in proc.stdout.splitlines() if line]


def test_bash_loads_the_script_and_registers_it(shell_env: dict[str, str]) -> None:
    bash = need_tool("bash")
    line = "source <(paperdeck completion bash); complete -p paperdeck"
    proc = subprocess.run([bash, "-c", line], env=shell_env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and proc.stderr == ""
    assert proc.stdout.strip().endswith(" paperdeck")


def test_bash_completes_commands_options_and_choices(shell_env: dict[str, str]) -> None:
    assert bash_tab(shell_env, "ex") == ["export"]
    assert set(bash_tab(shell_env, "")) >= {"import", "list", "mark", "tag", "note", "state",
                                            "export", "fetch", "completion"}
    assert "--force" in bash_tab(shell_env, "export", "--f")
    assert bash_tab(shell_env, "export", "--format", "") == list(FORMATS)
    assert bash_tab(shell_env, "export", "-f", "csv") == ["csv", "csv-excel"]
    assert bash_tab(shell_env, "list", "--sort", "fi") == ["first-seen"]
    assert bash_tab(shell_env, "state", "m") == ["merge"]
    assert bash_tab(shell_env, "completion", "") == ["bash", "zsh", "fish"]


def test_bash_completes_paper_ids_wherever_an_id_is_taken(shell_env: dict[str, str]) -> None:
    ids = _ids(shell_env)
    prefix = ids[0][:2]
    expected = [pid for pid in ids if pid.startswith(prefix)]
    assert bash_tab(shell_env, "mark", prefix) == expected
    assert bash_tab(shell_env, "mark", "--star", ids[1], prefix) == expected
    assert bash_tab(shell_env, "note", ids[0][:6]) == [ids[0]]
    assert bash_tab(shell_env, "tag", prefix) == expected
    assert len(bash_tab(shell_env, "tag", "")) == len(ids)  # 88: under the cap of 200
    assert bash_tab(shell_env, "tag", "zz") == []


def test_bash_completes_tags_after_add_and_remove(shell_env: dict[str, str]) -> None:
    paper = _ids(shell_env)[0]
    assert bash_tab(shell_env, "tag", paper, "--add", "") == ["survey", "to-read"]
    assert bash_tab(shell_env, "tag", paper, "--remove", "t") == ["to-read"]


def test_the_home_on_the_line_is_the_library_asked(shell_env: dict[str, str],
                                                     tmp_path: Path) -> None:
    other = tmp_path / "other"
    env = {**shell_env, "PAPERDECK_HOME": str(tmp_path / "missing")}
    assert bash_tab(env, "mark", "") == []
    assert not (tmp_path / "missing").exists()  # a Tab creates no library
    subprocess.run(["paperdeck", "--home", str(other), "stats"], env=env, check=True,
                   capture_output=True)
    offered = bash_tab(env, "--home", str(other), "mark", "")
    assert len(offered) == 88 and offered == bash_tab(env, "mark", "--home", str(other), "")


def test_bash_completes_file_names_where_a_file_is_taken(shell_env: dict[str, str],
                                                         tmp_path: Path) -> None:
    (tmp_path / "digest-one.txt").write_text("x")
    typed = str(tmp_path / "digest-")
    assert bash_tab(shell_env, "import", typed) == [f"{typed}one.txt"]
    assert bash_tab(shell_env, "export", "-o", typed) == [f"{typed}one.txt"]
    assert bash_tab(shell_env, "state", "merge", typed) == [f"{typed}one.txt"]


def test_hidden_complete_never_fails_and_never_prints_an_error(shell_env: dict[str, str]) -> None:
    for words in ([], ["ids"], ["nonsense", "x"], ["ids", "0", "--home"],
                  ["ids", "\udcff"], ["tags", "", "--home=/proc/none"]):
        proc = subprocess.run(["paperdeck", "__complete", *words], env=shell_env,
                              capture_output=True, check=False)
        assert proc.returncode == 0 and proc.stderr == b""


@pytest.mark.parametrize("load", ["source <(paperdeck completion zsh)",
                                  'eval "$(paperdeck completion zsh)"'])
def test_zsh_loads_the_script_and_registers_it(shell_env: dict[str, str], load: str) -> None:
    zsh = need_tool("zsh")
    proc = subprocess.run(
        [zsh, "-fc", f"autoload -U compinit; compinit -u; {load} && "
         "whence -w _shtab_paperdeck _paperdeck_ids && print -r -- $_comps[paperdeck]"],
        env=shell_env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert "_shtab_paperdeck: function" in proc.stdout
    assert proc.stdout.splitlines()[-1] == "_shtab_paperdeck"  # compdef'd for paperdeck


def test_zsh_functions_offer_the_librarys_ids_and_tags(shell_env: dict[str, str]) -> None:
    """The functions the zsh script's actions name, with compadd replaced by a printer (a
    completion widget needs a terminal; these are the part that reads the library)."""
    zsh = need_tool("zsh")
    paper = _ids(shell_env)[0]
    script = ("autoload -U compinit; compinit -u; source <(paperdeck completion zsh); "
              "compadd() { [[ $1 == -a ]] && print -rl -- ${(P)2}; }; "
              f"words=(paperdeck tag {paper[:6]}); CURRENT=3; PREFIX={paper[:6]}; "
              "_paperdeck_ids; print -- ---; "
              f"words=(paperdeck tag {paper} --add t); CURRENT=5; PREFIX=t; _paperdeck_tags")
    proc = subprocess.run([zsh, "-fc", script], env=shell_env, capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    assert proc.stdout.splitlines() == [paper, "---", "to-read"]


def test_fish_completes_commands_formats_ids_and_tags(shell_env: dict[str, str]) -> None:
    fish = need_tool("fish")

    def fish_tab(line: str) -> list[str]:
        proc = subprocess.run(
            [fish, "--no-config", "-c",
             f"paperdeck completion fish | source; complete -C '{line}'"],
            env=shell_env, capture_output=True, text=True, check=False)
        assert proc.returncode == 0 and proc.stderr == "", proc.stderr
        return [row.split("\t")[0] for row in proc.stdout.splitlines()]

    assert fish_tab("paperdeck ex") == ["export"]
    assert fish_tab("paperdeck export --format b") == ["bibtex"]
    paper = _ids(shell_env)[0]
    assert fish_tab(f"paperdeck mark {paper[:6]}") == [paper]
    assert fish_tab(f"paperdeck tag {paper} --add s") == ["survey"]
