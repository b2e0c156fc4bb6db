"""Printing papers for people (a table sized to the terminal) and for pipes (json, tsv)."""

from __future__ import annotations

import codecs
import contextlib
import os
import shutil
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

from tui.core.errors import WriteError
from tui.core.text import collapse_whitespace, sanitize

_T = TypeVar("_T")


ESCAPE_UNENCODABLE = "paperdeck-json-escape"


def _json_escape(exc: UnicodeError) -> tuple[str, int]:
    """A character stdout's encoding lacks (PYTHONIOENCODING=ascii, a C locale) as \\uXXXX:
    inside json that is the same string, so json stays valid; in a table it stays legible."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    escaped = []
    for char in exc.object[exc.start:exc.end]:
        code = ord(char)
        if code > 0xFFFF:  # as json writes it: a UTF-16 surrogate pair
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), exc.end


codecs.register_error(ESCAPE_UNENCODABLE, _json_escape)


class GuardedOutput:
    """stdout for a command's results: a write that fails (disk full, stdout closed) is a
    WriteError (exit 6, one line) instead of a traceback. A reader that left early
    (BrokenPipeError) is passed on: main ends quietly on it. Characters stdout's encoding
    cannot hold are escaped, not a failure: the output goes on."""

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        with contextlib.suppress(AttributeError, ValueError, OSError):  # not a TextIOWrapper
            stream.reconfigure(errors=ESCAPE_UNENCODABLE)  # type: ignore[union-attr]

    def write(self, text: str) -> int:
        try:
            return self._guard(lambda stream: stream.write(text))
        except UnicodeEncodeError:  # a stream that could not be reconfigured: escape here
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            escaped = text.encode(encoding, ESCAPE_UNENCODABLE).decode(encoding)
            return self._guard(lambda stream: stream.write(escaped))

    def flush(self) -> None:
        self._guard(lambda stream: stream.flush())

    def utf8(self) -> GuardedOutput:
        """For an export document, a file format: UTF-8 like the files `-o` writes, whatever
        stdout's encoding (escaped as for a table, a csv or bibtex would hold other data)."""
        encoding = (getattr(self._stream, "encoding", None) or "").lower().replace("-", "")
        if encoding == "utf8" or not hasattr(self._stream, "buffer"):
            return self
        return GuardedOutput(_Utf8Bytes(self._stream))  # type: ignore[arg-type]

    def isatty(self) -> bool:
        try:
            return self._stream is not None and self._stream.isatty()
        except (OSError, ValueError):
            return False

    def _guard(self, call: Callable[[TextIO], _T]) -> _T:
        if self._stream is None:
            raise WriteError("cannot write the output: stdout is closed")
        try:
            return call(self._stream)
        except (BrokenPipeError, UnicodeEncodeError):  # not a failure of stdout: see write()
            raise
        except (OSError, ValueError) as exc:
            self._drop_unwritten()
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise WriteError(f"cannot write the output to stdout: {reason}") from None

    def _drop_unwritten(self) -> None:
        # What failed stays buffered and Python's exit would try again, printing its own
        # "Exception ignored" report: point the descriptor at /dev/null first.
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())  # type: ignore[union-attr]
            os.close(devnull)


class _Utf8Bytes:
    """A text stream written to as UTF-8 bytes underneath its own encoding."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.flush()  # what was written as text first stays first
        return self._stream.buffer.write(text.encode("utf-8"))

    def flush(self) -> None:
        self._stream.flush()
        self._stream.buffer.flush()

    def isatty(self) -> bool:
        return self._stream.isatty()

    def fileno(self) -> int:
        return self._stream.fileno()


def safe_message(text: str) -> str:
    """A message for stderr on one line: file names and queries in it may hold any bytes."""
    return " ".join(sanitize(text).splitlines())


def _one_line(text: str) -> str:
    return collapse_whitespace(text.replace("\t", " "))


def print_json(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    from tui.core.export.json_format import dumps  # not at start-up: the TUI never needs it

    out.write(dumps(list(records)))  # as the json export: C1 controls \u-escaped


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"})
NOTES_MARK = "✎"


def tsv_field(text: str) -> str:
    """Multi-line text (notes) in one tsv cell, so a row stays one line: newline, tab, CR and
    backslash as \\n \\t \\r \\\\ (the escapes of PostgreSQL's COPY text format)."""
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    return sanitize(text).translate(_TSV_ESCAPES)


def _tags(rec: dict[str, Any]) -> str:
    return _one_line(sanitize(",".join(rec["tags"])))


def _first_note_line(rec: dict[str, Any]) -> str:
    lines = [line for line in sanitize(rec["notes"]).splitlines() if line.strip()]
    return _one_line(lines[0]) if lines else ""


def first_author(rec: dict[str, Any]) -> str:
    """The first author as one terminal-safe line; "" when no source named any."""
    return _one_line(sanitize(rec["authors"][0])) if rec["authors"] else ""


def print_tsv(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    # New columns come last, so scripts reading the first ones by position still work.
    out.write("id\tdate\tread\tstarred\ttitle\turl\ttags\tnotes\tfirst author\n")
    for rec in records:
        url = rec["links"][0]["url"] if rec["links"] else ""
        date = rec["digest_dates"][-1] if rec["digest_dates"] else ""
        row = [rec["id"], date, "1" if rec["read"] else "0", "1" if rec["starred"] else "0",
               _one_line(rec["title"]), url, _tags(rec), tsv_field(rec["notes"]),
               first_author(rec)]
        out.write("\t".join(row) + "\n")


def print_table(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    """id, marks (`*` starred, `•` unread), date, title, ` — ` first author, then `[tags]` and
    `✎` with the notes' first line. Cut to the terminal's width only on a terminal (the title
    keeps at least 10 cells, the note line gets what is left): piped into grep or a file, every
    row is whole."""
    from rich.cells import cell_len, set_cell_size

    def cut(text: str, room: int) -> str:  # wide (CJK) characters take two cells
        return text if cell_len(text) <= room else set_cell_size(text, max(0, room - 1)) + "…"

    width = shutil.get_terminal_size((100, 24)).columns if out.isatty() else None
    for rec in records:
        marks = ("*" if rec["starred"] else " ") + (" " if rec["read"] else "•")
        date = rec["digest_dates"][-1] if rec["digest_dates"] else "          "
        head = f"{rec['id']}  {marks} {date}  "
        title = _one_line(rec["title"])
        author = first_author(rec)
        author = f" — {author}" if author else ""
        tags = f"  [{_one_line(sanitize(', '.join(rec['tags'])))}]" if rec["tags"] else ""
        note = _first_note_line(rec) if rec["notes"].strip() else None
        mark = f"  {NOTES_MARK}" if note is not None else ""
        if width is not None:
            room = max(10, width - len(head))
            tags = cut(tags, max(0, room // 3))
            author = cut(author, room // 4) if room // 4 >= 8 else ""
            title = cut(title, max(10, room - cell_len(author) - cell_len(tags) - cell_len(mark)))
            left = room - cell_len(title) - cell_len(author) - cell_len(tags) - cell_len(mark) - 1
            note = cut(note, left) if note and left >= 4 else ""
        body = title + author + tags + mark + (f" {note}" if note else "")
        out.write(head + body + "\n")
