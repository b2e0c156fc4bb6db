"""Importing digests: kept verbatim, deduplicated, idempotent, seeded on first use."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tui.core.errors import DigestError, NotFoundError, StateError
from tui.core.library import Library

ABSTRACT = ("We present a method and evaluate it thoroughly. " * 6).strip()


def write_digest(path: Path, date_line: str, *titles: str) -> Path:
    body = "".join(f"{t}\n\n{ABSTRACT} About {t}.\n\n" for t in titles)
    path.write_text(f"new\n\nSubscribe\n\n{date_line}\n\n{body}", encoding="utf-8")
    return path


def test_fresh_home_gets_the_bundled_seed(home: Path) -> None:
    lib = Library.open(home)
    assert len(lib.papers) == 88
    assert lib.latest_import == 0
    assert len(list((home / "digests").glob("*.txt"))) == 1


def test_without_seeding_a_fresh_home_is_empty(home: Path) -> None:
    assert Library.open(home, seed_if_empty=False).papers == []


def test_same_paper_in_two_digests_is_one_paper(home: Path, tmp_path: Path) -> None:
    lib = Library.open(home, seed_if_empty=False)
    first = write_digest(tmp_path / "a.txt", "Mar 10", "Shared Paper", "Only In A")
    second = write_digest(tmp_path / "b.txt", "Mar 11", "shared   paper", "Only In B")
    s1 = lib.import_paths([first], today=date(2026, 11, 29))
    s2 = lib.import_paths([second], today=date(2026, 11, 29))
    assert (s1.new, s1.known) == (2, 0)
    assert (s2.new, s2.known) == (1, 1)
    shared = next(p for p in lib.papers if p.title == "Shared Paper")
    assert shared.digest_dates == ("2026-03-10", "2026-03-11")
    assert len(shared.digests) == 2 and shared.first_import == 0
    # Newest digest first, then digest order.
    assert [p.title for p in lib.papers] == ["Shared Paper", "Only In B", "Only In A"]
    assert [p.title for p in lib.papers if p.first_import == lib.latest_import] == ["Only In B"]


def test_reimport_changes_nothing(home: Path, tmp_path: Path) -> None:
    lib = Library.open(home, seed_if_empty=False)
    digest = write_digest(tmp_path / "a.txt", "Mar 10", "Alpha", "Beta")
    lib.import_paths([digest])
    log = (home / "imports.json").read_bytes()
    again = lib.import_paths([digest])
    assert (again.new, again.known, again.digests_already_kept) == (0, 2, 1)
    assert (home / "imports.json").read_bytes() == log


def test_library_survives_the_original_file_being_deleted(home: Path, tmp_path: Path) -> None:
    digest = write_digest(tmp_path / "a.txt", "Mar 10", "Alpha", "Beta")
    original = digest.read_bytes()
    Library.open(home, seed_if_empty=False).import_paths([digest])
    digest.unlink()
    kept = list((home / "digests").glob("*.txt"))
    assert [k.read_bytes() for k in kept] == [original]
    (home / "cache" / "papers.pickle").unlink()  # force a rebuild from the kept digests
    assert [p.title for p in Library.open(home).papers] == ["Alpha", "Beta"]


def test_a_stale_or_broken_cache_is_rebuilt(home: Path) -> None:
    Library.open(home)
    (home / "cache" / "papers.pickle").write_bytes(b"garbage")
    assert len(Library.open(home).papers) == 88


def test_a_bad_file_among_good_ones_writes_nothing(home: Path, tmp_path: Path) -> None:
    lib = Library.open(home, seed_if_empty=False)
    good = write_digest(tmp_path / "good.txt", "Mar 10", "Alpha")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    with pytest.raises(DigestError, match="empty file"):
        lib.import_paths([good, bad])
    assert not (home / "imports.json").exists()
    assert Library.open(home, seed_if_empty=False).papers == []


def test_import_a_folder(home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    write_digest(folder / "1.txt", "Mar 10", "Alpha")
    write_digest(folder / "2.txt", "Mar 11", "Beta")
    summary = Library.open(home, seed_if_empty=False).import_paths([folder])
    assert (summary.new, summary.digests_added) == (2, 2)


def test_resolve_prefixes(home: Path) -> None:
    lib = Library.open(home)
    paper = lib.papers[5]
    assert lib.resolve(paper.id[:6]) is paper
    assert lib.resolve(paper.id.upper()) is paper
    with pytest.raises(NotFoundError, match="no paper with id"):
        lib.resolve("zzzz")
    with pytest.raises(NotFoundError, match="ambiguous"):
        lib.resolve(lib.papers[0].id[0] if sum(
            p.id.startswith(lib.papers[0].id[0]) for p in lib.papers) > 1 else "")


def test_two_libraries_importing_do_not_lose_each_other(home: Path, tmp_path: Path) -> None:
    one = Library.open(home, seed_if_empty=False)
    two = Library.open(home, seed_if_empty=False)
    one.import_paths([write_digest(tmp_path / "a.txt", "Mar 10", "Alpha")])
    two.import_paths([write_digest(tmp_path / "b.txt", "Mar 11", "Beta")])
    assert sorted(p.title for p in Library.open(home).papers) == ["Alpha", "Beta"]


def test_ctrl_c_just_after_the_log_is_renamed_keeps_the_digest_it_lists(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C while the import log's rename was being fsynced rolled back by deleting the new
    digest file the committed log already listed: its papers vanished, and a re-import said
    'already imported'."""
    import tui.core.atomic as atomic

    lib = Library.open(home, seed_if_empty=False)
    real_fsync_dir = atomic.fsync_dir

    def interrupted_after_rename(folder: Path) -> None:
        real_fsync_dir(folder)
        if Path(folder) == home:  # the import log's folder: the log is already renamed
            raise KeyboardInterrupt

    monkeypatch.setattr(atomic, "fsync_dir", interrupted_after_rename)
    digest = write_digest(tmp_path / "d.txt", "Mar 12", "A paper kept by the log")
    with pytest.raises(KeyboardInterrupt):
        lib.import_paths([digest], today=date(2026, 3, 20))
    monkeypatch.undo()
    reopened = Library.open(home, seed_if_empty=False)
    assert [p.title for p in reopened.papers] == ["A paper kept by the log"]
    assert len(list((home / "digests").iterdir())) == 1


class _RefusingLock:
    """A FileLock stand-in: what a read-only home or a long import does to acquire()."""

    error: BaseException = PermissionError(13, "Permission denied")

    def __init__(self, *_args: object, **_kwargs: object) -> None:
        pass

    def acquire(self) -> None:
        raise self.error


@pytest.mark.parametrize(("error", "message"), [
    (PermissionError(13, "Permission denied"), "cannot lock .*library.lock: Permission denied"),
    (None, "another paperdeck has been importing into .* for 30 s"),
])
def test_a_home_that_cannot_be_locked_is_a_clear_error(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error, message) -> None:
    """A read-only home (or one the user does not own) was a PermissionError traceback."""
    from filelock import Timeout

    import tui.core.library as library_module

    _RefusingLock.error = error or Timeout(str(home / "library.lock"))
    monkeypatch.setattr(library_module, "FileLock", _RefusingLock)
    with pytest.raises(StateError, match=message):
        Library.open(home)
    digest = write_digest(tmp_path / "d.txt", "Mar 12", "A paper")
    with pytest.raises(StateError, match=message):
        Library.open(home, seed_if_empty=False).import_paths([digest])


def test_a_digest_lists_its_papers_in_its_own_order_also_those_seen_before(
        home: Path, tmp_path: Path) -> None:
    """Papers a newer digest shares with an older one came after its new papers (they kept
    their place in the older digest): the list did not keep digest order."""
    lib = Library.open(home, seed_if_empty=False)
    lib.import_paths([write_digest(tmp_path / "d1.txt", "Mar 11", "Alpha", "Beta", "Gamma")],
                     today=date(2026, 3, 20))
    lib.import_paths([write_digest(tmp_path / "d2.txt", "Mar 12", "Delta", "Beta", "Alpha")],
                     today=date(2026, 3, 20))
    expected = ["Delta", "Beta", "Alpha", "Gamma"]
    assert [p.title for p in lib.papers] == expected
    assert [p.title for p in Library.open(home).papers] == expected  # from the cache
    for cached in (home / "cache").iterdir():
        cached.unlink()
    assert [p.title for p in Library.open(home).papers] == expected  # rebuilt from digests
    older = write_digest(tmp_path / "d0.txt", "Mar 10", "Gamma", "Alpha", "Epsilon")
    lib.import_paths([older], today=date(2026, 3, 20))  # an older day changes no order above
    assert [p.title for p in lib.papers] == [*expected, "Epsilon"]
