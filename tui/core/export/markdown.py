"""Markdown reading list: a checklist that renders every title and note literally.

All ASCII punctuation in user text is backslash-escaped (always a valid CommonMark escape),
so titles and notes never turn into links, emphasis, headings, HTML or code.
"""

from __future__ import annotations

import re
import string
from datetime import date

from tui.core.export.fields import Items, note_lines, one_line, safe_url

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
STAR = "★"


def escape(text: str) -> str:
    return _PUNCTUATION.sub(r"\\\1", text)


def _item(paper, state) -> list[str]:
    check = "[x]" if state.read else "[ ]"
    # Bold, so a title that itself starts with "★" cannot pass for the marker (or hide it).
    star = f" **{STAR}**" if state.starred else ""
    title = escape(one_line(paper.title))
    if paper.links:
        title = f"[{title}](<{safe_url(paper.links[0].url)}>)"
    extra = []
    if state.tags:
        extra.append("  tags: " + escape(one_line(", ".join(state.tags))))
    notes = note_lines(state.notes)
    lines = [f"- {check}{star} {title}" + ("\\" if extra else "")]
    lines += extra
    for i, line in enumerate(notes):
        body = escape(line.strip())
        follows = i + 1 < len(notes) and notes[i + 1].strip()
        # A trailing backslash is a hard line break: note lines stay lines.
        lines.append(f"  > {body}\\" if body and follows else f"  > {body}".rstrip())
    return lines


def render(items: Items, *, query: str, today: date) -> str:
    scope = f"query: {escape(one_line(query))}" if query.strip() else "all papers"
    out = [f"# Reading list — {today.isoformat()} — {scope}", ""]
    if not items:
        out.append("No papers match.")
    else:
        out.append(f"{len(items)} paper{'s' if len(items) != 1 else ''}.")
        out.append("")
        for paper, state in items:
            out += _item(paper, state)
    return "\n".join(out) + "\n"
