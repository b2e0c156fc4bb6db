"""Exporters: the reading list as md, bibtex, csv (csv-excel with a BOM), json, csljson or ris.

`render()` builds the document as text; `write_export()` writes it atomically to a file
(never over an existing one without force) or to a stream.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from tui.core.atomic import atomic_write_text, check_destination
from tui.core.errors import PaperdeckError
from tui.core.export import bibtex, csljson, csv_format, json_format, markdown, ris
from tui.core.export.fields import Items, Library
from tui.core.text import replace_surrogates

Renderer = Callable[..., str]


class ExportFormatError(PaperdeckError):
    """An export format paperdeck does not know; a usage error."""

    exit_code = 2


@dataclass(frozen=True)
class Exporter:
    name: str
    extension: str  # file suffix, without the dot
    description: str
    render: Renderer


FORMATS: dict[str, Exporter] = {
    exporter.name: exporter
    for exporter in (
        Exporter("md", "md", "Markdown checklist", markdown.render),
        Exporter("bibtex", "bib", "BibTeX @misc entries", bibtex.render),
        Exporter("csv", "csv", "spreadsheet (RFC 4180)", csv_format.render),
        Exporter("csv-excel", "csv", "CSV for spreadsheets (UTF-8 BOM, for Excel)",
                 csv_format.render_for_spreadsheets),
        Exporter("json", "json", "paperdeck records (as list --format json)", json_format.render),
        Exporter("csljson", "csl.json", "CSL-JSON for Zotero / citeproc", csljson.render),
        Exporter("ris", "ris", "RIS for Zotero, EndNote, Mendeley", ris.render),
    )
}


@dataclass(frozen=True)
class ExportReport:
    fmt: str
    count: int
    path: Path | None  # None: written to a stream
    size: int  # bytes written

    def message(self) -> str:
        noun = "paper" if self.count == 1 else "papers"
        where = str(self.path) if self.path is not None else "stdout"
        return f"exported {self.count} {noun} to {where}"


# One rule for `export -o FILE` and the app's dialog. Longest first: "x.csl.json" is CSL-JSON,
# "x.json" paperdeck's own records.
SUFFIXES: tuple[tuple[str, str], ...] = (
    (".csl.json", "csljson"),
    (".json", "json"),
    (".md", "md"),
    (".bib", "bibtex"),
    (".csv", "csv"),
    (".ris", "ris"),
)


def _our_suffix(name: str) -> tuple[str, str] | None:
    lowered = name.rstrip().lower()
    for suffix, fmt in SUFFIXES:
        if lowered.endswith(suffix) and len(lowered) > len(suffix):
            return suffix, fmt
    return None


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for (`list.bib`: bibtex), or None when it names none."""
    found = _our_suffix(Path(path).name)
    return found[1] if found else None


def path_with_format(typed: str, fmt: str) -> str:
    """The typed path with `fmt`'s suffix in place of one of ours; the user's own is kept."""
    found = _our_suffix(Path(typed).name)
    if found is None:
        return typed
    stem = typed.rstrip()[: -len(found[0])]
    return f"{stem}.{get_exporter(fmt).extension}"


def get_exporter(fmt: str) -> Exporter:
    try:
        return FORMATS[fmt]
    except KeyError:
        known = ", ".join(FORMATS)
        raise ExportFormatError(f"unknown export format {fmt!r} (choose from: {known})") from None


def render(fmt: str, items: Items, *, query: str = "", today: date | None = None,
           library: Library = None) -> str:
    """The document; citation keys are those the whole `library` gives (see keys.py)."""
    exporter = get_exporter(fmt)
    document = exporter.render(list(items), query=query, today=today or date.today(),
                               library=library)
    return replace_surrogates(document)  # a query from argv may hold undecodable bytes


def write_export(
    fmt: str,
    items: Items,
    path: Path | None,
    *,
    force: bool = False,
    query: str = "",
    today: date | None = None,
    stream: TextIO | None = None,
    library: Library = None,
) -> ExportReport:
    """Render and write; path None writes to `stream` (default stdout).

    A file is replaced atomically: readers see the old file or the new one. Without force an
    existing file is left alone and WriteError (exit 6) is raised before anything is written.
    """
    text = render(fmt, items, query=query, today=today, library=library)
    data = text.encode("utf-8")
    if path is None:
        out = stream if stream is not None else sys.stdout
        out.write(text)
        out.flush()
        return ExportReport(fmt, len(items), None, len(data))
    path = check_destination(path, force=force)
    atomic_write_text(path, text, overwrite=force)
    return ExportReport(fmt, len(items), path, len(data))


def default_filename(fmt: str, today: date | None = None) -> str:
    exporter = get_exporter(fmt)
    return f"paperdeck-{(today or date.today()).isoformat()}.{exporter.extension}"


__all__ = [
    "FORMATS",
    "SUFFIXES",
    "ExportFormatError",
    "ExportReport",
    "Exporter",
    "default_filename",
    "format_for_path",
    "get_exporter",
    "path_with_format",
    "render",
    "write_export",
]
