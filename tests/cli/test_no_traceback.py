"""No traceback ever reaches the user: every command, run as the user runs it (a subprocess),
with hostile arguments and broken homes, ends with its documented exit code and at most a
one-line error, never a Python traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.support.hostile_digest import write_hostile_digest
from tui.cli import main

ROOT = Path(__file__).resolve().parents[2]
EVIL = "x\x1b]52;c;aGk=\x07\x1b[2J\u009b\n\t\u202e漢😀"
BAD_UTF8 = b"x\xff\xfey".decode("utf-8", "surrogateescape")  # bytes argv cannot decode

# (arguments, expected exit code); "{home}", "{tmp}" and "{digest}" are filled in.
CASES: list[tuple[list[str], int]] = [
    (["import", "{tmp}/missing.txt"], 3),
    (["import", "{tmp}"], 3),  # holds a binary file beside the digest
    (["import", "/dev/null"], 3),
    (["import", "/dev/zero"], 3),
    (["import", "{tmp}/fifo"], 3),
    (["import", "{tmp}/" + BAD_UTF8], 3),
    (["import", "{digest}"], 0),
    (["list", "-q", EVIL], 0),
    (["list", "-q", "colour:" + EVIL], 7),
    (["list", "-q", BAD_UTF8 + ' "open -is:read OR'], 7),  # unclosed quote
    (["list", "-q", "is:" + BAD_UTF8], 7),
    (["list", "-n", "-3"], 2),
    (["list", "-n", "1e9"], 2),
    (["list", "-f", "yaml"], 2),
    (["stats", "-f", "json"], 0),
    (["mark", EVIL, "--star"], 4),
    (["mark", "", "--read"], 4),
    (["mark", "0", "--read"], 4),  # ambiguous among 97 ids
    (["note", "d7f5", "--set", EVIL], 0),
    (["note", "d7f5", "--append", BAD_UTF8], 0),
    (["note", "d7f5", "--show"], 0),
    (["tag", "d7f5", "--add", "two words"], 2),
    (["tag", "d7f5", "--add", BAD_UTF8], 2),
    (["tag", "d7f5", "--remove", EVIL], 2),
    (["export", "-f", EVIL], 2),
    (["fetch", EVIL], 2),  # refused before any request: no test reaches the network
    (["fetch", "--arxiv", EVIL], 2),
    (["fetch", "--since", BAD_UTF8], 2),
    (["export", "-f", "md", "-q", BAD_UTF8 + " OR is:unread"], 0),
    (["export", "-f", "ris", "-o", "{tmp}"], 6),
    (["export", "-f", "csv", "-o", "{tmp}/fifo", "--force"], 6),
    (["export", "-f", "bibtex", "-o", "/proc/version", "--force"], 6),
    (["state", "export", "{tmp}"], 6),
    (["state", "merge", "{tmp}/binary.bin"], 3),
    (["state", "merge", "{tmp}"], 3),
    (["state", "merge", "{tmp}/missing.json"], 3),
    (["--home", "{tmp}/binary.bin", "list"], 5),
    (["--home", "/proc/no/such/home", "stats"], 5),
    (["--bogus"], 2),
    (["{tmp}/binary.bin"], 3),  # `paperdeck FILE` imports first: a bad file never opens the app
]

BROKEN_HOMES: dict[str, Callable[[Path], None]] = {
    "imports.json garbage": lambda h: (h / "imports.json").write_bytes(b"\x00garbage{"),
    "cache garbage": lambda h: (h / "cache" / "papers.pickle").write_bytes(b"garbage"),
    "cache is a file": lambda h: (shutil.rmtree(h / "cache"), (h / "cache").write_text("x")),
    "state.json garbage": lambda h: (h / "state.json").write_bytes(b'{"papers": [1, 2'),
    "state.json is a folder": lambda h: ((h / "state.json").unlink(), (h / "state.json").mkdir()),
    "backups is a file": lambda h: (shutil.rmtree(h / "backups", ignore_errors=True),
                                    (h / "backups").write_text("x")),
    "settings garbage": lambda h: (h / "settings.json").write_text("{"),
}
BROKEN_COMMANDS = [["list", "-n", "2"], ["mark", "d7f5", "--read"], ["stats"]]


def run(args: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "80",
           # fetch cases fail before a request; were one sent, it goes nowhere (port 9)
           "HF_ENDPOINT": "http://127.0.0.1:9", "PAPERDECK_ARXIV_URL": "http://127.0.0.1:9/q"}
    # Bytes argv: a surrogate-escaped argument goes back to the bytes the user typed.
    argv = [os.fsencode(a) for a in [sys.executable, "-m", "tui", *args]]
    return subprocess.run(argv, capture_output=True, timeout=60, env=env, check=False,
                          stdin=subprocess.DEVNULL)


def check(proc: subprocess.CompletedProcess[bytes], code: int, what: object) -> None:
    err = proc.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, (what, err)
    assert proc.returncode == code, (what, proc.returncode, err)
    errors = [line for line in err.splitlines() if "error:" in line]
    assert len(errors) <= 1 and not any(ch in err for ch in "\x1b\x07\u009b"), (what, err)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("seeded")
    assert main(["--home", str(home), "mark", "d7f5", "--star"]) == 0
    return home


def test_hostile_arguments_never_show_a_traceback(seeded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    digest = write_hostile_digest(folder)
    (folder / "binary.bin").write_bytes(bytes(range(256)) * 8)
    os.mkfifo(folder / "fifo")
    workers = 4

    def chunk(number: int) -> None:
        # Each worker its own home: state commands on one home at once would (rightly) meet
        # the lock and exit 5.
        home = tmp_path / f"home{number}"
        shutil.copytree(seeded, home)
        fill = {"{home}": str(home), "{tmp}": str(folder), "{digest}": str(digest)}
        for args, code in CASES[number::workers]:
            args = [_fill(a, fill) for a in args]
            if args[0] != "--home":
                args = ["--home", str(home), *args]
            check(run(args), code, args)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(chunk, range(workers)))


def _fill(arg: str, fill: dict[str, str]) -> str:
    for key, value in fill.items():
        arg = arg.replace(key, value)
    return arg


def test_broken_homes_never_show_a_traceback(seeded: Path, tmp_path: Path) -> None:
    homes = {}
    for name, breaks in BROKEN_HOMES.items():
        home = tmp_path / name.replace(" ", "-")
        shutil.copytree(seeded, home)
        (home / "backups").mkdir(exist_ok=True)
        breaks(home)
        homes[name] = home

    def one(name: str) -> None:
        for args in BROKEN_COMMANDS:  # one after the other: they share the home's lock
            proc = run(["--home", str(homes[name]), *args])
            expected = 5 if name in ("imports.json garbage", "state.json is a folder") else 0
            check(proc, expected, (name, args, proc.stdout[:200]))

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(one, homes))
