"""The query language: free text, quoted phrases, qualifiers, `-` negation and `OR`.

    megatron "pipeline parallel" -is:read tag:todo OR is:starred has:code

Terms side by side must all match; `OR` between two terms makes them alternatives (it binds
tighter than the implicit AND). Parsing never fails on half-typed input (an open quote closes at
the end, `is:` with no value is ignored); it fails with QueryError only on what is wrong whatever
comes next: an unknown qualifier or value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tui.core.errors import QueryError
from tui.core.fold import fold

QUALIFIERS = {
    "is": ("read", "unread", "starred", "unstarred", "new"),
    "has": ("notes", "code", "links", "tags"),
    "tag": None,  # any value
    "title": None,
    "abstract": None,
}
WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(?P<neg>-)?(?:(?P<name>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))')
# A link without its scheme, as pasted from an address bar: github.com/owner/repo...
_BARE_LINK = re.compile(r"[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}/\S*")
_SCHEME = re.compile(r"^[A-Za-z][\w+.-]*://")


def link_phrase(link: str) -> str:
    """What of a pasted link an abstract holds: no scheme or `www.` (http vs https), no
    `#anchor` or `?query`, no trailing `/` -- the address bar adds them, digests do not."""
    core = _SCHEME.sub("", link)
    core = re.sub(r"^www\.", "", core, flags=re.IGNORECASE)
    core = re.split(r"[#?]", core, maxsplit=1)[0]
    return core.rstrip("/")


@dataclass(frozen=True)
class Term:
    kind: str  # "text", "phrase", or a qualifier name
    value: str
    negated: bool = False
    quoted: bool = False  # title:"..." / abstract:"...": a phrase within that field

    @property
    def words(self) -> list[str]:
        return WORD.findall(fold(self.value))

    @property
    def is_phrase(self) -> bool:
        return self.kind == "phrase" or self.quoted

    @property
    def fields(self) -> str:
        """Where a text term looks: "text" (title and abstract), "title" or "abstract"."""
        return "text" if self.kind == "phrase" else self.kind


@dataclass
class Query:
    """Clauses all must match; each clause is a list of alternatives (OR)."""

    text: str
    clauses: list[list[Term]] = field(default_factory=list)

    @property
    def free_terms(self) -> list[Term]:
        """Positive text and phrase terms: they rank and highlight."""
        return [t for clause in self.clauses for t in clause
                if t.kind in ("text", "phrase", "title") and not t.negated]

    @property
    def is_empty(self) -> bool:
        return not self.clauses


class _Incomplete(Exception):
    """A term that cannot match yet: ignored while typing, an error in a finished query."""


def _term(match: re.Match[str], strict: bool) -> Term:
    negated = bool(match.group("neg"))
    name = match.group("name")
    quoted = match.group("quoted")
    value = quoted if quoted is not None else (match.group("bare") or "")
    if strict and quoted is not None and not match.group(0).endswith(
            '"', 1 + match.group(0).find('"')):
        raise _Incomplete("unclosed quote")  # while typing, an open quote closes at the end
    if name is None:
        if not WORD.search(value):
            if negated and not value:
                raise _Incomplete("'-' must be followed by a term (e.g. -is:read)")
            raise _Incomplete(f"nothing to search for in {match.group(0)!r}")
        if quoted is None and _BARE_LINK.fullmatch(value) and WORD.search(link_phrase(value)):
            # Words, not a phrase: "github.com/a/b#readme" still finds its paper, and
            # "node.js/react" (no scheme: maybe no link at all) keeps meaning both words.
            return Term("text", link_phrase(value), negated)
        return Term("phrase" if quoted is not None else "text", value, negated)
    key = name.lower()
    if key not in QUALIFIERS:
        if not value:  # "DSPy: Compiling ..." pasted from a title is text, not a qualifier
            return Term("text", name, negated)
        if quoted is None and value.startswith("/"):  # a pasted link: https://github.com/...
            link = f"{name}:{value}"
            # "https:/" half typed has nothing of a link yet: searched as typed
            return Term("phrase", link_phrase(link) if WORD.search(link_phrase(link)) else link,
                        negated)
        known = ", ".join(f"{q}:" for q in QUALIFIERS)
        raise QueryError(f"unknown qualifier '{name}:' (known: {known})")
    allowed = QUALIFIERS[key]
    if not value:
        hint = ", ".join(allowed) if allowed else "a word"
        raise _Incomplete(f"{key}: needs a value ({hint})")
    if allowed is not None and value.lower() not in allowed:
        raise QueryError(f"{key}: takes {', '.join(allowed)} (got {value!r})")
    if key in ("title", "abstract"):
        if not WORD.search(value):
            raise _Incomplete(f"{key}: needs a word (got {value!r})")
        return Term(key, value, negated, quoted=quoted is not None)
    return Term(key, value.lower() if allowed else value, negated)


def parse_query(text: str, *, strict: bool = False) -> Query:
    """Parse a query. Half-typed terms are skipped, unless strict (a finished query from the
    command line), where they are errors like unknown qualifiers always are."""
    query = Query(text=text)
    pending_or = False
    pos = 0
    while pos < len(text):
        if text[pos].isspace():
            pos += 1
            continue
        match = _TERM.match(text, pos)
        assert match is not None  # the pattern matches the empty string
        end = max(match.end(), pos + 1)
        raw = text[pos:end]
        pos = end
        if raw == "OR":
            if strict and (pending_or or not query.clauses):
                raise QueryError("OR needs a term on each side (a OR b)")
            pending_or = bool(query.clauses)
            continue
        try:
            term = _term(match, strict)
        except _Incomplete as exc:
            if strict:
                raise QueryError(str(exc)) from None
            continue
        if pending_or and query.clauses:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    if strict and pending_or:
        raise QueryError("OR needs a term on each side (a OR b)")
    return query
