"""After a large import: build the search index now, not at the app's next start."""

from __future__ import annotations

import contextlib

from tui.cli.context import Context
from tui.core.library import ImportSummary

# Below this many new papers the index at the next start is the cached one plus a small
# delta (well under a second); no need to look further.
WORTH_A_LOOK = 1000


def index_after_large_import(ctx: Context, summary: ImportSummary) -> None:
    """Rebuild the cached search index when this import made it too stale for a delta.

    Otherwise the first app start after importing a year of digests would spend seconds
    building it before abstracts are searchable; here it is part of the import's cost."""
    if summary.new < WORTH_A_LOOK:
        return
    from tui.core.search.segmented_index import DELTA_MAX_PAPERS, DELTA_MAX_SHARE

    total = len(ctx.library().papers)
    if summary.new <= min(DELTA_MAX_PAPERS, DELTA_MAX_SHARE * total):
        return
    if ctx.err.isatty():
        ctx.err.write("indexing for search…")
        ctx.err.flush()
    try:
        # Read again from the cache just saved: the imported papers' abstracts, in memory
        # since the parse (the digest's size again, twice that in UCS-2), are let go and
        # their heap given back first; the build reads them from cache/abstracts.bin.
        ctx.forget_library()
        _return_freed_memory()
        ctx.library(seed_if_empty=False)
        # Rebuilds and saves cache/index.pickle, its halves one after the other: two at
        # once hold a half more in memory, to be a little sooner (BENCHMARKS.md).
        ctx.engine(build_threads=1)
    finally:
        if ctx.err.isatty():
            ctx.err.write("\r" + " " * 24 + "\r")
            ctx.err.flush()


def _return_freed_memory() -> None:
    """glibc keeps a heap the process has freed; malloc_trim gives it back to the system.
    Elsewhere (no glibc) nothing is done."""
    import ctypes  # only here: not a cost of every command's start

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).malloc_trim(0)
