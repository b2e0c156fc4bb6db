"""CSL-JSON, the citation format Zotero, citeproc-js/-py and pandoc import.

Each paper is an `article` (CSL's type for preprints) with title, URL, abstract, the first
digest date as `issued`, the user's notes as `note` and tags as `keyword`. No authors.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.core.export.fields import Items, citation_keys, clean, safe_url, year_month_day
from tui.core.export.json_format import dumps


def _item(key: str, paper, state) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": "article", "title": clean(paper.title)}
    if paper.links:
        item["URL"] = safe_url(paper.links[0].url)
    if paper.abstract.strip():
        item["abstract"] = clean(paper.abstract)
    ymd = year_month_day(paper)
    if ymd:
        item["issued"] = {"date-parts": [list(ymd)]}
    if state.notes.strip():
        item["note"] = clean(state.notes)
    if state.tags:
        item["keyword"] = ", ".join(state.tags)
    return item


def render(items: Items, *, query: str, today: date) -> str:
    keys = citation_keys(items)
    return dumps([_item(k, p, s) for k, (p, s) in zip(keys, items, strict=True)])
