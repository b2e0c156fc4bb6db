"""`paperdeck fetch` of the Hugging Face daily papers from a loopback server: what the user
sees (exit code, the one line on stderr, the summary), what lands in the home (everything or
nothing), and the papers listed afterwards."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import CliResult
from tests.support.fake_hub import FakeHub, running_hub
from tui.cli import main
from tui.core.fetch import MAX_CATCH_UP, fetch_daily, today_utc
from tui.core.fetch import http as fetch_http
from tui.core.library import Library

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 12, 4)
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
              "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")

Cli = Callable[..., CliResult]


@pytest.fixture
def hub(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    yield from running_hub()


@pytest.fixture
def slept(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Every pause the command asks for, none taken (the timeout fault's test shortens the
    read timeout itself: elsewhere a busy machine must not turn a slow answer into a failure)."""
    pauses: list[float] = []
    monkeypatch.setattr(fetch_http, "sleep", pauses.append)
    return pauses


@pytest.fixture
def fetch(cli: Cli, hub: FakeHub, slept: list[float],
          monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    return lambda *args: cli("fetch", *args)


def home_files(home: Path) -> dict[str, bytes]:
    return {str(p.relative_to(home)): p.read_bytes()
            for p in sorted(home.rglob("*")) if p.is_file() and p.name != "library.lock"}


def listed(cli: Cli) -> list[dict]:
    result = cli("list", "-f", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_fetch_a_day_imports_it_and_list_shows_the_papers(fetch: Cli, cli: Cli, hub: FakeHub,
                                                          home: Path) -> None:
    items = hub.serve_day(DAY, 12)
    result = fetch(DAY.isoformat())
    assert result.code == 0, result.err
    assert result.out == "imported: 12 new papers, 0 already known, 0 warnings\n"
    assert result.err == ""
    papers = listed(cli)
    assert sorted(p["title"] for p in papers) == sorted(i["title"] for i in items)
    library = Library.open(home, seed_if_empty=False)
    assert {p.arxiv_id for p in library.papers} == {i["paper"]["id"] for i in items}
    assert library.papers[0].authors == ("Ada Lovelace", "Jan van der Berg")
    kept = list((home / "digests").iterdir())
    assert len(kept) == 1 and json.loads(kept[0].read_bytes()) == items  # verbatim
    log = json.loads((home / "imports.json").read_bytes())
    assert log["imports"][0]["source"] == f"hf-daily-{DAY.isoformat()}.json"


def test_a_refetch_with_nothing_new_changes_nothing(fetch: Cli, hub: FakeHub,
                                                    home: Path) -> None:
    hub.serve_day(DAY, 5)
    assert fetch(DAY.isoformat()).code == 0
    before = home_files(home)
    # The upvotes moved since: a body that differs, with no paper the library lacks.
    for item in hub.days[DAY.isoformat()]:
        item["paper"]["upvotes"] += 1
    result = fetch(DAY.isoformat())
    assert result.code == 0 and result.err == ""
    assert result.out == "nothing new: 5 papers fetched, all already in the library\n"
    assert home_files(home) == before


def test_a_day_over_several_pages_is_imported_whole(fetch: Cli, cli: Cli, hub: FakeHub,
                                                    home: Path) -> None:
    hub.serve_day(DAY, 130)
    result = fetch(DAY.isoformat())
    assert result.out == "imported: 130 new papers, 0 already known, 0 warnings\n"
    assert [s.query["p"] for s in hub.daily_requests()] == ["0", "1", "2"]
    assert len(listed(cli)) == 130
    assert len(list((home / "digests").iterdir())) == 3  # one kept file per page, verbatim


def test_a_page_failing_midway_writes_nothing(fetch: Cli, hub: FakeHub, home: Path) -> None:
    hub.serve_day(DAY, 130)
    hub.fault("truncated", match="p=2&")
    result = fetch(DAY.isoformat())
    assert result.code == 8 and result.out == ""
    lines = result.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"paperdeck: error: cannot fetch {hub.url}/api/daily_papers?p=2&")
    assert "cut off" in lines[0]
    assert not (home / "digests").exists() and not (home / "imports.json").exists()
    assert not (home / "fetch.json").exists()


@pytest.mark.parametrize(("kind", "options", "said"), [
    ("timeout", {}, "timed out"),
    ("html", {}, "got an HTML page, not JSON"),
    ("json_error", {"status": 200}, "the server answered with an error: Invalid date"),
    ("json_error", {"status": 400}, "HTTP 400 Bad Request: Invalid date"),
    ("status", {"status": 503, "times": 10}, "HTTP 503 Service Unavailable"),
    ("drop", {}, "closed the connection"),
])
def test_each_failure_is_one_line_exit_8_nothing_written(fetch: Cli, hub: FakeHub, home: Path,
                                                         kind: str, options: dict, said: str,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "timeout":
        monkeypatch.setattr(fetch_http, "READ_TIMEOUT", 0.3)
    hub.serve_day(DAY, 3)
    hub.fault(kind, **options)
    before = home_files(home)
    result = fetch(DAY.isoformat())
    assert result.code == 8, result.err
    assert result.err.count("\n") == 1 and said in result.err
    assert "Traceback" not in result.err and result.out == ""
    assert home_files(home) == before


def test_429_and_500_are_retried_then_imported(fetch: Cli, hub: FakeHub,
                                               slept: list[float]) -> None:
    hub.serve_day(DAY, 3)
    hub.fault("status", status=429, headers={"Retry-After": "5"})
    hub.fault("status", status=500)
    result = fetch(DAY.isoformat())
    assert result.code == 0 and result.out.startswith("imported: 3 new papers")
    assert slept == [5.0, 2.0]  # Retry-After, then the second try's backoff


def test_gzip_and_a_redirect_are_transparent(fetch: Cli, hub: FakeHub) -> None:
    hub.serve_day(DAY, 4)
    hub.fault("redirect")
    hub.fault("gzip", match="/moved/")
    result = fetch(DAY.isoformat())
    assert result.code == 0 and result.out.startswith("imported: 4 new papers")


def test_an_empty_day_names_the_last_day_with_papers(fetch: Cli, hub: FakeHub,
                                                     home: Path) -> None:
    hub.serve_day(DAY, 2)
    empty = DAY + timedelta(days=2)
    result = fetch(empty.isoformat())
    assert result.code == 0 and result.out == ""
    assert result.err == (f"paperdeck: {empty.isoformat()}: no papers (the last day with "
                          f"papers: {DAY.isoformat()})\n")
    assert not (home / "imports.json").exists()


def test_an_empty_day_among_others_is_said_and_the_rest_imports(fetch: Cli, hub: FakeHub) -> None:
    hub.serve_day(DAY, 2)
    result = fetch(DAY.isoformat(), (DAY + timedelta(days=1)).isoformat())
    assert result.code == 0
    assert result.out == "imported: 2 new papers, 0 already known, 0 warnings\n"
    assert result.err == (f"paperdeck: {DAY + timedelta(days=1)}: no papers (the last day "
                          f"with papers: {DAY.isoformat()})\n")


def test_a_bare_fetch_catches_up_since_the_last_one(fetch: Cli, hub: FakeHub) -> None:
    today = today_utc()
    for back in range(4):
        hub.serve_day(today - timedelta(days=back), 2)
    assert fetch((today - timedelta(days=3)).isoformat()).code == 0
    hub.seen.clear()
    result = fetch()
    assert result.code == 0 and result.out.startswith("imported: 6 new papers, 2 already known")
    asked = sorted({s.query["date"] for s in hub.daily_requests()})
    assert asked == [(today - timedelta(days=n)).isoformat() for n in (3, 2, 1, 0)]


def test_a_bare_fetch_goes_back_at_most_14_days(fetch: Cli, hub: FakeHub, home: Path) -> None:
    today = today_utc()
    (home / "fetch.json").write_text(json.dumps(
        {"version": 1, "hf_daily": {"last_day": (today - timedelta(days=40)).isoformat()}}))
    hub.serve_day(today, 1)
    assert fetch().code == 0
    asked = {s.query["date"] for s in hub.daily_requests() if s.query["limit"] != "1"}
    assert len(asked) == MAX_CATCH_UP and max(asked) == today.isoformat()


def test_the_first_bare_fetch_is_today(fetch: Cli, hub: FakeHub, home: Path) -> None:
    hub.serve_day(today_utc(), 3)
    assert fetch().out.startswith("imported: 3 new papers")
    assert {s.query["date"] for s in hub.daily_requests()} == {today_utc().isoformat()}
    kept = json.loads((home / "fetch.json").read_bytes())
    assert kept["hf_daily"]["last_day"] == today_utc().isoformat()


@pytest.mark.parametrize(("args", "said"), [
    (["2026-13-01"], "not a date"),
    (["12/04/2026"], "not a date"),
    (["2999-01-01"], "is after today"),
    (["--since", "2999-01-01"], "is after today"),
    (["--since", "2001-01-01"], "at most 366"),
    (["--arxiv", "cs.LG", "2026-12-01"], "takes no DATE"),
])
def test_bad_dates_are_usage_errors(fetch: Cli, hub: FakeHub, args: list[str],
                                    said: str) -> None:
    result = fetch(*args)
    assert result.code == 2 and said in result.err
    assert hub.seen == []


def test_a_foreign_fetch_record_is_refused_and_left_alone(fetch: Cli, hub: FakeHub,
                                                          home: Path) -> None:
    (home / "fetch.json").write_text("my own notes\n")
    result = fetch()
    assert result.code == 5 and "fetch.json" in result.err
    assert (home / "fetch.json").read_text() == "my own notes\n"


def test_hf_endpoint_must_be_a_web_url(fetch: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_ENDPOINT", "file:///etc")
    result = fetch("2026-12-01")
    assert result.code == 2 and "HF_ENDPOINT" in result.err


def test_fetch_daily_api_for_the_app(hub: FakeHub, slept: list[float], home: Path) -> None:
    hub.serve_day(DAY, 7)
    library = Library.open(home, seed_if_empty=False)
    said: list[str] = []
    report = fetch_daily(library, [DAY], progress=said.append, env={"HF_ENDPOINT": hub.url})
    assert report.summary is not None and report.summary.new == 7
    assert report.line() == "imported: 7 new papers, 0 already known, 0 warnings"
    assert said and said[0].startswith(f"fetching {DAY.isoformat()}")
    assert len(library.papers) == 7
    again = fetch_daily(library, [DAY], env={"HF_ENDPOINT": hub.url})
    assert again.summary is None and again.line().startswith("nothing new: 7 papers")


def test_as_a_subprocess_an_error_is_one_line_and_exit_8(hub: FakeHub, tmp_path: Path) -> None:
    hub.fault("html")
    env = {k: v for k, v in os.environ.items() if k not in PROXY_VARS}
    env |= {"HF_ENDPOINT": hub.url, "PAPERDECK_HOME": str(tmp_path / "h")}
    done = subprocess.run([sys.executable, "-m", "tui", "fetch", "2026-12-01"], env=env,
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 8
    assert done.stderr.count("\n") == 1 and "got an HTML page" in done.stderr
    assert "Traceback" not in done.stderr


def test_an_empty_day_whose_look_back_fails_is_still_fetched(fetch: Cli, hub: FakeHub,
                                                             home: Path) -> None:
    hub.serve_day(DAY, 2)
    hub.fault("status", status=404, match="limit=1&")  # the look back, not the day itself
    empty = DAY + timedelta(days=1)
    result = fetch(DAY.isoformat(), empty.isoformat())
    assert result.code == 0 and result.out.startswith("imported: 2 new papers")
    result = fetch(empty.isoformat())
    assert result.code == 0 and result.err == f"paperdeck: {empty.isoformat()}: no papers\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_a_bar_moves_on_stderr_and_is_cleared(hub: FakeHub, slept: list[float],
                                                            home: Path,
                                                            monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str],
                                                            ) -> None:
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    for back in range(3):
        hub.serve_day(DAY - timedelta(days=back), 2)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    days = [(DAY - timedelta(days=n)).isoformat() for n in range(3)]
    code = main(["--home", str(home), "fetch", *days])
    assert code == 0
    drawn = terminal.getvalue()
    assert "\rfetching " in drawn and "100%" in drawn
    assert drawn.endswith("\r")  # the bar's line is blanked before the summary
    assert capsys.readouterr().out.startswith("imported: 6 new papers")
