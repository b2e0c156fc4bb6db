"""paperdeck.1: made from the parser and the README, current, and rendered without a warning."""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

import pytest

from tests.support.tools import need_tool
from tui.cli import build_parser
from tui.cli.manpage import PAGE, README_SECTIONS, render
from tui.cli.roff import escape, inline, line, markdown

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _every_parser(parser: argparse.ArgumentParser, prog: str = "paperdeck"):
    yield prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _every_parser(sub, f"{prog} {name}")


@pytest.fixture(scope="module")
def rendered() -> str:
    groff = need_tool("groff")
    proc = subprocess.run([groff, "-man", "-Tutf8", "-ww", str(ROOT / PAGE)],
                          capture_output=True, check=False, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr.decode()
    return _unbold(proc.stdout.decode("utf-8"))  # overstruck bold / underline: the letters


def _unbold(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char == "\b" and out:
            out.pop()
        elif char != "\b":
            out.append(char)
    return "".join(out)


def test_committed_page_is_what_the_parser_and_readme_make() -> None:
    committed = (ROOT / PAGE).read_text(encoding="ascii")
    assert committed == render(build_parser(), README), (
        f"{PAGE} is out of date: run `python -m tui.cli.manpage` at the top of the checkout")


def test_page_renders_every_section_command_and_option(rendered: str) -> None:
    for title in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "ENVIRONMENT",
                  *(title for title, _ in README_SECTIONS)):
        assert f"\n{title}\n" in rendered
    for prog, parser in _every_parser(build_parser()):
        if prog != "paperdeck":
            assert f"   {prog}\n" in rendered  # a subsection per command
        for action in parser._actions:
            for option in action.option_strings:
                assert option in rendered, (prog, option)


def test_page_carries_the_readme_reference(rendered: str) -> None:
    flat = " ".join(rendered.split())
    assert "8 network error in fetch" in flat
    assert "is:read is:unread is:starred is:new" in flat
    assert "state.journal changes made from the shell" in flat
    assert "★ starred" in flat  # non-ASCII reaches the reader as itself
    assert "--home DIR or $PAPERDECK_HOME" in flat  # '-' stays an ASCII hyphen in options


def test_roff_escaping_keeps_text_literal() -> None:
    groff = need_tool("groff")
    hostile = [".TH evil", "'br", "a \\fB not bold \\\\ two", "-q --query é ☃", "`.SH x`"]
    page = "\n".join(['.TH T 1', ".SH S", *markdown("\n\n".join(hostile))]) + "\n"
    proc = subprocess.run([groff, "-man", "-Tutf8", "-ww"], input=page.encode("ascii"),
                          capture_output=True, check=False, env={**os.environ, "LC_ALL": "C.UTF-8"})
    assert proc.stderr == b""
    flat = " ".join(_unbold(proc.stdout.decode("utf-8")).split())
    for text in (".TH evil", "'br", "a \\fB not bold \\\\ two", "-q --query é ☃", ".SH x"):
        assert text in flat


def test_escaped_lines_are_ascii_text_not_requests() -> None:
    for text in (".x", "'x", "\\", "☃", "\u2028"):
        escaped = line(inline(text))
        assert escaped.isascii() and not escaped.startswith((".", "'"))
    assert escape("a-b -c") == "a-b \\-c" and escape("a-b", literal=True) == "a\\-b"
