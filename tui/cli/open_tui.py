"""`paperdeck` (no command): import any FILEs given, print the summary, open the TUI."""

from __future__ import annotations

import sys
from pathlib import Path

from tui.cli.context import Context
from tui.cli.importing import run_import
from tui.core.errors import PaperdeckError
from tui.core.library import ImportSummary

WARNINGS_SHOWN = 10
MORE_HINT = "`paperdeck import --verbose` lists them all"


class NoTerminalError(PaperdeckError):
    """The app was asked for where no one can use it (a script, cron, a redirect)."""

    exit_code = 2


def has_terminal() -> bool:
    """Textual reads keys from stdin and draws on stderr: without both on a terminal the app
    would wait forever for keys no one can type, drawing where no one looks."""
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed or replaced streams
        return False


def import_files(ctx: Context, files: list[str]) -> ImportSummary:
    """Import before the TUI starts so errors and warnings land in the shell, readable."""
    return run_import(ctx, [Path(name) for name in files], warnings_shown=WARNINGS_SHOWN,
                      more_hint=MORE_HINT)


def open_tui(ctx: Context, files: list[str]) -> int:
    summary = import_files(ctx, files) if files else None
    if not has_terminal():
        where = "stdin or stderr is not a terminal"
        if files:  # the import, what a script wants, is done: only the app is left out
            ctx.warn(f"not opening the app: {where}")
            return 0
        raise NoTerminalError(f"the app needs a terminal ({where}); in scripts use a "
                              "command such as `paperdeck list` (see `paperdeck --help`)")
    from tui.app import ImportNotice, PaperdeckApp  # Textual loads only when the TUI runs
    from tui.core.state import install_signal_flush
    from tui.core.state.signals import exit_on_signal, received_signal
    from tui.tty_watch import watch_input_terminal

    # The shell's copy of the summary is hidden behind the app until it quits: shown in it too.
    source = Path(files[0]).name if len(files) == 1 else f"{len(files)} files or folders"
    imported = ImportNotice(source, summary, MORE_HINT) if summary is not None else None
    app = PaperdeckApp(ctx.home, library=ctx.library(), imported=imported, config=ctx.config())
    install_signal_flush(app.store)  # a closed terminal (SIGHUP) still saves the last change
    exit_on_signal(app.close_for_signal)  # keeps open dialogs' text as drafts
    # A terminal closed with no SIGHUP reaching us; kept on while the process unwinds.
    watch_input_terminal()
    app.run()
    if app.close_error:
        ctx.warn(f"error: {app.close_error}")
        return 6
    signum = received_signal()
    return 0 if signum is None else 128 + signum
