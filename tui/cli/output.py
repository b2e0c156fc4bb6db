"""Printing papers for people (a table sized to the terminal) and for pipes (json, tsv)."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from typing import Any, TextIO

from tui.core.text import collapse_whitespace, sanitize


def safe_message(text: str) -> str:
    """A message for stderr on one line: file names and queries in it may hold any bytes."""
    return " ".join(sanitize(text).splitlines())


def _one_line(text: str) -> str:
    return collapse_whitespace(text.replace("\t", " "))


def print_json(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    from tui.core.export.json_format import dumps  # not at start-up: the TUI never needs it

    out.write(dumps(list(records)))  # as the json export: C1 controls \u-escaped


def print_tsv(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    out.write("id\tdate\tread\tstarred\ttitle\turl\n")
    for rec in records:
        url = rec["links"][0]["url"] if rec["links"] else ""
        date = rec["digest_dates"][-1] if rec["digest_dates"] else ""
        row = [rec["id"], date, "1" if rec["read"] else "0", "1" if rec["starred"] else "0",
               _one_line(rec["title"]), url]
        out.write("\t".join(row) + "\n")


def print_table(records: Sequence[dict[str, Any]], out: TextIO) -> None:
    """id, marks (`*` starred, `•` unread), date, title. Titles are cut to the terminal's width
    only on a terminal: piped into grep or a file, every title is whole."""
    from rich.cells import cell_len, set_cell_size

    width = shutil.get_terminal_size((100, 24)).columns if out.isatty() else None
    for rec in records:
        marks = ("*" if rec["starred"] else " ") + (" " if rec["read"] else "•")
        date = rec["digest_dates"][-1] if rec["digest_dates"] else "          "
        head = f"{rec['id']}  {marks} {date}  "
        title = _one_line(rec["title"])
        if width is not None:
            room = max(10, width - len(head))
            if cell_len(title) > room:  # wide (CJK) characters take two cells
                title = set_cell_size(title, room - 1) + "…"
        out.write(head + title + "\n")
