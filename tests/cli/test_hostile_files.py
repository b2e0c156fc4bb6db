"""Files that are not digests, and disks that fail, through `paperdeck import` and `export -o`.

test_library_commands.py covers an empty, a binary and an HTML file and a missing path; here every
case also checks the whole contract: one line on stderr, the documented exit code, no traceback,
and the home byte for byte as it was (a snapshot of every file before and after).
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import tui.core.atomic as atomic

ABSTRACT = ("We study a method for training large models. It works well on many tasks and "
            "we release the code. The results show that the approach scales to many devices "
            "and beats strong baselines by a wide margin on every benchmark we tried.")


def snapshot(home: Path) -> dict[str, bytes]:
    """Every file of the home and its bytes; lock files come and go and hold nothing."""
    return {str(p.relative_to(home)): p.read_bytes() for p in sorted(home.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def seeded(cli, home: Path) -> dict[str, bytes]:
    """A home with the seed imported and one starred paper: data to lose."""
    first = cli("list", "-n", "1", "-f", "tsv").out.splitlines()[1].split("\t")[0]
    assert cli("mark", first, "--star").code == 0
    return snapshot(home)


def assert_clean_failure(result, code: int, words: str) -> None:  # type: ignore[no-untyped-def]
    assert result.code == code, result.err
    assert result.out == ""
    assert result.err.startswith("paperdeck: error: ") and result.err.count("\n") == 1, result.err
    assert words in result.err and "Traceback" not in result.err


def good_digest(tmp_path: Path, title: str = "A fresh paper about robust parsing") -> Path:
    path = tmp_path / f"good-{abs(hash(title))}.txt"
    path.write_text(f"Mar 12\n\n{title}\n\n{ABSTRACT}\n\n", encoding="utf-8")
    return path


BAD_FILES = {
    "empty": (b"", "empty file"),
    "blank": (b" \n\r\n\t\n", "empty file"),
    "binary": (bytes(range(256)) * 40, "binary file"),
    "elf": (b"\x7fELF\x02\x01\x01" + b"\x00" * 500, "binary file"),
    "html": (b"\n  <!DOCTYPE html>\n<html><head><title>Daily Papers</title></head>"
             b"<body><h1>Daily Papers</h1></body></html>", "HTML page"),
    "no papers": (b"just some notes\n\nnothing like a digest\n", "no papers"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_a_bad_file_is_one_line_exit_3_and_the_home_unchanged(
        cli, home: Path, tmp_path: Path, seeded: dict[str, bytes], case: str) -> None:
    content, words = BAD_FILES[case]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    assert_clean_failure(cli("import", str(bad)), 3, words)
    # A good file beside it does not get in either: all or nothing.
    assert_clean_failure(cli("import", str(good_digest(tmp_path)), str(bad)), 3, words)
    assert snapshot(home) == seeded


def test_missing_paths_and_folders(cli, home: Path, tmp_path: Path,
                                   seeded: dict[str, bytes]) -> None:
    assert_clean_failure(cli("import", str(tmp_path / "nope.txt")), 3, "no such file")
    empty = tmp_path / "empty-dir"
    empty.mkdir()
    assert_clean_failure(cli("import", str(empty)), 3, "holds no files")
    junk = tmp_path / "junk-dir"
    (junk / "sub").mkdir(parents=True)
    (junk / "a.bin").write_bytes(b"\x00\x01" * 300)
    (junk / ".hidden").write_text("ignored")
    good_digest(junk)
    assert_clean_failure(cli("import", str(junk)), 3, "a.bin: binary file")
    assert snapshot(home) == seeded


def test_latin1_imports_with_a_warning(cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    title = "Caf\xe9 na\xefve r\xe9sum\xe9 models"
    path.write_bytes(f"Mar 12\n\n{title}\n\n{ABSTRACT}\n".encode("latin-1"))
    result = cli("import", str(path))
    assert result.code == 0 and "1 new paper," in result.out
    assert "not valid UTF-8" in result.err
    assert "Café naïve résumé models" in cli("list", "-q", "naive", "-f", "tsv").out


def test_permission_denied(cli, home: Path, tmp_path: Path, seeded: dict[str, bytes],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    locked = good_digest(tmp_path)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):  # root reads anything: simulate the refusal instead
            real = Path.open

            def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
                if self == locked:
                    raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))
                return real(self, *args, **kwargs)

            monkeypatch.setattr(Path, "open", refuse)
        assert_clean_failure(cli("import", str(locked)), 3, "permission denied")
    finally:
        locked.chmod(0o644)
    assert snapshot(home) == seeded


def _fail_with(monkeypatch: pytest.MonkeyPatch, err: int, when: Callable[[], bool]) -> None:
    real = atomic.os.fsync

    def fsync(fd: int) -> None:
        if when():
            raise OSError(err, os.strerror(err))
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)


@pytest.mark.parametrize("fail_on", ["every write", "the import log only"])
def test_disk_full_during_import_changes_nothing(
        cli, home: Path, tmp_path: Path, seeded: dict[str, bytes],
        monkeypatch: pytest.MonkeyPatch, fail_on: str) -> None:
    calls: list[int] = []

    def when() -> bool:
        calls.append(1)
        # digests are written first, then the cache, then imports.json (the commit point)
        return fail_on == "every write" or len(calls) >= 3

    _fail_with(monkeypatch, errno.ENOSPC, when)
    paths = [str(good_digest(tmp_path)), str(good_digest(tmp_path, "Another new paper"))]
    assert_clean_failure(cli("import", *paths), 6, "No space left on device")
    assert snapshot(home) == seeded
    monkeypatch.undo()
    assert cli("import", *paths).code == 0  # and the disk freed, the same import works


def test_unwritable_digest_folder(cli, home: Path, tmp_path: Path, seeded: dict[str, bytes],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    real = atomic.tempfile.mkstemp

    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        if Path(str(kwargs.get("dir"))).name == "digests":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(atomic.tempfile, "mkstemp", mkstemp)
    assert_clean_failure(cli("import", str(good_digest(tmp_path))), 6, "Permission denied")
    assert snapshot(home) == seeded


# -- export -o on a full disk ---------------------------------------------------------------------

@pytest.mark.parametrize("existing", [False, True])
def test_disk_full_while_exporting(cli, home: Path, tmp_path: Path, seeded: dict[str, bytes],
                                   monkeypatch: pytest.MonkeyPatch, existing: bool) -> None:
    target = tmp_path / "out" / "list.bib"
    target.parent.mkdir()
    if existing:
        target.write_text("my old bibliography\n")
    _fail_with(monkeypatch, errno.ENOSPC, lambda: True)
    args = ["export", "-f", "bibtex", "-o", str(target)] + (["--force"] if existing else [])
    assert_clean_failure(cli(*args), 6, "No space left on device")
    leftovers = sorted(p.name for p in target.parent.iterdir())
    assert leftovers == (["list.bib"] if existing else [])  # no temp file, no partial file
    if existing:
        assert target.read_text() == "my old bibliography\n"
    assert snapshot(home) == seeded


# -- a 100 MB single line --------------------------------------------------------------------------

CHILD = textwrap.dedent("""
    import resource, sys
    from tui.cli import main
    code = main(["--home", sys.argv[1], "import", sys.argv[2]])
    print(code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stdout)
""")


@pytest.mark.parametrize("line", [b"word ", b"x"])
def test_a_100_mb_single_line_fails_quickly_without_a_memory_blow_up(
        home: Path, tmp_path: Path, line: bytes) -> None:
    big = tmp_path / "big.txt"
    size = 100 * 1024 * 1024
    with big.open("wb") as handle:
        handle.write(b"Mar 11\n\n")
        handle.write(line * (size // len(line)))
    proc = subprocess.run([sys.executable, "-c", CHILD, str(home), str(big)],
                          capture_output=True, text=True, timeout=120, check=False,
                          cwd=Path(__file__).resolve().parents[2])
    code, peak_kb = map(int, proc.stdout.split())
    assert code == 3
    assert proc.stderr.count("\n") == 1 and "without a blank line" in proc.stderr
    # Bytes, text and lines are each about the file's size; 2.2 GB was the bug.
    assert peak_kb < 800 * 1024, f"peak RSS {peak_kb // 1024} MB"
    assert all(p.stat().st_size < 1_000_000 for p in (home / "digests").glob("*"))


def test_a_failed_import_leaves_the_open_library_as_it_was(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from tui.core.errors import WriteError
    from tui.core.library import Library

    library = Library.open(home)
    before = [(p.id, p.digests, p.digest_dates) for p in library.papers]
    calls: list[int] = []
    _fail_with(monkeypatch, errno.ENOSPC, lambda: bool(calls.append(1)) or len(calls) >= 2)
    with pytest.raises(WriteError):
        library.import_paths([good_digest(tmp_path)])
    assert len(library.imports) == 1
    assert [(p.id, p.digests, p.digest_dates) for p in library.papers] == before


# -- targets that are not regular files --------------------------------------------------------


@pytest.mark.parametrize("command", [["export", "-f", "md", "-o"], ["state", "export"]])
def test_a_fifo_or_a_link_to_one_is_never_replaced(cli, tmp_path: Path,
                                                   command: list[str]) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-fifo"
    link.symlink_to(fifo)
    for target in (fifo, link):
        result = cli(*command, str(target), "--force")
        assert_clean_failure(result, 6, "not a regular file")
    assert fifo.is_fifo() and link.is_symlink()


@pytest.mark.parametrize("command", [["export", "-f", "md", "-o"], ["state", "export"]])
def test_writing_through_a_symlink_keeps_the_link(cli, tmp_path: Path,
                                                  command: list[str]) -> None:
    real = tmp_path / "dotfiles" / "list.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "list-link.txt"
    link.symlink_to(real)
    assert cli(*command, str(link), "--force").code == 0
    assert link.is_symlink() and real.read_text() != "old"
