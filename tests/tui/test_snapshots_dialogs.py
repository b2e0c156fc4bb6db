"""SVG snapshots of every screen and dialog over the main screen: help, stats, notes, tags,
export, the confirmations and the command palette. Update with --snapshot-update."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.support.snapshot_scenes import (
    Size,
    SnapCompare,
    after,
    both_sizes,
    filtering,
    pressing,
    steady,
    triaged,
)
from tests.support.tui_helpers import wait_until
from tui.app import PaperdeckApp
from tui.core.state import MAX_TAGS_PER_PAPER

NOTE_TYPED = ("space", *"Check", "space", *"the", "space", *"bubble", "space", *"schedule.")


@both_sizes
def test_help_screen(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`?`: every key, the row markers and the filter syntax."""
    scene = after(steady, pressing("question_mark"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_stats_screen(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`T`: totals, progress, papers per digest date and the top tags."""
    assert snap_compare(digest_app, terminal_size=size, run_before=after(triaged, pressing("T")))


@both_sizes
def test_notes_dialog(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`n` on the noted paper, a sentence typed after its note."""
    scene = after(triaged, pressing("n"), pressing(*NOTE_TYPED))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_discard_unsaved_notes_asks(snap_compare: SnapCompare, digest_app: PaperdeckApp,
                                    size: Size) -> None:
    """Esc in the notes dialog after typing: "Discard your unsaved changes…?"."""
    scene = after(triaged, pressing("n"), pressing(*NOTE_TYPED), pressing("escape"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_tags_dialog(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`t` on the tagged paper: its tags, a new one typed, the tags in use listed."""
    scene = after(triaged, pressing("t"), pressing(*"reread"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


def test_tags_dialog_refuses_too_many(snap_compare: SnapCompare, digest_app: PaperdeckApp) -> None:
    """More tags than a paper may have: the dialog stays open and says why."""

    async def too_many(pilot: Pilot) -> None:
        tags = range(MAX_TAGS_PER_PAPER + 1)
        pilot.app.screen.query_one(Input).value = " ".join(f"t{n}" for n in tags)
        await pilot.press("end", "enter")
        await steady(pilot)

    scene = after(triaged, pressing("t"), too_many)
    assert snap_compare(digest_app, terminal_size=(80, 24), run_before=scene)


@both_sizes
def test_export_dialog(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`e` after filtering: the format, the scopes (the filter's named), the proposed file."""
    scene = after(triaged, filtering("pipeline"), pressing("e"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


def test_export_asks_before_overwriting(snap_compare: SnapCompare,
                                        digest_app: PaperdeckApp) -> None:
    """Ctrl+S with the proposed file already there: "… exists. Overwrite it?"."""

    async def existing(pilot: Pilot) -> None:
        Path("list.md").write_text("kept\n")  # in the working folder, tmp_path
        await pilot.press("e")
        await steady(pilot)
        # Relative, so that the question names the same path on every run.
        pilot.app.screen.query_one("#export-path", Input).value = "list.md"
        await pilot.press("ctrl+s")
        await steady(pilot)

    assert snap_compare(digest_app, terminal_size=(80, 24), run_before=after(triaged, existing))


@both_sizes
def test_mark_all_shown_read_asks(snap_compare: SnapCompare, digest_app: PaperdeckApp,
                                  size: Size) -> None:
    """`R` after filtering: "Mark N shown unread papers as read?"."""
    scene = after(triaged, filtering("pipeline"), pressing("R"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_command_palette(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """Ctrl+P, "star" typed: the matching commands with their keys."""

    async def palette(pilot: Pilot) -> None:
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, CommandPalette))
        await pilot.press(*"star")
        options = pilot.app.screen.query_one(OptionList)
        await wait_until(pilot, lambda: options.option_count > 0)
        await steady(pilot, 0.3)

    assert snap_compare(digest_app, terminal_size=size, run_before=after(triaged, palette))
