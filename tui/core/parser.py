"""Parse a saved "Daily Papers" digest into papers plus diagnostics with line numbers.

Format: header lines ("new", "Subscribe", ...), a date line ("Mar 11"), then per paper a title
line, a blank line, an abstract paragraph, a blank line. Problems become warnings; only a file
that holds no digest at all (empty, binary, HTML, no papers) is rejected with DigestError.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date

from tui.core.errors import DigestError
from tui.core.input_limits import BINARY_MESSAGE, HTML_MESSAGE, HTML_START, looks_binary
from tui.core.links import extract_links
from tui.core.model import Link, Paper
from tui.core.text import collapse_whitespace, paper_id, sanitize


# Parser results live here, not in model.py: the app starts without the parser.
@dataclass(slots=True)
class Diagnostic:
    """A problem found while parsing, tied to a 1-based line number of the digest."""

    line: int
    message: str
    level: str = "warning"

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


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


def decode(data: bytes) -> tuple[str, list[Diagnostic]]:
    """UTF-8 (BOM or not); UTF-16 with a BOM; otherwise cp1252/latin-1 with a warning."""
    if not data.strip():
        raise DigestError("empty file: no digest text in it")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16"), [Diagnostic(1, "UTF-16 file; read as UTF-16")]
        except UnicodeDecodeError:
            pass
    if looks_binary(data[:65536]):
        raise DigestError(BINARY_MESSAGE)
    try:
        text = data.decode("utf-8-sig")
        diagnostics: list[Diagnostic] = []
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        try:
            text = data.decode("cp1252")
            codec = "cp1252"
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            codec = "latin-1"
        diagnostics = [Diagnostic(line, f"not valid UTF-8; read as {codec}")]
    if not text.strip():
        raise DigestError("empty file: no digest text in it")
    if HTML_START.match(text):
        raise DigestError(HTML_MESSAGE)
    return text, diagnostics


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


def _blocks(lines: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Paragraphs separated by blank lines, with the 1-based number of their first line."""
    start, block = 0, []
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if line:
            if not block:
                start = number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


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


# Every match of sanitize()'s patterns starts with one of these characters.
_NEEDS_SANITIZE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def _clean_lines(text: str) -> tuple[list[str], bool]:
    """sanitize() the text and split it into lines, skipping the regex passes on clean text.

    At 100,000 papers (170 MB) the substitutions cost seconds even when they change nothing;
    a printable line (or a text without any character sanitize() removes) needs none.
    Also says whether every line is printable (then no line holds whitespace but spaces).
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if text.isascii():  # one C pass over the bytes instead of isprintable() per line
        printable = not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    else:
        printable = all(map(str.isprintable, lines))
    if printable or not _NEEDS_SANITIZE.search(text):
        return lines, printable
    return sanitize(text).split("\n"), False


def _join_block(block: list[str], printable: bool) -> str:
    """collapse_whitespace(" ".join(block)), without the regex for the usual one clean line."""
    if len(block) == 1:
        line = block[0]  # stripped by _blocks; printable means no whitespace but " "
        if "  " not in line and (printable or line.isprintable()):
            return line
    return collapse_whitespace(" ".join(block))


def _links(abstract: str) -> tuple[Link, ...]:
    return extract_links(abstract) if "://" in abstract else ()  # every URL has "://"


ParseProgress = Callable[[int, int], None]  # (characters parsed, total characters)
PROGRESS_EVERY = 2000  # blocks between two progress calls


def parse_text(text: str, *, import_date: date,
               progress: ParseProgress | None = None) -> ParseResult:
    result = ParseResult()
    diags = result.diagnostics
    lines, printable = _clean_lines(text)
    total_chars = len(text)
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

    blocks = list(_blocks(lines))
    for i, (line, block) in enumerate(blocks):
        if progress and i % PROGRESS_EVERY == 0:
            progress(int(total_chars * line / len(lines)), total_chars)
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
                _is_short(block) and len(text_block) < 40 and i + 1 < len(blocks)
                and not _is_prose(blocks[i + 1][1])):
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
        following = blocks[i + 1][1] if i + 1 < len(blocks) else None
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


def parse_digest(data: bytes, *, import_date: date, source: str = "digest",
                 progress: ParseProgress | None = None) -> ParseResult:
    """Parse raw digest bytes. Raises DigestError when the file holds no digest at all.

    `progress(done, total)` is called now and then during the parse of a big file.
    """
    try:
        text, decode_diags = decode(data)
    except DigestError as exc:  # among several files, say which one
        raise DigestError(f"{source}: {exc}") from None
    result = parse_text(text, import_date=import_date, progress=progress)
    result.diagnostics[:0] = decode_diags
    if not result.papers:
        raise DigestError(f"{source}: no papers found (expected title / blank / abstract blocks)")
    return result
