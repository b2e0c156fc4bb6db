"""`paperdeck config path|show|init`: where config.toml is, what is in force, an example."""

from __future__ import annotations

import argparse

from tui.cli.context import Context
from tui.core.config import SCHEMA, example_config
from tui.core.errors import WriteError
from tui.core.settings import load_settings

# The config keys the app also remembers in settings.json (used when config.toml is silent).
REMEMBERED = {"theme": "theme", "sort": "sort", "export.folder": "export_folder",
              "export.format": "export_format"}


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "config", help="config.toml: its path, the values in force, an example",
        description="The config file (--config FILE or $PAPERDECK_CONFIG point elsewhere). "
        "A value set there wins over what the app remembers in settings.json.")
    actions = parser.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    path = actions.add_parser("path", help="print the config file's path and whether it exists")
    path.set_defaults(func=cmd_path, uses_home=False)
    show = actions.add_parser("show", help="print each key's value and where it came from "
                              "(exit 2 when the file is bad)")
    show.set_defaults(func=cmd_show, reports_config=True)
    init = actions.add_parser("init", help="write a commented example, only where no file "
                              "exists (exit 6 if one does)")
    init.set_defaults(func=cmd_init, uses_home=False)


def cmd_path(args: argparse.Namespace, ctx: Context) -> int:
    config = ctx.config()
    state = "exists" if config.path.exists() else "does not exist"
    print(f"{config.path} ({state})", file=ctx.out)
    return 0


def cmd_show(args: argparse.Namespace, ctx: Context) -> int:
    config = ctx.config()
    settings = load_settings(ctx.home)
    for key in SCHEMA:
        remembered = getattr(settings, REMEMBERED.get(key.name, ""), "")
        if config.is_set(key.name):
            line = config.lines.get(key.name)
            value, origin = config.get(key.name), f"config.toml line {line}" if line else \
                "config.toml"
        elif remembered:
            value, origin = remembered, "settings.json"
        else:
            value, origin = key.default, "default"
        print(f"{key.name} = {value!r}  ({origin})", file=ctx.out)
    for problem in config.errors:
        ctx.warn(f"config: {problem}")
    return 2 if config.errors else 0


def cmd_init(args: argparse.Namespace, ctx: Context) -> int:
    path = ctx.config().path
    if path.exists() or path.is_symlink():
        raise WriteError(f"{path} exists; it was not overwritten (it is yours to edit)")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:  # "x": never over a file just made
            handle.write(example_config())
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {exc.strerror or exc}") from exc
    print(f"wrote {path}", file=ctx.err)
    return 0
