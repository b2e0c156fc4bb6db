"""The query language: free text, quoted phrases, qualifiers, `-` negation and `OR`.

    megatron "pipeline parallel" -is:read tag:todo OR is:starred has:code
    author:lovelace id:2503.01234 upvotes:>=10 year:2025 starred:yesterday read:7d

Terms side by side must all match; `OR` between two terms makes them alternatives (it binds
tighter than the implicit AND). A quoted value is a phrase, also after `title:` or `abstract:`.
The filter bar and `--query` share this one parser and its errors (QueryError, one line): an
unclosed quote or `title:` with no value is an error in both; the bar waits for typing to
settle before it says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tui.core.arxiv_ids import arxiv_id_of
from tui.core.errors import QueryError
from tui.core.search.folding import fold
from tui.core.search.query_values import (
    DAY_HINT,
    DAY_QUALIFIERS,
    NUMBER_HINTS,
    NUMBER_QUALIFIERS,
    day_range,
    number_range,
)

QUALIFIERS = {
    "is": ("read", "unread", "starred", "unstarred", "new"),
    "has": ("notes", "code", "links", "tags", "conflict"),
    "tag": None,  # any value
    "title": None,
    "abstract": None,
    "author": None,
    "id": None,  # an arXiv id or link, or a paperdeck id (or its first digits)
    "arxiv": None,  # an arXiv id or link
    "upvotes": None,
    "year": None,  # the year of the first arXiv version
    "seen": None,  # the local day the paper first came into the library
    "read": None,  # the local day it was marked read
    "starred": None,
}
_VALUE_HINTS = {
    "author": "a name", "id": "an arXiv id or link, or a paperdeck id", "arxiv": "an arXiv id",
    **NUMBER_HINTS,
    **dict.fromkeys(DAY_QUALIFIERS, DAY_HINT),
}
_HEX = re.compile(r"[0-9a-fA-F]+")
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
    kind: str  # "text", "phrase", a qualifier name, "arxiv_id" or "paper_id" (id:/arxiv:)
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


def _term(match: re.Match[str]) -> Term:
    raw = match.group(0)
    negated = bool(match.group("neg"))
    name = match.group("name")
    quoted = match.group("quoted")
    value = quoted if quoted is not None else (match.group("bare") or "")
    if quoted is not None and not raw.endswith('"', 1 + raw.find('"')):
        raise QueryError("unclosed quote")
    if (negated and quoted is None and name is None and value.startswith("-")
            and WORD.search(value)):
        # "--is:read" was the words "is read" negated: neither is:read nor -is:read.
        raise QueryError(f"one '-' negates a term: write -{value.lstrip('-')} (got {raw!r})")
    if name is None:
        if not WORD.search(value):
            if negated and not value:
                raise QueryError("'-' must be followed by a term (e.g. -is:read)")
            raise QueryError(f"nothing to search for in {raw!r}")
        if quoted is None and (arxiv_id := arxiv_id_of(value)):  # pasted: finds its paper
            return Term("arxiv_id", arxiv_id, negated)
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
            if arxiv_id := arxiv_id_of(link):  # an arXiv page finds its paper
                return Term("arxiv_id", arxiv_id, negated)
            # "https:/" half typed has nothing of a link yet: searched as typed
            return Term("phrase", link_phrase(link) if WORD.search(link_phrase(link)) else link,
                        negated)
        # Names only (no colons), arxiv: left out as id: takes the same: the list fits the bar.
        known = ", ".join(q for q in QUALIFIERS if q != "arxiv")
        raise QueryError(f"unknown qualifier '{name}:' (known: {known})")
    allowed = QUALIFIERS[key]
    if not value:
        hint = ", ".join(allowed) if allowed else _VALUE_HINTS.get(key, "a word")
        raise QueryError(f"{key}: needs a value ({hint})")
    if key in _VALUE_HINTS:
        return _meta_term(key, value, negated, quoted=quoted is not None)
    if allowed is not None and value.lower() not in allowed:
        raise QueryError(f"{key}: takes {', '.join(allowed)} (got {value!r})")
    if key in ("title", "abstract"):
        if not WORD.search(value):
            raise QueryError(f"{key}: needs a word (got {value!r})")
        return Term(key, value, negated, quoted=quoted is not None)
    return Term(key, value.lower() if allowed else value, negated)


def _meta_term(key: str, value: str, negated: bool, *, quoted: bool) -> Term:
    """author:, id:/arxiv:, upvotes:, year:, seen:/read:/starred: checked here, so that the
    filter bar (Enter parses only) and --query refuse the same values with the same line."""
    if key == "author":
        if not WORD.search(fold(value)):
            raise QueryError(f"author: needs a name (got {value!r})")
        return Term(key, value, negated, quoted=quoted)
    if key in ("id", "arxiv"):
        if arxiv_id := arxiv_id_of(value):
            return Term("arxiv_id", arxiv_id, negated)
        if key == "id" and _HEX.fullmatch(value.strip()):
            return Term("paper_id", value.strip().lower(), negated)
        raise QueryError(f"{key}: takes {_VALUE_HINTS[key]} (got {value!r})")
    if key in NUMBER_QUALIFIERS:
        number_range(key, value)
    else:
        day_range(key, value, date.today())
    return Term(key, value.strip(), negated)


def parse_query(text: str) -> Query:
    """Parse a query; QueryError (one line, exit 7 in the CLI) says what is wrong with it."""
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
            if pending_or or not query.clauses:
                raise QueryError("OR needs a term on each side (a OR b)")
            pending_or = True
            continue
        term = _term(match)
        if pending_or:
            query.clauses[-1].append(term)
        else:
            query.clauses.append([term])
        pending_or = False
    if pending_or:
        raise QueryError("OR needs a term on each side (a OR b)")
    return query
