"""The user's config.toml: a typed schema, read with tomllib, never written by the app
(`config init` writes an example only where no file exists).

A value set here wins over what the app remembers in settings.json. A bad file never stops
paperdeck: each problem is one line, and what was wrong falls back to its default."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.export import FORMATS
from tui.core.search.sorting import SORT_MODES
from tui.core.text import sanitize

CONFIG_ENV = "PAPERDECK_CONFIG"
CONFIG_FILE = "config.toml"


def config_path(override: str | os.PathLike[str] | None = None) -> Path:
    """--config wins, then $PAPERDECK_CONFIG, then the platform's user config dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only when no override: not on every start

    return Path(platformdirs.user_config_dir("paperdeck", appauthor=False)) / CONFIG_FILE


SORT_NAMES = tuple(mode.replace("_", "-") for mode in SORT_MODES)  # as `list --sort` spells them


def _theme(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string (a theme name)")
    return value.strip()


def _sort(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    name = value.strip().lower().replace("_", "-")
    if name not in SORT_NAMES:
        raise ValueError(f"unknown sort {sanitize(value)!r}; one of: {', '.join(SORT_NAMES)}")
    return name


def _folder(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be a folder path (a non-empty string)")
    return str(Path(value).expanduser())


def _format(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    name = value.strip().lower()
    if name not in FORMATS:
        raise ValueError(f"unknown format {sanitize(value)!r}; one of: {', '.join(FORMATS)}")
    return name


@dataclass(frozen=True, slots=True)
class ConfigKey:
    name: str  # dotted: "export.format" is `format` in the [export] table
    type_name: str
    default: str
    help: str
    check: Callable[[object], str]  # the value as used, or ValueError saying what is wrong


SCHEMA: tuple[ConfigKey, ...] = (
    ConfigKey("theme", "string", "", "theme at start (a name from ctrl+p > themes); wins over "
              "the theme last picked in the palette", _theme),
    ConfigKey("sort", "string", "", f"paper order at start: {', '.join(SORT_NAMES)}", _sort),
    ConfigKey("export.folder", "path", "", "the export dialog's folder (~ expanded)", _folder),
    ConfigKey("export.format", "string", "", f"default export format: {', '.join(FORMATS)}; "
              "the dialog's, and `paperdeck export`'s without --format or a FILE suffix",
              _format),
)
KEYS = {key.name: key for key in SCHEMA}
TABLES = frozenset(name.split(".")[0] for name in KEYS if "." in name)


@dataclass(slots=True)
class Config:
    path: Path
    values: dict[str, str] = field(default_factory=dict)  # only the keys the file sets
    lines: dict[str, int] = field(default_factory=dict)  # where each was set
    errors: list[str] = field(default_factory=list)  # one line each
    exists: bool = False

    def get(self, name: str) -> str:
        """The file's value, else the schema's default ("" for: not set)."""
        return self.values.get(name, KEYS[name].default)

    def is_set(self, name: str) -> bool:
        return name in self.values


_TABLE_LINE = re.compile(r"\s*\[\s*([A-Za-z0-9_-]+)\s*\]")
_KEY_LINE = re.compile(r"\s*([A-Za-z0-9_.-]+)\s*=")


def _key_lines(text: str) -> dict[str, int]:
    """Line of each `key =` (dotted with its [table]); tomllib keeps no positions."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.splitlines(), start=1):
        if match := _TABLE_LINE.match(line):
            table = match[1]
        elif match := _KEY_LINE.match(line):
            lines.setdefault(f"{table}.{match[1]}" if table else match[1], number)
    return lines


def _flatten(data: dict[str, object]) -> dict[str, object]:
    flat: dict[str, object] = {}
    for name, value in data.items():
        if name in TABLES and isinstance(value, dict):
            flat.update({f"{name}.{inner}": v for inner, v in value.items()})
        else:
            flat[name] = value
    return flat


def parse_config(text: str, path: Path) -> Config:
    """Config from TOML text; never raises: each problem is one line in `errors`."""
    config = Config(path=path, exists=True)
    where = sanitize(str(path))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # its message ends "(at line L, column C)"
        config.errors.append(f"{where}: not TOML: {sanitize(str(exc))}")
        return config
    lines = _key_lines(text)
    for name, value in _flatten(data).items():
        line = lines.get(name)
        at = f"{where}:{line}" if line else where
        key = KEYS.get(name)
        if key is None:
            known = ", ".join(KEYS)
            config.errors.append(f"{at}: unknown key {sanitize(name)!r} (known: {known})")
            continue
        try:
            config.values[name] = key.check(value)
        except ValueError as exc:
            config.errors.append(f"{at}: {name} {exc}")
            continue
        if line:
            config.lines[name] = line
    return config


def load_config(path: Path) -> Config:
    """The config at `path`; a missing file is the defaults, an unreadable one an error line."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config(path=path)
    except OSError as exc:
        return Config(path=path, errors=[f"{sanitize(str(path))}: cannot read: "
                                         f"{exc.strerror or exc}"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return Config(path=path, exists=True,
                      errors=[f"{sanitize(str(path))}: not TOML: not UTF-8 text"])
    return parse_config(text, path)


def example_config() -> str:
    """A commented config.toml with every key, each at its default (commented out)."""
    out = ["# paperdeck configuration (`paperdeck config show` prints what is in force).",
           "# Uncomment a line to set it; a value here wins over what the app remembers."]
    table = ""
    for key in SCHEMA:
        head, _, name = key.name.rpartition(".")
        if head != table:
            out += ["", f"[{head}]"]
            table = head
        out.append(f"# {key.help} ({key.type_name})")
        out.append(f"# {name or key.name} = {_example_value(key)}")
    return "\n".join(out) + "\n"


def _example_value(key: ConfigKey) -> str:
    examples = {"theme": '"nord"', "sort": '"published"', "export.folder": '"~/papers"',
                "export.format": '"bibtex"'}
    return examples.get(key.name, f'"{key.default}"')
