"""Parse a saved "Daily Papers" digest into papers plus diagnostics with line numbers.

The bytes become clean lines in digest_text.py; here those lines become papers.

Format: header lines ("new", "Subscribe", ...), a date line ("Mar 11"), then per paper a title
line, a blank line, an abstract paragraph, a blank line. Problems become warnings; only a file
that holds no digest at all (empty, binary, HTML, no papers) is rejected with DigestError.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from tui.core.digest_text import (
    ChunkSource,
    NotText,
    Undecodable,
    checked_text,
    decoded,
    line_pieces,
    segment_lines,
)
from tui.core.errors import DigestError
from tui.core.input_limits import BINARY_MESSAGE, looks_binary
from tui.core.links import extract_links
from tui.core.model import Link, Paper
from tui.core.text import collapse_whitespace, paper_id


# Parser results live here, not in model.py: the app starts without the parser.
@dataclass(slots=True)
class Diagnostic:
    """A problem found while parsing, tied to a 1-based position in the digest: a line of
    text, or an item / entry of a JSON or XML source (`unit` names which)."""

    line: int
    message: str
    level: str = "warning"
    unit: str = "line"

    def __str__(self) -> str:
        return f"{self.unit} {self.line}: {self.message}"


@dataclass(slots=True)
class ParseResult:
    papers: list[Paper] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    date: str = ""  # ISO date of the (first) digest date line


HEADER_LINES = {
    "new",
    "get trending papers in your email inbox!",
    "subscribe",
    "byak and the research community",
    "daily papers",
}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_DATE_LINE = re.compile(
    r"^(?P<month>[A-Za-z]{3})[a-z]*\.?\s+(?P<day>\d{1,2})(?:,?\s+(?P<year>\d{4}))?$")
# A title is one short line; an abstract is a long paragraph of sentences.
ABSTRACT_MIN = 200
BLOCK_MAX = 100_000  # characters; real abstracts stay under 5,000


def infer_date(month: int, day: int, import_date: date) -> date | None:
    """The latest month/day not after the import day (Feb 29 looks back to a leap year)."""
    for year in range(import_date.year, import_date.year - 8, -1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= import_date:
            return candidate
    return None


Block = tuple[int, list[str], bool]  # first line's number, its lines, all of them printable


def _blocks(segments: Iterable[tuple[list[str], bool]]) -> Iterator[Block]:
    """Paragraphs separated by blank lines, with the 1-based number of their first line."""
    number = start = 0
    block: list[str] = []
    printable = True
    for lines, clean in segments:
        for line in lines:
            number += 1
            line = line.strip()
            if line:
                if not block:
                    start, printable = number, clean
                else:
                    printable = printable and clean
                block.append(line)
            elif block:
                yield start, block, printable
                block = []
    if block:
        yield start, block, printable


def _parse_date_line(text: str, import_date: date) -> date | None:
    match = _DATE_LINE.match(text)
    if not match or match.group("month").lower() not in _MONTHS:
        return None
    month, day = _MONTHS[match.group("month").lower()], int(match.group("day"))
    if match.group("year"):
        try:
            return date(int(match.group("year")), month, day)
        except ValueError:
            return None
    return infer_date(month, day, import_date)


def _is_prose(block: list[str]) -> bool:
    """A paragraph of sentences: what abstracts are and titles are not."""
    text = " ".join(block)
    return len(block) > 2 or (len(text) >= ABSTRACT_MIN and ". " in text)


def _is_short(block: list[str]) -> bool:
    return len(block) == 1 and len(block[0]) < ABSTRACT_MIN


# A sentence ends with a full stop, maybe inside a closing bracket or quote. "?" and "!" do not
# count: titles end with them ("Is Attention All You Need?") and one-line abstracts rarely do.
_SENTENCE_END = re.compile(r"[.\u3002][\"'\u201d\u2019)\]]*$")


def _reads_as_sentence(text: str) -> bool:
    """A one-line abstract: it ends like a sentence or holds a link; titles do neither."""
    return bool(_SENTENCE_END.search(text)) or "://" in text


def _rhythm_goes_on(following: list[str] | None) -> bool:
    """Whether the block after a title-like line lets that line be a title: an abstract for
    it, another single line (a title), or the end. A short paragraph of two lines is neither."""
    return following is None or _is_short(following) or _is_prose(following)



def _join_block(block: list[str], printable: bool) -> str:
    """collapse_whitespace(" ".join(block)), without the regex for the usual one clean line."""
    if len(block) == 1:
        line = block[0]  # stripped by _blocks; printable means no whitespace but " "
        if "  " not in line and (printable or line.isprintable()):
            return line
    return collapse_whitespace(" ".join(block))


def _links(abstract: str) -> tuple[Link, ...]:
    return extract_links(abstract) if "://" in abstract else ()  # every URL has "://"


ParseProgress = Callable[[int, int], None]  # (bytes parsed, total bytes)
PROGRESS_EVERY = 2000  # blocks between two progress calls


def _with_next(items: Iterator[Block]) -> Iterator[tuple[Block, Block | None]]:
    """Each block with the one after it (None at the end): the parse looks one block ahead."""
    current = next(items, None)
    while current is not None:
        following = next(items, None)
        yield current, following
        current = following


def parse_text(text: str, *, import_date: date) -> ParseResult:
    """Parse digest text (already decoded)."""
    return _parse_blocks(_blocks(map(segment_lines, line_pieces([text]))),
                         import_date=import_date)


def _parse_blocks(blocks: Iterator[Block], *, import_date: date,
                  progress: Callable[[], None] | None = None) -> ParseResult:
    result = ParseResult()
    diags = result.diagnostics
    current_date: date | None = None
    seen: dict[str, int] = {}
    day_tuples: dict[date, tuple[str]] = {}
    pending_title: tuple[int, str] | None = None

    def add_paper(line: int, title: str, abstract: str) -> None:
        pid = paper_id(title)
        if not pid or not title.strip():  # as collapse_whitespace(title), without a regex
            diags.append(Diagnostic(line, "empty title; block skipped"))
            return
        if pid in seen:
            diags.append(Diagnostic(line, f"duplicate of the paper on line {seen[pid]}; skipped"))
            return
        seen[pid] = line
        day = current_date or import_date
        # One shared tuple per date: 100,000 papers of one digest would hold 100,000 copies.
        dates = day_tuples.get(day) or day_tuples.setdefault(day, (day.isoformat(),))
        result.papers.append(
            Paper(
                id=pid,
                title=title,
                abstract=abstract,
                links=_links(abstract),
                digest_dates=dates,
                position=len(result.papers),
            )
        )

    def flush_title() -> None:
        nonlocal pending_title
        if pending_title:
            diags.append(Diagnostic(pending_title[0], "title without an abstract"))
            add_paper(pending_title[0], pending_title[1], "")
            pending_title = None

    for i, ((line, block, printable), after) in enumerate(_with_next(blocks)):
        if progress and i % PROGRESS_EVERY == 0:
            progress()
        following = after[1] if after else None
        if sum(map(len, block)) > BLOCK_MAX:
            # No title or abstract is this long; normalising it for an id would take GBs.
            flush_title()
            diags.append(Diagnostic(line, f"a paragraph of {sum(map(len, block)):,} characters "
                                          "is no title or abstract; skipped"))
            continue
        text_block = _join_block(block, printable)
        lowered = text_block.lower()
        if len(block) == 1 and (parsed := _parse_date_line(text_block, import_date)):
            flush_title()
            if current_date and parsed != current_date:
                diags.append(Diagnostic(line, f"second date line: papers below are {parsed}"))
            current_date = parsed
            result.date = result.date or parsed.isoformat()
            continue
        if lowered in HEADER_LINES:
            if current_date is not None or result.papers or pending_title is not None:
                diags.append(Diagnostic(line, f"header line inside the digest skipped: "
                                              f"{text_block!r}"))
            continue
        if current_date is None and not result.papers and pending_title is None and (
                _is_short(block) and len(text_block) < 40 and following is not None
                and not _is_prose(following)):
            # Page furniture before the date line ("Trending", "Sign in", ...).
            diags.append(Diagnostic(line, f"unrecognised line before the date line: "
                                          f"{text_block[:60]!r}"))
            continue
        if pending_title is None:
            if _is_prose(block):
                diags.append(Diagnostic(line, "unrecognised block (an abstract without a "
                                              "title?); skipped"))
            else:
                pending_title = (line, text_block)
            continue
        if _is_short(block) and following is not None and _is_prose(following):
            # A short line followed by an abstract is the next title: this one had none.
            flush_title()
            pending_title = (line, text_block)
        elif (_is_short(block) and not _reads_as_sentence(text_block)
              and _rhythm_goes_on(following)):
            # Where an abstract belongs stands a line that reads as a title: a paper with no
            # abstract is followed by the next one. Taking it as the abstract would lose a paper.
            diags.append(Diagnostic(line, f"reads as a title, not as the abstract of the title "
                                          f"on line {pending_title[0]}: both kept"))
            flush_title()
            pending_title = (line, text_block)
        else:
            title_line, title = pending_title
            pending_title = None
            add_paper(title_line, title, text_block)
    flush_title()

    if current_date is None and not any(len(p.abstract) >= ABSTRACT_MIN for p in result.papers):
        # No date line and no real abstract: some other text file, not a digest.
        result.papers.clear()
    if current_date is None and result.papers:
        diags.append(Diagnostic(1, f"no date line; using the import day {import_date}"))
        result.date = import_date.isoformat()
    return result


PIECE = 1 << 20  # bytes decoded at a time from a digest held in memory


def _parse_as(open_chunks: ChunkSource, codec: str, *, size: int, import_date: date,
              progress: ParseProgress | None) -> ParseResult:
    done = [0]
    text = checked_text(decoded(open_chunks, codec, done))
    report = (lambda: progress(done[0], size)) if progress else None
    return _parse_blocks(_blocks(map(segment_lines, line_pieces(text))),
                         import_date=import_date, progress=report)


def _parse_any_encoding(open_chunks: ChunkSource, *, size: int, import_date: date,
                        progress: ParseProgress | None) -> ParseResult:
    """UTF-8 (BOM or not); UTF-16 with a BOM; otherwise cp1252/latin-1 with a warning. The text
    is decoded and parsed as it streams in: on a byte the codec refuses, the parse starts
    again with the next codec."""
    first = next(iter(open_chunks()), b"")[:65536]
    attempts = ["utf-16"] if first[:2] in (b"\xff\xfe", b"\xfe\xff") else []
    bad_line = 1
    for codec in (*attempts, "utf-8", "cp1252", "latin-1"):
        if codec == "utf-8" and looks_binary(first):
            raise NotText(BINARY_MESSAGE)
        try:
            result = _parse_as(open_chunks, codec, size=size, import_date=import_date,
                               progress=progress)
        except Undecodable as exc:
            if codec == "utf-8":
                bad_line = exc.line
            continue
        if codec == "utf-16":
            result.diagnostics.insert(0, Diagnostic(1, "UTF-16 file; read as UTF-16"))
        elif codec != "utf-8":
            result.diagnostics.insert(0, Diagnostic(bad_line, f"not valid UTF-8; read as {codec}"))
        return result
    raise AssertionError("latin-1 decodes every byte")


def parse_chunks(open_chunks: ChunkSource, *, size: int, import_date: date,
                 source: str = "digest", progress: ParseProgress | None = None) -> ParseResult:
    """Parse a digest read in chunks (`open_chunks()` starts a new pass; it may be called more
    than once), never holding its bytes or its text whole: a big digest costs about its papers.
    Raises DigestError when the file holds no digest at all.

    `progress(done, total)` is called now and then during the parse of a big file.
    """
    try:
        result = _parse_any_encoding(open_chunks, size=size, import_date=import_date,
                                     progress=progress)
    except NotText as exc:  # among several files, say which one
        raise DigestError(f"{source}: {exc}") from None
    if not result.papers:
        raise DigestError(f"{source}: no papers found (expected title / blank / abstract blocks)")
    return result


def parse_digest(data: bytes, *, import_date: date, source: str = "digest",
                 progress: ParseProgress | None = None) -> ParseResult:
    """Parse raw digest bytes held in memory. Raises DigestError when the file holds no
    digest at all."""

    def pieces() -> Iterator[bytes]:
        return (data[at:at + PIECE] for at in range(0, len(data), PIECE))

    return parse_chunks(pieces, size=len(data), import_date=import_date, source=source,
                        progress=progress)
