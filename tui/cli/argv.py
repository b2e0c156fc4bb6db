"""Let option values start with '-' as users type them: `--query -is:read`."""

from __future__ import annotations


def allow_dash_values(argv: list[str], value_options: set[str]) -> list[str]:
    """Join `--opt -value` into `--opt=-value` so argparse takes -value as the value.

    Plain argparse refuses a value that looks like an option. Only options that always take
    a value are joined, and only when the next word starts with '-' (and is not `--`).
    """
    out: list[str] = []
    i = 0
    while i < len(argv):
        arg = argv[i]
        if arg == "--":
            out.extend(argv[i:])
            break
        nxt = argv[i + 1] if i + 1 < len(argv) else None
        if arg in value_options and nxt is not None and nxt.startswith("-") and nxt != "--":
            out.append(f"{arg}={nxt}" if arg.startswith("--") else f"{arg}{nxt}")
            i += 2
            continue
        out.append(arg)
        i += 1
    return out
