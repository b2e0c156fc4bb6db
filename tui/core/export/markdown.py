"""Markdown reading list: a checklist that renders every title and note literally.

User text is escaped only where Markdown would read it as markup (CommonMark, GitHub, pandoc),
so `Qwen2.5` and `TinyHelen's` stay as typed and the file stays easy to read and edit. Under
each title: its first authors (`et al.` past three), its tags, its notes as a quote.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.export.fields import Items, Library, main_url, note_lines, one_line, safe_url

STAR = "★"
AUTHORS_SHOWN = 3

# Markup wherever it stands: escapes, emphasis, code, links, HTML and autolinks, GFM tables and
# strikethrough, pandoc's super/subscript and GitHub's $math$.
_ALWAYS = re.compile(r"[\\*`\[\]<|~^$]")
# `_` inside a word (snake_case) opens no emphasis; elsewhere it may.
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")
# An entity reference (`&amp;`, `&#38;`) would be decoded.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# At the start of a line: a heading, quote, list item, setext underline or pandoc definition.
_LINE_START = re.compile(r"^(?:#{1,6}(?=\s|$)|>|[-+:](?=\s|$)|(?=(?:-+|=+)\s*$))")
# An ordered item: `1.`, `2)`, and pandoc's `a.`, `(iv)`, `#.`, `(@)`; its `.` or `)` is escaped.
_ORDERED = re.compile(r"^(\(?(?:\d{1,9}|[A-Za-z]|[ivxlcdmIVXLCDM]+|#|@[\w-]*))([.)])(?=\s|$)")


def escape(text: str, *, line_start: bool = False) -> str:
    """`text` escaped to read back literally; `line_start` when it begins a Markdown line."""
    text = _ALWAYS.sub(r"\\\g<0>", text)
    text = _UNDERSCORE.sub(r"\\_", text)
    text = _ENTITY.sub(r"\\&", text)
    if line_start:
        text = _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\g<0>", text, count=1))
    return text


def _heading_text(text: str) -> str:
    # A trailing " #" run would be taken for the heading's closing sequence and dropped.
    return re.sub(r"(^|\s)(#+)$", r"\1\\\2", escape(text))


def author_line(authors: tuple[str, ...]) -> str:
    """"Ada Lovelace, Charles Babbage, Alan Turing et al.": the first names, as given."""
    names: list[str] = []
    for author in authors:  # only as far as the line goes: a paper may have 5,000
        name = one_line(author)
        if name:
            names.append(name)
            if len(names) > AUTHORS_SHOWN:
                break
    shown = ", ".join(names[:AUTHORS_SHOWN])
    return shown + " et al." if len(names) > AUTHORS_SHOWN else shown


def _item(paper, state) -> list[str]:
    check = "[x]" if state.read else "[ ]"
    # Bold, so a title that itself starts with "★" cannot pass for the marker (or hide it).
    star = f" **{STAR}**" if state.starred else ""
    title = escape(one_line(paper.title))
    url = main_url(paper)
    if url:
        title = f"[{title}](<{safe_url(url)}>)"
    extra = []
    authors = author_line(paper.authors)
    if authors:
        extra.append("  " + escape(authors, line_start=True))
    if state.tags:
        extra.append("  tags: " + escape(one_line(", ".join(state.tags))))
    notes = note_lines(state.notes)
    # A trailing backslash is a hard line break: each extra stays on its own line.
    lines = [f"- {check}{star} {title}" + ("\\" if extra else "")]
    lines += [line + "\\" for line in extra[:-1]] + extra[-1:]
    for i, line in enumerate(notes):
        body = escape(line.strip(), line_start=True)
        follows = i + 1 < len(notes) and notes[i + 1].strip()
        # A trailing backslash is a hard line break: note lines stay lines.
        lines.append(f"  > {body}\\" if body and follows else f"  > {body}".rstrip())
    return lines


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    scope = f"query: {_heading_text(one_line(query))}" if query.strip() else "all papers"
    out = [f"# Reading list — {today.isoformat()} — {scope}", ""]
    if not items:
        out.append("No papers match.")
    else:
        out.append(f"{len(items)} paper{'s' if len(items) != 1 else ''}.")
        out.append("")
        for paper, state in items:
            out += _item(paper, state)
    return "\n".join(out) + "\n"
