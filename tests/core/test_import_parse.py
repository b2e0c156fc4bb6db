"""A large import parses its files in worker processes: the same papers, warnings, errors and
order as parsed in the importing process, also when a worker cannot start or dies."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from tui.core import import_parse
from tui.core.errors import DigestError
from tui.core.import_parse import ParseJob, parse_files
from tui.core.import_worker import WorkerPool
from tui.core.library import Library

FIXTURES = Path(__file__).parent.parent / "fixtures"
DAY = date(2025, 3, 5)
SOURCES = ["daily_papers_2025-03-04.txt", "hf_daily_papers_2025-03-04.json",
           "arxiv_api_query.atom", "arxiv_cs.LG.rss", "arxiv_listing_mail.txt"]


def _jobs(tmp_path: Path) -> list[ParseJob]:
    bad = tmp_path / "page.html"
    bad.write_text("<!DOCTYPE html><html><body>Daily Papers</body></html>\n")
    paths = [FIXTURES / name for name in SOURCES]
    return [ParseJob(p, DAY) for p in [*paths[:2], bad, tmp_path / "missing.txt", *paths[2:]]]


def _seen(results: list) -> list:
    return [(r.path, r.error, r.source.sha, r.source.size,
             r.result.papers if r.result else None,
             r.result.diagnostics if r.result else None) for r in results]


def test_workers_give_what_the_importing_process_gives(tmp_path: Path) -> None:
    jobs = _jobs(tmp_path)
    here = list(parse_files(jobs, workers=0))
    there = list(parse_files(jobs, workers=2))
    assert _seen(there) == _seen(here)
    assert [bool(r.error) for r in there] == [False, False, True, True, False, False, False]
    assert sum(len(r.result.papers) for r in there if r.result) > 10


@pytest.mark.parametrize("worker", ["/nonexistent/python", "/bin/false", "/bin/echo"])
def test_a_worker_that_cannot_start_or_dies_costs_only_speed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, worker: str) -> None:
    jobs = _jobs(tmp_path)
    here = list(parse_files(jobs, workers=0))
    monkeypatch.setattr(sys, "executable", worker)
    assert _seen(list(parse_files(jobs, workers=2))) == _seen(here)


def test_progress_reaches_the_whole_in_order(tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    list(parse_files(_jobs(tmp_path), lambda done, total: calls.append((done, total)),
                     workers=2))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]


def _library(home: Path, files: list[Path]) -> list:
    lib = Library.open(home, seed_if_empty=False)
    lib.import_paths(files, today=DAY)
    reopened = Library.open(home, seed_if_empty=False)
    return [(p.id, p.title, p.meta, p.digest_dates) for p in reopened.papers]


def test_a_large_import_in_workers_makes_the_same_library(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    for name in SOURCES:
        shutil.copy(FIXTURES / name, folder / name)
    serial = _library(tmp_path / "one", [folder])
    monkeypatch.setattr(import_parse, "PARALLEL_FROM_BYTES", 0)  # as if the files were huge
    monkeypatch.setattr(import_parse, "_cores", lambda: 2)
    answered: list[object] = []
    real_parse = WorkerPool.parse

    def parse(self: WorkerPool, jobs: list[ParseJob]) -> Iterator[object]:
        for parsed in real_parse(self, jobs):
            answered.append(parsed)
            yield parsed

    monkeypatch.setattr(WorkerPool, "parse", parse)
    assert _library(tmp_path / "two", [folder]) == serial
    assert len(answered) == len(SOURCES) and None not in answered  # the workers parsed them


def test_a_bad_file_among_many_is_named_and_nothing_is_imported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(import_parse, "PARALLEL_FROM_BYTES", 0)
    folder = tmp_path / "digests"
    folder.mkdir()
    for name in SOURCES:
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "zz.html").write_text("<!DOCTYPE html><html><body>x</body></html>\n")
    lib = Library.open(tmp_path / "home", seed_if_empty=False)
    with pytest.raises(DigestError, match=r"zz\.html"):
        lib.import_paths([folder], today=DAY)
    assert Library.open(tmp_path / "home", seed_if_empty=False).papers == []


@pytest.mark.parametrize("change", ["rewritten", "grown", "shrunk"])
def test_a_file_changed_between_its_parse_and_its_copy_imports_nothing(
        tmp_path: Path, change: str) -> None:
    digest = tmp_path / "daily.json"
    shutil.copy(FIXTURES / "hf_daily_papers_2025-03-04.json", digest)
    original = digest.read_bytes()

    def after_parse(done: int, total: int) -> None:
        if done == total:  # parsed, not yet kept: another program writes the file
            if change == "rewritten":
                digest.write_bytes(original.replace(b"Lattice", b"Lettuce"))
            elif change == "grown":
                digest.write_bytes(original + b" " * 100_000)
            else:
                digest.write_bytes(original[:-10])

    home = tmp_path / "home"
    lib = Library.open(home, seed_if_empty=False)
    with pytest.raises(DigestError, match="changed while it was being imported"):
        lib.import_paths([digest], progress=after_parse, today=DAY)
    assert Library.open(home, seed_if_empty=False).papers == []
    kept = home / "digests"
    assert (list(kept.iterdir()) if kept.is_dir() else []) == []  # no orphan copy either
