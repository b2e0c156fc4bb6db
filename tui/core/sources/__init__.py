"""Every kind of digest paperdeck reads, told apart by content (never by file name: the library
re-reads its kept copies, digests/<sha>.txt). tui/core/digest_kind.py says which:

    page text     the Hugging Face "Daily Papers" page saved as text (tui/core/parser.py)
    hf_json       the Hugging Face daily papers API: GET /api/daily_papers?date=YYYY-MM-DD
                  (a JSON list: starts with "[" or "{" and parses as JSON)
    arxiv_atom    the arXiv export API's Atom feed (XML whose root is <feed>)
    arxiv_rss     the RSS feed of an arXiv category listing (XML whose root is <rss>)
    arxiv_mail    the plain-text arXiv listing e-mail (arXiv:, Title:, Authors: lines)

Each reader turns one kept digest into a ParseResult: papers (with PaperMeta where the source
has more than titles and abstracts, digest_dates the day it lists them on) and warnings with
their position (a line, an item, an entry). A file that is none of these (HTML, other XML,
no papers) is a DigestError, as before.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING

from tui.core.digest_kind import (
    ARXIV_ATOM,
    ARXIV_MAIL,
    ARXIV_RSS,
    HEAD_BYTES,
    HF_JSON,
    HTML,
    OTHER_XML,
    PAGE_TEXT,
    sniff,
)
from tui.core.errors import DigestError

if TYPE_CHECKING:
    from tui.core.digest_text import ChunkSource
    from tui.core.parser import ParseProgress, ParseResult

__all__ = ["parse_source", "sniff"]

_READERS = {
    HF_JSON: "tui.core.sources.hf_json",
    ARXIV_ATOM: "tui.core.sources.arxiv_atom",
    ARXIV_RSS: "tui.core.sources.arxiv_rss",
    ARXIV_MAIL: "tui.core.sources.arxiv_mail",
}


def _head(open_chunks: ChunkSource) -> bytes:
    head = b""
    for chunk in open_chunks():
        head += chunk
        if len(head) >= HEAD_BYTES:
            break
    return head[:HEAD_BYTES]


def parse_source(open_chunks: ChunkSource, *, size: int, import_date: date,
                 source: str = "digest", progress: ParseProgress | None = None) -> ParseResult:
    """Parse one digest of any kind (see the module's doc); raises DigestError when the file
    holds none."""
    kind = sniff(_head(open_chunks))
    if kind == PAGE_TEXT:
        from tui.core import parser as page_text

        return page_text.parse_chunks(open_chunks, size=size, import_date=import_date,
                                      source=source, progress=progress)
    if kind == HTML:
        from tui.core.input_limits import HTML_MESSAGE

        raise DigestError(f"{source}: {HTML_MESSAGE}")
    if kind == OTHER_XML:
        raise DigestError(f"{source}: an XML document, but neither an Atom nor an RSS feed")
    reader = import_module(_READERS[kind])
    return reader.parse(open_chunks, size=size, import_date=import_date, source=source,
                        progress=progress)
