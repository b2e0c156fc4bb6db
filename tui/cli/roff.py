"""The little Markdown the README uses, as man(7) roff: paragraphs, bullets, two-column
tables, `code`, **bold**, *italic* and [links](url). Tables become tagged paragraphs (.TP), so
the page needs no tbl preprocessor."""

from __future__ import annotations

import re

# `code`, **bold**, *italic*, [text](target): the spans the README writes.
_SPAN = re.compile(r"`([^`]+)`|\*\*(.+?)\*\*|\*([^*\s][^*]*?)\*|\[([^\]]+)\]\(([^)\s]+)\)")


def escape(text: str, *, literal: bool = False) -> str:
    """Text as roff reads it back: backslashes doubled, non-ASCII as \\[uXXXX] (groff reads
    its input as Latin-1 unless told otherwise), and '-' as a minus sign in literal text
    (code) and where it starts a word (an option in prose), so that a pasted option is still
    an ASCII hyphen."""
    out: list[str] = []
    before = " "
    for char in text:
        if char == "\\":
            out.append("\\e")
        elif char == "-" and (literal or not before.isalnum()):
            out.append("\\-")
        elif ord(char) > 0x7F:
            out.append(f"\\[u{ord(char):04X}]")
        else:
            out.append(char)
        before = char
    return "".join(out)


def inline(text: str) -> str:
    """One line of Markdown as roff text (no request: see `line`)."""
    out: list[str] = []
    last = 0
    for span in _SPAN.finditer(text):
        out.append(escape(text[last:span.start()]))
        code, bold, italic, link_text, target = span.groups()
        if code is not None:
            out.append(f"\\fB{escape(code, literal=True)}\\fR")
        elif bold is not None:
            out.append(f"\\fB{inline(bold)}\\fR")
        elif italic is not None:
            out.append(f"\\fI{inline(italic)}\\fR")
        else:
            out.append(f"{inline(link_text)} ({escape(target, literal=True)})")
        last = span.end()
    out.append(escape(text[last:]))
    return "".join(out)


def line(text: str) -> str:
    """A text line that roff cannot take for a request (a leading '.' or ')."""
    return f"\\&{text}" if text.startswith((".", "'")) else text


def cells(row: str) -> list[str]:
    """A table row's cells; a '|' inside `code` belongs to the code."""
    found: list[str] = []
    current: list[str] = []
    in_code = False
    for char in row.strip().strip("|"):
        if char == "`":
            in_code = not in_code
        if char == "|" and not in_code:
            found.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    found.append("".join(current).strip())
    return found


def markdown(text: str) -> list[str]:
    """Blocks of Markdown (no headings) as roff lines; fenced code as it is, unfilled."""
    lines: list[str] = []
    block: list[str] = []
    kind = ""

    def flush() -> None:
        nonlocal block, kind
        if kind == "table":
            for row in block[2:]:  # the header and the |---| line name the columns only
                tag, *rest = cells(row)
                lines.extend([".TP", line(inline(tag)), line(inline(" \u2014 ".join(rest)))])
        elif kind == "bullet":
            lines.extend([".IP \\(bu 2", *(line(inline(part)) for part in block)])
        elif kind == "code":  # a config example: its lines and blanks as written
            lines.extend([".PP", ".nf", *(line(escape(part, literal=True)) for part in block),
                          ".fi"])
        elif kind == "paragraph":
            lines.extend([".PP", *(line(inline(part)) for part in block)])
        block, kind = [], ""

    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("```"):
            opening = kind != "code"
            flush()
            kind = "code" if opening else ""
        elif kind == "code":
            block.append(raw)
        elif not stripped:
            flush()
        elif stripped.startswith("|"):
            if kind != "table":
                flush()
                kind = "table"
            block.append(stripped)
        elif stripped.startswith("- "):
            flush()
            kind = "bullet"
            block.append(stripped[2:])
        else:
            if not kind:
                kind = "paragraph"
            block.append(stripped)
    flush()
    return lines
