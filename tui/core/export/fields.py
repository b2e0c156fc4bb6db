"""Text clean-up and values shared by the exporters (no format syntax here)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

from tui.core.arxiv_ids import abs_url, arxiv_id_of
from tui.core.model import Paper, PaperState
from tui.core.text import CONTROL_CHARS, replace_surrogates

Items = Sequence[tuple[Paper, PaperState]]
# The papers citation keys are computed over (None: the exported ones).
Library = Sequence[Paper] | None

_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029]")
# RFC 3986 reserved and unreserved characters, less ';' (RIS splits URLs on it). Everything
# else (spaces, quotes, braces, backslashes, non-ASCII) is percent-encoded.
_URL_SAFE = "!#$%&'()*+,-./:=?@[]_~"


_NEEDS_CLEANING = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def clean(text: str) -> str:
    """Notes and titles are data: one newline convention, no control characters."""
    if not _NEEDS_CLEANING.search(text):  # the common case, and one fast scan
        return text
    return CONTROL_CHARS.sub("", _LINE_BREAKS.sub("\n", text))


def one_line(text: str) -> str:
    """For fields a format keeps on one line (titles in md/bibtex/ris): whitespace runs -> ' '."""
    return " ".join(clean(text).split())


def note_lines(text: str) -> list[str]:
    """Notes as lines, without trailing blank lines."""
    lines = clean(text).split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


def safe_url(url: str) -> str:
    """A URL safe to embed in md, bibtex, ris: nothing raw that those formats treat specially."""
    # A lone surrogate cannot be percent-encoded as UTF-8: it becomes U+FFFD (%EF%BF%BD).
    return quote(replace_surrogates(one_line(url)), safe=_URL_SAFE)


def first_date(paper: Paper) -> str:
    """The date of the first digest the paper appeared in (stable as more digests arrive)."""
    return min(paper.digest_dates) if paper.digest_dates else ""


def year_month_day(paper: Paper) -> tuple[int, int, int] | None:
    return _ymd(first_date(paper))


def _ymd(iso: str) -> tuple[int, int, int] | None:
    if len(iso) >= 10 and iso[4] == "-" and iso[7] == "-" and iso[:4].isdigit() and (
            iso[5:7].isdigit() and iso[8:10].isdigit()):  # the ISO form, without a split
        return int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
    except ValueError:
        return None
    return year, month, day


def issued(paper: Paper) -> tuple[int, int, int] | None:
    """The date a citation gives: the first arXiv version's, else the first digest's."""
    meta = paper.meta
    if meta is not None and meta.published:
        found = _ymd(meta.published)
        if found is not None and 1 <= found[0] <= 9999 and 1 <= found[1] <= 12 and (
                1 <= found[2] <= 31):
            return found
    return year_month_day(paper)


def arxiv_id(paper: Paper) -> str:
    """The paper's arXiv id when it is one (a source's id is checked again: it is data)."""
    ident = paper.arxiv_id
    return ident if ident and arxiv_id_of(ident) == ident else ""


def main_url(paper: Paper) -> str:
    """The arXiv abstract page when the id is known, else the paper's first link, else ""."""
    ident = arxiv_id(paper)
    if ident:
        return abs_url(ident)
    return paper.links[0].url if paper.links else ""


def urls(paper: Paper) -> list[str]:
    """Every link of the paper, the arXiv abstract page first when known, each once."""
    found = [link.url for link in paper.links]
    ident = arxiv_id(paper)
    if ident and abs_url(ident) not in found:
        found.insert(0, abs_url(ident))
    return found
