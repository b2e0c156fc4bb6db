"""`paperdeck import`, `list` and `stats`: the library from the command line."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from tui.cli.context import Context
from tui.cli.importing import run_import
from tui.cli.output import print_json, print_table, print_tsv
from tui.core.library import papers_per_digest
from tui.core.records import paper_record
from tui.core.search.sorting import SORT_MODES, sort_rows
from tui.core.text import plural


def register(subparsers: argparse._SubParsersAction) -> None:
    imp = subparsers.add_parser("import", help="add digests (files or folders) to the library",
                                description="Add saved digests to the library. Every file is "
                                "checked before anything is written; re-importing changes nothing.")
    imp.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    imp.add_argument("-v", "--verbose", action="store_true", help="print every warning")
    imp.set_defaults(func=cmd_import)

    lst = subparsers.add_parser("list", help="list papers, optionally filtered by a query",
                                description="List papers. Queries: free text, \"phrases\", "
                                "is:read|unread|starred|new, has:notes|code|links|tags, tag:NAME, "
                                "title:WORD or title:\"PHRASE\", abstract:WORD, author:NAME, "
                                "id:ARXIV-ID-OR-LINK, upvotes:>=N, year:YYYY, "
                                "seen:|read:|starred: today, yesterday, 7d or a date (local days), "
                                "-term negates, OR between terms. Case and accents do not matter.")
    lst.add_argument("-q", "--query", default="", help="filter and rank (e.g. -is:read megatron)")
    lst.add_argument("-f", "--format", choices=("table", "json", "tsv"), default="table",
                     type=str.lower)
    lst.add_argument("-s", "--sort", choices=SORT_CHOICES, default="relevance",
                     type=lambda value: value.lower().replace("_", "-"),
                     help="order (default: relevance, which is digest order without free text)")
    lst.add_argument("-n", "--limit", type=_positive, default=None, help="at most N papers")
    lst.set_defaults(func=cmd_list)

    stats = subparsers.add_parser("stats", help="library and triage totals")
    stats.add_argument("-f", "--format", choices=("text", "json"), default="text",
                       type=str.lower)
    stats.set_defaults(func=cmd_stats)


SORT_CHOICES = tuple(mode.replace("_", "-") for mode in SORT_MODES)  # first-seen


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return number


def cmd_import(args: argparse.Namespace, ctx: Context) -> int:
    run_import(ctx, args.paths, warnings_shown=None if args.verbose else 10,
               more_hint="use --verbose")
    return 0


def cmd_list(args: argparse.Namespace, ctx: Context) -> int:
    library = ctx.library()
    state = ctx.state()
    result = ctx.engine().search(args.query, state)
    indices = sort_rows(result.indices.tolist(), args.sort.replace("-", "_"), library.papers,
                        state.starred_ids())
    if args.limit is not None:
        indices = indices[: args.limit]
    records = [paper_record(library.papers[i], state.get(library.papers[i].id))
               for i in indices]
    if args.format == "json":
        print_json(records, ctx.out)
    elif args.format == "tsv":
        print_tsv(records, ctx.out)
    else:
        print_table(records, ctx.out)
        if not records and args.query:
            ctx.warn(f"no papers match {args.query!r}")
    return 0


def cmd_stats(args: argparse.Namespace, ctx: Context) -> int:
    library = ctx.library()
    state = ctx.state()
    states = [state.get(p.id) for p in library.papers]
    per_date = papers_per_digest(library.papers)
    tags = Counter(t for s in states for t in s.tags)
    data = {
        "papers": len(library.papers),
        "read": sum(s.read for s in states),
        "starred": sum(s.starred for s in states),
        "with_notes": sum(bool(s.notes) for s in states),
        "with_code": sum(p.has_code for p in library.papers),
        "digests": len(per_date),
        "digest_files": len(library.imports),  # copies of a day kept are files, not digests
        "papers_per_date": per_date,
        "top_tags": dict(tags.most_common(10)),
        "home": str(ctx.home),
    }
    if args.format == "json":
        json.dump(data, ctx.out, indent=2)
        ctx.out.write("\n")
        return 0
    out = ctx.out
    digests = plural(data["digests"], "digest")
    if data["digest_files"] != data["digests"]:
        digests += f"; {plural(data['digest_files'], 'file')} kept"
    print(f"papers     {data['papers']}  ({digests})", file=out)
    print(f"read       {data['read']}/{data['papers']}", file=out)
    print(f"starred    {data['starred']}", file=out)
    print(f"notes      {data['with_notes']}", file=out)
    print(f"with code  {data['with_code']}", file=out)
    if tags:
        print("top tags   " + ", ".join(f"{t} ({n})" for t, n in tags.most_common(10)), file=out)
    print(f"data in    {ctx.home}", file=out)
    return 0



