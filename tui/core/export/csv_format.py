"""CSV (RFC 4180 via the csv module: CRLF rows, quotes doubled, multi-line cells quoted).

Spreadsheet formula injection: a cell that begins with `=`, `+`, `-`, `@`, tab or CR would be
run as a formula by Excel, LibreOffice or Sheets, so it gets a leading `'`. So that the prefix
can always be removed unambiguously, a cell that already begins with `'` gets one too:
`neutralise` undoes with "drop one leading `'`".

Authors are one cell, names as given joined by "; " (a name holding "; " itself does not split
back: the json export keeps them as a list).
"""

from __future__ import annotations

import csv
import io
from datetime import date

from tui.core.export.fields import Items, Library, arxiv_id, clean, first_date, one_line

COLUMNS = (
    "id",
    "title",
    "url",
    "links",
    "digest_date",
    "first_seen",
    "read",
    "starred",
    "tags",
    "notes",
    "abstract",
    # New columns go last: scripts reading the first ones by position keep working.
    "authors",
    "arxiv_id",
)
AUTHOR_SEPARATOR = "; "
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def neutralise(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _row(paper, state) -> list[str]:
    links = [link.url for link in paper.links]
    values = [
        paper.id,
        paper.title,
        links[0] if links else "",
        " ".join(links),
        first_date(paper),
        paper.first_seen,
        "true" if state.read else "false",
        "true" if state.starred else "false",
        " ".join(state.tags),
        state.notes,
        paper.abstract,
        AUTHOR_SEPARATOR.join(one_line(author) for author in paper.authors),
        arxiv_id(paper),
    ]
    return [neutralise(clean(value)) for value in values]


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel", lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for paper, state in items:
        writer.writerow(_row(paper, state))
    return buffer.getvalue()


BOM = "\ufeff"


def render_for_spreadsheets(items: Items, *, query: str, today: date,
                            library: Library = None) -> str:
    """The same CSV after a UTF-8 byte order mark: without it Excel reads the file in the
    system's legacy code page (`Ã©` for `é`). Not the default: pandas and `csv.DictReader`
    would take the mark for part of the first column's name."""
    return BOM + render(items, query=query, today=today, library=library)
