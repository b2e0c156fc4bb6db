"""The list orders `S` cycles through; pure functions over paper indices (no Textual)."""

from __future__ import annotations

from collections.abc import Sequence, Set

from tui.core.model import Paper

SORT_MODES: tuple[str, ...] = ("digest", "relevance", "title", "starred", "first_seen",
                               "upvotes", "published")
SORT_LABELS = {
    "digest": "digest order",
    "relevance": "relevance",
    "title": "title",
    "starred": "starred first",
    "first_seen": "first seen",
    "upvotes": "most upvoted",
    "published": "newest published",
}
DEFAULT_SORT = "relevance"  # equals digest order until free text is typed


def sort_label(mode: str, has_free_text: bool) -> str:
    """The order actually in effect: relevance ranks only free text, else it is digest order."""
    if mode == "relevance" and not has_free_text:
        return SORT_LABELS["digest"]
    return SORT_LABELS[mode]


def next_sort(mode: str, has_free_text: bool = True) -> str:
    """The next order that looks different: without free text relevance is digest order, so
    one of the two is skipped (digest, as relevance still ranks the next search)."""
    start = SORT_MODES.index(mode)
    shown = sort_label(mode, has_free_text)
    for step in range(1, len(SORT_MODES)):
        candidate = SORT_MODES[(start + step) % len(SORT_MODES)]
        if not has_free_text and candidate == "digest":
            continue
        if sort_label(candidate, has_free_text) != shown:
            return candidate
    return mode


def sort_rows(
    indices: Sequence[int], mode: str, papers: Sequence[Paper], starred_ids: Set[str]
) -> list[int]:
    """Order search results; `indices` come best first (or in default order) from the engine.

    Every order is stable on the library's default order so ties read naturally.
    """
    if mode == "relevance":
        return list(indices)
    default = sorted(indices)
    if mode == "title":
        return sorted(default, key=lambda i: papers[i].title.casefold())
    if mode == "starred":
        return sorted(default, key=lambda i: papers[i].id not in starred_ids)
    if mode == "first_seen":
        # Newest import first; Python's sort stays stable with reverse=True.
        return sorted(default, key=lambda i: papers[i].first_seen, reverse=True)
    if mode == "upvotes":  # most first; papers with no count after every counted one
        return sorted(default, key=lambda i: _upvotes(papers[i]), reverse=True)
    if mode == "published":  # newest arXiv date first; papers without one last
        return sorted(default, key=lambda i: _published(papers[i]), reverse=True)
    return default


def _upvotes(paper: Paper) -> int:
    meta = paper.meta
    return -1 if meta is None or meta.upvotes is None else meta.upvotes


def _published(paper: Paper) -> str:
    return paper.meta.published if paper.meta is not None else ""
