"""Building the search index reads abstracts as it goes: never all of them in memory at once.

A cached paper's abstract is read from the mapped file on each access (model.Paper); a build
that first gathered every abstract into a list held them all at once.
"""

from __future__ import annotations

import threading

import pytest

from tui.core.model import Paper
from tui.core.search import segmented_index

PAPERS = 6000
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "kappa", "lambda",
         "sigma", "omega"]


class CountedText(str):
    """An abstract as read from the file, counted while it is alive."""

    lock = threading.Lock()
    live = 0
    peak = 0

    def __new__(cls, value: str) -> CountedText:
        text = super().__new__(cls, value)
        with cls.lock:
            cls.live += 1
            cls.peak = max(cls.peak, cls.live)
        return text

    def __del__(self) -> None:
        with CountedText.lock:
            CountedText.live -= 1


class OnDemandAbstracts:
    """Like the mapped abstracts file: each read makes a new string."""

    def __init__(self, texts: list[str]) -> None:
        self._texts = texts

    def text(self, number: int) -> str:
        return CountedText(self._texts[number])

    def size(self, number: int) -> int:
        return len(self._texts[number])


def test_a_two_thread_base_build_does_not_hold_every_abstract(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(segmented_index, "PARALLEL_FROM", 10)  # the two-halves build
    texts = [" ".join(WORDS[(n + k) % len(WORDS)] for k in range(200)) + f" paper{n}"
             for n in range(PAPERS)]  # ~1,200 characters, as real abstracts
    source = OnDemandAbstracts(texts)
    papers = [Paper(f"{n:012x}", f"Paper {n}", n, position=n, source=source)
              for n in range(PAPERS)]
    CountedText.live = CountedText.peak = 0
    _, abstracts = segmented_index.load_or_build(papers, None)
    assert len(abstracts.segments) == 2
    assert abstracts.exact("omega").size == PAPERS  # every abstract was indexed
    assert CountedText.peak <= PAPERS // 2, CountedText.peak
