"""The Hugging Face daily papers of one day, fetched whole: `GET {base}/api/daily_papers`.

The base URL is `HF_ENDPOINT` (default https://huggingface.co, trailing slash dropped), read
as huggingface_hub reads it. Paging follows huggingface_hub's `HfApi.list_daily_papers`: the
query parameters `p` (page number from 0) and `limit` (papers per page, its default 50), in
the order that client sends them, with `date=YYYY-MM-DD`. No recorded response confirms how
the server pages, so a day is read until a page comes back shorter than `limit`, and every
page that fails fails the day: a day is never reported whole when it was not.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from tui.core.errors import NetworkError
from tui.core.fetch.http import JSON, HttpClient, check_base_url, error_text, with_query

DEFAULT_ENDPOINT = "https://huggingface.co"
PAGE_SIZE = 50  # huggingface_hub's default `limit`
MAX_PAGES = 40  # 2,000 papers: ten times the busiest day; past it the server is not paging
LOOK_BACK = 7  # days searched for "the last day with papers" before an empty one


def endpoint(env: Mapping[str, str]) -> str:
    return check_base_url(env.get("HF_ENDPOINT") or DEFAULT_ENDPOINT, "HF_ENDPOINT")


def page_url(base: str, day: date, page: int, limit: int = PAGE_SIZE) -> str:
    # huggingface_hub builds its parameters in this order: p, limit, (sort), date.
    return with_query(f"{base}/api/daily_papers",
                      {"p": page, "limit": limit, "date": day.isoformat()})


@dataclass
class DayPages:
    """One day as the server sent it: each page's body verbatim (empty pages left out)."""

    day: date
    bodies: list[bytes] = field(default_factory=list)
    papers: int = 0  # items over all pages
    requests: int = 0


def fetch_day(client: HttpClient, base: str, day: date, *,
              progress: Callable[[str], None] | None = None) -> DayPages:
    """Every page of `day`; raises NetworkError if any page fails or the day cannot be read
    to its end."""
    result = DayPages(day)
    seen: set[str] = set()
    for page in range(MAX_PAGES):
        if progress and page:
            progress(f"fetching {day.isoformat()}, page {page + 1}")
        url = page_url(base, day, page)
        items = _items(url, body := client.get(url, accept=JSON).body)
        result.requests += 1
        keys = {_item_key(item) for item in items}
        if page and items and keys <= seen:
            raise NetworkError(f"cannot fetch {url}: the server sent page {page} the same as "
                               "an earlier one (it does not page), so the day cannot be read "
                               "whole; nothing written")
        seen |= keys
        if items:
            result.bodies.append(body)
            result.papers += len(items)
        if len(items) < PAGE_SIZE:
            return result
        if len(items) > PAGE_SIZE:  # the server ignored `limit`: this page is the whole day
            return result
    raise NetworkError(f"cannot fetch {page_url(base, day, MAX_PAGES)}: over "
                       f"{MAX_PAGES * PAGE_SIZE:,} papers on {day.isoformat()} (the server "
                       "does not seem to page); nothing written")


def has_papers(client: HttpClient, base: str, day: date) -> bool:
    url = page_url(base, day, 0, limit=1)
    return bool(_items(url, client.get(url, accept=JSON).body))


def last_day_with_papers(client: HttpClient, base: str, before: date,
                         known: Mapping[date, bool]) -> date | None:
    """The latest day before `before` with papers, within LOOK_BACK days; `known` holds days
    already fetched (True: had papers), which are not asked again."""
    for back in range(1, LOOK_BACK + 1):
        day = before - timedelta(days=back)
        had = known.get(day)
        if had is None:
            had = has_papers(client, base, day)
        if had:
            return day
    return None


def _items(url: str, body: bytes) -> list[object]:
    """The page's list of papers; anything else (not JSON, an error object) is a NetworkError."""
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise NetworkError(f"cannot fetch {url}: the answer is not valid JSON ({exc})") from None
    if isinstance(doc, list):
        return doc
    said = error_text(doc)
    if said:
        raise NetworkError(f"cannot fetch {url}: the server answered with an error: {said}")
    kind = "a JSON object" if isinstance(doc, dict) else f"JSON {type(doc).__name__}"
    raise NetworkError(f"cannot fetch {url}: got {kind}, not a list of papers")


def _item_key(item: object) -> str:
    """What tells a page's papers apart: the arXiv id, else the item itself."""
    if isinstance(item, dict):
        paper = item.get("paper")
        if isinstance(paper, dict) and isinstance(paper.get("id"), str):
            return paper["id"]
    return json.dumps(item, sort_keys=True, default=str)
