"""`paperdeck export`: papers matching a query as md, bibtex, csv, json, csljson or ris."""

from __future__ import annotations

import argparse
from pathlib import Path

from tui.cli.context import Context
from tui.core.export import (
    FORMATS,
    ExportFormatError,
    format_for_path,
    get_exporter,
    write_export,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    formats = ", ".join(FORMATS)
    parser = subparsers.add_parser(
        "export",
        help="export papers as md, bibtex, csv, csv-excel, json, csljson or ris",
        description=(
            "Export the papers matching a query (all papers without --query). Writes to stdout "
            "unless -o FILE is given; an existing FILE is only replaced with --force."
        ),
    )
    parser.add_argument("--query", "-q", default="", metavar="Q", help="same syntax as `list`")
    parser.add_argument(
        "--format", "-f", metavar="FMT", dest="format",
        help=f"one of: {formats} (default: from FILE's suffix: .bib bibtex, .json json, "
        ".csl.json csljson; else config.toml's export.format)",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="file to write; '-' or absent means stdout"
    )
    parser.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    parser.set_defaults(func=run_export)


def _format_for(fmt: str | None, output: str | None, configured: str = "") -> str:
    """--format, else the one format FILE's suffix names (`-o starred.bib`), else
    config.toml's export.format."""
    if fmt is not None:
        fmt = fmt.strip().lower()  # `-f BibTeX`, as the format is spelled
        get_exporter(fmt)  # an unknown format fails before the library is opened
        return fmt
    known = ", ".join(FORMATS)
    suffix_format = None if output in (None, "-") else format_for_path(output)
    if suffix_format is None and configured:
        return configured
    if output in (None, "-"):
        raise ExportFormatError(f"say which format with --format ({known}), or give -o FILE "
                                "with its suffix (.md, .bib, .csv, .json, .csl.json, .ris)")
    fmt = suffix_format
    if fmt is None:
        raise ExportFormatError(f"cannot tell the format from {output!r}: say which with "
                                f"--format ({known})")
    return fmt


def run_export(args: argparse.Namespace, ctx: Context) -> int:
    args.format = _format_for(args.format, args.output, ctx.config().get("export.format"))
    library = ctx.library()
    state = ctx.state()
    result = ctx.engine().search(args.query, state)
    papers = [library.papers[index] for index in result.indices]
    items = [(paper, state.get(paper.id)) for paper in papers]
    path = None if args.output in (None, "-") else Path(args.output)
    from tui.cli.output import GuardedOutput

    stream = ctx.out.utf8() if isinstance(ctx.out, GuardedOutput) else ctx.out
    report = write_export(
        args.format, items, path, force=args.force, query=args.query, stream=stream,
        library=library.papers,  # citation keys are the library's, whatever the query
    )
    if report.count == 0:
        ctx.warn("no papers matched: wrote an empty document")
    print(report.message(), file=ctx.err)
    return 0
