"""Digests imported by another paperdeck while the app is open (`paperdeck import` in another
terminal): the app notices with a stat of the import log, reads the library again here, in a
worker thread, and swaps it in on the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.core.errors import PaperdeckError
from tui.core.library import Library, LogStamp
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.core.search import QueryEngine


class LibraryRead(NamedTuple):
    old: Library  # the library this one is to replace
    library: Library | None  # None: an import is under way; the next look tries again
    engine: QueryEngine | None = None  # for `library`, when the app had built one already
    paper_ids: frozenset[str] = frozenset()
    added: int = 0  # papers that `old` did not hold
    error: str = ""
    stamp: LogStamp | None = None  # the import log that could not be read: not tried again

    def notice(self) -> str:
        if not self.added:
            return "Another paperdeck imported a digest: no new papers in it"
        return f"{plural(self.added, 'new paper')} imported by another paperdeck"


def read_library(old: Library, old_ids: frozenset[str], *, with_engine: bool,
                 cache_dir: Path) -> LibraryRead:
    """The library as on disk now, with what the UI thread needs to show it at once: its
    query engine and its position-by-id table are built here, off the UI thread."""
    stamp = old.log_stamp()
    try:
        fresh = old.reopen()
        if fresh is None:
            return LibraryRead(old, None)
        return ready_to_show(old, old_ids, fresh, with_engine=with_engine, cache_dir=cache_dir)
    except PaperdeckError as exc:  # the log became unreadable, or someone else's
        return LibraryRead(old, None, error=str(exc), stamp=stamp)
    except Exception as exc:  # a bug must not stop the app, nor this from being said
        return LibraryRead(old, None, error=f"{exc.__class__.__name__}: {exc}", stamp=stamp)


def ready_to_show(old: Library, old_ids: frozenset[str], fresh: Library, *, with_engine: bool,
                  cache_dir: Path) -> LibraryRead:
    """`fresh` (read again, or the one a fetch imported into) with its query engine and its
    position-by-id table built, so the UI thread only swaps it in."""
    engine = None
    if with_engine:
        from tui.core.search import QueryEngine

        engine = QueryEngine(fresh.papers, cache_dir=cache_dir, aliases=fresh.aliases)
    fresh.positions()
    ids = frozenset(paper.id for paper in fresh.papers)
    return LibraryRead(old, fresh, engine, ids, len(ids - old_ids))
