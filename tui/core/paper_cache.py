"""The library's cache of parsed papers, rebuilt from the kept digests whenever it is stale.

    cache/papers.pickle   every paper but its abstract, in the library's default order
    cache/abstracts.bin   the abstracts, mapped and read per paper (abstracts.py)

The key is the import log's bytes and CACHE_VERSION: any import, or a parser change that
bumps the version, makes the cache stale. It is an optimisation only: a missing, broken or
foreign cache is rebuilt, never trusted, and a cache that cannot be written is not kept.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import pickle
from collections.abc import Iterator
from pathlib import Path

from tui.core.abstracts import MAGIC as ABSTRACTS_MAGIC
from tui.core.abstracts import AbstractFile, write_abstracts
from tui.core.atomic import atomic_write_bytes
from tui.core.model import Link, Paper, PaperMeta
from tui.core.ownership import PICKLE_OPENING, cache_file_is_ours

CACHE_VERSION = 7  # bump when the parser or Paper changes: old caches are rebuilt


def cache_key(log_bytes: bytes) -> str:
    """The key a cache must hold to stand for the library that this import log describes."""
    return hashlib.sha256(log_bytes + f"v{CACHE_VERSION}".encode()).hexdigest()


def _paper_row(p: Paper, number: int) -> tuple:
    """The cache row of a paper: its abstract is `number` in the abstracts file."""
    links = tuple((link.url, link.kind) for link in p.links)
    return (p.id, p.title, number, links, p.digest_dates, p.first_seen, p.first_import,
            p.digests, p.position, p._shown_at)


def _meta_rows(papers: list[Paper]) -> dict[int, tuple]:
    """The metadata of the papers that have any, by position: most have none."""
    return {n: _meta_fields(p.meta) for n, p in enumerate(papers) if p.meta is not None}


def _meta_fields(meta: PaperMeta) -> tuple:
    return tuple(getattr(meta, name) for name in PaperMeta.__slots__)


def _row_papers(rows: list[tuple], metas: dict[int, tuple],
                source: AbstractFile) -> list[Paper]:
    papers = [Paper(*row, source) for row in rows]  # one call each: this runs at every start
    for paper in papers:
        if paper.links:
            paper.links = tuple(Link(url, kind) for url, kind in paper.links)
    for number, fields in metas.items():
        papers[number].meta = PaperMeta(*fields)
    return papers


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while 100,000s of objects are made that are all kept:
    each collection would walk every one made so far."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()  # and no later collection walks them either (refcounting still frees)
        if was_enabled:
            gc.enable()


class PaperCache:
    """The two cache files of one data home."""

    def __init__(self, cache_dir: Path) -> None:
        self.papers_path = cache_dir / "papers.pickle"
        self.abstracts_path = cache_dir / "abstracts.bin"
        self.aliases: dict[str, str] = {}  # of the papers the last load gave

    def load(self, key: str) -> list[Paper] | None:
        """The cached papers, in default order, when the cache holds `key`; else None."""
        if not (self.papers_path.is_file() and self.abstracts_path.is_file()):
            return None  # missing, or a FIFO or device that a read would wait on forever
        try:
            with open(self.papers_path, "rb") as handle, _gc_paused():
                cached = pickle.load(handle)
            if cached.get("key") != key:
                return None
            source = AbstractFile(self.abstracts_path, cached["abstracts"])
            with _gc_paused():
                papers = _row_papers(cached["papers"], cached["metas"], source)
            self.aliases = cached["aliases"]
            return papers
        except Exception:  # a stale or broken cache is only a reason to rebuild
            return None

    def save(self, key: str, papers: list[Paper], aliases: dict[str, str]) -> None:
        """Keep `papers` (in default order: a start then need not sort them) under `key`."""
        if not (cache_file_is_ours(self.abstracts_path, (ABSTRACTS_MAGIC,))
                and cache_file_is_ours(self.papers_path, (PICKLE_OPENING,))):
            return  # a link or someone else's file in cache/: left alone, the cache not kept
        rows = [_paper_row(p, n) for n, p in enumerate(papers)]
        with contextlib.suppress(Exception):  # the cache is an optimisation, never required
            # Abstracts first: papers.pickle names the abstracts file it belongs to, so a
            # crash between the two leaves a mismatch that is rebuilt, never wrong texts.
            abstracts = write_abstracts(self.abstracts_path, (p.abstract for p in papers))
            data = pickle.dumps({"key": key, "papers": rows, "abstracts": abstracts,
                                 "metas": _meta_rows(papers), "aliases": aliases},
                                protocol=pickle.HIGHEST_PROTOCOL)
            atomic_write_bytes(self.papers_path, data)
