"""What the TUI reads from outside or from the user: settings.json and the tags line."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Static

from tests.support.tui_helpers import SIZE, async_test, notices, seeded_app, settle
from tui.core.export import FORMATS
from tui.core.export.place import proposed_export
from tui.core.settings import SETTINGS_FILE, Settings, load_settings
from tui.core.state.schema import MAX_TAGS_PER_PAPER
from tui.screens.tags_dialog import TagsDialog, parse_tags


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_settings_file_loads_or_gives_defaults(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    home = tmp_path_factory.mktemp("home")
    (home / SETTINGS_FILE).write_bytes(data)
    loaded = load_settings(home)
    assert isinstance(loaded, Settings) and isinstance(loaded.theme, str)


@given(st.one_of(st.text(max_size=60), st.sampled_from(["/", "/tmp", "relative/dir", "~"])),
       st.one_of(st.text(max_size=12), st.sampled_from(sorted(FORMATS))))
def test_any_remembered_export_place_gives_a_folder_and_a_known_format(
    folder: str, fmt: str
) -> None:
    place, chosen = proposed_export(folder, fmt)
    assert place.is_absolute() and place.is_dir() and chosen in FORMATS
    assert chosen == (fmt if fmt in FORMATS else "md")


@given(st.text(max_size=200))
def test_parse_tags_gives_unique_lowercase_words(line: str) -> None:
    tags = parse_tags(line)
    assert len(tags) == len(set(tags))
    for tag in tags:
        assert tag and tag == tag.lower() and "," not in tag
        assert not any(ch.isspace() for ch in tag)


def test_parse_tags_examples() -> None:
    assert parse_tags("ML, todo  ml,,later") == ["ml", "todo", "later"]
    assert parse_tags("   ") == []


@async_test
async def test_invalid_tag_is_a_notification(home: Path) -> None:
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#tags-input").value = 'good "bad'
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running and app.screen is app.main_screen
        assert app.store.get(paper.id).tags == ()  # one step: a bad tag saves none of them
        assert any("invalid tag" in m for m in notices(app))


@async_test
async def test_tags_dialog_past_the_cap_stays_open_with_the_line_kept(home: Path) -> None:
    """Enter with more tags than a paper may hold closed the dialog and lost the line typed;
    the dialog now says why in one line and keeps it, and nothing is changed."""
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        paper = app.main_screen.current_paper
        await pilot.press("t")
        await pilot.pause()
        line = " ".join(f"t{n}" for n in range(MAX_TAGS_PER_PAPER + 1))
        app.screen.query_one("#tags-input").value = line
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TagsDialog)
        assert app.screen.query_one("#tags-input").value == line
        error = str(app.screen.query_one("#tags-error", Static).render())
        assert "at most 1,000" in error and "\n" not in error
        assert app.store.get(paper.id).tags == ()
        app.screen.query_one("#tags-input").value = "ml later"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is app.main_screen
        assert app.store.get(paper.id).tags == ("later", "ml")
