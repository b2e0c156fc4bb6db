"""Importing digests from the command line (`import`, `paperdeck FILE...`): progress bar,
warnings, summary, the search index, and a Ctrl+C that says whether the import was saved."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from tui.cli.context import Context
from tui.cli.indexing import index_after_large_import
from tui.cli.progress import ProgressBar
from tui.core.errors import PaperdeckError
from tui.core.library import ImportSummary, Library


class ImportInterrupted(PaperdeckError):
    """Ctrl+C during an import; the message says whether the papers got in."""

    exit_code = 130


SAVED = ("interrupted after the import was saved: the papers are in the library "
         "(caches and the search index are rebuilt when needed)")


@contextlib.contextmanager
def telling_if_saved(library: Library) -> Iterator[None]:
    """Ctrl+C in the block becomes ImportInterrupted saying whether the import stands."""
    try:
        yield
    except KeyboardInterrupt:
        # The import log is the commit point: past it only caches were being written. Our
        # own commit, not the count of imports: another paperdeck's would grow that too.
        saved = library.import_committed
        raise ImportInterrupted(SAVED if saved else "interrupted: nothing was imported") from None


def run_import(ctx: Context, paths: list[Path], *, warnings_shown: int | None,
               more_hint: str) -> ImportSummary:
    # Your own digests on a fresh machine: the bundled demo digest is not mixed into them.
    library = ctx.library(seed_if_empty=False)
    bar = ProgressBar("importing", stream=ctx.err) if ctx.err.isatty() else None
    try:
        with telling_if_saved(library):
            summary = library.import_paths(paths, progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    del library  # the index step may read the library back from its cache: let this one go
    try:
        shown = summary.warnings[:warnings_shown]
        for warning in shown:
            ctx.warn(f"warning: {warning}")
        if len(summary.warnings) > len(shown):
            ctx.warn(f"... {len(summary.warnings) - len(shown)} more warnings ({more_hint})")
        print(summary.line(), file=ctx.out)
        index_after_large_import(ctx, summary)
    except KeyboardInterrupt:
        raise ImportInterrupted(SAVED) from None
    return summary
