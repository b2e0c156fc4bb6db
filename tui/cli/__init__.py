"""The `paperdeck` command: argparse front end over the core."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from tui import __version__
from tui.cli.argv import allow_dash_values, fold_repeated
from tui.cli.context import Context
from tui.cli.output import safe_message
from tui.core.errors import EXIT_CODES, PaperdeckError

# Options whose value may start with "-" (queries like -is:read, notes like "- item").
VALUE_OPTIONS = {
    "--query", "-q", "--format", "-f", "--limit", "-n", "--home", "-o", "--output",
    "--set", "--append", "--add", "--remove", "--config",
}

COMMAND_MODULES = (
    "library_cmds", "fetch_cmd", "state_cmds", "export_cmd", "config_cmds", "completion",
)


def _epilog() -> str:
    codes = "\n".join(f"  {code:>3}  {meaning}" for code, meaning in EXIT_CODES.items())
    return (
        "Run without a command to open the TUI; `paperdeck FILE...` imports then opens.\n"
        "Data lives in the platform's user data dir; --home or $PAPERDECK_HOME override it.\n\n"
        f"exit codes:\n{codes}\n\n"
        "See `man paperdeck` for the query language, keys, files and recovery."
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="paperdeck",
        description="Triage the daily papers digest in your terminal.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    parser.add_argument("--home", metavar="DIR", type=_folder_name,
                        help="data directory (default: user data dir)")
    parser.add_argument("--config", metavar="FILE", type=_file_name,
                        help="config file (default: config.toml in the user config dir)")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    import importlib

    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"tui.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tui.cli.{name}":
                raise
            continue
        module.register(subparsers)
    _accept_home_after_the_command(subparsers)
    return parser


def _accept_home_after_the_command(subparsers: argparse._SubParsersAction) -> None:
    """`paperdeck list --home DIR` as well as `paperdeck --home DIR list`: people put options
    after the command. SUPPRESS: a command's --home is set only when given there."""
    for command in set(subparsers.choices.values()):
        command.add_argument("--home", metavar="DIR", type=_folder_name,
                             default=argparse.SUPPRESS, help="data directory (as before COMMAND)")
        command.add_argument("--config", metavar="FILE", type=_file_name,
                             default=argparse.SUPPRESS, help="config file (as before COMMAND)")
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):  # `state export|merge`
                _accept_home_after_the_command(action)


class _VersionAction(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: str = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings, dest, nargs=0, default=default,
                         help=help or "print the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        print(f"paperdeck {installed_version()}")
        parser.exit()


def installed_version() -> str:
    """The version pip installed (its metadata); a checkout run without installing has only
    the package's own."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("paperdeck")
    except PackageNotFoundError:
        return __version__


def _folder_name(value: str) -> str:
    # `--home "$UNSET"` must not quietly fall back to the real library.
    if not value.strip():
        raise argparse.ArgumentTypeError("needs a folder (got an empty value)")
    return value


def _file_name(value: str) -> str:
    if not value.strip():
        raise argparse.ArgumentTypeError("needs a file (got an empty value)")
    return value


def _looks_like_command(word: str) -> bool:
    """A bare word that is no file ("lsit") is a mistyped command, not a missing digest."""
    return word.isalpha() and not Path(word).exists()


def _split_files(argv: list[str], parser: argparse.ArgumentParser) -> tuple[list[str], list[str]]:
    """`paperdeck FILE...` means: import FILE..., then open the TUI.

    Returns (argv for argparse, files). Files are the words left when the first word that is
    not --home (and its value) is neither an option nor a command name.
    """
    commands = set(parser._subparsers._group_actions[0].choices) if parser._subparsers else set()
    options: list[str] = []
    files: list[str] = []
    words = iter(argv)
    for arg in words:
        if arg in ("--home", "--config"):  # before or among the files: `a.txt --home DIR`
            options += [arg, *[value for value in [next(words, None)] if value is not None]]
        elif arg.startswith(("--home=", "--config=")):
            options.append(arg)
        elif files:
            files.append(arg)
        elif arg.startswith("-") or arg in commands or _looks_like_command(arg):
            return argv, []  # argparse names a mistyped command ("invalid choice: 'lsit'")
        else:
            files.append(arg)
    return options, files


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    if words[:1] == ["__complete"]:  # a shell's Tab: answered before any parser is built
        from tui.cli.completion import complete_words

        return complete_words(words[1:])
    args_list = allow_dash_values(words, VALUE_OPTIONS)
    args_list = fold_repeated(args_list, "tag", ("--add", "--remove"))
    parser = build_parser()
    options, files = _split_files(args_list, parser)
    args = parser.parse_args(options)
    ctx = Context.from_args(args.home, args.config)
    try:
        if getattr(args, "reports_config", False) is False:  # `config show` reports its own
            for problem in ctx.config().errors:  # a warning: the command runs on the defaults
                ctx.warn(f"config: {problem}")
        if getattr(args, "uses_home", True):  # `completion` in a shell's rc file: no data dir
            ctx.check_home()
        if args.command is None:
            from tui.cli.open_tui import open_tui

            return open_tui(ctx, files)
        code = int(args.func(args, ctx) or 0)
        ctx.out.flush()  # here, so a full disk is a clean error (exit 6), not one at exit
        return code
    except PaperdeckError as exc:
        print(f"paperdeck: error: {safe_message(str(exc))}", file=sys.stderr)
        ctx.reported_error = str(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print("paperdeck: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `paperdeck list | head`: the reader left; not an error worth a message.
        sys.stderr.close()
        return 0
    finally:
        ctx.close()
