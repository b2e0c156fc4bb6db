"""After a daily import, the search index is extended by the new papers, not rebuilt."""

from __future__ import annotations

import pickle
from collections.abc import Iterable
from pathlib import Path

import pytest

from tui.core.library import Library
from tui.core.search import QueryEngine, WordIndex, segmented_index

ABSTRACT = "We propose a zyxquux method for pipeline parallelism and evaluate it. " * 4


def digest(path: Path, date_line: str, titles: list[str]) -> Path:
    body = "".join(f"{t}\n\n{ABSTRACT}{t}.\n\n" for t in titles)
    path.write_text(f"new\n\n{date_line}\n\n{body}", encoding="utf-8")
    return path


@pytest.fixture
def built_docs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many documents each WordIndex.build call indexed."""
    sizes: list[int] = []
    original = WordIndex.build.__func__

    def counting(cls: type[WordIndex], texts: Iterable[str]) -> WordIndex:
        texts = list(texts)
        sizes.append(len(texts))
        return original(cls, texts)

    monkeypatch.setattr(WordIndex, "build", classmethod(counting))
    return sizes


QUERIES = ["zyxquux", "megatorn", "pipeline parallel", "has:code language", "-is:new",
           "title:daily", '"pipeline parallelism"', "is:new"]


def test_a_small_import_indexes_only_the_new_papers(home: Path, tmp_path: Path,
                                                    built_docs: list[int]) -> None:
    cache = home / "cache"
    library = Library.open(home)
    QueryEngine(library.papers, cache_dir=cache)
    assert built_docs == [88, 88]  # titles, abstracts: the base
    library.import_paths([digest(tmp_path / "d.txt", "Nov 28",
                                 ["Daily One", "Daily Two", "Daily Three"])])
    built_docs.clear()
    engine = QueryEngine(library.papers, cache_dir=cache)
    assert built_docs == [3, 3]  # only the delta
    fresh = QueryEngine(library.papers)  # no cache: everything built from scratch
    for query in QUERIES:
        assert engine.search(query).indices.tolist() == fresh.search(query).indices.tolist(), query
    top = [library.papers[i].title for i in engine.search("zyxquux").indices]
    assert sorted(top) == ["Daily One", "Daily Three", "Daily Two"]


def test_a_large_delta_is_folded_into_a_new_base(home: Path, tmp_path: Path,
                                                 built_docs: list[int],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    cache = home / "cache"
    library = Library.open(home)
    QueryEngine(library.papers, cache_dir=cache)
    monkeypatch.setattr(segmented_index, "DELTA_MAX_PAPERS", 2)
    library.import_paths([digest(tmp_path / "d.txt", "Nov 28", ["Daily A", "Daily B", "C"])])
    built_docs.clear()
    QueryEngine(library.papers, cache_dir=cache)
    assert built_docs == [91, 91]
    state = pickle.loads((cache / "index.pickle").read_bytes())
    assert state["count"] == 91


def test_a_changed_base_is_rebuilt(home: Path, built_docs: list[int]) -> None:
    cache = home / "cache"
    library = Library.open(home)
    library.papers[0].abstract = ""  # the first digest had only its title
    QueryEngine(library.papers, cache_dir=cache)
    library.papers[0].abstract = "An abstract filled in later"  # by a later digest
    built_docs.clear()
    engine = QueryEngine(library.papers, cache_dir=cache)
    assert built_docs == [88, 88]
    assert engine.search("abstract:filled").indices.tolist() == [0]


def test_a_base_built_in_two_halves_finds_what_one_index_finds(
        home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = home / "cache"
    library = Library.open(home)
    whole = QueryEngine(library.papers)  # below PARALLEL_FROM: one abstracts index
    monkeypatch.setattr(segmented_index, "PARALLEL_FROM", 10)
    halves = QueryEngine(library.papers, cache_dir=cache)
    assert len(halves.abstracts.segments) == 2
    library.import_paths([digest(tmp_path / "d.txt", "Nov 28", ["Daily One", "Daily Two"])])
    whole = QueryEngine(library.papers)
    reloaded = QueryEngine(library.papers, cache_dir=cache)  # two cached halves + a delta
    assert len(reloaded.abstracts.segments) == 3
    for query in [*QUERIES, "distillation", "abstract:diffusion", "transformr"]:
        expected = whole.search(query).indices.tolist()
        assert reloaded.search(query).indices.tolist() == expected, query
