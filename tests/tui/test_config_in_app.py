"""config.toml at start: its theme and sort are in force, over settings.json; a bad file is
one warning notification and the app runs on the defaults."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.tui_helpers import SIZE, async_test, notifications, seeded_app, settle


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("PAPERDECK_CONFIG", str(path))
    return path


@async_test
async def test_theme_and_sort_from_config_are_in_force(home: Path, config_file: Path) -> None:
    config_file.write_text('theme = "gruvbox"\nsort = "title"\n', encoding="utf-8")
    (home / "settings.json").write_text(json.dumps({"theme": "nord", "sort": "starred"}))
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.theme == "gruvbox"
        assert app.main_screen.sort_mode == "title"
        assert not [n for n in notifications(app) if n.severity == "warning"]
        app.theme = "nord"  # as the palette's theme picker does
        await settle(pilot)
        said = [str(n.message) for n in notifications(app)]
        assert any("config.toml sets theme = 'gruvbox'" in line for line in said)
    assert json.loads((home / "settings.json").read_text())["theme"] == "nord"
    assert config_file.read_text(encoding="utf-8") == 'theme = "gruvbox"\nsort = "title"\n'


@async_test
async def test_a_bad_config_is_one_warning_and_the_defaults(home: Path,
                                                            config_file: Path) -> None:
    config_file.write_text('sort = "newest"\ntheme = "no-such-theme"\n', encoding="utf-8")
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.main_screen.sort_mode == "relevance"
        (warning,) = [n for n in notifications(app) if n.severity == "warning"]
        assert f"{config_file}:1: sort unknown sort 'newest'" in str(warning.message)
        assert "'no-such-theme' is not a theme" in str(warning.message)
        assert app.is_running
