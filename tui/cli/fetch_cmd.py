"""`paperdeck fetch`: the daily papers (or an arXiv listing) over HTTP, imported at once."""

from __future__ import annotations

import argparse
from datetime import date, timedelta

from tui.cli.context import Context
from tui.cli.importing import telling_if_saved
from tui.cli.indexing import index_after_large_import
from tui.cli.progress import ProgressBar
from tui.core.errors import UsageError

MAX_SINCE = 366  # days one --since may span


def register(subparsers: argparse._SubParsersAction) -> None:
    fetch = subparsers.add_parser(
        "fetch", help="fetch the Hugging Face daily papers (or an arXiv listing) and import them",
        description="Fetch the Hugging Face daily papers and import them, all or nothing. "
        "Without a date: every day since the last successful fetch (today, UTC, on the first "
        "one; at most 14 days). Base URLs: $HF_ENDPOINT, $PAPERDECK_ARXIV_URL; proxies from "
        "$https_proxy / $http_proxy / $no_proxy. A network error is exit 8, nothing written.")
    fetch.add_argument("dates", nargs="*", metavar="DATE", type=_day,
                       help="a day to fetch: YYYY-MM-DD, today or yesterday")
    fetch.add_argument("--since", metavar="DATE", type=_day,
                       help="every day from DATE to today (one request per day at least)")
    fetch.add_argument("--arxiv", metavar="CATEGORY", action="extend", nargs="+", default=[],
                       help="the newest listing of arXiv categories instead (e.g. cs.LG "
                       "stat.ML)")
    fetch.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    fetch.set_defaults(func=cmd_fetch)


def _day(value: str) -> date:
    from tui.core.fetch import today_utc

    word = value.strip().lower()
    if word in ("today", "yesterday"):
        return today_utc() - timedelta(days=word == "yesterday")
    try:
        if len(word) != 10:
            raise ValueError
        return date.fromisoformat(word)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a date: {value!r} (YYYY-MM-DD, today or yesterday)") from None


def _is_day(value: str) -> bool:
    try:
        _day(value)
    except argparse.ArgumentTypeError:
        return False
    return True


def _days_asked(args: argparse.Namespace, today: date) -> list[date] | None:
    days = list(args.dates)
    if args.since is not None:
        if args.since > today:
            raise UsageError(f"--since {args.since.isoformat()} is after today "
                             f"({today.isoformat()}, UTC)")
        span = (today - args.since).days + 1
        if span > MAX_SINCE:
            raise UsageError(f"--since {args.since.isoformat()} spans {span:,} days; at most "
                             f"{MAX_SINCE} at once")
        days += [args.since + timedelta(days=n) for n in range(span)]
    return days or None


def cmd_fetch(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.fetch import fetch_arxiv, fetch_daily, today_utc

    # --arxiv takes several names, so a DATE after it lands among them: catch it as a date.
    if args.arxiv and (args.dates or args.since or any(_is_day(v) for v in args.arxiv)):
        raise UsageError("--arxiv fetches the newest listing of a category; it takes no DATE "
                         "or --since")
    today = today_utc()
    days = _days_asked(args, today)
    # Your own papers on a fresh machine: the bundled demo digest is not mixed into them.
    library = ctx.library(seed_if_empty=False)
    bar = ProgressBar("fetching", stream=ctx.err) if ctx.err.isatty() else None
    steps = bar.update if bar else None
    try:
        with telling_if_saved(library):
            if args.arxiv:
                report = fetch_arxiv(library, args.arxiv, steps=steps, today=today)
            else:
                report = fetch_daily(library, days, steps=steps, today=today)
    finally:
        if bar:
            bar.close()
    for notice in report.notices:
        ctx.warn(notice)
    for day in report.empty_days:
        ctx.warn(day.line())
    summary = report.summary
    if summary is None:
        if report.fetched:
            print(report.line(), file=ctx.out)
        return 0
    shown = summary.warnings if args.verbose else summary.warnings[:10]
    for warning in shown:
        ctx.warn(f"warning: {warning}")
    if len(summary.warnings) > len(shown):
        ctx.warn(f"... {len(summary.warnings) - len(shown)} more warnings (use --verbose)")
    print(summary.line(), file=ctx.out)
    index_after_large_import(ctx, summary)
    return 0
