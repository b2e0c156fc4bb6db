"""`paperdeck` (no command): import any FILEs given, print the summary, open the TUI."""

from __future__ import annotations

from pathlib import Path

from tui.cli.context import Context
from tui.cli.indexing import index_after_large_import
from tui.cli.progress import ProgressBar

WARNINGS_SHOWN = 10


def import_files(ctx: Context, files: list[str]) -> None:
    """Import before the TUI starts so errors and warnings land in the shell, readable."""
    library = ctx.library()
    bar = ProgressBar("importing", stream=ctx.err) if ctx.err.isatty() else None
    try:
        summary = library.import_paths([Path(name) for name in files],
                                       progress=bar.update if bar else None)
    finally:
        if bar:
            bar.close()
    for warning in summary.warnings[:WARNINGS_SHOWN]:
        ctx.warn(f"warning: {warning}")
    if len(summary.warnings) > WARNINGS_SHOWN:
        ctx.warn(f"... {len(summary.warnings) - WARNINGS_SHOWN} more warnings "
                 "(`paperdeck import --verbose` lists them all)")
    index_after_large_import(ctx, summary)
    print(summary.line(), file=ctx.out)


def open_tui(ctx: Context, files: list[str]) -> int:
    if files:
        import_files(ctx, files)
    from tui.app import PaperdeckApp  # Textual loads only when the TUI runs
    from tui.core.state import install_signal_flush

    app = PaperdeckApp(ctx.home, library=ctx.library())
    install_signal_flush(app.store)  # a closed terminal (SIGHUP) still saves the last change
    app.run()
    if app.close_error:
        ctx.warn(f"error: {app.close_error}")
        return 6
    return 0
