"""The app's messages: papers named by their title, one notice for a repeated message, and
what `o` says about a paper's links."""

from __future__ import annotations

from pathlib import Path

from tests.support.tui_helpers import SIZE, app_with_papers, async_test, make_paper, notices, settle
from tui.core.model import Link

LONG_TITLE = ("Scaling [bold]Laws[/bold] for Mixture-of-Experts Language Models Trained on "
              "Seventeen Trillion Tokens of Code and Prose")


@async_test
async def test_undo_and_redo_name_the_paper_by_its_short_title(home: Path) -> None:
    paper = make_paper(1, LONG_TITLE)
    app = app_with_papers(home, [paper])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("t")
        await pilot.pause()
        app.screen.query_one("#tags-input").value = "moe"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"later", "ctrl+s")
        await pilot.pause()
        await pilot.press("u", "u", "ctrl+r")
        await pilot.pause()
        shown = [m for m in notices(app) if m.startswith(("Undid", "Redid"))]
        assert len(shown) == 3, shown
        for message in shown:
            assert paper.id not in message
            assert "Scaling [bold]Laws[/bold] for Mixture" in message  # text, not markup
            assert LONG_TITLE not in message  # cut short: a notice is a few words wide
            assert "…" in message
        assert "the notes of" in shown[0] and "the tags of" in shown[1]
        assert "'moe'" in shown[1]


@async_test
async def test_a_repeated_message_is_shown_once(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1), make_paper(2)])
    app.store.set_read([make_paper(1).id, make_paper(2).id], True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("space", "space", "space")
        await pilot.pause()
        assert notices(app).count("Everything shown is read") == 1
        await pilot.press("R")  # the same fact, in the same words
        await pilot.pause()
        assert notices(app).count("Everything shown is read") == 1
        await pilot.press("x", "u")  # a different notice stays beside it
        await pilot.pause()
        assert notices(app).count("Everything shown is read") == 1
        assert "Undid: mark 2 papers read" in notices(app)


@async_test
async def test_o_says_the_paper_has_no_links_or_how_many(home: Path) -> None:
    two = (Link("https://example.org/a", "page"), Link("https://example.org/b", "page"))
    app = app_with_papers(home, [make_paper(1, links=()), make_paper(2, links=two)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o", "3")
        await pilot.pause()
        assert notices(app) == ["This paper has no links"]
        app.clear_notifications()
        await pilot.press("j", "3", "9")
        await pilot.pause()
        assert notices(app) == ["This paper has only 2 links"]
