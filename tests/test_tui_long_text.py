"""Long titles: the detail pane shows their start, the rest is further down."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.tui_support import SIZE, app_with_papers, async_test, make_paper, settle, wait_until
from tui.widgets.detail_pane import DetailPane

LINE = "A line of notes about this paper, long enough to wrap once in a narrow pane: ok.\n"


def long_note(lines: int) -> str:
    return "".join(f"{number:06d} {LINE}" for number in range(lines))


def pane(app) -> DetailPane:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(DetailPane)


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
@async_test
async def test_a_huge_title_takes_a_few_lines_and_the_rest_is_further_down(
    home: Path, size: tuple[int, int]
) -> None:
    words = [f"word{number}" for number in range(700)]
    title = " ".join(words)  # about 5,000 characters
    app = app_with_papers(home, [make_paper(1, title)])
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = pane(app).plain.splitlines()
        first_label = next(i for i, line in enumerate(lines) if line.startswith("Digest"))
        assert first_label <= 5  # at most 4 lines of title, a blank line, then the fields
        assert lines[first_label - 2].endswith("…")
        assert "word0 word1" in lines[0]
        # The full title is in the pane, below the abstract: one scroll away.
        text = " ".join(pane(app).plain.split())
        assert title in text
        assert text.index("Abstract of paper 1.") < text.index(title)


@pytest.mark.parametrize("key", ["n", "t"])
@async_test
async def test_a_huge_title_leaves_the_dialog_its_editor(home: Path, key: str) -> None:
    title = " ".join(f"word{number}" for number in range(700))
    app = app_with_papers(home, [make_paper(1, title)])
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await wait_until(pilot, lambda: app.screen is not app.main_screen)
        await pilot.pause()
        shown = str(app.screen.query_one(".dialog-title").render())
        assert shown.startswith(("Notes — word0 word1", "Tags — word0 word1"))
        assert shown.endswith("…") and len(shown) < 200
        editor = app.screen.query_one("#notes-editor" if key == "n" else "Input")
        assert editor.region.height > 0 and editor.region.bottom <= 24
