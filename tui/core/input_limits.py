"""Reading files from outside with limits: a hostile or huge input is refused from its first
megabytes, while it streams in, never after it has been read whole (or parsed).

Digests: binary, HTML, a paragraph or line past MAX_BLOCK_BYTES (in text; a JSON or XML
document is one long line), or a file past MAX_DIGEST_BYTES is a DigestError. State exports:
past MAX_STATE_BYTES, or a big file that does not start as a JSON object, is an InputError.
Both exit 3.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tui.core.digest_kind import DOCUMENTS, HTML, sniff
from tui.core.errors import DigestError, InputError

MB = 1 << 20
CHUNK = MB
# A year of daily digests (100,000 papers) is ~170 MB; state.json at 200,000 records ~72 MB.
MAX_DIGEST_BYTES = 256 * MB
MAX_STATE_BYTES = 256 * MB
# The parser skips paragraphs past 100,000 characters (<= 400 KB of UTF-8) with a warning;
# a run of text 10x that without a blank line is no digest at all.
MAX_BLOCK_BYTES = 4 * MB
SNIFF_FROM = MB  # smaller state files keep the JSON parser's own, more precise message

BINARY_BYTES = bytes([*range(0, 7), *range(14, 27), *range(28, 32)])
HTML_START = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<\?xml)", re.IGNORECASE)
# A blank line, for LF, CRLF and CR-only files alike.
_BLANK_LINE = re.compile(rb"\n[ \t\r\f\v]*\n|\r[ \t\f\v]*\r")
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_MESSAGE = "binary file: not a text digest"
HTML_MESSAGE = "HTML page: save the digest page as plain text, then import that"


def looks_binary(sample: bytes) -> bool:
    """Binary: NULs or other non-text control bytes beyond what a damaged text file has."""
    if not sample:
        return False
    odd = len(sample) - len(sample.translate(None, BINARY_BYTES))
    return sample.count(0) > len(sample) // 100 or odd > len(sample) // 20


def _size(path: Path, error: type[InputError], limit: int, what: str) -> None:
    try:
        size = path.stat().st_size
    except OSError:
        return  # the read below says why
    if size > limit:
        raise error(f"{path}: {size / MB:,.0f} MB is too large for {what} (at most "
                    f"{limit // MB} MB); nothing was read")


class _BlockMeter:
    """The longest run of bytes between blank lines, fed chunk by chunk."""

    def __init__(self) -> None:
        self.run = 0  # bytes since the end of the last blank line
        self.tail = b""  # the bytes after the last blank line, so one split by a chunk counts
        self.longest = 0

    def feed(self, chunk: bytes) -> None:
        data = self.tail + chunk
        before = self.run - len(self.tail)  # bytes of the current block before `data`
        last_end = 0
        for match in _BLANK_LINE.finditer(data):
            self.longest = max(self.longest, before + match.start() - last_end)
            before, last_end = 0, match.end()
        self.run = before + len(data) - last_end
        self.longest = max(self.longest, self.run)
        self.tail = data[max(last_end, len(data) - 64):]


def digest_chunks(path: Path) -> Iterator[bytes]:
    """A digest file's bytes in chunks, refused (DigestError) as soon as it cannot be a digest:
    the parser reads them as they come, so a hostile file is never read whole first."""
    _size(path, DigestError, MAX_DIGEST_BYTES, "a digest")
    meter = _BlockMeter()
    total = 0
    utf16 = document = False
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(CHUNK):
                if not total:
                    document = _sniff_digest(path, chunk)
                total += len(chunk)
                if total > MAX_DIGEST_BYTES:  # it grew while we read it
                    raise DigestError(f"{path}: too large for a digest (at most "
                                      f"{MAX_DIGEST_BYTES // MB} MB)")
                if not utf16:  # after its first chunk, UTF-16 is left to the parser's decoder
                    if looks_binary(chunk):
                        raise DigestError(f"{path}: {BINARY_MESSAGE}")
                    if not document:
                        meter.feed(chunk)
                    if meter.longest > MAX_BLOCK_BYTES:
                        raise DigestError(
                            f"{path}: over {MAX_BLOCK_BYTES // MB} MB of text without a blank "
                            "line (digests are short paragraphs): not a digest")
                    utf16 = total == len(chunk) and chunk[:2] in _UTF16_BOMS
                yield chunk
    except PermissionError as exc:
        raise DigestError(f"{path}: permission denied") from exc
    except OSError as exc:
        raise DigestError(f"{path}: cannot read ({exc.strerror or exc})") from exc


def read_digest(path: Path) -> bytes:
    """A digest file's bytes, whole (checked as digest_chunks does)."""
    return b"".join(digest_chunks(path))


class DigestFile:
    """A digest file, read in checked chunks as often as needed (a parse, then the kept copy),
    never held whole: its size and SHA-256 are those of the last pass read to the end."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sha = ""
        self.size = 0

    def chunks(self) -> Iterator[bytes]:
        digest = hashlib.sha256()
        size = 0
        for chunk in digest_chunks(self.path):
            digest.update(chunk)
            size += len(chunk)
            yield chunk
        self.sha, self.size = digest.hexdigest(), size

    def copy_chunks(self) -> Iterator[bytes]:
        """The bytes again, for the kept copy: a file changed since it was parsed is refused
        (raised at its end, so the copy being written is dropped)."""
        # Only the hash is checked again: bytes equal to the ones parsed passed every check.
        digest = hashlib.sha256()
        size = 0
        try:
            with self.path.open("rb") as handle:
                while size <= self.size and (chunk := handle.read(CHUNK)):
                    digest.update(chunk)
                    size += len(chunk)
                    yield chunk
        except OSError as exc:
            raise DigestError(f"{self.path}: cannot read ({exc.strerror or exc})") from exc
        if size != self.size or digest.hexdigest() != self.sha:
            raise DigestError(f"{self.path}: changed while it was being imported; "
                              "nothing imported, try again")


def _sniff_digest(path: Path, first: bytes) -> bool:
    """Refuses an HTML page; says whether the digest is one document (JSON, XML: a single
    long line is how they come, not a sign of something else)."""
    kind = sniff(first)
    if kind == HTML:
        raise DigestError(f"{path}: {HTML_MESSAGE}")
    return kind in DOCUMENTS


def read_state_input(path: Path) -> bytes:
    """A state export's bytes from a file; huge or plainly non-JSON input is refused early."""
    _size(path, InputError, MAX_STATE_BYTES, "a state export")
    try:
        with path.open("rb") as handle:
            return read_state_stream(handle, str(path))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_state_stream(stream: BinaryIO, name: str) -> bytes:
    """A state export read from a stream (a file or stdin) up to MAX_STATE_BYTES."""
    chunks: list[bytes] = []
    total = 0
    sniffed = False
    while chunk := stream.read(CHUNK):
        total += len(chunk)
        if total > MAX_STATE_BYTES:
            raise InputError(f"{name}: too large for a state export (at most "
                             f"{MAX_STATE_BYTES // MB} MB); nothing changed")
        chunks.append(chunk)
        if not sniffed and total >= SNIFF_FROM:
            sniffed = True
            _sniff_state(name, b"".join(chunks)[:SNIFF_FROM])
    return b"".join(chunks)


def _sniff_state(name: str, start: bytes) -> None:
    """Once a megabyte has come in: a state export starts as a JSON object."""
    if not start.lstrip(b" \t\r\n").startswith(b"{"):
        raise InputError(f"{name} is not a paperdeck state export: it does not start as a "
                         "JSON object; nothing changed")
