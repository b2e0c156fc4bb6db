"""The HTTP layer of `paperdeck fetch` against a loopback server: every failure is one
NetworkError line naming the URL and the cause; 429 / 5xx are retried with the sleep injected."""

from __future__ import annotations

import gzip
import json
import socket
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support import hf_payload
from tests.support.fake_hub import FakeHub, running_hub
from tui import __version__
from tui.core.errors import EXIT_CODES, NetworkError
from tui.core.fetch import daily
from tui.core.fetch.http import JSON, HttpClient, _retry_after, error_text

DAY = date(2026, 12, 7)


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
                 "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def hub() -> Iterator[FakeHub]:
    yield from running_hub()


@pytest.fixture
def slept() -> list[float]:
    return []


@pytest.fixture
def client(slept: list[float]) -> HttpClient:
    # Generous: a loaded machine must not turn a slow loopback answer into a timeout.
    return HttpClient(connect_timeout=5, read_timeout=5, sleep=slept.append)


def url(hub: FakeHub, page: int = 0) -> str:
    return daily.page_url(hub.url, DAY, page)


def test_network_errors_have_their_own_exit_code() -> None:
    assert NetworkError.exit_code == 8 and 8 in EXIT_CODES


def test_get_sends_the_user_agent_and_returns_the_body(hub: FakeHub, client: HttpClient) -> None:
    items = hub.serve_day(DAY, 3)
    answer = client.get(url(hub), accept=JSON)
    assert json.loads(answer.body) == items
    assert answer.media_type == "application/json"
    sent = hub.seen[0].headers
    assert sent["User-Agent"] == f"paperdeck/{__version__}"
    assert "gzip" in sent["Accept-Encoding"]


@pytest.mark.parametrize("kind", ["gzip", "deflate"])
def test_compressed_bodies_are_decoded(hub: FakeHub, client: HttpClient, kind: str) -> None:
    items = hub.serve_day(DAY, 4)
    hub.fault(kind)
    assert json.loads(client.get(url(hub), accept=JSON).body) == items


def test_a_redirect_is_followed(hub: FakeHub, client: HttpClient) -> None:
    items = hub.serve_day(DAY, 2)
    hub.fault("redirect")
    answer = client.get(url(hub), accept=JSON)
    assert json.loads(answer.body) == items
    assert "/moved/" in answer.url and len(hub.seen) == 2


def test_a_redirect_loop_is_one_line(hub: FakeHub, client: HttpClient) -> None:
    hub.fault("redirect", times=50)
    with pytest.raises(NetworkError, match="too many redirects"):
        client.get(url(hub), accept=JSON)


def test_429_waits_as_retry_after_says_then_succeeds(hub: FakeHub, client: HttpClient,
                                                     slept: list[float]) -> None:
    items = hub.serve_day(DAY, 2)
    hub.fault("status", status=429, headers={"Retry-After": "7"})
    assert json.loads(client.get(url(hub), accept=JSON).body) == items
    assert slept == [7.0]


def test_retry_after_as_an_http_date(hub: FakeHub, client: HttpClient,
                                     slept: list[float]) -> None:
    hub.serve_day(DAY, 1)
    when = format_datetime(datetime.now(UTC) + timedelta(seconds=30), usegmt=True)
    hub.fault("status", status=503, headers={"Retry-After": when})
    client.get(url(hub), accept=JSON)
    assert len(slept) == 1 and 20 < slept[0] <= 30


def test_500_then_success_backs_off_exponentially(hub: FakeHub, client: HttpClient,
                                                  slept: list[float]) -> None:
    items = hub.serve_day(DAY, 2)
    hub.fault("status", status=500, times=3)
    assert json.loads(client.get(url(hub), accept=JSON).body) == items
    assert slept == [1.0, 2.0, 4.0]


def test_5xx_that_never_ends_fails_after_a_few_tries(hub: FakeHub, client: HttpClient,
                                                     slept: list[float]) -> None:
    hub.fault("status", status=502, times=100)
    with pytest.raises(NetworkError) as caught:
        client.get(url(hub), accept=JSON)
    message = str(caught.value)
    assert message.startswith(f"cannot fetch {url(hub)}: HTTP 502")
    assert "after 4 tries" in message and "\n" not in message
    assert len(hub.seen) == 4 and len(slept) == 3


def test_a_retry_after_past_the_cap_fails_at_once(hub: FakeHub, client: HttpClient,
                                                  slept: list[float]) -> None:
    hub.fault("status", status=429, headers={"Retry-After": "3600"})
    with pytest.raises(NetworkError, match="asks to wait 3600 s"):
        client.get(url(hub), accept=JSON)
    assert slept == [] and len(hub.seen) == 1


def test_404_names_the_status_and_the_servers_message(hub: FakeHub, client: HttpClient) -> None:
    with pytest.raises(NetworkError) as caught:
        client.get(f"{hub.url}/nowhere", accept=JSON)
    assert str(caught.value) == f"cannot fetch {hub.url}/nowhere: HTTP 404 Not Found: Not Found"


def test_a_timeout_is_one_line(hub: FakeHub, slept: list[float]) -> None:
    hub.fault("timeout")
    impatient = HttpClient(connect_timeout=5, read_timeout=0.3, sleep=slept.append)
    with pytest.raises(NetworkError,
                       match=r"timed out waiting for the answer \(nothing for 0.3 s\)"):
        impatient.get(url(hub), accept=JSON)


def test_a_connect_that_hangs_times_out(slept: list[float]) -> None:
    # A listening socket that never accepts, its queue filled: the next SYN is dropped, so
    # the connect waits, on loopback, as it would for a host that is gone.
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(0)
    port = listener.getsockname()[1]
    fillers = []
    try:
        for _ in range(4):
            filler = socket.socket()
            filler.setblocking(False)
            filler.connect_ex(("127.0.0.1", port))
            fillers.append(filler)
        hanging = HttpClient(connect_timeout=0.3, read_timeout=0.3, sleep=slept.append)
        with pytest.raises(NetworkError, match=r"timed out connecting \(no connection within "
                                               r"0.3 s\)"):
            hanging.get(f"http://127.0.0.1:{port}/api/daily_papers", accept=JSON)
    finally:
        for filler in fillers:
            filler.close()
        listener.close()


def test_stop_from_another_thread_ends_the_request_under_way(hub: FakeHub) -> None:
    """The app quitting mid-fetch: the read is cut short, not waited out (30 s here)."""
    hub.serve_day(DAY, 3)
    held = hub.fault("hold")
    patient = HttpClient(connect_timeout=2, read_timeout=30)
    failures: list[str] = []

    def get() -> None:
        try:
            patient.get(url(hub), accept=JSON)
        except NetworkError as exc:
            failures.append(str(exc))

    worker = threading.Thread(target=get)
    worker.start()
    assert held.reached.wait(5)
    patient.stop()
    worker.join(10)
    assert not worker.is_alive()
    assert failures == [f"cannot fetch {url(hub)}: stopped"]


def test_a_stopped_client_sends_nothing_and_waits_for_nothing(hub: FakeHub) -> None:
    hub.serve_day(DAY, 3)
    stopped = HttpClient(connect_timeout=2, read_timeout=2)
    stopped.stop()
    stopped.pause(3600)  # returns at once: the pause waits on the stop
    with pytest.raises(NetworkError, match=r": stopped$"):
        stopped.get(url(hub), accept=JSON)
    assert hub.seen == []


def test_a_stop_during_a_retry_wait_ends_it(hub: FakeHub) -> None:
    hub.fault("status", status=429, headers={"Retry-After": "50"})
    hub.serve_day(DAY, 3)
    waiting = HttpClient(connect_timeout=2, read_timeout=2)
    failures: list[str] = []

    def get() -> None:
        try:
            waiting.get(url(hub), accept=JSON)
        except NetworkError as exc:
            failures.append(str(exc))

    worker = threading.Thread(target=get)
    worker.start()
    while worker.is_alive() and not hub.seen:  # the 429 is asked for, then the 50 s wait
        worker.join(0.01)
    waiting.stop()
    worker.join(10)
    assert not worker.is_alive() and failures == [f"cannot fetch {url(hub)}: stopped"]
    assert len(hub.seen) == 1  # no second try after the stop


def test_a_body_cut_off_is_not_taken(hub: FakeHub, client: HttpClient) -> None:
    hub.serve_day(DAY, 20)
    hub.fault("truncated")
    with pytest.raises(NetworkError, match="cut off"):
        client.get(url(hub), accept=JSON)


def test_an_html_page_is_not_json(hub: FakeHub, client: HttpClient) -> None:
    hub.fault("html")
    with pytest.raises(NetworkError, match="got an HTML page, not JSON"):
        client.get(url(hub), accept=JSON)


def test_another_content_type_is_refused(hub: FakeHub, client: HttpClient) -> None:
    hub.fault("wrong_type")
    with pytest.raises(NetworkError, match="got text/plain, not JSON"):
        client.get(url(hub), accept=JSON)


def test_a_dropped_connection_is_one_line(hub: FakeHub, client: HttpClient) -> None:
    hub.fault("drop")
    with pytest.raises(NetworkError, match="closed the connection"):
        client.get(url(hub), accept=JSON)


def test_nothing_listening_is_connection_refused(client: HttpClient) -> None:
    probe = FakeHub()  # bound, then closed: its port is free and nobody answers there
    gone = probe.url
    probe.server.server_close()
    with pytest.raises(NetworkError, match="connection refused"):
        client.get(f"{gone}/api/daily_papers", accept=JSON)


def test_a_host_that_does_not_resolve_is_one_line(client: HttpClient,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    # The resolver itself fails here (as offline): asking a real one would leave the machine.
    def no_dns(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(NetworkError, match="cannot resolve the host name"):
        client.get("http://paperdeck.invalid/api/daily_papers", accept=JSON)


def test_a_corrupt_gzip_body_is_one_line(hub: FakeHub, client: HttpClient) -> None:
    hub.fault("raw", status=200, headers={"Content-Encoding": "gzip"},
              body=gzip.compress(b"[1, 2, 3]")[:-8])
    with pytest.raises(NetworkError, match="gzip answer"):
        client.get(url(hub), accept=JSON)


def test_a_day_is_paged_as_huggingface_hub_pages(hub: FakeHub, client: HttpClient) -> None:
    items = hub.serve_day(DAY, 120)
    pages = daily.fetch_day(client, hub.url, DAY)
    assert pages.papers == 120 and len(pages.bodies) == 3
    assert [json.loads(b) for b in pages.bodies] == [items[:50], items[50:100], items[100:]]
    asked = [(s.query["p"], s.query["limit"], s.query["date"]) for s in hub.daily_requests()]
    assert asked == [("0", "50", "2026-12-07"), ("1", "50", "2026-12-07"),
                     ("2", "50", "2026-12-07")]


def test_a_day_of_exactly_full_pages_asks_for_the_next_one(hub: FakeHub,
                                                           client: HttpClient) -> None:
    hub.serve_day(DAY, 100)
    pages = daily.fetch_day(client, hub.url, DAY)
    assert pages.papers == 100 and len(pages.bodies) == 2 and pages.requests == 3


def test_a_page_that_fails_fails_the_day(hub: FakeHub, client: HttpClient) -> None:
    hub.serve_day(DAY, 120)
    hub.fault("status", status=404, match="p=2&")
    with pytest.raises(NetworkError, match=r"p=2&.*HTTP 404"):
        daily.fetch_day(client, hub.url, DAY)


def test_a_server_that_does_not_page_is_not_a_whole_day(hub: FakeHub,
                                                        client: HttpClient) -> None:
    hub.serve_day(DAY, 50)  # one full page, sent again for p=1
    hub.ignore_paging = True
    with pytest.raises(NetworkError, match="does not page"):
        daily.fetch_day(client, hub.url, DAY)


def test_a_server_that_ignores_limit_gives_the_day_at_once(hub: FakeHub,
                                                           client: HttpClient) -> None:
    hub.serve_day(DAY, 80)
    hub.ignore_paging = True
    pages = daily.fetch_day(client, hub.url, DAY)
    assert pages.papers == 80 and pages.requests == 1


@pytest.mark.parametrize(("status", "body", "said"), [
    (400, b'{"error": "Invalid date"}', "HTTP 400 Bad Request: Invalid date"),
    (200, b'{"error": "Rate limited, try later"}', "answered with an error: Rate limited"),
    (200, b'{"papers": []}', "got a JSON object, not a list of papers"),
    (200, b'[{"paper": ', "not valid JSON"),
])
def test_json_that_is_not_a_list_of_papers(hub: FakeHub, client: HttpClient, status: int,
                                           body: bytes, said: str) -> None:
    hub.fault("json_error", status=status, body=body)
    with pytest.raises(NetworkError, match=said):
        daily.fetch_day(client, hub.url, DAY)


def test_an_escape_sequence_from_the_server_never_reaches_the_message() -> None:
    said = error_text({"error": "\x1b[31mred\x1b[0m\nand\rmore"})
    assert "\x1b" not in said and "\n" not in said and "\r" not in said


@given(st.text(max_size=40))
def test_retry_after_never_raises(value: str) -> None:
    wait = _retry_after(value)
    assert wait is None or wait >= 0


def test_hf_endpoint_is_read_as_huggingface_hub_reads_it() -> None:
    assert daily.endpoint({}) == "https://huggingface.co"
    assert daily.endpoint({"HF_ENDPOINT": "http://mirror.example/"}) == "http://mirror.example"


def test_payload_helper_matches_the_documented_shape() -> None:
    item = hf_payload.daily_item(DAY, 1)
    assert {"id", "title", "summary", "authors", "publishedAt", "upvotes"} <= set(item["paper"])
    assert {"publishedAt", "title", "numComments", "submittedBy"} <= set(item)


def test_a_proxy_from_the_environment_is_used(hub: FakeHub, slept: list[float],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # The loopback hub stands in as the proxy: the request for another host reaches it as
    # an absolute URL, and nothing leaves the machine.
    items = hub.serve_day(DAY, 2)
    monkeypatch.setenv("http_proxy", hub.url)
    proxied = HttpClient(read_timeout=2, sleep=slept.append)
    answer = proxied.get(daily.page_url("http://huggingface.example", DAY, 0), accept=JSON)
    assert json.loads(answer.body) == items
    assert hub.seen[0].headers["Host"] == "huggingface.example"


def test_no_proxy_sends_the_request_straight(hub: FakeHub, slept: list[float],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    hub.serve_day(DAY, 1)
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9")  # the discard port: nobody there
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    proxied = HttpClient(read_timeout=2, sleep=slept.append)
    assert proxied.get(url(hub), accept=JSON).status == 200


@given(st.one_of(st.binary(max_size=200), st.builds(lambda v: json.dumps(v).encode(), st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                 max_size=4), max_leaves=12))))
def test_any_page_body_is_a_list_or_one_network_error(body: bytes) -> None:
    try:
        items = daily._items("http://hub.test/api/daily_papers", body)
    except NetworkError as exc:
        assert "\n" not in str(exc) and "\x1b" not in str(exc)
    else:
        assert isinstance(items, list)
        for item in items:
            daily._item_key(item)
