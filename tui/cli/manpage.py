"""paperdeck.1, built from the argument parser and the README's reference sections.

`python -m tui.cli.manpage` rewrites man/paperdeck.1 in a checkout; a test checks that the
committed page is what the parser and the README make, so it cannot fall behind either.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from tui import __version__
from tui.cli.roff import cells, escape, line, markdown

PAGE = Path("man") / "paperdeck.1"

# (man section, README heading): the reference a terminal user looks up.
README_SECTIONS = (
    ("QUERY LANGUAGE", "Query language"),
    ("KEYS", "Keys"),
    ("CONFIGURATION", "Configuration"),
    ("FILES", "Where data lives"),
    ("EXIT STATUS", "Exit codes"),
    ("RECOVERY", "Guarantees and recovery"),
)

ENVIRONMENT = """\
| variable | what |
| --- | --- |
| `PAPERDECK_HOME` | the data directory, as `--home` (which wins) |
| `PAPERDECK_CONFIG` | the config file, as `--config` (which wins) |
| `VISUAL`, `EDITOR` | the editor of `N` and `note --edit` |
"""


def _environment(readme: str) -> list[str]:
    """Ours, then the README's table of fetch variables (variable, default, what)."""
    rows = [row for row in readme_section(readme, "Fetch").splitlines() if row.startswith("|")]
    fetch_rows = []
    for row in rows[2:]:
        variable, default, what = cells(row)
        fetch_rows.append(f"| {variable} | {what} (default: {default}) |")
    return markdown(ENVIRONMENT + "\n".join(fetch_rows))


def readme_section(readme: str, heading: str) -> str:
    """The text under a `#`-heading, up to the next heading of its level or above."""
    found = re.search(rf"^(#+) {re.escape(heading)}\n", readme, flags=re.MULTILINE)
    if found is None:
        raise ValueError(f"README has no section {heading!r}")
    level = len(found.group(1))
    rest = readme[found.end():]
    end = re.search(rf"^#{{1,{level}}} ", rest, flags=re.MULTILINE)
    return rest[: end.start() if end else len(rest)].strip("\n")


def _subcommands(parser: argparse.ArgumentParser) -> Iterator[tuple[str, argparse.ArgumentParser,
                                                                  str]]:
    """(name, parser, one-line help) of each command, in the order `--help` lists them."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            for name, sub in action.choices.items():
                yield name, sub, helps.get(name, "")


def _metavar(action: argparse.Action) -> str:
    if action.metavar is not None:
        return str(action.metavar)
    return action.dest.upper()


def _value(action: argparse.Action) -> str:
    """What follows an option or stands for a positional: `DATE...`, `[X]`."""
    if action.nargs == 0:
        return ""
    name = _metavar(action)
    return {"+": f"{name}...", "*": f"[{name}...]", "?": f"[{name}]"}.get(str(action.nargs), name)


def _shown(action: argparse.Action) -> bool:
    # -h and --home are on every command: OPTIONS says so once.
    return (action.help is not argparse.SUPPRESS and not isinstance(
        action, argparse._HelpAction | argparse._SubParsersAction)
        and "--home" not in action.option_strings)


def _help(action: argparse.Action) -> str | None:
    """The help text, with the choices an option takes; None where the description says it."""
    choices = ", ".join(map(str, action.choices)) if action.choices is not None else ""
    if action.help and choices:
        return f"{action.help} (one of: {choices})"
    return action.help or (f"one of: {choices}" if choices else None)


def _synopsis(prog: str, parser: argparse.ArgumentParser) -> str:
    """As argparse's usage line, options before positionals, without -h and --home."""
    words = [f"\\fB{escape(prog, literal=True)}\\fR"]
    actions = [action for action in parser._actions if _shown(action)]
    for action in sorted(actions, key=lambda action: not action.option_strings):
        value = escape(_value(action), literal=True)
        if not action.option_strings:
            words.append(f"\\fI{value}\\fR")
            continue
        longest = max(action.option_strings, key=len)
        option = f"\\fB{escape(longest, literal=True)}\\fR"
        words.append(f"[{option} \\fI{value}\\fR]" if value else f"[{option}]")
    return " ".join(words)


def _options(parser: argparse.ArgumentParser) -> list[str]:
    lines: list[str] = []
    for action in parser._actions:
        help_text = _help(action)
        if not _shown(action) or help_text is None:  # in the synopsis; the description tells
            continue
        value = _value(action)
        if action.option_strings:
            names = ", ".join(f"\\fB{escape(o, literal=True)}\\fR" for o in action.option_strings)
            tag = f"{names} \\fI{escape(value)}\\fR" if value else names
        else:
            tag = f"\\fI{escape(value, literal=True)}\\fR"
        lines.extend([".TP", line(tag), line(escape(help_text))])
    return lines


def _commands(parser: argparse.ArgumentParser, prefix: str = "paperdeck") -> list[str]:
    lines: list[str] = []
    for name, sub, summary in _subcommands(parser):
        prog = f"{prefix} {name}"
        nested = list(_subcommands(sub))
        lines.extend([f'.SS "{escape(prog, literal=True)}"', ".PP",
                      line(escape(sub.description or summary))])
        if not nested:
            lines.extend([".PP", line(_synopsis(prog, sub))])
        lines.extend(_options(sub))
        lines.extend(_commands(sub, prog) if nested else [])
    return lines


def render(parser: argparse.ArgumentParser, readme: str) -> str:
    intro = readme.split("\n\n", 2)[1]  # the paragraph under the title
    lines = [
        f'.TH PAPERDECK 1 "" "paperdeck {escape(__version__)}" "User Commands"',
        ".nh", ".ad l",  # options and paths are copied from the page: no hyphens, no stretching
        ".SH NAME", "paperdeck \\- " + escape(parser.description or ""),
        ".SH SYNOPSIS",
        "\\fBpaperdeck\\fR [\\fB\\-\\-home\\fR \\fIDIR\\fR] [\\fIFILE\\fR...]", ".br",
        "\\fBpaperdeck\\fR [\\fB\\-\\-home\\fR \\fIDIR\\fR] \\fICOMMAND\\fR [\\fIARGS\\fR]",
        ".SH DESCRIPTION", *markdown(intro),
        ".PP", "Without a command, paperdeck opens the app on your library; with files, it "
        "imports them first. The commands below do the same work from the shell, for scripts "
        "and pipes: output for pipes goes to stdout; messages, warnings and errors to stderr.",
        ".SH OPTIONS",
        ".TP", "\\fB\\-\\-home\\fR \\fIDIR\\fR",
        "the data directory (see FILES); it may also come after the command",
        ".TP", "\\fB\\-h\\fR, \\fB\\-\\-help\\fR", "a summary of the command's options",
        ".TP", "\\fB\\-\\-version\\fR", "print the version and exit",
        ".SH COMMANDS", *_commands(parser),
    ]
    for title, heading in README_SECTIONS:
        lines.extend([f".SH {title}", *markdown(readme_section(readme, heading))])
        if title == "FILES":
            lines.extend([".SH ENVIRONMENT", *_environment(readme)])
    lines.extend([".SH SEE ALSO", "The README and docs/ in paperdeck's source tree."])
    return "\n".join(lines) + "\n"


def main() -> int:
    from tui.cli import build_parser

    root = Path.cwd()
    page = render(build_parser(), (root / "README.md").read_text(encoding="utf-8"))
    (root / PAGE).parent.mkdir(exist_ok=True)
    (root / PAGE).write_text(page, encoding="ascii")
    print(f"wrote {PAGE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
