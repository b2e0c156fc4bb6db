"""The paper library: kept digests, the import log, and a rebuildable cache of parsed papers.

Layout of the data home:
    digests/<sha256>.txt   every imported digest, verbatim (content-addressed)
    imports.json           the import log, in order: what was imported when (the commit point)
    cache/                 the parsed papers, rebuilt from the digests when stale (paper_cache.py)
Titles and abstracts never go into TinyDB: that is for the user's own state.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from filelock import FileLock, Timeout

from tui.core import completion_cache
from tui.core.atomic import atomic_write_bytes, remove_stale_temps
from tui.core.errors import DigestError, NotFoundError, StateError
from tui.core.input_limits import DigestFile
from tui.core.model import Paper
from tui.core.ownership import looks_like_json_document, refuse_foreign, regular_target
from tui.core.paper_cache import PaperCache, cache_key
from tui.core.paper_merge import PaperMerger, sort_default_order
from tui.core.paths import bundled_seeds
from tui.core.text import plural

if TYPE_CHECKING:
    from tui.core.parser import ParseResult  # the parser loads on the first import only

LOG_KEYS = ("version", "imports")  # the import log's document: {"version": 1, "imports": [...]}
LOCK_TIMEOUT = 30  # seconds an import waits for another one (a year of digests takes far less)
Progress = Callable[[int, int], None]  # (done, total) in bytes
LogStamp = tuple[int, int, int]  # the import log's inode, size and mtime (ns)


@dataclass
class ImportRecord:
    sha: str
    imported_at: str  # ISO timestamp
    import_date: str  # ISO date the digest's year was inferred from
    source: str  # file name it came from


@dataclass
class ImportSummary:
    new: int = 0
    known: int = 0
    digests_added: int = 0
    digests_already_kept: int = 0
    warnings: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = [plural(self.new, "new paper"), f"{self.known:,} already known"]
        if self.digests_already_kept:
            parts.append(plural(self.digests_already_kept, "digest") + " already imported")
        parts.append(plural(len(self.warnings), "warning"))
        return "imported: " + ", ".join(parts)


def papers_per_digest(papers: Iterable[Paper]) -> dict[str, int]:
    """Papers per digest, oldest first. A digest is one day's list, keyed by its ISO date: a
    re-saved or CRLF copy of a day already kept (a file of its own in digests/) is that same
    digest, so `stats` and the stats screen count digests through this alone."""
    per_date = Counter(d for p in papers for d in p.digest_dates)
    return dict(sorted(per_date.items()))


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith("."))
            if not found:
                raise DigestError(f"{path}: folder holds no files to import")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():  # a FIFO or /dev/zero would block or never end
            raise DigestError(f"{path}: not a regular file")
        else:
            raise DigestError(f"{path}: no such file")
    return files


class Library:
    def __init__(self, home: Path) -> None:
        self.home = Path(home)
        self.imports: list[ImportRecord] = []
        self.papers: list[Paper] = []
        self._by_id: dict[str, int] | None = {}  # built when first needed (_ids)
        self.aliases: dict[str, str] = {}  # an id a paper was also seen under -> its id
        self._by_arxiv: dict[str, str] | None = None  # built when first needed
        # Whether the last import_paths call committed (wrote the import log): imports another
        # paperdeck committed meanwhile also grow `imports`, so their count cannot tell.
        self.import_committed = False
        self._stamp: LogStamp | None = None  # the import log this library was read from
        self._cache = PaperCache(self.home / "cache")

    # ----- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, home: Path, *, seed_if_empty: bool = True) -> Library:
        lib = cls(home)
        lib._load()
        if seed_if_empty and not lib.imports:
            seeds = bundled_seeds()
            if seeds:
                lib.import_paths(seeds)
        return lib

    @property
    def digests_dir(self) -> Path:
        return self.home / "digests"

    @property
    def _log_path(self) -> Path:
        return self.home / "imports.json"

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """One importer at a time. A home that cannot hold the lock file (read-only, not ours)
        or a lock held past the timeout is a StateError (exit 5), not a traceback."""
        path = self.home / "library.lock"
        lock = FileLock(str(path), timeout=LOCK_TIMEOUT)
        try:
            self.home.mkdir(parents=True, exist_ok=True)
            lock.acquire()
        except Timeout:
            raise StateError(f"another paperdeck has been importing into {self.home} for "
                             f"{LOCK_TIMEOUT} s; try again when it is done") from None
        except OSError as exc:
            raise StateError(f"cannot lock {path}: {exc.strerror or exc}") from None
        try:
            yield
        finally:
            lock.release()

    def _read_log(self) -> bytes:
        """The import log's bytes (b"" when there is none yet). A folder, FIFO or device there
        is never read; someone else's content is refused: the log is rewritten on import."""
        path = self._log_path
        target = regular_target(path)
        try:
            data = target.read_bytes()
        except FileNotFoundError:
            return b""
        except OSError as exc:
            raise StateError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if not looks_like_json_document(data, LOG_KEYS):
            raise refuse_foreign(path, target, "import log")
        return data

    def log_stamp(self) -> LogStamp | None:
        """The import log on disk as one stat sees it (None when there is none): the app
        asks every moment whether another paperdeck imported, at the cost of a stat."""
        try:
            info = os.stat(self._log_path)
        except OSError:
            return None
        return info.st_ino, info.st_size, info.st_mtime_ns

    def changed_on_disk(self) -> bool:
        """Whether the import log is not the one this library was read from (an import
        by another paperdeck since)."""
        return self.log_stamp() != self._stamp

    def reopen(self) -> Library | None:
        """The library as it is on disk now; this one is left as it was. None while another
        paperdeck is importing: it holds the lock until its log and caches are all written,
        and a library read before that could be rebuilt for nothing, or half old."""
        lock = FileLock(str(self.home / "library.lock"), timeout=0)
        try:
            lock.acquire()
        except Timeout:
            return None
        except OSError:  # a home we cannot write: no import can be under way in it either
            lock = None
        try:
            fresh = Library(self.home)
            fresh._load()
            return fresh
        finally:
            if lock is not None:
                lock.release()

    def _load(self) -> None:
        self._stamp = self.log_stamp()  # before the read: a write after it is seen next time
        log_bytes = self._read_log()
        if not log_bytes:
            return
        try:
            raw = json.loads(log_bytes)
            self.imports = [ImportRecord(**rec) for rec in raw["imports"]]
        except (ValueError, KeyError, TypeError) as exc:
            raise StateError(
                f"{self._log_path} is unreadable ({exc}); the kept digests in "
                f"{self.digests_dir} are intact: move the file aside and re-import them"
            ) from exc
        key = cache_key(log_bytes)
        if not self._load_cache(key):
            self._rebuild()
            self._save_cache(key)
        elif not completion_cache.has_ids(self.home / "cache"):  # a home from before them
            completion_cache.write_ids(self.home / "cache", (p.id for p in self.papers))

    def _load_cache(self, key: str) -> bool:
        papers = self._cache.load(key)
        if papers is None:
            return False
        self._set_papers(papers, ordered=True)  # saved in default order
        self.aliases = self._cache.aliases
        return True

    def _save_cache(self, key: str) -> None:
        self._cache.save(key, self.papers, self.aliases)
        completion_cache.write_ids(self.home / "cache", (p.id for p in self.papers))

    def _rebuild(self) -> None:
        """Re-parse every kept digest in import order."""
        from tui.core.import_parse import ParseJob, parse_files  # only for a rebuild

        merger = PaperMerger()
        jobs = [ParseJob(self.digests_dir / f"{record.sha}.txt",
                         date.fromisoformat(record.import_date), record.source)
                for record in self.imports]
        for seq, (record, parsed) in enumerate(zip(self.imports, parse_files(jobs),
                                                   strict=True)):
            if parsed.result is None:
                continue  # a missing kept digest loses only its own papers
            merger.add_digest(parsed.result.papers, seq, record.sha, record.imported_at)
        self.aliases = merger.aliases
        self._set_papers(list(merger.merged.values()))

    def _set_papers(self, papers: list[Paper], *, ordered: bool = False) -> None:
        if not ordered:
            sort_default_order(papers)
        self.papers = papers
        self._by_id = None  # built on first use (_ids): not before the app's first frame
        self._by_arxiv = None

    @property
    def _ids(self) -> dict[str, int]:
        """Position of each paper by id."""
        if self._by_id is None:
            self._by_id = {p.id: i for i, p in enumerate(self.papers)}
        return self._by_id

    # ----- import --------------------------------------------------------------------------
    def import_paths(self, paths: Sequence[Path], progress: Progress | None = None,
                     today: date | None = None) -> ImportSummary:
        """Import digests; every file is checked before anything is written."""
        from tui.core.import_parse import ParseJob, parse_files  # not to open a library

        self.import_committed = False
        today = today or date.today()
        jobs = [ParseJob(path, today) for path in _expand(paths)]
        summary = ImportSummary()
        # Each file is parsed as it streams in and copied into digests/ at the commit, read
        # again: holding every file's bytes through the parse cost their size once more.
        parsed: list[tuple[Path, DigestFile, ParseResult]] = []
        rejected: list[str] = []
        for one in parse_files(jobs, progress):
            if one.result is None:  # keep checking: name every bad file at once
                rejected.append(one.error)
                continue
            parsed.append((one.path, one.source, one.result))
            summary.warnings += [f"{one.path.name}:{d}" for d in one.result.diagnostics]
        if rejected:
            if len(rejected) == 1:
                raise DigestError(rejected[0])
            shown = "; ".join(rejected[:4]) + ("; ..." if len(rejected) > 4 else "")
            raise DigestError(f"{len(rejected)} files are not digests, nothing imported: {shown}")
        with self._lock():
            self._load_latest()
            known_before = set(self._ids)
            kept = {rec.sha for rec in self.imports}
            merger = PaperMerger(self.papers, self.aliases)
            now = datetime.now().astimezone().isoformat(timespec="seconds")
            written: list[Path] = []
            imports_before = list(self.imports)
            try:
                for path, source, result in parsed:
                    sha = source.sha
                    if sha in kept:
                        summary.digests_already_kept += 1
                        continue
                    kept.add(sha)
                    record = ImportRecord(sha, now, today.isoformat(), path.name)
                    target = self.digests_dir / f"{sha}.txt"
                    if not target.exists():
                        atomic_write_bytes(target, source.copy_chunks())
                        written.append(target)
                    self.imports.append(record)
                    merger.add_digest(result.papers, len(self.imports) - 1, sha, now)
                    summary.digests_added += 1
                if summary.digests_added:
                    log = json.dumps({"version": 1, "imports": [vars(r) for r in self.imports]},
                                     indent=1).encode()
                    atomic_write_bytes(self._log_path, log)  # the commit point
                    self.import_committed = True
                    self._stamp = self.log_stamp()
            except BaseException:
                if summary.digests_added and self._log_holds(self.imports):
                    self.import_committed = True
                    raise  # Ctrl+C just after the log's rename: the import stands, files too
                # A full disk mid-import: leave the home as it was, not with orphan digests.
                for target in written:
                    with contextlib.suppress(OSError):
                        target.unlink()
                self.imports = imports_before
                with contextlib.suppress(Exception):
                    self._load()  # papers the merge touched, as they were
                raise
            # Each paper counted once, however many of the files hold it.
            in_import = {merger.known_id(p) for _, _, result in parsed for p in result.papers}
            summary.new = len(in_import - known_before)
            summary.known = len(in_import & known_before)
            if summary.digests_added:
                self.aliases = merger.aliases
                self._set_papers(list(merger.merged.values()))
                self._save_cache(cache_key(log))  # after the log: a stale key rebuilds
            remove_stale_temps(self.digests_dir)
        return summary

    def _log_holds(self, records: list[ImportRecord]) -> bool:
        """Whether the import log on disk already lists these records (it was committed)."""
        try:
            raw = json.loads(self._log_path.read_bytes())
            return [ImportRecord(**rec) for rec in raw["imports"]] == records
        except (OSError, ValueError, KeyError, TypeError):
            return False

    def _load_latest(self) -> None:
        """Another process may have imported since we opened: start from the file."""
        fresh = Library(self.home)
        fresh._load()
        if len(fresh.imports) != len(self.imports):
            self.imports, self.papers, self._by_id = fresh.imports, fresh.papers, fresh._by_id
            self.aliases, self._by_arxiv = fresh.aliases, None
            self._stamp = fresh._stamp

    # ----- lookup --------------------------------------------------------------------------
    @property
    def latest_import(self) -> int:
        return len(self.imports) - 1

    def __len__(self) -> int:
        return len(self.papers)

    def get(self, paper_id: str) -> Paper | None:
        """A paper by its id or an id it was also seen under (an alias)."""
        index = self._ids.get(paper_id)
        if index is None:
            index = self._ids.get(self.aliases.get(paper_id, ""))
        return None if index is None else self.papers[index]

    def by_arxiv_id(self, arxiv_id: str) -> Paper | None:
        """The paper with this arXiv id (no version), if the library has it."""
        if self._by_arxiv is None:
            self._by_arxiv = {p.arxiv_id: p.id for p in self.papers if p.arxiv_id}
        found = self._by_arxiv.get(arxiv_id)
        return None if found is None else self.get(found)

    def positions(self) -> Mapping[str, int]:
        """Each paper's position in `papers`, by id."""
        return self._ids

    def resolve(self, prefix: str) -> Paper:
        """A paper by its id or any unique id prefix."""
        wanted = prefix.strip().lower()
        if not wanted:
            raise NotFoundError("empty paper id")
        exact = self.get(wanted)
        if exact:
            return exact
        matches = [p for p in self.papers if p.id.startswith(wanted)]
        if not matches:
            raise NotFoundError(f"no paper with id {prefix!r} (see `paperdeck list`)")
        if len(matches) > 1:
            shown = ", ".join(p.id for p in matches[:5])
            raise NotFoundError(f"id prefix {prefix!r} is ambiguous: {shown}"
                                f"{' ...' if len(matches) > 5 else ''}; type more characters")
        return matches[0]
