"""The library cache's abstracts: one file of UTF-8 texts, each read when asked for.

At 100,000 papers the abstracts are ~165 MB, 90% of the cache. Loading them all made opening
the library (and so every start of the app) slow; mapped, they cost nothing until a
paper is shown, searched without the index, or exported.

File layout: MAGIC, the token that ties it to one papers.pickle, a newline, then the texts
back to back; their byte offsets are kept in papers.pickle.
"""

from __future__ import annotations

import contextlib
import mmap
import secrets
from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path

from tui.core.atomic import atomic_write_bytes

MAGIC = b"paperdeck abstracts 1\n"


class StaleAbstracts(Exception):
    """The abstracts file is missing or belongs to another cache: rebuild."""


def write_abstracts(path: Path, texts: Iterable[str]) -> dict:
    """Write the texts; returns what AbstractFile needs to read them back (for the pickle)."""
    token = secrets.token_hex(16)
    offsets = array("q", [0])

    def chunks() -> Iterator[bytes]:  # streamed: the whole file at once doubled the peak
        yield MAGIC + token.encode() + b"\n"
        total = 0
        for text in texts:
            data = text.encode("utf-8")
            total += len(data)
            offsets.append(total)
            yield data

    atomic_write_bytes(path, chunks())
    return {"token": token, "offsets": offsets.tobytes()}


class AbstractFile:
    """Texts of a file written by write_abstracts, mapped read-only.

    Opened (and checked) when the library opens: a later import replaces the file by rename,
    and this mapping keeps reading the file it was checked against."""

    def __init__(self, path: Path, saved: dict) -> None:
        offsets = array("q")
        offsets.frombytes(saved["offsets"])
        header = MAGIC + saved["token"].encode() + b"\n"
        try:
            with open(path, "rb") as handle:
                self._map = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:
            raise StaleAbstracts(str(exc)) from exc
        if self._map[: len(header)] != header or len(self._map) != len(header) + offsets[-1]:
            raise StaleAbstracts(f"{path} does not match the papers cache")
        self._start = len(header)
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def drop_pages(self) -> None:
        """Unmap the pages read so far from this process; the system's file cache keeps them
        and a later read maps them again. The text read is the same either way."""
        with contextlib.suppress(AttributeError, OSError, ValueError):  # no madvise here
            self._map.madvise(mmap.MADV_DONTNEED)

    def size(self, number: int) -> int:
        """Bytes of text number `number` (0: an empty abstract)."""
        return self._offsets[number + 1] - self._offsets[number]

    def text(self, number: int) -> str:
        start = self._start
        return self._map[start + self._offsets[number]:start + self._offsets[number + 1]
                         ].decode("utf-8")
