"""The Hugging Face daily papers API: `GET /api/daily_papers?date=YYYY-MM-DD`, a JSON list.

Each item (as huggingface_hub's `PaperInfo` reads it):
    {"paper": {"id": arXiv id, "title", "summary", "authors": [{"name", ...}],
               "publishedAt": arXiv date, "submittedOnDailyAt", "upvotes", "githubRepo",
               "githubStars", "projectPage", "ai_keywords", "ai_summary", ...},
     "publishedAt": when it was on the daily list, "title", "summary", "numComments",
     "submittedBy": {...}, ...}
The paper's own fields win; the item's stand in where the paper lacks them (huggingface_hub
reads the links and AI fields at either level too). A field that is missing, null or of the
wrong type is left out with a warning naming the item (1-based); an item that is not an
object, or has no title, is skipped. The day an item was on the list (the UTC day of its
top-level publishedAt) is its digest's date.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

from tui.core.digest_text import ChunkSource
from tui.core.errors import DigestError
from tui.core.model import Link, PaperMeta
from tui.core.parser import Diagnostic, ParseProgress, ParseResult
from tui.core.sources.building import (
    MAX_AUTHORS,
    MAX_FIELD,
    PaperBuilder,
    arxiv_id_or_warn,
    clean_line,
    clean_url,
    decode,
    gather,
    shown,
    utc_day,
)

WHAT = "the daily papers JSON"
MAX_COUNT = 10 ** 12  # upvotes, comments, stars: anything beyond is no count
PROGRESS_EVERY = 2000  # items between two progress calls


def _load(data: bytes, source: str, diagnostics: list[Diagnostic]) -> object:
    text = decode(data, diagnostics, "line")
    try:
        return json.loads(text)
    except RecursionError:
        raise DigestError(f"{source}: JSON nested too deeply to be daily papers") from None
    except json.JSONDecodeError as exc:
        raise DigestError(f"{source}: not valid JSON (line {exc.lineno}, column {exc.colno}: "
                          f"{exc.msg})") from None
    except ValueError as exc:  # a number past the int digits limit
        raise DigestError(f"{source}: not valid JSON ({clean_line(str(exc))[:80]})") from None


def _refuse(value: object, source: str) -> DigestError:
    if isinstance(value, dict):
        error = value.get("error")
        if error is not None:
            told = clean_line(error if isinstance(error, str) else shown(error))[:200]
            return DigestError(f"{source}: the daily papers API answered with an error: "
                               f"{told or 'no message'}")
        return DigestError(f"{source}: a JSON object, not the daily papers list")
    if isinstance(value, list):
        return DigestError(f"{source}: an empty list: no daily papers in it")
    return DigestError(f"{source}: JSON {shown(value)}, not the daily papers list")


class _Item:
    """One item's fields: the paper's own first, then the item's."""

    def __init__(self, item: dict, paper: dict, builder: PaperBuilder, position: int) -> None:
        self.item, self.paper = item, paper
        self.builder, self.position = builder, position

    def warn(self, message: str) -> None:
        self.builder.warn(self.position, message)

    def raw(self, key: str, *, own: bool = False) -> object:
        """The value at `key`: the paper's, else the item's (`own`: the item's only)."""
        if not own:
            value = self.paper.get(key)
            if value is not None:
                return value
        return self.item.get(key)

    def text(self, key: str, *, own: bool = False) -> str:
        value = self.raw(key, own=own)
        if value is None:
            return ""
        if not isinstance(value, str):
            self.warn(f"{key} is {shown(value)}, not text; left out")
            return ""
        if len(value) > MAX_FIELD * 4:  # whitespace may shrink it, but not this much
            self.warn(f"{key} of {len(value):,} characters; left out")
            return ""
        return clean_line(value)

    def url(self, key: str) -> str:
        value = self.text(key)
        url = clean_url(value) if value else ""
        if value and not url:
            self.warn(f"{key} {shown(value)} is not an http(s) link; left out")
        return url

    def count(self, key: str, *, own: bool = False) -> int | None:
        value = self.raw(key, own=own)
        if value is None:
            return None
        # The API's OpenAPI schema types the counts as numbers: 87.0 is a count too.
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_COUNT:
            self.warn(f"{key} {shown(value)} is not a count; left out")
            return None
        return value

    def day(self, key: str, *, own: bool = False) -> str:
        value = self.raw(key, own=own)
        if value is None:
            return ""
        day = utc_day(value) if isinstance(value, str) else ""
        if not day:
            self.warn(f"{key} {shown(value)} is not a date; left out")
        return day

    def names(self, key: str, *, field: str | None = None) -> tuple[str, ...]:
        """A list of names (authors: objects with a `field`; keywords: strings)."""
        value = self.raw(key)
        if value is None:
            return ()
        if not isinstance(value, list):
            self.warn(f"{key} is {shown(value)}, not a list; left out")
            return ()
        if len(value) > MAX_AUTHORS:
            self.warn(f"{len(value):,} {key}; the first {MAX_AUTHORS:,} kept")
            value = value[:MAX_AUTHORS]
        names: list[str] = []
        bad = 0
        keep = names.append
        for entry in value:
            name = entry.get(field) if field and type(entry) is dict else entry
            cleaned = clean_line(name) if type(name) is str and len(name) < 1000 else ""
            if cleaned:
                keep(cleaned)
            else:
                bad += 1
        if bad:
            self.warn(f"{bad} of the {key} {'has' if bad == 1 else 'have'} no usable name; "
                      "left out")
        return tuple(names)


def _paper_of(item: object, builder: PaperBuilder, position: int) -> _Item | None:
    if not isinstance(item, dict):
        builder.warn(position, f"{shown(item)}, not an object; skipped")
        return None
    paper = item.get("paper")
    if paper is None:
        paper = {}
    elif not isinstance(paper, dict):
        builder.warn(position, f"paper is {shown(paper)}, not an object; the item's own "
                               "fields kept")
        paper = {}
    return _Item(item, paper, builder, position)


def _add(fields: _Item, builder: PaperBuilder) -> str:
    """Add the item's paper; the day it was on the list ("" when unknown)."""
    day = fields.day("publishedAt", own=True) or fields.day("submittedOnDailyAt")
    title = fields.text("title")
    if not title:
        builder.warn(fields.position, "no title; skipped")
        return day
    github = fields.url("githubRepo")
    page = fields.url("projectPage")
    meta = PaperMeta(
        authors=fields.names("authors", field="name"),
        arxiv_id=arxiv_id_or_warn(builder, fields.position, fields.paper.get("id")),
        published=fields.day("publishedAt") if fields.paper.get("publishedAt") else "",
        upvotes=fields.count("upvotes"),
        comments=fields.count("numComments"),
        github_repo=github,
        github_stars=fields.count("githubStars"),
        project_page=page,
        keywords=fields.names("ai_keywords"),
        ai_summary=fields.text("ai_summary"),
    )
    links = [Link(github, "code")] if github else []
    if page:
        links.append(Link(page, "page"))
    builder.add(fields.position, title=title, abstract=fields.text("summary"), meta=meta,
                day=day, links=links)
    return day


def parse(open_chunks: ChunkSource, *, size: int, import_date: date, source: str = "digest",
          progress: ParseProgress | None = None) -> ParseResult:
    """Read one daily papers response (see the module's doc); DigestError when it holds no
    papers: an error object, an empty list, anything but a list."""
    builder = PaperBuilder("item", import_date)
    data = gather(open_chunks)
    value = _load(data, source, builder.result.diagnostics)
    if not isinstance(value, list) or not value:
        raise _refuse(value, source)
    days: Counter[str] = Counter()
    for number, item in enumerate(value, 1):
        if progress and number % PROGRESS_EVERY == 0:
            progress(len(data) * number // len(value), size or len(data))
        fields = _paper_of(item, builder, number)
        if fields is not None and (day := _add(fields, builder)):
            days[day] += 1
    # The day most of its papers were listed on: the one the request asked for.
    day = days.most_common(1)[0][0] if days else ""
    return builder.finish(day, source, what=WHAT)
