from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

from tui.cli import main
from tui.core.paths import bundled_seeds

SEED = bundled_seeds()[0]

# Tests never assert wall-clock times: Hypothesis's default 200 ms deadline per example is one,
# and on a loaded 2-core CI machine a GC pause can trip it (a "Flaky" failure of correct code).
settings.register_profile("paperdeck", deadline=None)
settings.load_profile("paperdeck")


@pytest.fixture(autouse=True)
def _no_real_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test may touch the user's real data: point every default at a temp dir."""
    monkeypatch.setenv("PAPERDECK_HOME", str(tmp_path / "default-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    # Nor the user's real config.toml: a path where none exists (tests set their own).
    monkeypatch.setenv("PAPERDECK_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def seed_path() -> Path:
    return SEED


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "digest.txt"
    shutil.copy(SEED, dest)
    return dest


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(home: Path, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run `paperdeck --home <tmp> ARGS...` in-process and capture its output."""

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        try:
            code = main(["--home", str(home), *args])
        except SystemExit as exc:  # argparse usage errors and --help
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
