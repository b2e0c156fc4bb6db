"""What the SVG snapshot tests set up: fixed sizes, a fixed clock, a triaged library, and
steady cursors, so that a screenshot only changes when what the app draws does."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from types import ModuleType

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

import tui.core.export
import tui.core.library
import tui.screens.export_dialog
from tests.support.tui_helpers import make_paper, settle
from tui.app import PaperdeckApp
from tui.core.model import Paper, PaperMeta

Size = tuple[int, int]
SMALL: Size = (80, 24)  # the smallest terminal the design card supports
LARGE: Size = (120, 36)  # wide enough for the detail pane beside the list
TODAY = date(2026, 3, 20)  # after the bundled digest's date, so its year is 2026

# Every screen at both sizes: the narrow layout (no detail pane beside the list) and the wide.
both_sizes = pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x36"])

Scene = Callable[[Pilot], Awaitable[None]]
SnapCompare = Callable[..., bool]  # pytest-textual-snapshot's snap_compare fixture


class FrozenDate(date):
    """`date` with `today()` fixed at TODAY (the digest's year and the export file name)."""

    @classmethod
    def today(cls) -> FrozenDate:
        return cls(TODAY.year, TODAY.month, TODAY.day)


def freeze_today(monkeypatch: pytest.MonkeyPatch, *modules: ModuleType) -> None:
    """Make `date.today()` TODAY in each module that imported `date` from datetime."""
    for module in modules:
        monkeypatch.setattr(module, "date", FrozenDate)


def triage(app: PaperdeckApp) -> None:
    """A few papers read, starred, noted and tagged, so every badge shows."""
    papers = app.library.papers
    app.store.set_read([p.id for p in papers[:30]], True)
    app.store.set_starred([papers[1].id, papers[4].id, papers[40].id], True)
    app.store.set_notes(papers[2].id, "Compare with [GPipe] later.")
    app.store.add_tag([papers[1].id, papers[2].id, papers[40].id], "pipelines")
    app.store.add_tag([papers[1].id], "todo")
    app.main_screen.state_changed()


async def triaged(pilot: Pilot) -> None:
    """The triaged library with the cursor on the third paper (starred? no: noted, tagged)."""
    await settle(pilot)
    triage(pilot.app)  # type: ignore[arg-type]
    await pilot.press("j", "j")
    await pilot.pause()


async def steady(pilot: Pilot, delay: float = 0.0) -> None:
    """Settle, then stop every cursor blinking: a blinking cursor is drawn or not depending on
    the half-second the screenshot falls in. A steady cursor is drawn where it has focus."""
    await settle(pilot, delay)
    for field in pilot.app.screen.query("Input, TextArea"):
        if isinstance(field, Input | TextArea):
            field.cursor_blink = False
    await pilot.pause()


def after(*scenes: Scene) -> Scene:
    """One run_before made of several scenes, run in order."""

    async def run(pilot: Pilot) -> None:
        for scene in scenes:
            await scene(pilot)

    return run


def pressing(*keys: str, delay: float = 0.0) -> Scene:
    """A scene: press the keys, then wait for what they start and steady the cursors."""

    async def run(pilot: Pilot) -> None:
        await pilot.press(*keys)
        await steady(pilot, delay)

    return run


def fixed_place(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A home whose name is the same on every run, and a fixed today.

    The home is `home`, relative to tmp_path as the working folder: notices that name the
    state file then read `home/state.json`, not tmp_path's numbered folder. HOME is tmp_path
    too, so the export dialog proposes `~/paperdeck-2026-03-20.md`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    freeze_today(monkeypatch, tui.core.library, tui.core.export, tui.screens.export_dialog)
    home = Path("home")
    home.mkdir(exist_ok=True)
    return home


def filtering(text: str, *, enter: bool = True) -> Scene:
    """A scene: `/`, the filter's text at once, Enter (unless not), and the search done.

    At once, not key by key: the filter searches whenever typing pauses, so a slow machine
    also searches some prefix of the text; an invalid final text keeps that prefix's rows."""

    async def run(pilot: Pilot) -> None:
        await pilot.press("slash")
        pilot.app.screen.query_one("#filter-input", Input).value = text
        await pilot.press(*(["enter"] if enter else []))
        await steady(pilot, 0.2)

    return run


# ---- papers from a richer source (the Hugging Face API, arXiv) -----------------------------------

_GIVEN = ("Ada", "Émilie", "Alan", "Grace", "Kurt", "Sofia", "Srinivasa", "Emmy", "John", "Ines")
_FAMILY = ("Lovelace", "du Châtelet", "Turing", "Hopper", "Gödel", "Kovalevskaya", "Ramanujan",
           "Noether", "von Neumann", "Ferreira")
FORTY_AUTHORS = tuple(f"{_GIVEN[n % 10]} {_FAMILY[(n * 3 + n // 10) % 10]}" for n in range(40))

FULL_META = PaperMeta(
    authors=("Ada Lovelace", "Émilie du Châtelet", "Alan Turing"),
    arxiv_id="2503.01234",
    published="2025-03-03",
    updated="2025-03-10",
    upvotes=128,
    comments=12,
    github_repo="https://github.com/analytical-engine/notes-g",
    github_stars=1234,
    project_page="https://analytical-engine.github.io/notes-g",
    keywords=("analytical engine", "Bernoulli numbers", "program notation", "loops"),
    categories=("cs.LG", "cs.CL"),
)
MANY_AUTHORS_META = PaperMeta(authors=FORTY_AUTHORS, arxiv_id="2503.04321",
                              published="2025-03-05", upvotes=42)


def papers_with_meta() -> list[Paper]:
    """Two papers as a JSON import brings them (full metadata; forty authors) and one from
    the saved page text, in a library of their own."""
    abstract = ("We describe a machine that computes Bernoulli numbers from a table of "
                "operations, and the notation in which such tables are written. ") * 3
    return [
        make_paper(1, "Notes on the Analytical Engine: Computing Bernoulli Numbers",
                   abstract=abstract, meta=FULL_META, links=()),
        make_paper(2, "A Large Collaboration Measures Everything at Once",
                   abstract="Forty of us measured it. " * 8, meta=MANY_AUTHORS_META),
        make_paper(3, "A Paper Known Only From the Saved Page"),
    ]
