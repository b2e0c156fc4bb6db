"""Worker processes for a large import's parse: `python -m tui.core.import_worker`.

Each worker reads its jobs (pickled ParseJobs, one frame each) on stdin and writes one frame
per job on stdout, in order: the Parsed result. Jobs go round-robin (job i to worker i % n),
so the results are read back in the files' order with no worker waiting on another. Workers
are plain subprocesses, not multiprocessing: that would import the caller's __main__ again
in each child, and a script without a main guard would run twice. A worker that dies or
answers nonsense costs nothing but speed: its jobs are parsed in the importing process.
Ctrl+C goes to the importing process; workers ignore it and are killed when it stops.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.import_parse import Parsed, ParseJob

_HEADER = struct.Struct("!Q")  # the length of the pickled frame that follows
MAX_FRAME = 2**31  # a parsed digest of 256 MB pickles far smaller; more is not an answer


def _write(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read(stream: IO[bytes]) -> object:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError("the worker stopped")
    (length,) = _HEADER.unpack(header)
    if length > MAX_FRAME:
        raise ValueError("not a worker's answer")
    data = stream.read(length)
    if len(data) < length:
        raise EOFError("the worker stopped mid-answer")
    return pickle.loads(data)  # our own child's answer, over its own pipe


class WorkerPool:
    def __init__(self, count: int) -> None:
        self.count = count
        self._workers: list[subprocess.Popen[bytes]] = []

    def __enter__(self) -> WorkerPool:
        # The workers import this very copy of paperdeck (a checkout, another venv's, a
        # bench's worktree), not whichever one their interpreter would find first.
        env = dict(os.environ)
        here = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [here, env.get("PYTHONPATH")]))
        for _ in range(self.count):
            with contextlib.suppress(OSError):  # no worker: the importing process parses
                self._workers.append(subprocess.Popen(
                    [sys.executable, "-m", "tui.core.import_worker"], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env))
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self._workers:
            with contextlib.suppress(OSError):
                worker.kill()
            worker.wait()
            for stream in (worker.stdin, worker.stdout):
                with contextlib.suppress(OSError):
                    if stream:
                        stream.close()

    def parse(self, jobs: Sequence[ParseJob]) -> Iterator[Parsed | None]:
        """Each job's result in order; None for one whose worker failed."""
        workers = self._workers
        if not workers:
            yield from (None for _ in jobs)
            return
        # Sending runs in a thread: a worker's stdin pipe fills long before it is done.
        sender = threading.Thread(target=self._send, args=(jobs,), daemon=True)
        sender.start()
        broken: set[int] = set()
        for number, job in enumerate(jobs):
            which = number % len(workers)
            parsed = None if which in broken else self._answer(which, job)
            if parsed is None:
                broken.add(which)
            yield parsed
        sender.join()

    def _answer(self, which: int, job: ParseJob) -> Parsed | None:
        from tui.core.import_parse import Parsed

        try:
            parsed = _read(self._workers[which].stdout)  # type: ignore[arg-type]
        except Exception:  # EOF, a cut pipe, an answer that does not unpickle here
            return None
        if not isinstance(parsed, Parsed) or parsed.path != job.path:
            return None  # not the answer to this job: the rest of this worker's are suspect
        return parsed

    def _send(self, jobs: Sequence[ParseJob]) -> None:
        workers = self._workers
        for which, worker in enumerate(workers):
            try:
                _write(worker.stdin, list(jobs[which::len(workers)]))  # type: ignore[arg-type]
                worker.stdin.close()  # type: ignore[union-attr]
            except OSError:
                continue  # a dead worker: its jobs come back as None


def main() -> None:
    from tui.core.import_parse import parse_here

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the importing process decides
    jobs = _read(sys.stdin.buffer)
    for job in jobs:  # type: ignore[attr-defined]
        _write(sys.stdout.buffer, parse_here(job))


if __name__ == "__main__":
    main()
