"""Links found in abstracts: only http(s), cleaned of the punctuation that follows them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from tui.core.model import Link

_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)  # what url_candidates finds
_AFTER_SCHEME = re.compile(r"://[^\s<>\"'`\\]+")
_TRAILING = ".,;:!?)]}'\""
_CODE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "hf.co")
# "https://x/{https://x/}": the page's link text printed after its target.
_DOUBLED = re.compile(r"^(?P<url>.+?)\{(?P=url)\}$")


def _strip_trailing(url: str) -> str:
    while url and url[-1] in _TRAILING:
        last = url[-1]
        # Keep a closing bracket that closes one opened inside the URL (wiki_(topic)).
        pairs = {")": "(", "]": "[", "}": "{"}
        if last in pairs and url.count(pairs[last]) >= url.count(last):
            break
        url = url[:-1]
    return url


def _clean(raw: str) -> tuple[str, str] | None:
    """The cleaned URL and its lowered host, or None when it is not an http(s) link."""
    url = _strip_trailing(raw)
    if "{" in url:
        doubled = _DOUBLED.match(url)
        if doubled:
            url = doubled.group("url")
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return url, host


def _host_kind(host: str) -> str:
    is_code = any(host == h or host.endswith("." + h) for h in _CODE_HOSTS)
    # *.github.io project pages are pages, not code.
    return "code" if is_code else "page"


def is_openable(url: str) -> bool:
    """Only http and https links are ever opened."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def split_userinfo(url: str) -> tuple[str, str]:
    """The URL without its user part, and that part ("" when none). In
    https://github.com@evil.example/x the site is evil.example: what precedes the last "@"
    of the address is a user name (as urlsplit and browsers read it), shown apart so it
    cannot pass for the host."""
    try:
        netloc = urlsplit(url).netloc
    except ValueError:
        return url, ""
    if "@" not in netloc:
        return url, ""
    start = url.find("//") + 2
    if url[start:start + len(netloc)] != netloc:  # not the plain form urlsplit read
        return url, ""
    userinfo, _, host = netloc.rpartition("@")
    return url[:start] + host + url[start + len(netloc):], userinfo


def describe_url(url: str) -> str:
    """The URL for a message: as is, or with its user part moved after it and named."""
    site, userinfo = split_userinfo(url)
    if not userinfo:
        return url
    return f'{site} (the link also carries "{userinfo}@", a user name, not the site)'


def url_candidates(text: str) -> Iterator[str]:
    """What _URL.finditer finds, in order, without the cost of it: the case-insensitive
    pattern is tried at every position of an abstract, this only where "://" is."""
    start = 0
    while (at := text.find("://", start)) != -1:
        # (IGNORECASE lets the long s "ſ" stand for "s", so this does too.)
        if text[max(at - 5, 0):at].lower().replace("ſ", "s") == "https":
            begin = at - 5
        elif text[max(at - 4, 0):at].lower() == "http":
            begin = at - 4
        else:
            start = at + 1
            continue
        rest = _AFTER_SCHEME.match(text, at)
        if rest is None:
            start = at + 1
            continue
        start = rest.end()
        yield text[begin:start]


def extract_links(text: str) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for candidate in url_candidates(text):
        cleaned = _clean(candidate)  # one urlsplit per link: 1/5 of a 100k import
        if cleaned and cleaned[0] not in seen:
            seen[cleaned[0]] = Link(url=cleaned[0], kind=_host_kind(cleaned[1]))
    return tuple(seen.values())
