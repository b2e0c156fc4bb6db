"""Shared by the benchmarks: where generated digests and homes live, result rows, statistics."""

from __future__ import annotations

import os
import shutil
import statistics
import sys
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
BENCH_DIR = Path(__file__).resolve().parent
if str(BENCH_DIR) not in sys.path:
    sys.path.insert(0, str(BENCH_DIR))

from gen_digest import cached_digest  # noqa: E402

# Generated digests and prepared homes are kept between runs (a 100k digest takes ~20 s to write).
WORK = Path(os.environ.get("PAPERDECK_BENCH_DIR", "/tmp/paperdeck-bench"))
IMPORT_DAY = date(2026, 3, 12)


@dataclass
class Row:
    bench: str
    metric: str
    value: float
    unit: str
    target: str = ""
    ok: bool | None = None  # None: reported, no target

    def as_dict(self) -> dict:
        return asdict(self)


def digest(papers: int) -> Path:
    return cached_digest(papers, WORK / "digests")


def home_with(papers: int, *, fresh: bool = False) -> Path:
    """A data home holding one imported digest of that many papers (caches warm)."""
    from tui.core.library import Library
    from tui.core.search import QueryEngine

    home = WORK / "homes" / f"{digest(papers).stem}"
    ready = home / ".bench-ready"
    if fresh and home.exists():
        shutil.rmtree(home)
    if not ready.exists():
        if home.exists():
            shutil.rmtree(home)
        library = Library.open(home, seed_if_empty=False)
        library.import_paths([digest(papers)], today=IMPORT_DAY)
        QueryEngine(library.papers, cache_dir=home / "cache")  # writes the index cache
        ready.write_text("ok\n")
    return home


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[rank]


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)
