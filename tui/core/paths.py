"""Where paperdeck keeps its data, and where the bundled seeds and styles are."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "PAPERDECK_HOME"
_PACKAGE = Path(__file__).resolve().parent.parent


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """--home wins, then $PAPERDECK_HOME, then the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(HOME_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs  # only without --home / $PAPERDECK_HOME: not on every start

    return Path(platformdirs.user_data_dir("paperdeck", appauthor=False))


def _resource_dir(name: str) -> Path:
    # Installed wheel: tui/_data/<name>; source checkout: <repo>/<name>.
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def seeds_dir() -> Path:
    return _resource_dir("seeds")


def styles_dir() -> Path:
    return _resource_dir("styles")


def bundled_seeds() -> list[Path]:
    return sorted(seeds_dir().glob("*.txt"))
