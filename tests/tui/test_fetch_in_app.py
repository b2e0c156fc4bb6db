"""F (or "Fetch today's papers" in the palette) fetches in the background against a loopback
hub: progress and the result in the status line, the new papers in the list without a
restart (`is:new` finds them), a failure as one error line with nothing changed, one fetch
at a time, and a quit that does not wait for the network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tests.support.fake_hub import FakeHub, running_hub
from tests.support.tui_helpers import (
    SIZE,
    async_test,
    notices,
    notifications,
    seeded_app,
    settle,
    type_filter,
    wait_until,
)
from tui import fetch_today
from tui.app import PaperdeckApp
from tui.core import fetch as core_fetch
from tui.core.fetch import http as fetch_http
from tui.widgets.status_line import StatusLine

DAY = date(2026, 12, 7)
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
              "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
SEEDED = 88  # papers in the bundled digest


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(core_fetch, "today_utc", lambda: DAY)
    monkeypatch.setattr(fetch_http, "BACKOFF", 0.0)  # 5xx retried at once
    for started in running_hub():
        monkeypatch.setenv("HF_ENDPOINT", started.url)
        yield started


def activity(app: PaperdeckApp) -> str:
    return app.main_screen.query_one(StatusLine).activity


def shown_titles(app: PaperdeckApp) -> list[str]:
    return [paper.title for paper in app.main_screen.visible_papers()]


def library_files(home: Path) -> dict[str, bytes]:
    """What an import writes: the log and the kept digests."""
    files = [home / "imports.json", *sorted((home / "digests").iterdir())]
    return {str(path.relative_to(home)): path.read_bytes() for path in files}


@async_test
async def test_f_brings_the_new_papers_in_on_the_same_paper(home: Path, hub: FakeHub) -> None:
    items = hub.serve_day(DAY, 3)
    titles = [item["title"] for item in items]
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "j")
        on = app.main_screen.current_paper
        await pilot.press("F")
        await wait_until(pilot, lambda: titles[0] in shown_titles(app), timeout=30)
        assert set(titles) <= set(shown_titles(app))
        assert len(app.library.papers) == SEEDED + 3
        assert app.main_screen.current_paper.id == on.id  # the cursor stayed on its paper
        assert activity(app) == "fetched 2026-12-07: 3 new papers"
        assert [n for n in notifications(app) if n.severity == "error"] == []
        assert not app.library.changed_on_disk()  # not taken for another paperdeck's import
        await type_filter(pilot, "is:new")
        await pilot.press("enter")
        await settle(pilot)
        assert sorted(shown_titles(app)) == sorted(titles)


@async_test
async def test_the_palette_entry_fetches_too(home: Path, hub: FakeHub) -> None:
    items = hub.serve_day(DAY, 2)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        entries = {name: run for name, _help, run in app.command_entries()}
        await entries["Fetch today's papers"]()
        await wait_until(pilot, lambda: items[0]["title"] in shown_titles(app), timeout=30)
        assert activity(app) == "fetched 2026-12-07: 2 new papers"


@async_test
async def test_a_second_f_during_a_fetch_says_one_is_running(home: Path, hub: FakeHub) -> None:
    items = hub.serve_day(DAY, 2)
    held = hub.fault("hold", match="/api/daily_papers")
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        imports_before = len(app.library.imports)
        await pilot.press("F")
        await wait_until(pilot, held.reached.is_set, timeout=30)
        await wait_until(pilot, lambda: activity(app) == "fetching 2026-12-07 (1 of 1)")
        await pilot.press("F")
        assert "A fetch is already running" in notices(app)
        held.gate.set()
        await wait_until(pilot, lambda: items[0]["title"] in shown_titles(app), timeout=30)
        assert len(hub.daily_requests()) == 1  # the second F asked for nothing
        assert len(app.library.imports) == imports_before + 1
        await pilot.press("F")  # done: F fetches again, and the day brings nothing new
        await wait_until(pilot, lambda: "nothing new" in activity(app), timeout=30)
        assert activity(app) == ("fetched 2026-12-07: nothing new (2 papers, all already in "
                                 "the library)")
        assert len(app.library.imports) == imports_before + 1


@async_test
async def test_a_server_error_is_one_line_and_changes_nothing(home: Path, hub: FakeHub) -> None:
    hub.serve_day(DAY, 3)
    hub.fault("status", status=500, times=10)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = library_files(home)
        shown = shown_titles(app)
        await pilot.press("F")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in notifications(app)),
                         timeout=30)
        [error] = [n for n in notifications(app) if n.severity == "error"]
        assert error.title == "Fetch failed"
        assert error.message.startswith(f"cannot fetch {hub.url}/api/daily_papers")
        assert "HTTP 500" in error.message and "\n" not in error.message
        assert activity(app) == ""
        assert shown_titles(app) == shown and len(app.library.papers) == SEEDED
        assert library_files(home) == before
        assert not (home / "fetch.json").exists()


@async_test
async def test_nothing_listening_is_connection_refused(home: Path, hub: FakeHub,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    port = closed.getsockname()[1]
    closed.close()  # nothing listens there now
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = library_files(home)
        await pilot.press("F")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in notifications(app)),
                         timeout=30)
        [error] = [n for n in notifications(app) if n.severity == "error"]
        assert error.message.endswith("connection refused")
        assert library_files(home) == before and len(app.library.papers) == SEEDED
        await pilot.press("F")  # a failed fetch is over: F tries again, and fails again
        await wait_until(pilot, lambda: error not in notifications(app), timeout=30)
        [again] = [n for n in notifications(app) if n.severity == "error"]
        assert again.message == error.message  # the same line, once (replacing the first)
        assert "A fetch is already running" not in notices(app)


@async_test
async def test_the_servers_words_reach_the_screen_as_text(home: Path, hub: FakeHub) -> None:
    hub.fault("json_error", status=400,
              body=b'{"error": "[bold red]no[/] [@click=app.quit]x[/] \\u001b[31mred"}')
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await wait_until(pilot, lambda: any(n.severity == "error" for n in notifications(app)),
                         timeout=30)
        [error] = [n for n in notifications(app) if n.severity == "error"]
        assert "[bold red]no[/] [@click=app.quit]x[/]" in error.message  # literally, not markup
        assert "\x1b" not in error.message
        assert not error.markup
        await pilot.pause()
        assert app.is_running  # the [@click] did not run


@async_test
async def test_an_empty_day_names_the_last_day_with_papers(home: Path, hub: FakeHub) -> None:
    hub.serve_day(date(2026, 12, 5), 4)
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await wait_until(pilot, lambda: "no papers" in activity(app), timeout=30)
        assert activity(app) == "2026-12-07: no papers (the last day with papers: 2026-12-05)"
        assert len(app.library.papers) == SEEDED


@async_test
async def test_quitting_during_a_fetch_does_not_wait_for_the_network(home: Path,
                                                                     hub: FakeHub) -> None:
    hub.serve_day(DAY, 3)
    held = hub.fault("hold", match="/api/daily_papers")  # answers only when the test ends
    app = seeded_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = library_files(home)
        await pilot.press("F")
        await wait_until(pilot, held.reached.is_set, timeout=30)
        await pilot.press("q")
    # The read timeout is 30 s; the request is cut short instead.
    assert app.fetch_thread_done.wait(10)
    assert library_files(home) == before


def test_the_result_line_of_a_catch_up_names_its_days() -> None:
    report = core_fetch.FetchReport(days=[core_fetch.DayReport(date(2026, 12, 5), 0),
                                          core_fetch.DayReport(date(2026, 12, 7), 2)])
    assert fetch_today.result_line(report) == (
        "fetched 2026-12-05 to 2026-12-07: nothing new (2 papers, all already in the library)")
