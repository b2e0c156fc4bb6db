"""Fixtures of the TUI tests that several modules share."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.snapshot_scenes import fixed_place
from tests.support.tui_helpers import app_with_digest
from tui.app import PaperdeckApp


@pytest.fixture
def place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A home named the same on every run, with today frozen (see fixed_place)."""
    return fixed_place(monkeypatch, tmp_path)


@pytest.fixture
def digest_app(place: Path, seed_copy: Path) -> PaperdeckApp:
    """The app on `place`, the bundled digest imported there on the frozen today."""
    return app_with_digest(place, seed_copy)
