"""Abstracts come from the cache file on demand: always the right text, or a rebuild."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest

from tui.core.library import Library
from tui.core.parser import parse_digest
from tui.core.paths import bundled_seeds


def seed_abstracts() -> dict[str, str]:
    parsed = parse_digest(bundled_seeds()[0].read_bytes(), import_date=date.today())
    return {paper.id: paper.abstract for paper in parsed.papers}


def abstracts(library: Library) -> dict[str, str]:
    return {paper.id: paper.abstract for paper in library.papers}


def test_a_reopened_library_has_every_abstract_of_the_digest(home: Path) -> None:
    Library.open(home)  # imports the seed and writes the cache
    assert (home / "cache" / "abstracts.bin").is_file()
    assert abstracts(Library.open(home)) == seed_abstracts()


@pytest.mark.parametrize("damage", ["delete", "truncate", "foreign", "garbage", "empty"])
def test_a_damaged_abstracts_file_means_a_rebuild_never_wrong_text(home: Path,
                                                                   damage: str) -> None:
    Library.open(home)
    path = home / "cache" / "abstracts.bin"
    data = path.read_bytes()
    if damage == "delete":
        path.unlink()
    elif damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "foreign":  # the same layout, written for another library's papers.pickle
        other = home.parent / "other-home"
        extra = home.parent / "extra.txt"
        extra.write_text("Mar 20\n\nA Paper Sorted First\n\nIts abstract shifts every "
                         "other one in the file by one place, so a mix-up shows.\n")
        Library.open(other).import_paths([extra])
        path.write_bytes((other / "cache" / "abstracts.bin").read_bytes())
    elif damage == "garbage":
        path.write_bytes(b"\x00" * len(data))
    else:
        path.write_bytes(b"")
    assert abstracts(Library.open(home)) == seed_abstracts()
    assert abstracts(Library.open(home)) == seed_abstracts()  # and the cache was rewritten


def test_an_open_library_keeps_its_abstracts_when_another_import_rewrites_the_cache(
        home: Path, tmp_path: Path) -> None:
    Library.open(home)
    reader = Library.open(home)  # nothing read yet: every abstract still in the file
    digest = tmp_path / "more.txt"
    digest.write_text("Mar 20\n\nA Brand New Paper On Caches\n\nIt has an abstract of its own, "
                      "long enough to count as one, about caches and files.\n")
    writer = Library.open(home)
    writer.import_paths([digest])  # replaces abstracts.bin and papers.pickle
    assert abstracts(reader) == seed_abstracts()
    assert len(Library.open(home).papers) == len(reader.papers) + 1


def test_threads_reading_the_same_abstracts_all_get_the_text(home: Path) -> None:
    Library.open(home)
    library = Library.open(home)
    expected = seed_abstracts()
    failures: list[str] = []

    def read_all() -> None:
        for paper in library.papers:
            if paper.abstract != expected[paper.id]:
                failures.append(paper.id)

    threads = [threading.Thread(target=read_all) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_dropping_the_pages_read_changes_no_abstract(home: Path) -> None:
    Library.open(home)  # imports the seed, saves the cache
    library = Library.open(home)  # from the cache: its abstracts mapped from the file
    before = abstracts(library)
    for paper in library.papers:
        paper.drop_read_pages()
    assert abstracts(library) == before == seed_abstracts()
