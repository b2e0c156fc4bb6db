"""`paperdeck fetch`: the Hugging Face daily papers (and arXiv listings) brought into the
library over HTTP, as one import. No Textual here: the CLI and the app both call this.

    fetch_daily(library, days=None, *, progress=None, env=None) -> FetchReport

`days=None` means every day since the last successful fetch (kept in the home's fetch.json),
today included, at most MAX_CATCH_UP; today is the current UTC date. Raises NetworkError
(exit 8) with nothing written when any request fails.

    fetch_arxiv(library, categories, *, progress=None, env=None) -> FetchReport

the newest listing of each arXiv category (tui/core/fetch/arxiv.py), in one import too.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from tui.core.errors import NetworkError, PaperdeckError, UsageError
from tui.core.fetch import arxiv, daily
from tui.core.fetch.http import HttpClient
from tui.core.fetch.importing import import_bodies
from tui.core.fetch.record import last_fetched_day, remember_fetched_day
from tui.core.library import ImportSummary, Library
from tui.core.text import plural

__all__ = ["MAX_CATCH_UP", "DayReport", "FetchReport", "catch_up_days", "fetch_arxiv",
           "fetch_daily", "today_utc"]

MAX_CATCH_UP = 14  # days a bare `paperdeck fetch` goes back at most
Steps = Callable[[int, int], None]  # (done, total) requests and the import, for a bar


def today_utc() -> date:
    """Today as the daily papers count days: in UTC."""
    return datetime.now(UTC).date()


@dataclass
class DayReport:
    day: date
    papers: int
    last_with_papers: date | None = None  # for an empty day: the latest one before it
    looked_back: bool = True  # False: asking for the days before failed (the fetch did not)

    def line(self) -> str:
        if self.papers:
            return f"{self.day.isoformat()}: {plural(self.papers, 'paper')}"
        if not self.looked_back:
            return f"{self.day.isoformat()}: no papers"
        if self.last_with_papers is None:
            return (f"{self.day.isoformat()}: no papers (none in the {daily.LOOK_BACK} days "
                    "before either)")
        return (f"{self.day.isoformat()}: no papers (the last day with papers: "
                f"{self.last_with_papers.isoformat()})")


@dataclass
class FetchReport:
    days: list[DayReport | arxiv.ListingReport] = field(default_factory=list)  # or listings
    summary: ImportSummary | None = None  # None: nothing new, nothing written
    notices: list[str] = field(default_factory=list)  # worth a line each, not errors

    @property
    def fetched(self) -> int:
        return sum(d.papers for d in self.days)

    @property
    def empty_days(self) -> list[DayReport | arxiv.ListingReport]:
        return [d for d in self.days if not d.papers]

    def line(self) -> str:
        """One line for the status bar or the terminal: the import's summary, or why there
        is none."""
        if self.summary is not None:
            return self.summary.line()
        if self.fetched:
            return (f"nothing new: {plural(self.fetched, 'paper')} fetched, all already in "
                    "the library")
        return "; ".join(d.line() for d in self.days) or "nothing to fetch"


def catch_up_days(last: date | None, today: date) -> list[date]:
    """Every day from the last one fetched (again: its list grows during the day) to today,
    at most MAX_CATCH_UP; just today on a first fetch."""
    start = today if last is None else max(last, today - timedelta(days=MAX_CATCH_UP - 1))
    start = min(start, today)  # a clock set back since
    return [start + timedelta(days=n) for n in range((today - start).days + 1)]


def check_days(days: Sequence[date], today: date) -> list[date]:
    """The days asked for, each once, oldest first; a day after today is a usage error."""
    later = [d for d in days if d > today]
    if later:
        raise UsageError(f"{later[0].isoformat()} is after today ({today.isoformat()}, UTC): "
                         "no papers yet")
    return sorted(set(days))


def fetch_daily(library: Library, days: Sequence[date] | None = None, *,
                progress: Callable[[str], None] | None = None,
                env: Mapping[str, str] | None = None, client: HttpClient | None = None,
                today: date | None = None, steps: Steps | None = None) -> FetchReport:
    """Fetch the daily papers of `days` (None: catch up since the last fetch) and import
    them in one go. `progress` gets a short message per step, `steps` (done, total)."""
    env = os.environ if env is None else env
    today = today or today_utc()
    base = daily.endpoint(env)
    wanted = catch_up_days(last_fetched_day(library.home), today) if days is None \
        else check_days(days, today)
    client = client or HttpClient()
    report = FetchReport()
    bodies: list[tuple[str, bytes]] = []
    had: dict[date, bool] = {}
    total = len(wanted) + 1
    for number, day in enumerate(wanted, 1):
        if progress:
            progress(f"fetching {day.isoformat()} ({number} of {len(wanted)})")
        pages = daily.fetch_day(client, base, day, progress=progress)
        had[day] = bool(pages.papers)
        for page, body in enumerate(pages.bodies):
            suffix = f"-p{page}" if page else ""
            bodies.append((f"hf-daily-{day.isoformat()}{suffix}.json", body))
        report.days.append(DayReport(day, pages.papers))
        if steps:
            steps(number, total)
    for entry in report.empty_days:
        try:
            entry.last_with_papers = daily.last_day_with_papers(client, base, entry.day, had)
        except NetworkError:  # only a hint failed: the days asked for were fetched whole
            entry.looked_back = False
    if progress and bodies:
        progress("importing")
    report.summary = import_bodies(library, bodies, today=today)
    if steps:
        steps(total, total)
    if wanted:
        try:
            remember_fetched_day(library.home, max(wanted))
        except PaperdeckError as exc:  # the papers are in; the next fetch just goes back further
            report.notices.append(f"the day fetched was not recorded: {exc}")
    return report


def fetch_arxiv(library: Library, categories: Sequence[str], *,
                progress: Callable[[str], None] | None = None,
                env: Mapping[str, str] | None = None, client: HttpClient | None = None,
                today: date | None = None, steps: Steps | None = None,
                pause: float | None = None) -> FetchReport:
    """Fetch the newest listing of each category and import them in one go; `pause` is the
    wait between two requests (arxiv.PAUSE, as arXiv's terms ask; tests set 0)."""
    env = os.environ if env is None else env
    today = today or today_utc()
    names = list(dict.fromkeys(arxiv.check_category(c) for c in categories))
    base = arxiv.api_url(env)
    client = client or HttpClient()
    report = FetchReport()
    listings, bodies = arxiv.fetch_listings(
        client, base, names, pause=arxiv.PAUSE if pause is None else pause, today=today,
        progress=progress, steps=steps)
    report.days.extend(listings)
    if progress and bodies:
        progress("importing")
    report.summary = import_bodies(library, bodies, today=today)
    if steps:
        steps(len(names) + 1, len(names) + 1)
    return report
