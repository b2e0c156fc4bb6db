"""Deterministic generator of "Daily Papers" digests in the bundled seed's format, at any size.

    python bench/gen_digest.py 100000 -o /tmp/digest-100k.txt

Words are drawn from the seed digest's own vocabulary with its frequencies (so common words are
as common as in real abstracts), mixed with a pool of rarer technical tokens (method names,
acronyms, numbers) that grows with the size, as a real corpus's vocabulary does. Titles and
abstracts follow the seed's lengths (titles ~70 characters, abstracts ~1,600); about a third of
the papers end with a code or project link. The same size and seed always give the same bytes.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TextIO

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.core.text import normalize_title  # noqa: E402

SEED_DIGEST = sorted((ROOT / "seeds").glob("*.txt"))[0]
HEADER = ("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\n"
          "byAK and the research community\n\n")
GENERATOR_VERSION = 1  # bump when the output changes: cached digests are regenerated
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]*[A-Za-z]|[A-Za-z]")
_SYLLABLES = ["ra", "ne", "to", "li", "ka", "mo", "vi", "de", "su", "xo", "fer", "gran", "tel",
              "qua", "zen", "bor", "mi", "pha", "lo", "stra", "ction", "ion", "ix", "ar"]
_LINK_HOSTS = ["https://github.com/{u}/{r}", "https://huggingface.co/{u}/{r}",
               "https://{u}.github.io/{r}", "https://gitlab.com/{u}/{r}"]


def _seed_vocabulary() -> tuple[list[str], list[int]]:
    text = SEED_DIGEST.read_text(encoding="utf-8")
    counts = Counter(w for w in _WORD.findall(text) if w.lower() not in ("http", "https"))
    words = [w for w, _ in counts.most_common()]
    return words, [counts[w] for w in words]


def _rare_pool(rng: np.random.Generator, size: int) -> list[str]:
    """Made-up technical tokens: 'Granvitel', 'MOKA-7B', 'zenra' ..."""
    pool: set[str] = set()
    while len(pool) < size:
        lengths = rng.integers(2, 5, size)
        picks = rng.integers(0, len(_SYLLABLES), (size, 4))
        styles = rng.random(size)
        sizes = rng.integers(1, 71, size)
        for length, pick, style, billions in zip(lengths, picks, styles, sizes, strict=True):
            word = "".join(_SYLLABLES[i] for i in pick[:length])
            if style < 0.15:
                word = f"{word[:4].upper()}-{billions}B"
            elif style < 0.45:
                word = word.capitalize()
            pool.add(word)
    return sorted(pool)[:size]


class DigestWriter:
    BLOCK = 1 << 20  # words drawn per numpy call

    def __init__(self, papers: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.np_rng = np.random.default_rng(seed)
        words, weights = _seed_vocabulary()
        # Heaps' law-ish: the vocabulary grows with a power of the text size.
        self.rare = _rare_pool(self.np_rng, max(200, int(300 * papers ** 0.6)))
        # One draw over both: the rare tokens share 4% of the weight equally.
        common = np.asarray(weights, dtype=np.float64)
        probs = np.concatenate([common / common.sum() * 0.96,
                                np.full(len(self.rare), 0.04 / len(self.rare))])
        self.population = np.asarray(words + self.rare, dtype=object)
        self.probs = probs / probs.sum()
        self.buffer: list[str] = []
        self.pos = 0
        self.papers = papers

    def _words(self, count: int) -> list[str]:
        if self.pos + count > len(self.buffer):
            picks = self.np_rng.choice(len(self.population), size=self.BLOCK, p=self.probs)
            self.buffer = self.population[picks].tolist()
            self.pos = 0
        self.pos += count
        return self.buffer[self.pos - count:self.pos]

    def title(self, seen: set[str]) -> str:
        rng = self.rng
        while True:
            words = self._words(rng.randint(5, 13))
            name = rng.choice(self.rare)
            words[0] = words[0].capitalize()
            text = f"{name.capitalize()}: {' '.join(words)}" if rng.random() < 0.4 else " ".join(
                [words[0], *words[1:], "with", name])
            key = normalize_title(text)
            if key not in seen:
                seen.add(key)
                return text

    def abstract(self) -> str:
        rng = self.rng
        sentences = []
        length = 0
        target = int(rng.gauss(1550, 300))
        while length < max(400, target):
            words = self._words(rng.randint(12, 32))
            words[0] = words[0].capitalize()
            sentence = " ".join(words) + "."
            sentences.append(sentence)
            length += len(sentence) + 1
        if rng.random() < 0.33:
            host = rng.choice(_LINK_HOSTS)
            url = host.format(u=rng.choice(self.rare).lower(), r=rng.choice(self.rare))
            sentences.append(f"Code is available at {url}")
        return " ".join(sentences)

    def write(self, out: TextIO) -> None:
        out.write(HEADER)
        out.write("Mar 11\n\n")
        seen: set[str] = set()
        for _ in range(self.papers):
            out.write(self.title(seen))
            out.write("\n\n")
            out.write(self.abstract())
            out.write("\n\n")


def generate(papers: int, path: Path, *, seed: int = 6) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_suffix(".partial")
    with open(temp, "w", encoding="utf-8", newline="\n") as out:
        DigestWriter(papers, seed).write(out)
    temp.replace(path)
    return path


def cached_digest(papers: int, folder: Path, *, seed: int = 6) -> Path:
    """The digest of that size, generated once per generator version."""
    path = folder / f"digest-{papers}-s{seed}-v{GENERATOR_VERSION}.txt"
    if not path.exists():
        generate(papers, path, seed=seed)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("papers", type=int)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    generate(args.papers, args.output, seed=args.seed)
    print(f"{args.output}: {args.papers} papers, {args.output.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
