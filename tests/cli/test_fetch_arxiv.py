"""`paperdeck fetch --arxiv CATEGORY` against a loopback export API: the query arXiv's terms
allow (one request per 3 s, the pause injected), paging with `start`, category names checked,
arXiv's error feed and every network fault one line, exit 8, nothing written."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import CliResult
from tests.support import arxiv_payload
from tests.support.fake_hub import FakeHub, running_hub
from tui.core.errors import NetworkError, UsageError
from tui.core.fetch import arxiv
from tui.core.fetch import http as fetch_http
from tui.core.fetch.http import HttpClient

NEWEST = datetime(2026, 12, 6, 18, 0, tzinfo=UTC)
TODAY = date(2026, 12, 7)
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
    pauses: list[float] = []
    monkeypatch.setattr(fetch_http, "sleep", pauses.append)
    return pauses


@pytest.fixture
def fetch(cli: Cli, hub: FakeHub, slept: list[float],
          monkeypatch: pytest.MonkeyPatch) -> Cli:
    monkeypatch.setenv("PAPERDECK_ARXIV_URL", f"{hub.url}/api/query")
    monkeypatch.setenv("HF_ENDPOINT", f"{hub.url}/not-for-arxiv")
    return lambda *args: cli("fetch", *args)


def listings(hub: FakeHub, categories: list[str], *, pause: float = 0):
    client = HttpClient(read_timeout=5, sleep=lambda s: None)
    return arxiv.fetch_listings(client, f"{hub.url}/api/query", categories, pause=pause,
                                today=TODAY)


def test_the_query_is_the_newest_submissions_of_the_category(hub: FakeHub) -> None:
    hub.serve_arxiv("cs.LG", 30, newest=NEWEST)
    reports, bodies = listings(hub, ["cs.LG"])
    assert [r.line() for r in reports] == ["cs.LG: 30 papers"]
    assert [name for name, _ in bodies] == ["arxiv-cs.LG-2026-12-07.xml"]
    query = hub.seen[0].query
    assert query == {"search_query": "cat:cs.LG", "sortBy": "submittedDate",
                     "sortOrder": "descending", "start": "0",
                     "max_results": str(arxiv.PAGE_SIZE)}


def test_pages_with_start_until_a_day_before_the_newest(hub: FakeHub) -> None:
    # 500 papers 5 minutes apart: a day is 288 of them, so the second page reaches past it.
    hub.serve_arxiv("math.AG", 500, newest=NEWEST, spacing=timedelta(minutes=5))
    reports, bodies = listings(hub, ["math.AG"])
    assert [s.query["start"] for s in hub.seen] == ["0", "200"]
    assert reports[0].papers == 400 and len(bodies) == 2


def test_a_category_that_runs_out_stops_there(hub: FakeHub) -> None:
    hub.serve_arxiv("hep-th", 200, newest=NEWEST, spacing=timedelta(seconds=1))
    reports, _ = listings(hub, ["hep-th"])
    assert [s.query["start"] for s in hub.seen] == ["0", "200"]  # the second page is empty
    assert reports[0].papers == 200


def test_one_request_every_3_seconds_across_categories(hub: FakeHub) -> None:
    hub.serve_arxiv("cs.LG", 300, newest=NEWEST, spacing=timedelta(seconds=1))
    hub.serve_arxiv("stat.ML", 3, newest=NEWEST)
    pauses: list[float] = []
    client = HttpClient(sleep=pauses.append)
    arxiv.fetch_listings(client, f"{hub.url}/api/query", ["cs.LG", "stat.ML"],
                         pause=arxiv.PAUSE, today=TODAY)
    assert len(hub.seen) == 3  # two pages of cs.LG, one of stat.ML
    assert len(pauses) == 2 and all(2.5 < p <= 3.0 for p in pauses)


def test_arxivs_error_feed_is_a_network_error(fetch: Cli, hub: FakeHub, home: Path) -> None:
    hub.fault("raw", status=200, headers={"Content-Type": "application/atom+xml"},
              body=arxiv_payload.error_feed("incorrect id format for 1234"))
    result = fetch("--arxiv", "cs.LG")
    assert result.code == 8 and result.err.count("\n") == 1
    assert "arXiv answered with an error: incorrect id format for 1234" in result.err
    assert not (home / "imports.json").exists()


@pytest.mark.parametrize(("kind", "options", "said"), [
    ("html", {}, "got an HTML page, not an Atom feed"),
    ("timeout", {}, "timed out"),
    ("truncated", {}, "cut off"),
    ("status", {"status": 500, "times": 10}, "HTTP 500"),
    ("raw", {"status": 200, "body": b"<rss version='2.0'/>"}, "not an Atom feed"),
    ("raw", {"status": 200, "body": b"<feed"}, "not a valid Atom feed"),
])
def test_each_fault_is_one_line_exit_8(fetch: Cli, hub: FakeHub, home: Path, kind: str,
                                       options: dict, said: str,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    if kind == "timeout":  # only here: a busy machine must not make a slow answer a failure
        monkeypatch.setattr(fetch_http, "READ_TIMEOUT", 0.3)
    hub.serve_arxiv("cs.LG", 5, newest=NEWEST)
    hub.fault(kind, **options)
    result = fetch("--arxiv", "cs.LG")
    assert result.code == 8 and result.err.count("\n") == 1, result.err
    assert said in result.err and f"{hub.url}/api/query?search_query=cat%3Acs.LG" in result.err
    assert not (home / "digests").exists()


def test_a_failure_in_the_second_category_writes_nothing(fetch: Cli, hub: FakeHub,
                                                         home: Path) -> None:
    hub.serve_arxiv("cs.LG", 5, newest=NEWEST)
    hub.fault("status", status=404, match="stat.ML")
    result = fetch("--arxiv", "cs.LG", "stat.ML")
    assert result.code == 8 and "HTTP 404" in result.err
    assert [s.query["search_query"] for s in hub.seen] == ["cat:cs.LG", "cat:stat.ML"]
    assert not (home / "digests").exists() and not (home / "imports.json").exists()


@pytest.mark.parametrize(("given_name", "spelled"), [
    ("cs.LG", "cs.LG"), ("cs.lg", "cs.LG"), ("math.ag", "math.AG"), ("hep-th", "hep-th"),
    ("cond-mat.str-el", "cond-mat.str-el"), ("physics.acc-ph", "physics.acc-ph"),
    ("astro-ph.CO", "astro-ph.CO"), ("quant-ph", "quant-ph"), ("q-bio.NC", "q-bio.NC"),
])
def test_category_names_are_spelled_as_arxiv_does(given_name: str, spelled: str) -> None:
    assert arxiv.check_category(given_name) == spelled


@pytest.mark.parametrize("name", ["", "cs.LG OR all:x", "cs.", "foo.BAR", "cs.LG&x=1",
                                  "../etc", "cs.\x1b[2J"])
def test_other_names_are_usage_errors_before_any_request(fetch: Cli, hub: FakeHub,
                                                         name: str) -> None:
    result = fetch("--arxiv", name)
    assert result.code == 2 and "not an arXiv category" in result.err
    assert "\x1b" not in result.err and hub.seen == []


@given(st.text(max_size=30))
def test_a_checked_name_never_carries_query_syntax(name: str) -> None:
    try:
        spelled = arxiv.check_category(name)
    except UsageError:
        return
    assert spelled.replace(".", "").replace("-", "").isalpha() and spelled.isascii()


def test_a_category_with_no_papers_says_so(fetch: Cli, hub: FakeHub, home: Path) -> None:
    result = fetch("--arxiv", "cs.ZZ")
    assert result.code == 0 and result.out == ""
    assert result.err == "paperdeck: cs.ZZ: no papers (is it an arXiv category?)\n"
    assert not (home / "imports.json").exists()


@given(st.one_of(
    st.binary(max_size=200),
    st.builds(lambda head, tail: head + tail, st.sampled_from([
        b'<?xml version="1.0" encoding="nonesuch"?><feed/>',
        b'<?xml version="1.0" encoding="utf-16"?><feed/>',
        b'<!DOCTYPE f [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><feed>&b;</feed>',
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><published>',
        arxiv_payload.feed([], total=0, start=0)[:-8],
    ]), st.binary(max_size=40)),
))
def test_any_answer_is_a_feed_or_one_network_error(body: bytes) -> None:
    try:
        dates = arxiv._published("http://arxiv.test/api/query", body)
    except NetworkError as exc:
        assert "\n" not in str(exc)
    else:
        assert all(d is None or isinstance(d, datetime) for d in dates)
