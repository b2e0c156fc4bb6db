"""CSL-JSON, the citation format Zotero, citeproc-js/-py and pandoc import.

Each paper is an `article` (CSL's type for preprints) with title, authors (`family` / `given`,
split by names.py; a single name is a family name alone), the arXiv date (else the first digest
date) as `issued`, the arXiv abstract page (else the first link) as URL, DOI, abstract, the
user's notes as `note` and tags as `keyword`. An arXiv paper also names arXiv as its publisher
and its id as `number`, as Zotero writes preprints.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from tui.core.export.fields import (
    Items,
    Library,
    arxiv_id,
    clean,
    issued,
    main_url,
    one_line,
    safe_url,
)
from tui.core.export.json_format import dumps
from tui.core.export.keys import citation_keys
from tui.core.export.names import split_name
from tui.core.model import Paper


def csl_name(raw: str) -> dict[str, str] | None:
    name = split_name(one_line(raw))
    if not name.family:
        return None
    entry = {"family": name.family}
    if name.given:
        entry["given"] = name.given
    if name.suffix:
        entry["suffix"] = name.suffix
    return entry


def _item(key: str, paper: Paper, state) -> dict[str, Any]:
    item: dict[str, Any] = {"id": key, "type": "article", "title": clean(paper.title)}
    authors = [name for name in map(csl_name, paper.authors) if name is not None]
    if authors:
        item["author"] = authors
    url = main_url(paper)
    if url:
        item["URL"] = safe_url(url)
    ident = arxiv_id(paper)
    if ident:
        item["publisher"] = "arXiv"
        item["number"] = ident
    doi = one_line(paper.meta.doi) if paper.meta is not None else ""
    if doi:
        item["DOI"] = doi
    if paper.abstract.strip():
        item["abstract"] = clean(paper.abstract)
    ymd = issued(paper)
    if ymd:
        item["issued"] = {"date-parts": [list(ymd)]}
    if state.notes.strip():
        item["note"] = clean(state.notes)
    if state.tags:
        item["keyword"] = ", ".join(state.tags)
    return item


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    keys = citation_keys(items, library)
    return dumps([_item(k, p, s) for k, (p, s) in zip(keys, items, strict=True)])
