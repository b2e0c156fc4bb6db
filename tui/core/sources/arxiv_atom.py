"""The arXiv export API's Atom feed (`export.arxiv.org/api/query?...`).

    <feed><updated>..</updated>
      <entry><id>http://arxiv.org/abs/2503.01234v2</id> <updated> <published> <title> <summary>
        <author><name>..</name></author>... <arxiv:doi> <link title="pdf" href=".."/>
        <arxiv:primary_category term=".."/> <category term=".."/>...</entry>...</feed>

A query the API refuses comes back as a feed whose one entry is titled "Error": a DigestError
with its text. The digest's day is the UTC day of the feed's <updated>, else the import day.
Warnings name the entry (1-based).
"""

from __future__ import annotations

from datetime import date
from xml.etree.ElementTree import Element

from tui.core.digest_text import ChunkSource
from tui.core.errors import DigestError
from tui.core.model import PaperMeta
from tui.core.parser import ParseProgress, ParseResult
from tui.core.sources.building import (
    MAX_AUTHORS,
    PaperBuilder,
    arxiv_id_or_warn,
    clean_url,
    gather,
    utc_day,
)
from tui.core.sources.xml_feed import child, child_text, children, local, parse_xml, text_of

WHAT = "an Atom feed"


def _is_error(entry: Element) -> bool:
    return child_text(entry, "title") == "Error" and "/api/errors" in child_text(entry, "id")


def _categories(entry: Element) -> tuple[str, ...]:
    primary = child(entry, "primary_category")
    terms = [primary.get("term", "")] if primary is not None else []
    terms += [c.get("term", "") for c in children(entry, "category")]
    cleaned = (term.strip() for term in terms)
    return tuple(dict.fromkeys(term for term in cleaned if term and len(term) < 100))


def _pdf(entry: Element) -> str:
    for link in children(entry, "link"):
        if link.get("title") == "pdf" or link.get("type") == "application/pdf":
            return clean_url(link.get("href", ""))
    return ""


def _authors(entry: Element, builder: PaperBuilder, position: int) -> tuple[str, ...]:
    names = [text_of(child(author, "name")) for author in children(entry, "author")]
    if len(names) > MAX_AUTHORS:
        builder.warn(position, f"{len(names):,} authors; the first {MAX_AUTHORS:,} kept")
        names = names[:MAX_AUTHORS]
    if "" in names:
        builder.warn(position, "an author without a name; left out")
    return tuple(name for name in names if name)


def _add(entry: Element, builder: PaperBuilder, position: int) -> None:
    title = child_text(entry, "title")
    if not title:
        builder.warn(position, "no title; skipped")
        return
    stamps = {}
    for name in ("published", "updated"):
        value = child_text(entry, name)
        stamps[name] = utc_day(value) if value else ""
        if value and not stamps[name]:
            builder.warn(position, f"<{name}> {value[:40]!r} is not a date; left out")
    meta = PaperMeta(
        authors=_authors(entry, builder, position),
        arxiv_id=arxiv_id_or_warn(builder, position, child_text(entry, "id")),
        published=stamps["published"],
        updated=stamps["updated"],
        categories=_categories(entry),
        doi=child_text(entry, "doi")[:200],
        pdf_url=_pdf(entry),
    )
    builder.add(position, title=title, abstract=child_text(entry, "summary"), meta=meta, day="")


def parse(open_chunks: ChunkSource, *, size: int, import_date: date, source: str = "digest",
          progress: ParseProgress | None = None) -> ParseResult:
    """Read one Atom feed of the arXiv API (see the module's doc)."""
    root = parse_xml(gather(open_chunks), source, WHAT)
    if local(root) != "feed":
        raise DigestError(f"{source}: XML whose root is <{local(root)[:40]}>, not an Atom feed")
    builder = PaperBuilder("entry", import_date)
    entries = list(children(root, "entry"))
    for position, entry in enumerate(entries, 1):
        if _is_error(entry):
            told = child_text(entry, "summary")[:200] or "no message"
            raise DigestError(f"{source}: the arXiv API answered with an error: {told}")
        _add(entry, builder, position)
        if progress and position % 2000 == 0:
            progress(size * position // len(entries), size)
    updated = child_text(root, "updated")
    return builder.finish(utc_day(updated) if updated else "", source, what=WHAT)
