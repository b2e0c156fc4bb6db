"""What every structured reader (JSON, Atom, RSS, mail) shares: outside text cleaned as the
page text's is, a document's bytes gathered and decoded, and papers built with their ids,
dates and links, duplicates within one digest warned about and skipped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime

from tui.core.arxiv_ids import arxiv_id_of
from tui.core.digest_text import ChunkSource
from tui.core.errors import DigestError
from tui.core.links import extract_links, is_openable
from tui.core.model import Link, Paper, PaperMeta
from tui.core.parser import Diagnostic, ParseResult
from tui.core.text import collapse_whitespace, paper_id, replace_surrogates, sanitize

MAX_FIELD = 100_000  # characters: as the page text's longest paragraph; real abstracts < 5,000
MAX_AUTHORS = 10_000  # a few physics collaborations have 3,000+ authors


def clean_line(text: str) -> str:
    """Outside text as one clean line (titles, names, abstracts): no escape sequence or control
    character, no lone surrogate, whitespace collapsed, as the page text's lines are."""
    if text.isprintable():
        # Printable text holds no control character, surrogate or whitespace but " " (every
        # other space is a separator or control, not printable): most names and titles are
        # clean already, and a JSON import cleans a million of them at 100,000 papers.
        if "  " in text or text[:1] == " " or text[-1:] == " ":
            return collapse_whitespace(text)
        return text
    return collapse_whitespace(sanitize(replace_surrogates(text)))


def clean_url(text: str) -> str:
    """An http(s) link as one clean line, or "" for anything else."""
    url = clean_line(text)
    return url if " " not in url and is_openable(url) else ""


def gather(open_chunks: ChunkSource) -> bytes:
    """A document's bytes, whole: JSON and XML are parsed as one (input_limits.py caps the
    size of a digest before a byte of it is read)."""
    return b"".join(open_chunks())


def decode(data: bytes, diagnostics: list[Diagnostic], unit: str) -> str:
    """UTF-8 (a BOM dropped); bytes that are not UTF-8 become U+FFFD with a warning."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        diagnostics.append(Diagnostic(line, "not valid UTF-8; the bytes that are not were "
                                            "replaced", unit="line"))
        text = data.decode("utf-8", "replace")
    return text.removeprefix("\ufeff")


# How the daily papers API writes every time (2025-03-03T18:58:31.000Z): read without
# datetime, a JSON import reads two per paper.
_API_STAMP = re.compile(r"\d{4}-\d\d-\d\dT(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z", re.ASCII)


def utc_day(stamp: str) -> str:
    """The UTC calendar day of an ISO 8601 timestamp ("2025-03-03T18:58:31.000Z"), or of a
    bare date; "" when it is neither."""
    if _API_STAMP.fullmatch(stamp) and stamp[:2] in ("19", "20"):
        try:  # the APIs' own form, in UTC: the day is its first ten characters, if a date
            return date.fromisoformat(stamp[:10]).isoformat()
        except ValueError:
            return ""
    stamp = stamp.strip()
    if len(stamp) > 64:
        return ""
    try:
        when = datetime.fromisoformat(stamp.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return ""
    if when.tzinfo is not None:
        when = when.astimezone(UTC)
    if not 1900 <= when.year <= 9999:
        return ""
    return when.date().isoformat()


def rfc822_day(stamp: str, *, utc: bool = False) -> str:
    """The day an RFC 822 date ("Tue, 04 Mar 2025 00:00:00 -0500") names: as written (a
    listing's own day), or in UTC (`utc`); "" when it is none."""
    if not stamp or len(stamp) > 100:
        return ""
    try:
        when = parsedate_to_datetime(stamp)
    except (TypeError, ValueError, IndexError, OverflowError):
        return ""
    if utc and when.tzinfo is not None:
        when = when.astimezone(UTC)
    return when.date().isoformat() if 1900 <= when.year <= 9999 else ""


def shown(value: object, limit: int = 40) -> str:
    """A value from the file, for a warning: short, one line, terminal-safe."""
    if isinstance(value, str):
        text = repr(clean_line(value[:limit * 2])[:limit])
    elif isinstance(value, bool) or value is None:
        text = repr(value)
    elif isinstance(value, int):
        text = str(value) if abs(value) < 10 ** 30 else "a huge number"
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = f"a {type(value).__name__}"  # a list or an object: its type says enough
    return text


class PaperBuilder:
    """The papers of one digest, in order; `unit` names a position in warnings ("item")."""

    def __init__(self, unit: str, import_date: date) -> None:
        self.unit = unit
        self.result = ParseResult()
        self.import_date = import_date
        self._seen_ids: dict[str, int] = {}
        self._seen_arxiv: dict[str, int] = {}
        self._days: dict[str, tuple[str]] = {}  # one shared tuple per day, as the page text's

    def warn(self, position: int, message: str) -> None:
        self.result.diagnostics.append(Diagnostic(position, message, unit=self.unit))

    def add(self, position: int, *, title: str, abstract: str, meta: PaperMeta, day: str,
            links: Iterable[Link] = ()) -> Paper | None:
        """A paper at `position` (1-based) listed on `day` (ISO; "" for the digest's own day,
        which `finish` fills in), or None with a warning when it cannot be one."""
        pid = paper_id(title) if title else ""
        if not pid:
            self.warn(position, "no title; skipped")
            return None
        if len(title) > MAX_FIELD:
            self.warn(position, f"a title of {len(title):,} characters; skipped")
            return None
        if pid in self._seen_ids:
            self.warn(position, f"duplicate of the paper of {self.unit} "
                                f"{self._seen_ids[pid]}; skipped")
            return None
        if meta.arxiv_id in self._seen_arxiv:
            self.warn(position, f"arXiv:{meta.arxiv_id} again (first in {self.unit} "
                                f"{self._seen_arxiv[meta.arxiv_id]}); skipped")
            return None
        if len(abstract) > MAX_FIELD:
            self.warn(position, f"an abstract of {len(abstract):,} characters; left out")
            abstract = ""
        self._seen_ids[pid] = position
        if meta.arxiv_id:
            self._seen_arxiv[meta.arxiv_id] = position
        found = extract_links(abstract) if "://" in abstract else ()
        merged = {link.url: link for link in (*links, *found)}  # the source's own first
        paper = Paper(id=pid, title=title, abstract=abstract, links=tuple(merged.values()),
                      digest_dates=self._dates(day), position=len(self.result.papers),
                      meta=meta)
        self.result.papers.append(paper)
        return paper

    def _dates(self, day: str) -> tuple[str]:
        found = self._days.get(day)
        if found is None:
            found = self._days[day] = (day,)
        return found

    def finish(self, day: str, source: str, *, what: str) -> ParseResult:
        """The result, its papers without a day of their own listed on `day` (else the
        import day, with a warning); DigestError when no paper came out of it."""
        result = self.result
        if not result.papers:
            raise DigestError(f"{source}: no papers found in {what}")
        if not day:
            day = self.import_date.isoformat()
            result.diagnostics.insert(0, Diagnostic(
                1, f"no date in {what}; using the import day {day}", unit=self.unit))
        if "" in self._days:
            undated = self._dates(day)
            for paper in result.papers:
                if paper.digest_dates == ("",):
                    paper.digest_dates = undated
        result.date = day
        return result


def arxiv_id_or_warn(builder: PaperBuilder, position: int, value: object) -> str:
    """The arXiv id (without version) that `value` is, or "" (with a warning when it is
    there but none)."""
    if value is None or value == "":
        return ""
    if isinstance(value, str) and len(value) <= 200 and (found := arxiv_id_of(value)):
        return found
    builder.warn(position, f"id {shown(value)} is not an arXiv id; left out")
    return ""


# TeX accents as arXiv listings write names ("Ch\^atelet", "{\'E}milie", "\v{S}koda"): the
# combining mark each one stands for.
_ACCENTS = {"'": "\u0301", "`": "\u0300", "^": "\u0302", '"': "\u0308", "~": "\u0303",
            "=": "\u0304", ".": "\u0307", "u": "\u0306", "v": "\u030c", "H": "\u030b",
            "c": "\u0327", "k": "\u0328", "r": "\u030a"}
_TEX_ACCENT = re.compile(
    r"\{?\\(?:(?P<sym>['`^\"~=.])\s*|(?P<word>[uvHckr])(?:\s+|(?=\{)))"
    r"(?:\{\s*(?:\\(?P<dotless1>[ij])\s*)?(?P<braced>[A-Za-z]?)\s*\}|\\(?P<dotless2>[ij])\b"
    r"|(?P<bare>[A-Za-z]))\}?")
_TEX_LETTERS = {"ss": "ß", "o": "ø", "O": "Ø", "aa": "å", "AA": "Å", "ae": "æ", "AE": "Æ",
                "oe": "œ", "OE": "Œ", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ"}
_TEX_LETTER = re.compile(r"\{?\\(ss|o|O|aa|AA|ae|AE|oe|OE|l|L|i|j)(?![A-Za-z])\s*\}?(?:\{\})?")


def _accent(match: re.Match[str]) -> str:
    mark = _ACCENTS[match.group("sym") or match.group("word")]
    letter = (match.group("braced") or match.group("bare") or "")
    dotless = match.group("dotless1") or match.group("dotless2")
    if dotless:
        letter = dotless  # \'{\i}: the accent sits where the dot was
    return unicodedata.normalize("NFC", letter + mark) if letter else ""


def tex_accents(text: str) -> str:
    """Names with TeX accents as Unicode; text without a backslash as it is."""
    if "\\" not in text:
        return text
    text = _TEX_ACCENT.sub(_accent, text)
    text = _TEX_LETTER.sub(lambda m: _TEX_LETTERS[m.group(1)], text)
    return text.replace("{", "").replace("}", "") if "\\" not in text else text


_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}


def split_names(text: str) -> tuple[str, ...]:
    """"A, B and C" or "A, B, and C" as names (arXiv listings), each without the bracketed
    affiliations the listing adds ("A (MIT)", "B (1 and 2) ((1) MIT, (2) CMU)") and with TeX
    accents as letters. Commas inside brackets do not split."""
    names: list[str] = []
    depth = at = 0
    kept: list[str] = []  # the current name, brackets left out
    while at < len(text):
        char = text[at]
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0 and (char == "," or text.startswith(" and ", at)):
            names.append("".join(kept))
            kept = []
            at += 1 if char == "," else 5
            continue
        elif depth == 0:
            kept.append(char)
        at += 1
    names.append("".join(kept))
    cleaned = (clean_line(tex_accents(name)).removeprefix("and ").strip() for name in names)
    found: list[str] = []
    for name in cleaned:
        if found and name.lower().rstrip(".") in _SUFFIXES:
            found[-1] = f"{found[-1]} {name}"  # "A. Smith, Jr.": one author
        elif name:
            found.append(name)
    return tuple(found)
