"""What a richer source says of a paper in the app: the detail pane's lines (authors, arXiv id,
dates, upvotes, links, keywords) and the keys that open its PDF and pages (p, a, H)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notices,
    screen_lines,
    screen_text,
    settle,
    stray_escapes,
    terminal_output,
    wait_until,
)
from tui import external
from tui.core.model import Link, PaperMeta
from tui.screens.help_screen import HelpScreen
from tui.widgets.detail_pane import DetailPane

FULL = PaperMeta(
    authors=("Ada Lovelace", "Charles Babbage", "Grace Hopper"),
    arxiv_id="2503.01234",
    published="2025-03-03",
    updated="2025-03-10",
    upvotes=128,
    comments=1,
    github_repo="https://github.com/org/repo",
    github_stars=1234,
    project_page="https://org.github.io/project",
    keywords=("diffusion models", "scaling laws"),
)
MANY = PaperMeta(authors=tuple(f"Author {n:02}" for n in range(1, 41)), arxiv_id="2503.04321")
ESC = "\x1b[31m\x1b]52;c;aGk=\x07\x9b2J"


def pane_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.main_screen.query_one(DetailPane).plain


def flat(app) -> str:  # type: ignore[no-untyped-def]
    """The pane's text with its wrapping undone."""
    return " ".join(pane_text(app).split())


def key_bar(app) -> str:  # type: ignore[no-untyped-def]
    return screen_lines(app)[-1]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The links handed to a (graphical) browser."""
    urls: list[str] = []
    monkeypatch.setattr(external, "browser_available", lambda: True)
    monkeypatch.setattr(external, "terminal_browser", lambda: None)
    return urls


@async_test
async def test_the_detail_pane_shows_every_line_a_paper_has(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1, meta=FULL)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert flat(app).startswith("Paper number 1 "
                                    "Authors Ada Lovelace, Charles Babbage, Grace Hopper arXiv")
        text = flat(app)
        for shown in ("arXiv 2503.01234 a abstract · p PDF",
                      "Date 2025-03-03 · updated 2025-03-10", "HF 128 upvotes · 1 comment",
                      "Code github.com/org/repo · 1,234 stars", "Page org.github.io/project",
                      "Keywords diffusion models, scaling laws", "Abstract of paper 1."):
            assert shown in text
        assert "et al." not in text and "All 3 authors" not in text


@async_test
async def test_only_the_lines_a_paper_has_and_none_for_page_text(home: Path) -> None:
    sparse = PaperMeta(authors=("Solo Author",), upvotes=0)
    app = app_with_papers(home, [make_paper(1, meta=sparse), make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lines = pane_text(app).splitlines()
        assert lines[1:4] == ["Author  Solo Author", "", "HF      0 upvotes"]
        for absent in ("arXiv", "Date", "Code", "Page", "Keywords", "comment"):
            assert absent not in pane_text(app)
        await pilot.press("j")
        await wait_until(pilot, lambda: "Paper number 2" in pane_text(app))
        # The saved page's paper: the title, a blank line, the digest, as it always was.
        lines = pane_text(app).splitlines()
        assert lines[:2] == ["Paper number 2", ""]
        assert lines[2].startswith("Digest  2026-03-11")


@async_test
async def test_many_authors_name_a_few_and_all_of_them_are_one_scroll_away(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1, meta=MANY)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert flat(app).startswith("Paper number 1 "
                                    "Authors Author 01, Author 02, Author 03, Author 04 et al. "
                                    "(40) arXiv 2503.04321")
        await pilot.press("tab", "G")  # the pane's end
        await pilot.pause()
        shown = screen_text(app)
        assert "All 40 authors" in shown
        assert "Author 39, Author 40" in flat(app)
        assert pane_text(app).count("Author 05") == 1  # only in the whole list


@async_test
async def test_hostile_metadata_renders_literally_and_sends_no_escape(home: Path) -> None:
    meta = PaperMeta(
        authors=(f"[bold]Mallory[/bold] {ESC}", "[@click=app.quit]Eve[/]", "x\ny\tz"),
        arxiv_id="2503.01234", published=f"2025{ESC}",
        github_repo="https://github.com@evil.example/x", project_page=f"https://p.example/{ESC}",
        keywords=(f"[red]k[/red]{ESC}", "", "  "),
    )
    app = app_with_papers(home, [make_paper(1, meta=meta), make_paper(2)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = flat(app)
        assert "[bold]Mallory[/bold]" in text and "[@click=app.quit]Eve[/]" in text
        assert "x y z" in text and "[red]k[/red]" in text
        assert "evil.example/x" in text and 'user name "github.com@"' in text
        assert stray_escapes(terminal_output(app)) == []
        await pilot.click("#detail-pane", offset=(20, 1))  # the [@click] author runs nothing
        await pilot.pause()
        assert app.is_running


@async_test
async def test_p_a_and_H_open_the_pdf_and_pages(home: Path, opened: list[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_with_papers(home, [make_paper(1, meta=FULL), make_paper(2, "A page-text paper")])
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        await settle(pilot)
        await pilot.press("p", "a", "H", "o")
        await pilot.press("j")
        await pilot.press("p", "a", "H")
        await pilot.pause()
        search = "https://arxiv.org/search/?query=A%20page-text%20paper&searchtype=title"
        assert opened == ["https://arxiv.org/pdf/2503.01234", "https://arxiv.org/abs/2503.01234",
                          "https://huggingface.co/papers/2503.01234", "https://example.org/1",
                          search, search, search]
        assert "Opening https://arxiv.org/pdf/2503.01234" in notices(app)


@async_test
async def test_p_opens_only_http_pdf_links(home: Path, opened: list[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    app = app_with_papers(home, [make_paper(1, meta=PaperMeta(pdf_url="file:///etc/passwd"))])
    async with app.run_test(size=SIZE) as pilot:
        monkeypatch.setattr(app, "open_url", lambda url, **_: opened.append(url))
        await settle(pilot)
        await pilot.press("p")
        await pilot.pause()
        assert opened == []
        assert any("only http and https" in n for n in notices(app))


@async_test
async def test_the_key_bar_offers_p_for_papers_with_an_arxiv_id(home: Path) -> None:
    papers = [make_paper(1, meta=FULL), make_paper(2, links=(Link("https://x.org", "page"),))]
    app = app_with_papers(home, papers)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert " o Open  p PDF  ? Help " in key_bar(app)
        await pilot.press("j")
        await wait_until(pilot, lambda: "p PDF" not in key_bar(app))
        assert " o Open  ? Help " in key_bar(app)
    wide = app_with_papers(home, papers)
    async with wide.run_test(size=(140, 36)) as pilot:
        await settle(pilot)
        assert " o Open  p PDF  a arXiv  ? Help " in key_bar(wide)
        assert key_bar(wide).rstrip().endswith("^p palette")


@async_test
async def test_help_and_palette_list_the_page_keys(home: Path) -> None:
    app = app_with_papers(home, [make_paper(1, meta=FULL)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = dict(app.key_help())
        assert keys["p"].startswith("Open the PDF")
        assert keys["a"].startswith("Open the arXiv abstract page")
        assert keys["H"].startswith("Open the Hugging Face page")
        names = {name for name, _help, _run in app.command_entries()}
        assert {"Open PDF", "Open arXiv page", "Open Hugging Face page"} <= names
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Open the Hugging Face page" in screen_text(app)


@pytest.mark.parametrize("key", ["p", "a", "H"])
@async_test
async def test_page_keys_on_an_empty_library_say_so(home: Path, key: str) -> None:
    app = app_with_papers(home, [])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert "No paper selected" in notices(app)
