"""Folding text for search: case and accents do not matter ("TÜLU" finds "tulu", "Café" "cafe").

fold() is NFKD, combining marks dropped, then casefold: what the word index stores and what a
query is turned into, so both sides agree. It works character by character (no character's
folding depends on its neighbours), which is what lets highlighting map a match in the folded
title back onto the title's own characters (FoldedText).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Combining marks (categories Mn, Mc, Me) all lie below U+20000 or among the variation
# selectors supplement; scanning those ranges is a small fraction of scanning every code point.
_MARK_RANGES = (range(0x300, 0x20000), range(0xE0100, 0xE01F0))
_ASTRAL = "\U00010000"


def _char_class(codes: list[int]) -> str:
    spans: list[list[int]] = []
    for code in codes:
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)


@cache
def _mark_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Compiled the first time non-ASCII text is folded: (runs of BMP marks or of astral
    characters, runs of marks). re tests a class of BMP characters in a bitmap, but one with
    astral ranges range by range at every character (~300 for all marks): so the scan uses
    the first, and only astral runs (rare) meet the second."""
    marks = [code for block in _MARK_RANGES for code in block
             if unicodedata.category(chr(code))[0] == "M"]
    bmp = _char_class([code for code in marks if code < 0x10000])
    return (re.compile(f"[{bmp}{_ASTRAL}-\U0010ffff]+"), re.compile(f"[{_char_class(marks)}]+"))


def _drop_marks(run: re.Match[str]) -> str:
    text = run.group()
    if max(text) < _ASTRAL:  # BMP marks only
        return ""
    return _mark_patterns()[1].sub("", text)


def fold(text: str) -> str:
    """The text as search compares it: NFKD, combining marks dropped, case folded."""
    if text.isascii():  # NFKD leaves ASCII alone and it has no marks: lower() is casefold
        return text.lower()
    if not unicodedata.is_normalized("NFKD", text):  # a dash or quotes alone: no copy
        text = unicodedata.normalize("NFKD", text)
    return _mark_patterns()[0].sub(_drop_marks, text).casefold()


class FoldedText:
    """A text's folded form and where each folded character came from in the text."""

    __slots__ = ("_ends", "_starts", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        if text.isascii():  # one folded character per character: no map needed
            self.folded = text.lower()
            self._starts: list[int] | None = None
            self._ends: list[int] = []
            return
        starts: list[int] = []
        pieces = [fold(char) for char in text]
        for position, piece in enumerate(pieces):
            starts.extend([position] * len(piece))
        # A folded character ends where the next character that folds to something starts:
        # a match ending on "U" of "U\u0308" takes its mark along.
        next_start = len(text)
        after = [0] * len(text)
        for position in range(len(text) - 1, -1, -1):
            after[position] = next_start
            if pieces[position]:
                next_start = position
        self.folded = "".join(pieces)
        self._starts = starts
        self._ends = [after[position] for position in starts]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The [start, end) of the text that the folded [start, end) (end > start) came from."""
        if self._starts is None:
            return start, end
        return self._starts[start], self._ends[end - 1]

