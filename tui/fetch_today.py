"""F in the app: what `paperdeck fetch` does (today, and the days since the last fetch), run in
a worker thread. The import goes into a library of its own, opened here, so the one the app
shows is never written under its readers; the UI thread then swaps the new one in, as it does
for an import by another paperdeck (library_watch.py)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tui.core.errors import PaperdeckError
from tui.core.fetch import DayReport, FetchReport, fetch_daily
from tui.core.library import ImportSummary, Library
from tui.core.text import plural
from tui.library_watch import LibraryRead, ready_to_show

if TYPE_CHECKING:
    from tui.core.fetch.http import HttpClient


class FetchOutcome(NamedTuple):
    read: LibraryRead | None = None  # the library with the new papers; None: nothing written
    line: str = ""  # the result, for the status line
    summary: ImportSummary | None = None  # its warnings are shown too
    notices: tuple[str, ...] = ()  # worth a line each, not errors
    error: str = ""  # the fetch failed (a NetworkError's line): nothing was written


def fetch_for_app(home: Path, old: Library, old_ids: frozenset[str], *, client: HttpClient,
                  progress: Callable[[str], None], with_engine: bool) -> FetchOutcome:
    """Fetch and import as a bare `paperdeck fetch` does, then build what the UI needs to show
    the result at once. Never raises: a failure is the outcome's `error`."""
    try:
        library = Library.open(home, seed_if_empty=False)
        report = fetch_daily(library, None, progress=progress, client=client)
        read = None
        if library.import_committed and not client.stopped:  # stopped: the app is closing
            read = ready_to_show(old, old_ids, library, with_engine=with_engine,
                                 cache_dir=home / "cache")
        return FetchOutcome(read, result_line(report), report.summary, tuple(report.notices))
    except PaperdeckError as exc:  # NetworkError above all; a lock held too long, a full disk
        return FetchOutcome(error=str(exc))
    except Exception as exc:  # a bug must not leave F saying "already running" for good
        return FetchOutcome(error=f"the fetch failed: {exc.__class__.__name__}: {exc}")


def result_line(report: FetchReport) -> str:
    """One line: how many new papers which days brought, or why none."""
    days = sorted(entry.day for entry in report.days if isinstance(entry, DayReport))
    span = days[0].isoformat() if len(days) == 1 else \
        f"{days[0].isoformat()} to {days[-1].isoformat()}" if days else "today"
    summary = report.summary
    if summary is not None:
        line = f"fetched {span}: {plural(summary.new, 'new paper')}"
        if summary.warnings:
            line += f" ({plural(len(summary.warnings), 'warning')})"
        return line
    if report.fetched:
        return (f"fetched {span}: nothing new ({plural(report.fetched, 'paper')}, all already "
                "in the library)")
    return report.line()  # each day without papers, and the last day that had some
