"""Outside text (digests, notes, tags) as inert display text: never markup, never escapes."""

from __future__ import annotations

from tui.core.text import CONTROL_CHARS


def clean(text: str, *, single_line: bool = False) -> str:
    """Remove control characters; with single_line, newlines and tabs become spaces."""
    text = CONTROL_CHARS.sub("", text)
    if single_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return text


TITLE_CHARS = 160  # a paper's title in a dialog: a few lines, leaving the dialog its room


def clip(text: str, limit: int) -> str:
    """At most `limit` characters, ending in "…" when cut (a dialog's title line)."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


SHORT_TITLE_CHARS = 40  # a paper named in a notice: a few words, the toast stays one line or two


def short_title(title: str) -> str:
    """A paper as messages name it: its title on one line, cut short, in quotes."""
    return f'"{clip(clean(title, single_line=True).strip(), SHORT_TITLE_CHARS)}"'
