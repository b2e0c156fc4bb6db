"""Importing the Hugging Face daily papers API JSON: a backfill of many days, in a fresh
interpreter.

    python bench/bench_json_import.py [--sizes 10000 100000] [--runs 3] [--per-file 1000]

The titles and abstracts of the generated page-text digest of that size, as API items in the
documented shape (`paper` {id, title, summary, authors [{name, ...}] (2 to 12 per paper),
publishedAt, upvotes, githubRepo, ai_keywords, ...}, top-level publishedAt, title and summary
again, numComments), ~4 kB an item as real answers are: one JSON list per day of
`--per-file` papers (100,000 in one list would be 406 MB, over the 256 MB a digest may be),
all imported in one call as `paperdeck import FOLDER` does. Timed as bench_import.py times the
page text: Library.import_paths from the call to its return (read, sniff, parse, merge by arXiv
id / id / alias / title, keep the copies, write the cache), then `paperdeck import FOLDER` on
a pty, the whole command (the search index built after a large import included). Target:
<= 10 s at 100,000 papers.
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import date, timedelta
from pathlib import Path

from bench_import import cli_on_pty, import_once
from common import WORK, Row, digest, log, median

FAMILIES = ["Lovelace", "van der Berg", "Nakamura", "Müller", "García", "O'Neil", "Zhang",
            "de la Cruz", "Okafor", "Ivanova", "Smith", "Dubois", "Kowalski", "Rossi"]
GIVEN = ["Ada", "Jan", "Yuki", "Jörg", "Lucía", "Sean", "Wei", "María", "Chidi", "Olga",
         "John", "Élise", "Piotr", "Giulia"]


def _papers_of(page_text: Path) -> list[tuple[str, str]]:
    """(title, abstract) pairs of a generated digest: after the date line, title / abstract."""
    blocks = page_text.read_text(encoding="utf-8").split("\n\n")
    start = next(n for n, block in enumerate(blocks) if block == "Mar 11") + 1
    body = [block for block in blocks[start:] if block]
    return list(zip(body[::2], body[1::2], strict=False))


def _item(rng: random.Random, number: int, day: date, title: str, abstract: str) -> dict:
    arxiv = f"26{(number // 99_999) % 12 + 1:02d}.{number % 99_999 + 1:05d}"
    published = day - timedelta(days=rng.randrange(1, 4))
    authors = [{"_id": f"a{number}-{k}", "hidden": False,
                "name": f"{rng.choice(GIVEN)} {rng.choice(FAMILIES)}"}
               for k in range(rng.randint(2, 12))]
    return {
        "paper": {"id": arxiv, "title": title, "summary": abstract, "authors": authors,
                  "publishedAt": f"{published.isoformat()}T17:59:58.000Z",
                  "submittedOnDailyAt": f"{day.isoformat()}T06:00:00.000Z",
                  "upvotes": rng.randrange(200),
                  "githubRepo": f"https://github.com/lab{number}/code" if number % 3 == 0
                  else None,
                  "githubStars": rng.randrange(5000) if number % 3 == 0 else None,
                  "ai_keywords": ["scaling", "routing", "benchmarks"][: rng.randint(0, 3)]},
        "publishedAt": f"{day.isoformat()}T06:00:00.000Z",
        "title": title, "summary": abstract, "numComments": rng.randrange(5),
    }


def json_digests(size: int, per_file: int) -> Path:
    """A folder of daily lists of `per_file` items, `size` papers in all (made once)."""
    folder = WORK / "digests" / f"hf-api-{size}-{per_file}"
    if (folder / ".complete").exists():
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(size)
    papers = _papers_of(digest(size))
    last_day = date(2026, 3, 11)
    for start in range(0, len(papers), per_file):
        day = last_day - timedelta(days=start // per_file)
        items = [_item(rng, start + k, day, title, abstract)
                 for k, (title, abstract) in enumerate(papers[start:start + per_file])]
        path = folder / f"daily_papers_{day.isoformat()}.json"
        path.write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    (folder / ".complete").write_text("ok\n")
    return folder


def run(size: int, runs: int, per_file: int) -> list[Row]:
    path = json_digests(size, per_file)
    files = sorted(path.glob("*.json"))
    mb = sum(file.stat().st_size for file in files) / 1e6
    times = [import_once(path)[0] for _ in range(runs)]
    cli_time, _frames = cli_on_pty(path)
    log(f"JSON import {size}: import_paths {', '.join(f'{t:.2f}' for t in times)} s; "
        f"CLI on a pty {cli_time:.2f} s")
    name = f"JSON import {size:,} papers ({len(files)} files, {mb:.0f} MB)"
    return [
        Row(name, f"import_paths (fresh process, median of {runs})", round(median(times), 2),
            "s", "<= 10 s", median(times) <= 10),
        Row(name, "`paperdeck import` on a pty, whole command", round(cli_time, 2), "s",
            "<= 10 s", cli_time <= 10),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--per-file", type=int, default=1000)
    args = parser.parse_args()
    for size in args.sizes:
        for row in run(size, args.runs, args.per_file):
            print(row)


if __name__ == "__main__":
    main()
