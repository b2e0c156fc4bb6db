"""A digest's bytes as lines of clean text: decoded as they stream in, line ends made LF,
control characters and escape sequences removed.

The parser (parser.py) reads what comes out of here; nothing here knows what a paper is.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable, Iterable, Iterator

from tui.core.input_limits import HTML_MESSAGE, HTML_START
from tui.core.text import sanitize

ChunkSource = Callable[[], Iterable[bytes]]  # each call: a new pass over the digest's bytes


class NotText(Exception):
    """The digest holds no text: empty, binary, HTML (its message names which)."""


class Undecodable(Exception):
    """The bytes are not in the codec tried; `line` is where the first bad byte is."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def decoded(open_chunks: ChunkSource, codec: str, done: list[int]) -> Iterator[str]:
    """The digest's text, piece by piece; Undecodable at the first byte the codec refuses.
    `done[0]` follows the bytes decoded so far (for the progress bar)."""
    decoder = codecs.getincrementaldecoder(codec)()
    offset = newlines = 0  # bytes and LF bytes before the current chunk
    chunk = b""
    bom = codec == "utf-8"  # as utf-8-sig: a BOM first is dropped (its decoder shifts offsets)
    try:
        for chunk in open_chunks():
            buffered = len(decoder.getstate()[0])
            text = decoder.decode(chunk)
            if bom and text:
                text, bom = text.removeprefix("\ufeff"), False
            yield text
            offset += len(chunk)
            newlines += chunk.count(b"\n")
            done[0] = offset
        chunk, buffered = b"", len(decoder.getstate()[0])
        yield decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        # The bytes held back from the previous chunk are an unfinished sequence: no LF.
        within = max(0, exc.start - buffered)
        raise Undecodable(newlines + chunk.count(b"\n", 0, within) + 1) from None


def checked_text(pieces: Iterable[str]) -> Iterator[str]:
    """The pieces, refused as they come when the text is HTML; at the end, when it held only
    whitespace."""
    seen_text = False
    for piece in pieces:
        if not seen_text and piece.strip():
            seen_text = True
            if HTML_START.match(piece):
                raise NotText(HTML_MESSAGE)
        yield piece
    if not seen_text:
        raise NotText("empty file: no digest text in it")


def line_pieces(texts: Iterable[str]) -> Iterator[str]:
    """Decoded pieces re-cut after their last newline, CRLF and CR turned into LF; a line
    longer than a piece is joined once, not copied at every piece."""
    pending: list[str] = []  # text after the last newline, in parts
    held_cr = False  # a piece ended with CR: it may be half of a CRLF
    for piece in texts:
        if held_cr:
            piece, held_cr = "\r" + piece, False
        if piece.endswith("\r"):
            piece, held_cr = piece[:-1], True
        if "\r" in piece:
            piece = piece.replace("\r\n", "\n").replace("\r", "\n")
        cut = piece.rfind("\n") + 1
        if not cut:
            pending.append(piece)
            continue
        pending.append(piece[:cut])
        yield "".join(pending)
        pending = [piece[cut:]]
    if held_cr:
        pending.append("\n")
    if tail := "".join(pending):
        yield tail


# Every match of sanitize()'s patterns starts with one of these characters.
_NEEDS_SANITIZE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\n"


def segment_lines(text: str) -> tuple[list[str], bool]:
    """A piece of the digest (whole lines, newlines normalised) sanitize()d and split into lines,
    skipping the regex passes on clean text.

    Run on every line, the substitutions would dominate the parse even when they change
    nothing; a printable line (or a text without any character sanitize() removes) needs none.
    Also says whether every line is printable (then no line holds whitespace but spaces).
    Lines are cleaned one by one: an escape before a newline removes the escape, not the
    newline (which would have joined two paragraphs).
    """
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()  # the next piece starts the next line
    if text.isascii():  # one C pass over the bytes instead of isprintable() per line
        printable = not text.encode("ascii").translate(None, _PRINTABLE_ASCII)
    else:
        printable = all(map(str.isprintable, lines))
    if printable or not _NEEDS_SANITIZE.search(text):
        return lines, printable
    return [sanitize(line) if _NEEDS_SANITIZE.search(line) else line for line in lines], False
