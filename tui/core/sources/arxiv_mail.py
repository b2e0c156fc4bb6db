"""The plain-text arXiv listing e-mail ("cs daily Subj-class mailing"), saved as a file.

    Date: Tue, 04 Mar 2025 01:03:55 +0000            (the message's header, if it was saved)
    ...
     received from  Fri 28 Feb 25 19:00:00 GMT  to  Mon  3 Mar 25 19:00:00 GMT
    ------------------------------------------------------------------------------
    \\
    arXiv:2503.01234
    Date: Sun, 2 Mar 2025 17:59:58 GMT   (1532kb,D)

    Title: A title that may go on
      on indented lines
    Authors: A. One (1), B. Two ((1) Some Lab)
    Categories: cs.LG cs.AI
    Comments: 18 pages
    \\
      The abstract, up to the next line that starts with two backslashes.
    \\ ( https://arxiv.org/abs/2503.01234 ,  1532kb)
    ------------------------------------------------------------------------------

Replacements ("replaced with revised version <date>") have no abstract. The digest's day is
the UTC day of the message's Date header, else the last day of "received from ... to ...",
else the import day. Warnings name the line of the entry's arXiv: line.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from tui.core.digest_text import ChunkSource
from tui.core.errors import DigestError
from tui.core.links import extract_links
from tui.core.model import PaperMeta
from tui.core.parser import ParseProgress, ParseResult
from tui.core.sources.building import (
    MAX_FIELD,
    PaperBuilder,
    arxiv_id_or_warn,
    clean_line,
    decode,
    gather,
    rfc822_day,
    split_names,
    tex_accents,
)

WHAT = "an arXiv listing mail"
_ID_LINE = re.compile(r"^arXiv:(\S+)")
_FIELD = re.compile(r"^([A-Za-z][A-Za-z-]{0,30}):[ \t]*(.*)$")
_SEPARATOR = re.compile(r"^(?:-{20,}|%[-%]{20,})\s*$")
_REPLACED = re.compile(r"^replaced with revised version\s+(.+?)\s*(?:\(\S*\))?\s*$",
                       re.IGNORECASE)
_RECEIVED = re.compile(r"received from\s+.+?\s+to\s+\w{3}\s+(\d{1,2})\s+(\w{3})\s+(\d{2})\b",
                       re.IGNORECASE)
_SIZE = re.compile(r"\s+\(\d+kb[^)]*\)\s*$")


def _stamp_day(stamp: str, *, utc: bool) -> str:
    """The day of an RFC 822 date ("Sun, 2 Mar 2025 17:59:58 GMT   (1532kb,D)")."""
    return rfc822_day(_SIZE.sub("", stamp).strip(), utc=utc)


def _mail_day(lines: list[str], first_entry: int) -> str:
    for line in lines[:first_entry]:
        if line.startswith("Date:") and (day := _stamp_day(line[5:], utc=True)):
            return day
    for line in lines[:first_entry]:
        if match := _RECEIVED.search(line):
            try:
                return datetime.strptime(" ".join(match.groups()), "%d %b %y").date().isoformat()
            except ValueError:
                return ""
    return ""


def _ends_part(line: str) -> bool:
    return line.startswith("\\\\") or bool(_SEPARATOR.match(line) or _ID_LINE.match(line))


class _Entry:
    """One listing entry's fields and abstract, read from `lines` at `at` (its arXiv: line)."""

    def __init__(self, lines: list[str], at: int) -> None:
        self.line = at + 1
        self.raw_id = _ID_LINE.match(lines[at]).group(1)  # type: ignore[union-attr]
        self.fields: dict[str, str] = {}
        key = ""
        at += 1
        while at < len(lines) and not _ends_part(lines[at]):
            line = lines[at]
            if line[:1] in (" ", "\t") and key and line.strip():
                self.fields[key] += " " + line.strip()
            elif match := _FIELD.match(line):
                key = match.group(1).lower()
                self.fields[key] = match.group(2)
            elif match := _REPLACED.match(line):
                key, self.fields["replaced"] = "", match.group(1)
            else:
                key = ""
            at += 1
        abstract: list[str] = []
        if at < len(lines) and lines[at].strip() == "\\\\":
            at += 1
            while at < len(lines) and not _ends_part(lines[at]):
                abstract.append(lines[at])
                at += 1
        self.abstract = " ".join(abstract)
        self.end = at


def _add(entry: _Entry, builder: PaperBuilder) -> None:
    fields = entry.fields
    title = clean_line(tex_accents(fields.get("title", "")))
    if not title:
        builder.warn(entry.line, "no Title: line; skipped")
        return
    authors_line = fields.get("authors") or fields.get("author") or ""
    comments = clean_line(fields.get("comments", ""))[:MAX_FIELD]
    meta = PaperMeta(
        authors=split_names(authors_line[:MAX_FIELD * 10]),
        arxiv_id=arxiv_id_or_warn(builder, entry.line, entry.raw_id),
        published=_stamp_day(fields.get("date", ""), utc=True),
        updated=_stamp_day(fields.get("replaced", ""), utc=True),
        categories=tuple(dict.fromkeys(fields.get("categories", "").split()[:50])),
        doi=clean_line(fields.get("doi", ""))[:200],
    )
    links = extract_links(comments) if "://" in comments else ()
    builder.add(entry.line, title=title, abstract=clean_line(entry.abstract), meta=meta,
                day="", links=links)


def parse(open_chunks: ChunkSource, *, size: int, import_date: date, source: str = "digest",
          progress: ParseProgress | None = None) -> ParseResult:
    """Read one arXiv listing mail (see the module's doc)."""
    builder = PaperBuilder("line", import_date)
    text = decode(gather(open_chunks), builder.result.diagnostics, "line")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first_entry = next((i for i, line in enumerate(lines) if _ID_LINE.match(line)), None)
    if first_entry is None:
        raise DigestError(f"{source}: no papers found in {WHAT}")
    at, entries = first_entry, 0
    while at < len(lines):
        if not _ID_LINE.match(lines[at]):
            at += 1
            continue
        entry = _Entry(lines, at)
        _add(entry, builder)
        at, entries = max(entry.end, at + 1), entries + 1
        if progress and entries % 2000 == 0:
            progress(size * at // len(lines), size)
    return builder.finish(_mail_day(lines, first_entry), source, what=WHAT)
