"""A fetch is an import: the bodies fetched, verbatim, go through one Library.import_paths call
(all or nothing), unless none of them brings anything the library lacks."""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from tui.core.errors import DigestError, WriteError
from tui.core.input_limits import DigestFile
from tui.core.library import ImportSummary, Library

Named = tuple[str, bytes]  # (file name the import log shows, body as received)


def import_bodies(library: Library, bodies: Sequence[Named], *, today: date,
                  progress: Callable[[int, int], None] | None = None) -> ImportSummary | None:
    """Import the fetched bodies at once; None (nothing written) when there are none or
    every paper in them is in the library already, from a source as rich and on that day."""
    if not bodies:
        return None
    with tempfile.TemporaryDirectory(prefix="paperdeck-fetch-") as folder:
        paths = []
        for name, body in bodies:
            path = Path(folder) / name
            try:
                path.write_bytes(body)
            except OSError as exc:
                raise WriteError(f"cannot write the fetched papers to {path}: "
                                 f"{exc.strerror or exc}; nothing imported") from None
            paths.append(path)
        if _nothing_new(library, paths, today):
            return None
        return library.import_paths(paths, progress=progress, today=today)


def _nothing_new(library: Library, paths: list[Path], today: date) -> bool:
    """Whether importing would change nothing that shows: every paper known, by its arXiv id
    when it has one (a paper known from the page text alone would gain its authors), already
    on each of its days. Upvotes that moved since are not worth a new kept digest."""
    if not library.papers:
        return False
    from tui.core.sources import parse_source

    for path in paths:
        kept = DigestFile(path)
        try:
            result = parse_source(kept.chunks, size=path.stat().st_size, import_date=today,
                                  source=str(path))
        except (DigestError, OSError):
            return False  # the import names what is wrong with it
        for paper in result.papers:
            known = library.by_arxiv_id(paper.arxiv_id) if paper.arxiv_id else library.get(paper.id)
            if known is None or not set(paper.digest_dates) <= set(known.digest_dates):
                return False
    return True
