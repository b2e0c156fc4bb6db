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

QUALIFIERS = {
    "is": ("read", "unread", "starred", "unstarred", "new"),
    "has": ("notes", "code", "links", "tags"),
    "tag": None,  # any value
    "title": None,
    "abstract": None,
}
WORD = re.compile(r"[^\W_]+")
_TERM = re.compile(r'(?P<neg>-)?(?:(?P<name>[A-Za-z]+):)?(?:"(?P<quoted>[^"]*)"?|(?P<bare>\S*))')


@dataclass(frozen=True)
class Term:
    kind: str  # "text", "phrase", or a qualifier name
    value: str
    negated: bool = False

    @property
    def words(self) -> list[str]:
        return WORD.findall(self.value.lower())


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


def _term(match: re.Match[str]) -> Term | None:
    negated = bool(match.group("neg"))
    name = match.group("name")
    quoted = match.group("quoted")
    value = quoted if quoted is not None else (match.group("bare") or "")
    if name is None:
        if quoted is not None:
            return Term("phrase", value, negated) if WORD.search(value) else None
        return Term("text", value, negated) if WORD.search(value) else None
    key = name.lower()
    if key not in QUALIFIERS:
        if not value:  # "DSPy: Compiling ..." pasted from a title is text, not a qualifier
            return Term("text", name, negated)
        known = ", ".join(f"{q}:" for q in QUALIFIERS)
        raise QueryError(f"unknown qualifier '{name}:' (known: {known})")
    if not value:
        return None  # still being typed
    allowed = QUALIFIERS[key]
    if allowed is not None and value.lower() not in allowed:
        raise QueryError(f"{key}: takes {', '.join(allowed)} (got {value!r})")
    if key in ("title", "abstract") and not WORD.search(value):
        return None
    return Term(key, value.lower() if allowed else value, negated)


def parse_query(text: str) -> Query:
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
            pending_or = bool(query.clauses)
            continue
        term = _term(match)
        if term is None:
            continue
        if pending_or and query.clauses:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    return query
