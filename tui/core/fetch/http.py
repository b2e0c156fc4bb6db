"""HTTP GET for `paperdeck fetch`, with the standard library alone (urllib.request).

Proxies come from the environment as urllib reads them (`http_proxy`, `https_proxy`,
`no_proxy`), redirects are followed (http and https only), every request has a connect and a
read timeout, gzip and deflate bodies are decoded, and 429 / 5xx answers are retried a few
times with exponential backoff, honouring `Retry-After`. Whatever goes wrong becomes one
NetworkError whose message names the URL and the cause. `HttpClient.stop()`, from another
thread (the app quitting during a fetch), ends the request under way and every pause at once.
"""

from __future__ import annotations

import contextlib
import email.utils
import http.client
import json
import socket
import ssl
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import weakref
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from functools import partial

from tui import __version__
from tui.core.errors import NetworkError, UsageError
from tui.core.text import collapse_whitespace, sanitize

USER_AGENT = f"paperdeck/{__version__}"
CONNECT_TIMEOUT = 10.0  # seconds to connect (and for the TLS handshake)
READ_TIMEOUT = 30.0  # seconds the server may stay silent once connected
TOTAL_TIMEOUT = 120.0  # a server that drips a byte at a time is cut off after this
RETRIES = 3  # tries after the first on 429 and 5xx
BACKOFF = 1.0  # seconds before the first retry; doubles each time
MAX_WAIT = 60.0  # the longest Retry-After honoured: a longer one fails at once
MAX_BYTES = 64 * 1024 * 1024  # one answer, decoded; a day of papers is well under 1 MB
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

JSON = ("application/json",)
ATOM = ("application/atom+xml", "application/xml", "text/xml")
_KIND_NAMES = {JSON: "JSON", ATOM: "an Atom feed"}

Sleep = Callable[[float], None]


def sleep(seconds: float) -> None:
    """The pause between tries; tests replace it (monkeypatch or HttpClient(sleep=...))."""
    time.sleep(seconds)


_TIME_SLEEP = sleep  # not replaced: the pause waits on the client's stop instead


@dataclass(frozen=True)
class Response:
    url: str  # after redirects
    status: int
    media_type: str  # "application/json", lower case, without parameters
    headers: Message
    body: bytes  # decoded (gzip / deflate undone)


def with_query(url: str, params: Mapping[str, object]) -> str:
    """`url` with `params` as its query string, in their order."""
    return f"{url}?{urllib.parse.urlencode(list(params.items()))}" if params else url


def check_base_url(url: str, variable: str) -> str:
    """A base URL from the environment, without its trailing slash; only http(s)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"{variable} must be an http:// or https:// URL (got {url!r})")
    return url.rstrip("/")


class _Stop:
    """The sockets a client has open, so that stop() from another thread can end a read
    that would otherwise wait out the read timeout (and every retry after it)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self._lock = threading.Lock()
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            if self.event.is_set():
                raise _Cause("stopped")
            self._sockets.add(sock)

    def stop(self) -> None:
        with self._lock:
            self.event.set()
            for sock in list(self._sockets):
                # socket.socket's own shutdown, also for a TLS socket: SSLSocket.shutdown
                # drops its SSL object under the thread reading from it.
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Connection(http.client.HTTPConnection):
    """Connects within the connect timeout, then reads with the read timeout."""

    def __init__(self, *args: object, read_timeout: float, stop: _Stop,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._read_timeout = read_timeout
        self._stop = stop

    def connect(self) -> None:
        super().connect()
        self.sock.settimeout(self._read_timeout)
        self._stop.watch(self.sock)


class _TLSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: object, read_timeout: float, stop: _Stop,
                 **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._read_timeout = read_timeout
        self._stop = stop

    def connect(self) -> None:
        super().connect()  # the TLS handshake too, within the connect timeout
        self.sock.settimeout(self._read_timeout)
        self._stop.watch(self.sock)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, read_timeout: float, stop: _Stop) -> None:
        super().__init__()
        self._read_timeout = read_timeout
        self._stop = stop

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_Connection, read_timeout=self._read_timeout,
                                    stop=self._stop), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, read_timeout: float, stop: _Stop) -> None:
        super().__init__(context=ssl.create_default_context())
        self._read_timeout = read_timeout
        self._stop = stop

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(partial(_TLSConnection, read_timeout=self._read_timeout,
                                    stop=self._stop), req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        # urllib would follow a redirect to ftp://; only the web is fetched.
        scheme = urllib.parse.urlsplit(urllib.parse.urljoin(req.full_url, newurl)).scheme
        if scheme not in ("http", "https"):
            raise NetworkError(f"cannot fetch {req.full_url}: redirected to a {scheme}: URL")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class HttpClient:
    def __init__(self, *, connect_timeout: float | None = None,
                 read_timeout: float | None = None, total_timeout: float | None = None,
                 retries: int | None = None, backoff: float | None = None,
                 max_wait: float | None = None, max_bytes: int | None = None,
                 sleep: Sleep | None = None) -> None:
        # None: the module's setting, read now (so a test can set it for a whole command).
        self.connect_timeout = CONNECT_TIMEOUT if connect_timeout is None else connect_timeout
        self.read_timeout = READ_TIMEOUT if read_timeout is None else read_timeout
        self.total_timeout = TOTAL_TIMEOUT if total_timeout is None else total_timeout
        self.retries = RETRIES if retries is None else retries
        self.backoff = BACKOFF if backoff is None else backoff
        self.max_wait = MAX_WAIT if max_wait is None else max_wait
        self.max_bytes = MAX_BYTES if max_bytes is None else max_bytes
        self._sleep = sleep
        self.requests = 0  # requests sent, retries included
        self._stop = _Stop()
        opener = urllib.request.OpenerDirector()
        for handler in (urllib.request.ProxyHandler(), _HTTPHandler(self.read_timeout, self._stop),
                        _HTTPSHandler(self.read_timeout, self._stop),
                        urllib.request.HTTPDefaultErrorHandler(),
                        _RedirectHandler(), urllib.request.HTTPErrorProcessor(),
                        urllib.request.UnknownHandler()):
            opener.add_handler(handler)
        self._opener = opener

    def stop(self) -> None:
        """End the request under way and the pauses (from any thread): each fails at once
        with a NetworkError, and no request starts after. Not a connect or a DNS look-up in
        progress: those wait out the connect timeout."""
        self._stop.stop()

    @property
    def stopped(self) -> bool:
        return self._stop.event.is_set()

    def pause(self, seconds: float) -> None:
        if seconds > 0 and not self.stopped:
            wait = self._sleep or sleep  # the module's function, looked up now
            if wait is _TIME_SLEEP:
                self._stop.event.wait(seconds)  # stop() cuts it short
            else:
                wait(seconds)

    def get(self, url: str, *, accept: tuple[str, ...]) -> Response:
        """GET `url`, expecting one of the media types in `accept`; retries 429 and 5xx."""
        for attempt in range(self.retries + 1):
            try:
                return self._get_once(url, accept)
            except NetworkError:
                if self.stopped:  # the read cut short reads as a dropped connection
                    raise NetworkError(f"cannot fetch {url}: stopped") from None
                raise
            except _Retryable as exc:
                if attempt == self.retries:
                    tries = f" (after {self.retries + 1} tries)" if self.retries else ""
                    raise NetworkError(f"cannot fetch {url}: {exc.cause}{tries}") from None
                wait = self.backoff * 2 ** attempt if exc.retry_after is None else exc.retry_after
                if wait > self.max_wait:
                    raise NetworkError(f"cannot fetch {url}: {exc.cause} (the server asks to "
                                       f"wait {wait:.0f} s; try again later)") from None
                self.pause(wait)
        raise AssertionError("unreachable")

    def _get_once(self, url: str, accept: tuple[str, ...]) -> Response:
        request = urllib.request.Request(url, headers={
            "User-Agent": USER_AGENT,
            "Accept": ", ".join(accept),
            "Accept-Encoding": "gzip, deflate",
        })
        if self.stopped:
            raise NetworkError(f"cannot fetch {url}: stopped")
        self.requests += 1
        try:
            with self._opener.open(request, timeout=self.connect_timeout) as answer:
                raw = self._read_body(answer)
                headers = answer.headers
                final_url = answer.geturl()
                status = answer.status
        except urllib.error.HTTPError as exc:
            self._http_error(url, exc)
        except NetworkError:
            raise
        except urllib.error.URLError as exc:  # urllib wraps what failed in sending the request
            if isinstance(exc.reason, TimeoutError):
                raise NetworkError(f"cannot fetch {url}: timed out connecting (no connection "
                                   f"within {self.connect_timeout:g} s)") from None
            raise NetworkError(f"cannot fetch {url}: {self._cause(exc.reason)}") from None
        except (OSError, http.client.HTTPException, ValueError) as exc:
            raise NetworkError(f"cannot fetch {url}: {self._cause(exc)}") from None
        body = _decode(url, raw, headers.get("Content-Encoding", ""), self.max_bytes)
        media_type = headers.get_content_type() if headers.get("Content-Type") else ""
        _check_kind(url, media_type, body, accept)
        return Response(final_url, status, media_type, headers, body)

    def _read_body(self, answer: http.client.HTTPResponse) -> bytes:
        deadline = time.monotonic() + self.total_timeout
        chunks: list[bytes] = []
        size = 0
        while chunk := answer.read(65536):
            chunks.append(chunk)
            size += len(chunk)
            if size > self.max_bytes:
                raise _Cause(f"the answer is over {self.max_bytes // 2**20} MB")
            if time.monotonic() > deadline:
                raise _Cause(f"the answer took over {self.total_timeout:g} s")
        expected = answer.headers.get("Content-Length")
        if expected and expected.isascii() and expected.isdigit() and int(expected) > size:
            raise http.client.IncompleteRead(b"".join(chunks), int(expected) - size)
        return b"".join(chunks)

    def _http_error(self, url: str, exc: urllib.error.HTTPError) -> None:
        with contextlib.closing(exc):
            if 300 <= exc.code < 400:  # urllib gave up following them
                raise NetworkError(f"cannot fetch {url}: too many redirects (HTTP {exc.code})")
            cause = f"HTTP {exc.code} {exc.reason}".rstrip()
            with contextlib.suppress(Exception):
                said = _server_message(exc.read(4096))
                if said:
                    cause += f": {said}"
            if exc.code in RETRY_STATUSES:
                raise _Retryable(cause, _retry_after(exc.headers.get("Retry-After")))
            raise NetworkError(f"cannot fetch {url}: {cause}")

    def _cause(self, reason: object) -> str:
        if isinstance(reason, _Cause):
            return str(reason)
        if isinstance(reason, socket.gaierror):
            return f"cannot resolve the host name (offline, or DNS: {reason.strerror})"
        if isinstance(reason, ssl.SSLCertVerificationError):
            return f"TLS certificate not accepted ({reason.verify_message})"
        if isinstance(reason, ssl.SSLError):
            return f"TLS error ({reason.reason or reason})"
        if isinstance(reason, TimeoutError):  # connected, then the server fell silent
            return f"timed out waiting for the answer (nothing for {self.read_timeout:g} s)"
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused"
        if isinstance(reason, http.client.IncompleteRead):
            return (f"the answer was cut off ({len(reason.partial):,} bytes, "
                    f"{reason.expected:,} more expected)")
        if isinstance(reason, http.client.RemoteDisconnected):
            return "the server closed the connection without answering"
        if isinstance(reason, http.client.HTTPException):
            return f"not a valid HTTP answer ({type(reason).__name__})"
        if isinstance(reason, OSError):
            return reason.strerror or str(reason) or type(reason).__name__
        return str(reason) or type(reason).__name__


class _Cause(OSError):
    """A failure whose words are already the cause."""


class _Retryable(Exception):
    def __init__(self, cause: str, retry_after: float | None) -> None:
        super().__init__(cause)
        self.cause, self.retry_after = cause, retry_after


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit takes "²" too
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _decode(url: str, raw: bytes, encoding: str, max_bytes: int) -> bytes:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise NetworkError(f"cannot fetch {url}: unsupported content encoding {encoding!r}")
    # gzip has its header; deflate is zlib-wrapped by the letter of HTTP, raw in practice.
    tries = (16 + zlib.MAX_WBITS,) if encoding != "deflate" else (zlib.MAX_WBITS, -zlib.MAX_WBITS)
    for wbits in tries:
        decoder = zlib.decompressobj(wbits)
        try:
            body = decoder.decompress(raw, max_bytes + 1)
        except zlib.error:
            continue
        if len(body) > max_bytes:
            raise NetworkError(f"cannot fetch {url}: the answer is over "
                               f"{max_bytes // 2**20} MB decompressed")
        if not decoder.eof:
            raise NetworkError(f"cannot fetch {url}: the {encoding} answer was cut off")
        return body
    raise NetworkError(f"cannot fetch {url}: the {encoding} answer is corrupt")


def _check_kind(url: str, media_type: str, body: bytes, accept: tuple[str, ...]) -> None:
    wanted = _KIND_NAMES.get(accept, " or ".join(accept))
    if media_type in accept or (accept == JSON and media_type.endswith("+json")):
        return
    head = body[:512].lstrip().lower()
    if media_type == "text/html" or head.startswith((b"<!doctype html", b"<html")):
        raise NetworkError(f"cannot fetch {url}: got an HTML page, not {wanted} (a login "
                           "page, a proxy or a captive portal?)")
    if not media_type:  # no Content-Type: judge by the first byte
        if accept == JSON and head[:1] in (b"[", b"{"):
            return
        if accept == ATOM and head[:1] == b"<":
            return
    shown = media_type or "an answer without a content type"
    raise NetworkError(f"cannot fetch {url}: got {shown}, not {wanted}")


def _server_message(data: bytes) -> str:
    """The message of a JSON error object ({"error": "..."}), one line, at most 200 chars."""
    try:
        doc = json.loads(data)
    except ValueError:
        return ""
    return error_text(doc)


def error_text(doc: object) -> str:
    """The message of a JSON error object ({"error": ...} or {"message": ...}), or ""."""
    if not isinstance(doc, dict):
        return ""
    said = doc.get("error") or doc.get("message") or doc.get("detail")
    if isinstance(said, dict):
        said = said.get("message") or json.dumps(said)
    if not isinstance(said, str):
        return ""
    said = collapse_whitespace(sanitize(said))
    return said if len(said) <= 200 else said[:199] + "…"
