"""The RSS feed of an arXiv category listing (`rss.arxiv.org/rss/cs.LG`).

    <rss><channel><pubDate>Tue, 04 Mar 2025 00:00:00 -0500</pubDate> <lastBuildDate>
      <item><title> <link>https://arxiv.org/abs/2503.01234</link>
        <description>arXiv:2503.01234v1 Announce Type: new
          Abstract: ...</description>
        <guid>oai:arXiv.org:2503.01234v1</guid> <category>cs.LG</category>...
        <dc:creator>Ada Lovelace, Charles Babbage</dc:creator></item>...</channel></rss>

The digest's day is the day the channel's pubDate (else lastBuildDate) names, as written:
the listing's own day; else the import day. Warnings name the item (1-based). RSS 1.0
(<rdf:RDF>, arXiv's older feeds) has its items beside the channel: read alike.
"""

from __future__ import annotations

import re
from datetime import date
from xml.etree.ElementTree import Element

from tui.core.arxiv_ids import arxiv_id_of
from tui.core.digest_text import ChunkSource
from tui.core.errors import DigestError
from tui.core.model import PaperMeta
from tui.core.parser import ParseProgress, ParseResult
from tui.core.sources.building import (
    MAX_AUTHORS,
    PaperBuilder,
    gather,
    rfc822_day,
    split_names,
)
from tui.core.sources.xml_feed import (
    child,
    child_text,
    children,
    local,
    parse_xml,
    text_of,
)

WHAT = "an RSS feed"
_DESCRIPTION = re.compile(
    r"^arXiv:(?P<id>\S+)\s+Announce Type:\s*(?P<type>[\w-]+)\s*(?:Abstract:\s*)?(?P<abstract>.*)$",
    re.DOTALL | re.IGNORECASE)


def _items(root: Element) -> list[Element]:
    channel = child(root, "channel")
    found = list(children(channel, "item")) if channel is not None else []
    return found or list(children(root, "item"))  # RSS 1.0: beside the channel


def _add(item: Element, builder: PaperBuilder, position: int) -> None:
    title = child_text(item, "title")
    if not title:
        builder.warn(position, "no title; skipped")
        return
    description = child_text(item, "description")
    match = _DESCRIPTION.match(description)
    abstract = match.group("abstract").strip() if match else description
    arxiv_id = ""
    for candidate in (match.group("id") if match else "", child_text(item, "link"),
                      child_text(item, "guid").removeprefix("oai:arXiv.org:")):
        if candidate and len(candidate) < 200 and (arxiv_id := arxiv_id_of(candidate) or ""):
            break
    if not arxiv_id:
        builder.warn(position, "no arXiv id in its description, link or guid")
    authors = split_names(child_text(item, "creator"))
    if len(authors) > MAX_AUTHORS:
        builder.warn(position, f"{len(authors):,} authors; the first {MAX_AUTHORS:,} kept")
        authors = authors[:MAX_AUTHORS]
    terms = (text_of(category) for category in children(item, "category"))
    categories = tuple(dict.fromkeys(term for term in terms if term and len(term) < 100))
    meta = PaperMeta(authors=authors, arxiv_id=arxiv_id, categories=categories)
    builder.add(position, title=title, abstract=abstract, meta=meta, day="")


def parse(open_chunks: ChunkSource, *, size: int, import_date: date, source: str = "digest",
          progress: ParseProgress | None = None) -> ParseResult:
    """Read one arXiv listing RSS feed (see the module's doc)."""
    root = parse_xml(gather(open_chunks), source, WHAT)
    if local(root) not in ("rss", "RDF"):
        raise DigestError(f"{source}: XML whose root is <{local(root)[:40]}>, not an RSS feed")
    builder = PaperBuilder("item", import_date)
    items = _items(root)
    for position, item in enumerate(items, 1):
        _add(item, builder, position)
        if progress and position % 2000 == 0:
            progress(size * position // len(items), size)
    channel = child(root, "channel")
    day = ""
    if channel is not None:
        day = (rfc822_day(child_text(channel, "pubDate"))
               or rfc822_day(child_text(channel, "lastBuildDate")))
    if not items:
        raise DigestError(f"{source}: no papers in {WHAT} (an empty listing: a day without "
                          "announcements?)")
    return builder.finish(day, source, what=WHAT)
