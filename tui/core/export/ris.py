"""RIS for Zotero, EndNote and Mendeley: `TAG  - value` lines, CRLF, `ER  - ` ends a record.

Authors are `AU  - Family, Given` (`Family, Given, Jr.`), one line each, split by names.py; the
arXiv abstract page comes first among the URLs. Titles and abstracts are written on one line.
Notes keep their lines as continuation lines of a single N1 (one Zotero note); a continuation
line that would read as a tag gets a leading space, which every reader strips. Readers strip
each line, so note lines lose their indentation.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.export.fields import (
    Items,
    Library,
    issued,
    note_lines,
    one_line,
    safe_url,
    urls,
)
from tui.core.export.keys import citation_keys
from tui.core.export.names import split_name
from tui.core.model import Paper

_LOOKS_LIKE_TAG = re.compile(r"^[A-Za-z][A-Za-z0-9] {1,2}-")
EOL = "\r\n"


def _record(key: str, paper: Paper, state) -> list[str]:
    lines = ["TY  - GEN", f"ID  - {key}", f"TI  - {one_line(paper.title)}"]
    for author in paper.authors:
        name = split_name(one_line(author)).family_first()
        if name:
            lines.append(f"AU  - {name}")
    lines += [f"UR  - {safe_url(url)}" for url in urls(paper)]
    doi = one_line(paper.meta.doi) if paper.meta is not None else ""
    if doi:
        lines.append(f"DO  - {doi}")
    if paper.abstract.strip():
        lines.append(f"AB  - {one_line(paper.abstract)}")
    ymd = issued(paper)
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


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    keys = citation_keys(items, library)
    lines: list[str] = []
    for key, (paper, state) in zip(keys, items, strict=True):
        lines += _record(key, paper, state)
        lines.append("")
    return EOL.join(lines)
