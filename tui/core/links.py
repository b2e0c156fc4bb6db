"""Links found in abstracts: only http(s), cleaned of the punctuation that follows them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tui.core.model import Link

_URL = re.compile(r"https?://[^\s<>\"'`\\]+", re.IGNORECASE)
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


def clean_url(raw: str) -> str | None:
    url = _strip_trailing(raw)
    doubled = _DOUBLED.match(url)
    if doubled:
        url = doubled.group("url")
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


def link_kind(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
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


def extract_links(text: str) -> tuple[Link, ...]:
    seen: dict[str, Link] = {}
    for match in _URL.finditer(text):
        url = clean_url(match.group(0))
        if url and url not in seen:
            seen[url] = Link(url=url, kind=link_kind(url))
    return tuple(seen.values())
