"""BibTeX: one @misc entry per paper, every special character escaped for LaTeX.

Accepted by bibtexparser, biber and bibtex:
- `%`, `#`, `&`, `$`, `_`, `\\`, `^`, `~` are escaped; `{` and `}` become \\textbraceleft{} and
  \\textbraceright{} because BibTeX counts every brace, escaped or not, so braces always balance;
- `@` is braced (bibtexparser starts a new entry at a line-leading `@`);
- TeX ligatures (`--`, two backquotes, `''`, `?` + backquote, `<<`, ...) are broken with `{}` so the
  text prints as typed;
- words with capitals are wrapped in braces so styles keep their case.
No authors: a digest has none, and inventing them would be wrong.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.export.fields import (
    Items,
    citation_keys,
    clean,
    note_lines,
    one_line,
    safe_url,
    year_month_day,
)

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "_": r"\_",
    "$": r"\$",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "@": "{@}",
}
# TeX ligature pairs (--, ``, '', ?`, !`, <<, >>, ,,) and the empty gap inside each.
_LIGATURES = ("--", "``", "''", "?`", "!`", "<<", ">>", ",,")
_LIGATURE_GAP = re.compile(
    r"(?<=-)(?=-)|(?<=`)(?=`)|(?<=')(?=')|(?<=[?!])(?=`)|(?<=<)(?=<)"
    r"|(?<=>)(?=>)|(?<=,)(?=,)"
)
# str.replace passes are C-speed; braces and backslash go through placeholders (control
# characters, never exported) so the braces that later replacements add are not escaped again.
_GAP, _BACKSLASH, _LBRACE, _RBRACE = "\x00", "\x01", "\x02", "\x03"
_FIRST = ((_GAP, ""), (_BACKSLASH, ""), (_LBRACE, ""), (_RBRACE, ""))
_PLACEHOLDERS = (("\\", _BACKSLASH), ("{", _LBRACE), ("}", _RBRACE))
_LAST = (
    (_BACKSLASH, _SPECIAL["\\"]),
    (_LBRACE, _SPECIAL["{"]),
    (_RBRACE, _SPECIAL["}"]),
    (_GAP, "{}"),
)
# biber warns "possible runaway string" at a value line that looks like `name = ...`.
_FIELD_LOOKALIKE = re.compile(r"^(\s*[A-Za-z][\w:.+-]*)(\s*=)", re.MULTILINE)
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def escape(text: str) -> str:
    for old, new in _FIRST:
        text = text.replace(old, new)
    if any(pair in text for pair in _LIGATURES):
        text = _LIGATURE_GAP.sub(_GAP, text)
    for old, new in _PLACEHOLDERS:
        text = text.replace(old, new)
    for char, new in _SPECIAL.items():
        if char not in "\\{}":
            text = text.replace(char, new)
    for old, new in _LAST:
        text = text.replace(old, new)
    return text


def protect_case(text: str) -> str:
    """Escape text and brace every word holding a capital: `{DSPy}: {Compiling} ...`."""
    # Escapes add no spaces and no capitals, so escaping first then splitting is the same.
    words = escape(text).split(" ")
    return " ".join("{" + word + "}" if any(c.isupper() for c in word) else word for word in words)


def _entry(key: str, paper, state) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + protect_case(one_line(paper.title)) + "}")]
    if paper.links:
        # biber and the url package read url verbatim: percent-encoding is its only escape.
        fields.append(("url", "{" + safe_url(paper.links[0].url) + "}"))
    if paper.abstract.strip():
        fields.append(("abstract", "{" + escape(one_line(paper.abstract)) + "}"))
    notes = "\n".join(note_lines(state.notes)).strip()
    if notes:
        quiet = _FIELD_LOOKALIKE.sub(r"\1{}\2", escape(clean(notes)))
        fields.append(("annote", "{" + quiet + "}"))
    if state.tags:
        fields.append(("keywords", "{" + escape(one_line(", ".join(state.tags))) + "}"))
    ymd = year_month_day(paper)
    if ymd:
        fields.append(("year", "{" + str(ymd[0]) + "}"))
        if 1 <= ymd[1] <= 12:
            fields.append(("month", _MONTHS[ymd[1] - 1]))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body},\n}}\n"


def render(items: Items, *, query: str, today: date) -> str:
    keys = citation_keys(items)
    # A leading comment is ignored by every BibTeX reader; it keeps an empty export non-empty.
    scope = one_line(query) or "all papers"
    header = f"% paperdeck export {today.isoformat()}, {len(items)} entries ({escape(scope)})\n"
    return header + "".join(
        "\n" + _entry(key, paper, state) for key, (paper, state) in zip(keys, items, strict=True)
    )
