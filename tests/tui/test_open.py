"""`paperdeck` with no command opens the TUI; `paperdeck FILE...` imports first; settings file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.app import PaperdeckApp
from tui.cli import main
from tui.core.settings import SETTINGS_FILE, Settings, load_settings, save_settings


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PaperdeckApp]]:
    """Apps that would have run; their stores are closed afterwards as unmount would."""
    started: list[PaperdeckApp] = []
    monkeypatch.setattr(PaperdeckApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr("tui.cli.open_tui.has_terminal", lambda: True)  # pytest has none
    yield started
    for app in started:
        app.store.close()


def test_no_arguments_opens_the_app_on_the_seeded_home(home: Path, runs, capsys) -> None:  # type: ignore[no-untyped-def]
    assert main(["--home", str(home)]) == 0
    assert len(runs) == 1
    assert len(runs[0].library.papers) == 88
    assert runs[0].home == home


def test_files_are_imported_then_the_app_opens(home: Path, tmp_path: Path, runs, capsys) -> None:  # type: ignore[no-untyped-def]
    digest = tmp_path / "new.txt"
    digest.write_text("Mar 12\n\nA brand new paper\n\nIts abstract.\n\n"
                      "Another new paper\n\nAnother abstract.\n")
    assert main(["--home", str(home), str(digest)]) == 0
    out = capsys.readouterr().out
    assert "imported: 2 new papers" in out
    # A fresh home: your digest alone, the bundled demo digest is not mixed into it.
    assert len(runs) == 1 and len(runs[0].library.papers) == 2
    assert runs[0].library.papers[0].title == "A brand new paper"  # newest digest first


def test_a_bad_file_is_an_error_and_the_app_does_not_open(home: Path, tmp_path: Path, runs,  # type: ignore[no-untyped-def]
                                                          capsys) -> None:
    bad = tmp_path / "page.html"
    bad.write_text("<html><body>not a digest</body></html>")
    code = main(["--home", str(home), str(bad)])
    assert code == 3
    assert "paperdeck: error:" in capsys.readouterr().err
    assert runs == []


def test_settings_round_trip_and_bad_files_give_defaults(home: Path) -> None:
    assert load_settings(home) == Settings()
    save_settings(home, Settings(theme="nord"))
    assert load_settings(home).theme == "nord"
    for junk in ("{not json", "[]", '{"theme": 5}', "\x00\xff"):
        (home / SETTINGS_FILE).write_text(junk, encoding="latin-1")
        assert load_settings(home) == Settings()
