"""`paperdeck completion bash|zsh|fish`: a shell's Tab for paperdeck.

The script is static (shtab writes it from the parser): commands, options and their choices
cost the shell nothing. Paper ids and tag names come from the library: the script runs
`paperdeck __complete ids|tags PREFIX WORDS...`, which answers from the small files of
tui.core.completion_cache without opening the library or the state, and never fails loudly.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.context import Context

SHELLS = ("bash", "zsh", "fish")
HIDDEN_COMMAND = "__complete"

# Shell functions asking paperdeck for ids or tags; each passes the words typed so far, so
# that `--home DIR` on the line is the library asked.
PREAMBLE = {
    "bash": """\
_paperdeck_library() {
  paperdeck __complete "$1" "$2" "${COMP_WORDS[@]:1:COMP_CWORD-1}" 2>/dev/null
}
_paperdeck_ids() { _paperdeck_library ids "$1"; }
_paperdeck_tags() { _paperdeck_library tags "$1"; }
_paperdeck_formats() { compgen -W "%(formats)s" -- "$1"; }
""",
    "zsh": """\
_paperdeck_library() {
  local -a found
  found=(${(f)"$(paperdeck __complete "$1" "$PREFIX" "${(@)words[2,CURRENT-1]}" 2>/dev/null)"})
  compadd -a found
}
_paperdeck_ids() { _paperdeck_library ids; }
_paperdeck_tags() { _paperdeck_library tags; }
""",
    "fish": "",
}

FISH_LIBRARY = ("(paperdeck __complete {kind} (commandline -ct) (commandline -opc)[2..-1] "
                "2>/dev/null)")


def _completers(formats: Sequence[str]) -> dict[str, dict[str, str]]:
    def library(kind: str) -> dict[str, str]:
        return {"bash": f"_paperdeck_{kind}", "zsh": f"_paperdeck_{kind}",
                "fish": FISH_LIBRARY.format(kind=kind)}

    return {
        "ids": library("ids"),
        "tags": library("tags"),
        "formats": {"bash": "_paperdeck_formats", "zsh": f"({' '.join(formats)})",
                    "fish": " ".join(formats)},
    }


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "completion", help="print the Tab completion script for bash, zsh or fish",
        description="Print a script that completes paperdeck's commands, options, export "
        "formats, file names, paper ids and tags. bash: `source <(paperdeck completion bash)` "
        "in ~/.bashrc; zsh: `source <(paperdeck completion zsh)` in ~/.zshrc, after compinit; "
        "fish: `paperdeck completion fish | source` in ~/.config/fish/config.fish.")
    parser.add_argument("shell", choices=SHELLS, type=str.lower, help="the shell to complete in")
    parser.set_defaults(func=cmd_completion, uses_home=False)


def cmd_completion(args: argparse.Namespace, ctx: Context) -> int:
    import shtab

    from tui.cli import build_parser
    from tui.core.export import FORMATS

    parser = build_parser()
    mark_completers(parser, _completers(list(FORMATS)))
    preamble = PREAMBLE[args.shell] % {"formats": " ".join(FORMATS)} if args.shell == "bash" \
        else PREAMBLE[args.shell]
    script = shtab.complete(parser, shell=args.shell, preamble=preamble)
    if args.shell == "zsh":
        # shtab registers the function when the script is eval'ed; `source <(...)` (the line
        # README gives for every shell) runs it as a file: register it then too.
        script = script.replace("[[ $zsh_eval_context[-1] == eval ]]",
                                "[[ $zsh_eval_context[-1] == (eval|file) ]]")
    ctx.out.write(script)
    return 0


def mark_completers(parser: argparse.ArgumentParser,
                    completers: dict[str, dict[str, str]]) -> None:
    """Say what each argument takes, by the name its help shows: ID, TAG, a file, a folder."""
    import shtab

    by_metavar = {"ID": completers["ids"], "TAG": completers["tags"],
                  "FILE": shtab.FILE, "PATH": shtab.FILE, "DIR": shtab.DIRECTORY}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in set(action.choices.values()):
                mark_completers(sub, completers)
        elif "--format" in action.option_strings and action.choices is None:
            action.complete = completers["formats"]  # type: ignore[attr-defined]
        elif str(action.metavar) in by_metavar:
            action.complete = by_metavar[str(action.metavar)]  # type: ignore[attr-defined]


def complete_words(argv: Sequence[str]) -> int:
    """`__complete ids|tags PREFIX [WORDS...]`: one candidate a line. Whatever goes wrong, a
    Tab gets nothing rather than an error in the middle of the user's line."""
    with contextlib.suppress(Exception):
        kind, prefix, *words = argv
        from tui.core import completion_cache
        from tui.core.paths import data_home

        cache_dir = data_home(_home_among(words)) / "cache"
        if kind == "ids":
            found = completion_cache.ids_starting(cache_dir, prefix)
            if found is None and cache_dir.parent.is_dir():  # no command opened it since
                from tui.core.library import Library

                Library.open(cache_dir.parent, seed_if_empty=False)
                found = completion_cache.ids_starting(cache_dir, prefix) or []
        elif kind == "tags":
            found = completion_cache.tags_starting(cache_dir, prefix)
        else:
            return 0
        sys.stdout.write("".join(f"{candidate}\n" for candidate in found))
    return 0


def _home_among(words: Sequence[str]) -> str | None:
    """The `--home DIR` typed on the line, the last one winning, as argparse takes it."""
    home = None
    for index, word in enumerate(words):
        if word == "--home" and index + 1 < len(words):
            home = words[index + 1]
        elif word.startswith("--home="):
            home = word.removeprefix("--home=")
    return home or None
