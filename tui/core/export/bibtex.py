"""BibTeX: one @misc entry per paper, every special character escaped for LaTeX.

Accepted by bibtexparser, biber and bibtex:
- `%`, `#`, `&`, `$`, `_`, `\\`, `^`, `~` are escaped; `{` and `}` become \\textbraceleft{} and
  \\textbraceright{} because BibTeX counts every brace, escaped or not, so braces always balance;
- `@` is braced (bibtexparser starts a new entry at a line-leading `@`);
- TeX ligatures (`--`, two backquotes, `''`, `?` + backquote, `<<`, ...) are broken with `{}` so the
  text prints as typed;
- words with capitals are wrapped in braces so styles keep their case.
Entries follow arXiv's own BibTeX (title, author, year, month, eprint, archivePrefix,
primaryClass, url, doi) with paperdeck's abstract, annote and keywords after. Authors are
`Family, Given` (`Family, Jr., Given`), split by names.py; a word `and` inside a name is braced so
the list splits only between names, a comma inside one becomes a space (biber allows none). A
paper known from the saved page has no authors, and none are invented.
"""

from __future__ import annotations

import re
from datetime import date

from tui.core.export.fields import (
    Items,
    Library,
    arxiv_id,
    clean,
    issued,
    main_url,
    note_lines,
    one_line,
    safe_url,
)
from tui.core.export.keys import citation_keys
from tui.core.export.names import Name, split_name
from tui.core.model import Paper

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


_AND = re.compile(r"(?<!\S)and(?!\S)", re.IGNORECASE)
# `\textbraceleft{}` -> `{\textbraceleft}`, `\%` -> `{\%}`: in a name BibTeX takes a braced
# macro for one letter (its initial, its case), and bibtexparser drops a backslash that starts
# a name after `and`.
_NAME_MACRO = re.compile(r"\\([A-Za-z]+)\{\}|\\([%&#_$])")
# More authors than this: one per line, so no line grows past what old BibTeX builds take.
_AUTHORS_ON_ONE_LINE = 8


def _name_part(text: str) -> str:
    """One part of a name, escaped. biber counts every comma of a name, braced or not (past two
    it drops the entry), so a comma inside a part becomes a space; a word `and` is braced, as
    it would split the list."""
    if "," in text:
        text = " ".join(text.replace(",", " ").split())
    text = escape(text)
    if "\\" in text:
        text = _NAME_MACRO.sub(lambda m: "{\\" + (m.group(1) or m.group(2)) + "}", text)
    return _AND.sub(r"{\g<0>}", text) if "and" in text.lower() else text


def bibtex_name(name: Name) -> str:
    """`Family, Given` / `Family, Jr., Given`; "" for a name with nothing in it."""
    family = _name_part(name.family)
    if not family:
        return ""
    given, suffix = _name_part(name.given), _name_part(name.suffix)
    if suffix:
        return f"{family}, {suffix}, {given or '{}'}"  # `King, Jr.,` alone: a trailing comma
    if given:
        return f"{family}, {given}"
    if family.lower() == "others":  # `and others` is "et al."; biber ignores braces around it
        return family + "{}"
    if " " in family:  # alone, "de Souza" would read as given "de" to some readers
        return "{" + family + "}"
    return family


def author_field(authors: tuple[str, ...]) -> str:
    names = [bibtex_name(split_name(one_line(author))) for author in authors]
    names = [name for name in names if name]
    joint = " and\n    " if len(names) > _AUTHORS_ON_ONE_LINE else " and "
    return joint.join(names)


def _entry(key: str, paper: Paper, state) -> str:
    fields: list[tuple[str, str]] = [("title", "{" + protect_case(one_line(paper.title)) + "}")]
    authors = author_field(paper.authors)
    if authors:
        fields.append(("author", "{" + authors + "}"))
    ymd = issued(paper)
    if ymd:
        fields.append(("year", "{" + str(ymd[0]) + "}"))
        if 1 <= ymd[1] <= 12:
            fields.append(("month", _MONTHS[ymd[1] - 1]))
    ident = arxiv_id(paper)
    if ident:
        fields.append(("eprint", "{" + safe_url(ident) + "}"))
        fields.append(("archivePrefix", "{arXiv}"))
        categories = paper.meta.categories if paper.meta is not None else ()
        primary = one_line(categories[0]) if categories else ""
        if primary:
            fields.append(("primaryClass", "{" + escape(primary) + "}"))
    url = main_url(paper)
    if url:
        # biber and the url package read url verbatim: percent-encoding is its only escape.
        fields.append(("url", "{" + safe_url(url) + "}"))
    doi = one_line(paper.meta.doi) if paper.meta is not None else ""
    if doi:
        fields.append(("doi", "{" + safe_url(doi) + "}"))  # verbatim too, as url
    if paper.abstract.strip():
        fields.append(("abstract", "{" + escape(one_line(paper.abstract)) + "}"))
    notes = "\n".join(note_lines(state.notes)).strip()
    if notes:
        quiet = _FIELD_LOOKALIKE.sub(r"\1{}\2", escape(clean(notes)))
        fields.append(("annote", "{" + quiet + "}"))
    if state.tags:
        fields.append(("keywords", "{" + escape(one_line(", ".join(state.tags))) + "}"))
    body = ",\n".join(f"  {name} = {value}" for name, value in fields)
    return f"@misc{{{key},\n{body},\n}}\n"


def render(items: Items, *, query: str, today: date, library: Library = None) -> str:
    keys = citation_keys(items, library)
    # A leading comment is ignored by every BibTeX reader; it keeps an empty export non-empty.
    scope = one_line(query) or "all papers"
    entries = "1 entry" if len(items) == 1 else f"{len(items):,} entries"
    header = f"% paperdeck export {today.isoformat()}, {entries} ({escape(scope)})\n"
    return header + "".join(
        "\n" + _entry(key, paper, state) for key, (paper, state) in zip(keys, items, strict=True)
    )
