"""Text clean-up and values shared by the exporters (no format syntax here)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from urllib.parse import quote

from tui.core.model import Paper, PaperState
from tui.core.text import CONTROL_CHARS, replace_surrogates

Items = Sequence[tuple[Paper, PaperState]]

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
    iso = first_date(paper)
    try:
        year, month, day = (int(part) for part in iso[:10].split("-"))
    except ValueError:
        return None
    return year, month, day


_NOT_KEY_CHAR = re.compile(r"[^a-z0-9]")
_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from", "is", "are"}


def _key_word(title: str) -> str:
    ascii_title = title
    if not title.isascii():
        ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9]+", ascii_title)]
    for word in words:
        if word not in _STOPWORDS and word[0].isalpha():
            return word[:20]
    return "paper"


def citation_keys(items: Items) -> list[str]:
    """Readable keys `firstword` + year + id prefix, e.g. `dspy2026a1b2`.

    The id prefix grows (4, 6, 8... characters) only where two exported papers would
    otherwise share a key, so a paper's key stays the same from one export to the next.
    """
    stems = []
    for paper, _state in items:
        ymd = year_month_day(paper)
        year = str(ymd[0]) if ymd else ""
        ident = _NOT_KEY_CHAR.sub("", paper.id.lower()) or "0"
        stems.append((_key_word(paper.title) + year, ident))
    keys: list[str] = [""] * len(stems)
    pending = list(range(len(stems)))
    width = 4
    while pending:
        candidates = {i: stems[i][0] + stems[i][1][:width] for i in pending}
        counts: dict[str, int] = {}
        for key in candidates.values():
            counts[key] = counts.get(key, 0) + 1
        longest = max(len(stems[i][1]) for i in pending)
        still = []
        for i, key in candidates.items():
            if counts[key] == 1 or width >= longest:
                keys[i] = key
            else:
                still.append(i)
        pending = still
        width += 2
    # Identical ids (never expected) would still clash: number them.
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            seen[key] += 1
            keys[i] = f"{key}x{seen[key]}"
        else:
            seen[key] = 0
    return keys
