"""RIS for Zotero, EndNote and Mendeley: `TAG  - value` lines, CRLF, `ER  - ` ends a record.

Titles and abstracts are written on one line. Notes keep their lines as continuation lines of
a single N1 (one Zotero note); a continuation line that would read as a tag gets a leading
space, which every reader strips. Readers strip each line, so note lines lose their indentation.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.export.fields import (
    Items,
    citation_keys,
    note_lines,
    one_line,
    safe_url,
    year_month_day,
)

_LOOKS_LIKE_TAG = re.compile(r"^[A-Za-z][A-Za-z0-9] {1,2}-")
EOL = "\r\n"


def _record(key: str, paper, state) -> list[str]:
    lines = ["TY  - GEN", f"ID  - {key}", f"TI  - {one_line(paper.title)}"]
    lines += [f"UR  - {safe_url(link.url)}" for link in paper.links]
    if paper.abstract.strip():
        lines.append(f"AB  - {one_line(paper.abstract)}")
    ymd = year_month_day(paper)
    if ymd:
        year, month, day = ymd
        lines += [f"PY  - {year}", f"DA  - {year:04d}/{month:02d}/{day:02d}/"]
    lines += [f"KW  - {one_line(tag)}" for tag in state.tags if one_line(tag)]
    notes = [line.strip() for line in note_lines(state.notes)]
    if any(notes):
        first, *rest = notes
        lines.append(f"N1  - {first}")
        lines += [" " + line if _LOOKS_LIKE_TAG.match(line) else line for line in rest]
    lines.append("ER  - ")
    return lines


def render(items: Items, *, query: str, today: date) -> str:
    keys = citation_keys(items)
    lines: list[str] = []
    for key, (paper, state) in zip(keys, items, strict=True):
        lines += _record(key, paper, state)
        lines.append("")
    return EOL.join(lines)
