"""After a large import: build the search index now, not at the app's next start."""

from __future__ import annotations

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
    from tui.core.segmented_index import DELTA_MAX_PAPERS, DELTA_MAX_SHARE

    total = len(ctx.library().papers)
    if summary.new <= min(DELTA_MAX_PAPERS, DELTA_MAX_SHARE * total):
        return
    if ctx.err.isatty():
        ctx.err.write("indexing for search…")
        ctx.err.flush()
    try:
        # Rebuilds and saves cache/index.pickle; one thread: with every imported paper still
        # in memory, two halves built at once took the import past 2.5x the digest's size.
        ctx.engine(build_threads=1)
    finally:
        if ctx.err.isatty():
            ctx.err.write("\r" + " " * 24 + "\r")
            ctx.err.flush()
