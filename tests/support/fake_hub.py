"""A loopback HTTP server standing in for huggingface.co and export.arxiv.org in tests.

It replays answers in the documented shapes (the daily papers API's JSON list, paged by `p`
and `limit`; the arXiv export API's Atom feed, paged by `start` and `max_results`) and
injects faults on the requests they match: a timeout, 429 with Retry-After, 5xx, a cut-off
body, an HTML page, gzip or deflate, a redirect, a JSON error object, a dropped connection.
Bound to 127.0.0.1 on a free port; nothing in a test reaches the internet.
"""

from __future__ import annotations

import gzip
import json
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from tests.support import arxiv_payload, hf_payload


@dataclass
class Fault:
    kind: str  # timeout, status, truncated, html, gzip, deflate, redirect, json_error, drop,
    # wrong_type, raw, hold (answers as usual once `gate` is set; `reached` says it is held)
    match: str = ""  # served to the first requests whose path and query hold this
    times: int = 1
    status: int = 500
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    gate: threading.Event = field(default_factory=threading.Event)
    reached: threading.Event = field(default_factory=threading.Event)


@dataclass
class Seen:
    path: str
    query: dict[str, str]
    headers: dict[str, str]


class FakeHub:
    def __init__(self) -> None:
        self.days: dict[str, list[dict]] = {}  # ISO date -> the daily papers items
        self.arxiv: dict[str, list[str]] = {}  # category -> Atom entries, newest first
        self.faults: list[Fault] = []
        self.seen: list[Seen] = []
        self.ignore_paging = False  # answer every page with the whole day (p, limit ignored)
        self.release = threading.Event()  # set at shutdown: frees a handler stuck in a timeout
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        # A short poll: stop() waits for the loop to notice, half a second by default.
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.02,),
                                        daemon=True)

    # ----- what it serves ------------------------------------------------------------------
    def serve_day(self, day: date, count: int) -> list[dict]:
        self.days[day.isoformat()] = hf_payload.daily_items(day, count)
        return self.days[day.isoformat()]

    def serve_arxiv(self, category: str, count: int, *, newest: datetime,
                    spacing: timedelta = timedelta(minutes=10)) -> None:
        self.arxiv[category] = arxiv_payload.listing(category, count, newest, spacing=spacing)

    def fault(self, kind: str, **kwargs: object) -> Fault:
        fault = Fault(kind, **kwargs)  # type: ignore[arg-type]
        self.faults.append(fault)
        return fault

    def daily_requests(self) -> list[Seen]:
        return [s for s in self.seen if s.path.endswith("/api/daily_papers")]

    # ----- life ----------------------------------------------------------------------------
    def start(self) -> FakeHub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        self._thread.join(5)

    # ----- answering -----------------------------------------------------------------------
    def _take_fault(self, target: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times and fault.match in target:
                    fault.times -= 1
                    return fault
        return None

    def _answer(self, path: str, query: dict[str, str]) -> tuple[int, str, bytes]:
        if path.endswith("/api/daily_papers"):
            items = self.days.get(query.get("date", ""), [])
            if not self.ignore_paging:
                limit = int(query.get("limit", "50"))
                page = int(query.get("p", "0"))
                items = items[page * limit:(page + 1) * limit]
            return 200, "application/json; charset=utf-8", hf_payload.dumps(items)
        if path.endswith("/api/query"):
            category = query.get("search_query", "").removeprefix("cat:")
            entries = self.arxiv.get(category, [])
            start, size = int(query.get("start", "0")), int(query.get("max_results", "10"))
            body = arxiv_payload.feed(entries[start:start + size], total=len(entries),
                                      start=start)
            return 200, "application/atom+xml; charset=utf-8", body
        return 404, "application/json", b'{"error": "Not Found"}'

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep pytest's output clean

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                query = {k: v[-1] for k, v in parse_qs(parts.query).items()}
                with hub._lock:
                    hub.seen.append(Seen(parts.path, query, dict(self.headers.items())))
                fault = hub._take_fault(self.path)
                if parts.path.startswith("/moved"):
                    parts = urlsplit(self.path.removeprefix("/moved"))
                status, ctype, body = hub._answer(parts.path, query)
                headers = {"Content-Type": ctype}
                if fault is None:
                    return self._send(status, headers, body)
                kind = fault.kind
                if kind == "timeout":
                    hub.release.wait(10)  # longer than the client's tiny read timeout
                    return None
                if kind == "hold":
                    fault.reached.set()
                    while not (fault.gate.wait(0.05) or hub.release.is_set()):
                        pass
                    if not fault.gate.is_set():
                        return None  # the hub is stopping: no one is waiting any more
                    return self._send(status, headers, body)
                if kind == "drop":
                    self.close_connection = True
                    return None
                if kind == "status":
                    message = json.dumps({"error": f"fake {fault.status}"}).encode()
                    return self._send(fault.status, {"Content-Type": "application/json",
                                                     **fault.headers}, message)
                if kind == "truncated":
                    self.send_response(status)
                    self.send_header("Content-Type", ctype)
                    self.send_header("Content-Length", str(len(body) + 1000))
                    self.end_headers()
                    self.wfile.write(body[: len(body) // 2])
                    self.close_connection = True
                    return None
                if kind == "html":
                    page = b"<!DOCTYPE html><html><body><h1>Sign in</h1></body></html>"
                    return self._send(200, {"Content-Type": "text/html; charset=utf-8"}, page)
                if kind == "wrong_type":
                    return self._send(200, {"Content-Type": "text/plain"}, b"hello")
                if kind == "gzip":
                    return self._send(status, {**headers, "Content-Encoding": "gzip"},
                                      gzip.compress(body))
                if kind == "deflate":
                    return self._send(status, {**headers, "Content-Encoding": "deflate"},
                                      zlib.compress(body))
                if kind == "redirect":
                    return self._send(302, {"Location": f"/moved{self.path}"}, b"")
                if kind == "json_error":
                    return self._send(fault.status, {"Content-Type": "application/json"},
                                      fault.body or b'{"error": "Invalid date"}')
                if kind == "raw":
                    return self._send(fault.status, {**headers, **fault.headers}, fault.body)
                raise AssertionError(f"unknown fault {kind}")

            def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        return Handler


def running_hub() -> Iterator[FakeHub]:
    """For a fixture: a started hub, stopped after the test."""
    hub = FakeHub().start()
    try:
        yield hub
    finally:
        hub.stop()
