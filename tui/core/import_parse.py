"""The parse step of an import: every file read, checked and parsed before anything is written.

A large import of many files (a backfill of daily JSON lists, a folder of a year of digests)
parses its files in worker processes, one per core: the parse is pure Python, so threads would
take turns on one core. Small imports (the daily one) parse here, where starting workers would
cost more than it saves. Either way the results come back in the files' order, so the merge
that follows is the same.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.errors import DigestError
from tui.core.input_limits import DigestFile

if TYPE_CHECKING:
    from tui.core.parser import ParseResult

Progress = Callable[[int, int], None]  # (done, total) in bytes
PARALLEL_FROM_BYTES = 32 * 2**20  # below this, workers cost more than they save
MAX_WORKERS = 4


@dataclass
class Parsed:
    path: Path
    source: DigestFile  # its sha and size are those of the bytes parsed
    result: ParseResult | None
    error: str = ""  # why the file is not a digest, when it is not


@dataclass(frozen=True)
class ParseJob:
    path: Path
    import_date: date  # the day the digest's year is taken from
    label: str = ""  # how messages name the file (its path when "")


def _parse_here(job: ParseJob, within: Progress | None) -> Parsed:
    from tui.core.sources import parse_source  # not needed to open a cached library

    path = job.path
    source = DigestFile(path)
    try:
        result = parse_source(source.chunks, size=path.stat().st_size,
                              import_date=job.import_date, source=job.label or str(path),
                              progress=within)
    except (DigestError, OSError) as exc:
        error = (str(exc) if isinstance(exc, DigestError)
                 else f"{path}: cannot read ({exc.strerror or exc})")
        return Parsed(path, source, None, error)
    return Parsed(path, source, result)


def parse_here(job: ParseJob) -> Parsed:
    """One file parsed in this process (a worker's job)."""
    return _parse_here(job, None)


def _cores() -> int:
    """The cores this process may run on (a container's or taskset's share, not the host's)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _workers(files: Sequence[ParseJob], sizes: Sequence[int]) -> int:
    cores = _cores()
    if len(files) < 2 or sum(sizes) < PARALLEL_FROM_BYTES or cores < 2:
        return 0
    return min(cores, MAX_WORKERS, len(files))


def parse_files(jobs: Sequence[ParseJob], progress: Progress | None = None,
                *, workers: int | None = None) -> Iterator[Parsed]:
    """Each file parsed, in order (`workers`: how many processes; None decides by size)."""
    sizes = [_size(job.path) for job in jobs]
    total = sum(sizes) or 1
    count = _workers(jobs, sizes) if workers is None else workers
    if count < 2:
        yield from _serially(jobs, sizes, total, progress)
    else:
        yield from _in_parallel(jobs, sizes, total, progress, count)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # the parse names the file that cannot be read


def _serially(jobs: Sequence[ParseJob], sizes: Sequence[int], total: int,
              progress: Progress | None) -> Iterator[Parsed]:
    done = 0
    for job, size in zip(jobs, sizes, strict=True):
        within = None
        if progress:
            # A big file's parse is long: move the bar during it too.
            def within(part: int, whole: int, before: int = done) -> None:
                progress(before + part, total)
        yield _parse_here(job, within)
        done += size
        if progress:
            progress(done, total)


def _in_parallel(jobs: Sequence[ParseJob], sizes: Sequence[int], total: int,
                 progress: Progress | None, workers: int) -> Iterator[Parsed]:
    from tui.core.import_worker import WorkerPool

    done = 0
    with WorkerPool(workers) as pool:
        for job, size, parsed in zip(jobs, sizes, pool.parse(jobs), strict=True):
            done += size
            if progress:
                progress(done, total)
            yield parsed if parsed is not None else _parse_here(job, None)
