"""`paperdeck FILE`: the import's summary and warnings show in the app, not only behind it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.tui_helpers import SIZE, notifications, screen_text, settle, wait_until
from tui.app import PaperdeckApp
from tui.cli import main


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[PaperdeckApp]]:
    """Apps that `paperdeck FILE` would have run (run on a pilot by the test itself)."""
    started: list[PaperdeckApp] = []
    monkeypatch.setattr(PaperdeckApp, "run", lambda self, *a, **k: started.append(self))
    monkeypatch.setattr("tui.cli.open_tui.has_terminal", lambda: True)  # pytest has none
    return started


def digest(tmp_path: Path, titles: list[str], *, name: str = "papers.txt") -> Path:
    path = tmp_path / name
    blocks = [f"{title}\n\nThe abstract of {title}.\n" for title in titles]
    path.write_text("Mar 12\n\n" + "\n".join(blocks) + "\nA title left alone\n",
                    encoding="utf-8")
    return path


def notices(app: PaperdeckApp) -> list[tuple[str, str, str]]:
    return [(n.title, str(n.message), n.severity) for n in notifications(app)]


async def shown_notices(app: PaperdeckApp) -> list[tuple[str, str, str]]:
    return (await shown(app))[0]


async def shown(app: PaperdeckApp) -> tuple[list[tuple[str, str, str]], str]:
    """The app's notifications once it has started, and the screen with their toasts."""
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: "Imported" in screen_text(app), timeout=2)
        return notices(app), screen_text(app)


def test_the_import_summary_and_its_warnings_show_in_the_app(
        home: Path, tmp_path: Path, runs: list[PaperdeckApp], capsys) -> None:  # type: ignore[no-untyped-def]
    # A duplicate (a warning) whose title is markup: digest text is data, never markup.
    path = digest(tmp_path, ["A [red]bold[/red] claim", "A [red]bold[/red] claim",
                             "Another \x1b[31mpaper"])
    assert main(["--home", str(home), str(path)]) == 0
    assert "imported: 3 new papers" in capsys.readouterr().out  # in the shell as before
    (app,) = runs
    raised, screen = asyncio.run(shown(app))
    imported = [notice for notice in raised if "imported:" in notice[1]]
    assert len(imported) == 1, raised
    title, message, severity = imported[0]
    assert "papers.txt" in title
    assert message.startswith("imported: 3 new papers, 0 already known, 2 warnings")
    assert "line 7: duplicate of the paper on line 3; skipped" in message
    assert "title without an abstract" in message
    assert "\x1b" not in message and "\x1b" not in title
    assert severity == "warning"
    assert "Imported papers.txt" in screen  # on the screen, as a toast


def test_many_warnings_show_the_first_few_and_how_many_more(
        home: Path, tmp_path: Path, runs: list[PaperdeckApp], capsys) -> None:  # type: ignore[no-untyped-def]
    path = digest(tmp_path, ["The same paper"] * 30)
    assert main(["--home", str(home), str(path)]) == 0
    (app,) = runs
    (notice,) = [n for n in asyncio.run(shown_notices(app)) if "imported:" in n[1]]
    message = notice[1]
    assert "2 new papers, 0 already known, 30 warnings" in message
    assert message.count("duplicate of the paper") < 10  # a toast, not a screenful
    assert "more" in message.splitlines()[-1] and "paperdeck import --verbose" in message


def test_a_clean_import_is_an_information(home: Path, tmp_path: Path,
                                          runs: list[PaperdeckApp], capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "clean.txt"
    path.write_text("Mar 12\n\nA paper\n\nIts abstract.\n", encoding="utf-8")
    assert main(["--home", str(home), str(path)]) == 0
    (app,) = runs
    raised = asyncio.run(shown_notices(app))
    assert [(t, m, s) for t, m, s in raised if "imported:" in m] == [
        ("Imported clean.txt", "imported: 1 new paper, 0 already known, 0 warnings",
         "information")]


def test_the_app_alone_shows_no_import_notice(home: Path, runs: list[PaperdeckApp]) -> None:
    assert main(["--home", str(home)]) == 0
    (app,) = runs
    assert not [n for n in asyncio.run(shown_notices(app)) if "imported:" in n[1]]
