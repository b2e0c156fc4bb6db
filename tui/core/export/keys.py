"""Citation keys (BibTeX keys, RIS ID, CSL id) that depend only on the library.

A paper with authors: first author's family name, year, first title word (`lovelace2025notes`),
ASCII, lower case. A paper without authors keeps the older form, first title word, year and id
prefix (`dspy2026a1b2`). Where two papers of the library would share a key, both get a suffix
from their ids (4, 6, 8... characters, as many as tell them apart), so a key never depends on
which papers one export holds, and the same library gives the same keys every time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from tui.core.export.fields import Items, issued
from tui.core.export.names import split_name
from tui.core.model import Paper

_NOT_KEY_CHAR = re.compile(r"[^a-z0-9]")
_WORDS = re.compile(r"[A-Za-z0-9]+")
_STOPWORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "from", "is", "are"}
_LONGEST_PART = 20


def _ascii(text: str) -> str:
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _key_word(title: str) -> str:
    for match in _WORDS.finditer(_ascii(title)):  # lazily: the first word is most often it
        word = match.group().lower()
        if word not in _STOPWORDS and word[0].isalpha():
            return word[:_LONGEST_PART]
    return "paper"


def _family_part(paper: Paper) -> str:
    """The first author's family name as a key part; "" when there is none in ASCII."""
    authors = paper.authors
    if not authors:
        return ""
    family = split_name(authors[0]).family
    return _NOT_KEY_CHAR.sub("", _ascii(family).lower())[:_LONGEST_PART]


def _stem(paper: Paper) -> tuple[str, bool]:
    """The key before any suffix, and whether it must carry the id suffix anyway."""
    ymd = issued(paper)
    year = str(ymd[0]) if ymd else ""
    family = _family_part(paper)
    if family:
        return family + year + _key_word(paper.title), False
    return _key_word(paper.title) + year, True


def compute_keys(papers: Iterable[Paper]) -> dict[str, str]:
    """Paper id -> key for every paper given (the whole library)."""
    ids: list[str] = []
    stems: list[str] = []
    suffixed: list[bool] = []
    counts: dict[str, int] = {}
    for paper in papers:
        stem, needs_suffix = _stem(paper)
        ids.append(paper.id)
        stems.append(stem)
        suffixed.append(needs_suffix)
        counts[stem] = counts.get(stem, 0) + 1
    keys = list(stems)
    # Papers without authors always take the suffix; papers with authors when shared.
    groups: dict[str, list[int]] = {}
    for i, stem in enumerate(stems):
        if suffixed[i] or counts[stem] > 1:
            groups.setdefault(stem, []).append(i)
    for stem, members in groups.items():
        for i, suffix in _id_suffixes([ids[i] for i in members]).items():
            keys[members[i]] = stem + suffix
    return _numbered_clashes(ids, keys)


def _id_suffixes(ids: list[str]) -> dict[int, str]:
    """For papers sharing a stem: the shortest id prefix (4, 6, 8... characters) that tells
    each from the others."""
    idents = [_NOT_KEY_CHAR.sub("", ident.lower()) or "0" for ident in ids]
    result: dict[int, str] = {}
    pending = list(range(len(idents)))
    width = 4
    while pending:
        candidates = {i: idents[i][:width] for i in pending}
        taken: dict[str, int] = {}
        for prefix in candidates.values():
            taken[prefix] = taken.get(prefix, 0) + 1
        longest = max(len(idents[i]) for i in pending)
        still = []
        for i, prefix in candidates.items():
            if taken[prefix] == 1 or width >= longest:
                result[i] = prefix
            else:
                still.append(i)
        pending = still
        width += 2
    return result


def _numbered_clashes(ids: list[str], keys: list[str]) -> dict[str, str]:
    # A suffixed key equal to another paper's plain one, or equal ids (never expected), would
    # still clash: number them, in id order so the numbers do not follow the library's order.
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    result = dict(zip(ids, keys, strict=True))
    for key, holders in by_key.items():
        if len(holders) > 1:
            for n, i in enumerate(sorted(holders, key=lambda i: ids[i])):
                if n:
                    result[ids[i]] = f"{key}x{n}"
    return result


class KeyCache:
    """The key map of the last library asked for, kept until the library's list changes.

    The library replaces its `papers` list whenever papers change (an import, a reload), so
    the list's identity is the cache key; the list is held, so its id cannot be reused."""

    def __init__(self) -> None:
        self._papers: Sequence[Paper] | None = None
        self._keys: dict[str, str] = {}

    def keys_of(self, papers: Sequence[Paper]) -> dict[str, str]:
        if papers is not self._papers or len(papers) != len(self._keys):
            self._keys = compute_keys(papers)
            self._papers = papers
        return self._keys


_CACHE = KeyCache()


def citation_keys(items: Items, library: Sequence[Paper] | None = None) -> list[str]:
    """The key of each exported paper, as the whole `library` gives it (without a library,
    the exported papers are taken for the library)."""
    if library is None:
        keys = compute_keys(paper for paper, _state in items)
    else:
        keys = _CACHE.keys_of(library)
        if any(paper.id not in keys for paper, _state in items):
            # A paper outside the library (just imported elsewhere): count it in, uncached.
            known = {paper.id for paper in library}
            extra = [paper for paper, _state in items if paper.id not in known]
            keys = compute_keys([*library, *extra])
    return [keys[paper.id] for paper, _state in items]
