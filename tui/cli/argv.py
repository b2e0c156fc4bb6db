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


# No argument can hold a NUL (argv is C strings): it joins repeated values unambiguously.
JOINED = "\0"


def fold_repeated(argv: list[str], command: str, options: tuple[str, ...]) -> list[str]:
    """`tag ID --add a --add b …` as `tag ID --add=a<NUL>b`: argparse's cost grows with the
    square of the number of options, all of it before any work begins.
    The command splits the values on JOINED; order and every other word stay as given."""
    start = 0
    while start < len(argv) and argv[start].startswith("-"):  # --home DIR before the command
        start += 2 if argv[start] in ("--home", "--config") else 1
    if start >= len(argv) or argv[start] != command:
        return argv
    values: dict[str, list[str]] = {option: [] for option in options}
    rest: list[str] = []
    words = argv[start + 1:]
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            rest.extend(words[i:])
            break
        name, equals, value = word.partition("=")
        if name in values and equals:
            values[name].append(value)
        elif word in values and i + 1 < len(words) and not words[i + 1].startswith("-"):
            values[word].append(words[i + 1])
            i += 1
        else:
            rest.append(word)
        i += 1
    folded = [f"{option}={JOINED.join(found)}" for option, found in values.items() if found]
    return [*argv[:start + 1], *rest, *folded]
