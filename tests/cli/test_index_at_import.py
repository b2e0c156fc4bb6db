"""A large import builds the search index then, so the app opened next searches at once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.library import Library
from tui.core.search import QueryEngine, segmented_index

WORDS = ["quartz", "meadow", "zanzibar", "lantern", "copper", "violet", "harbor"]


def write_digest(path: Path, papers: int, word: str) -> Path:
    blocks = ["Daily Papers", "Mar 12"]
    for n in range(papers):
        blocks.append(f"Study number {n} of {word} models at scale")
        blocks.append(f"We look at case {n} and find that {WORDS[n % 7]} flux improves "
                      "training of large models on many tasks; code and data are released.")
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return path


def forbid_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the index was built again instead of loaded")

    monkeypatch.setattr(segmented_index, "_build", refuse)


def test_a_large_import_leaves_an_index_the_next_start_just_loads(
        cli: Callable, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    digest = write_digest(tmp_path / "year.txt", 1500, "yearly")
    result = cli("import", str(digest))
    assert result.code == 0, result.err
    assert "1,500 new papers" in result.out
    forbid_builds(monkeypatch)
    library = Library.open(home, seed_if_empty=False)
    engine = QueryEngine(library.papers, cache_dir=home / "cache")
    assert len(engine.search("abstract:zanzibar").indices) == 214  # n % 7 == 2 of 1500


def test_a_daily_import_leaves_the_index_to_the_app(cli: Callable, home: Path,
                                                     tmp_path: Path) -> None:
    digest = write_digest(tmp_path / "day.txt", 80, "daily")
    assert cli("import", str(digest)).code == 0
    assert not (home / "cache" / "index.pickle").exists()  # a start builds 80 in no time



def interrupt(*_args: object, **_kwargs: object) -> None:
    raise KeyboardInterrupt


SAVED = ("paperdeck: error: interrupted after the import was saved: the papers are in the "
         "library (caches and the search index are rebuilt when needed)")


def test_ctrl_c_while_indexing_says_the_import_was_saved(
        cli: Callable, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+C after the import was written, while the index builds, said only "interrupted":
    a user could not tell whether the papers were in."""
    monkeypatch.setattr(segmented_index, "_build", interrupt)
    result = cli("import", str(write_digest(tmp_path / "year.txt", 1500, "yearly")))
    assert result.code == 130
    assert "1,500 new papers" in result.out
    assert result.err.splitlines() == [SAVED]
    assert len(Library.open(home, seed_if_empty=False).papers) == 1500


def test_ctrl_c_while_the_cache_is_written_says_the_import_was_saved(
        cli: Callable, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("stats").code == 0  # the seed first, so only the import below is interrupted
    monkeypatch.setattr(Library, "_save_cache", interrupt)
    result = cli("import", str(write_digest(tmp_path / "day.txt", 20, "daily")))
    assert result.code == 130 and result.err.splitlines() == [SAVED]
    monkeypatch.undo()
    assert len(Library.open(home, seed_if_empty=False).papers) == 88 + 20


def test_ctrl_c_before_the_import_is_saved_says_nothing_was_imported(
        cli: Callable, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cli("stats").code == 0
    monkeypatch.setattr("tui.core.parser.parse_chunks", interrupt)
    result = cli("import", str(write_digest(tmp_path / "day.txt", 20, "daily")))
    assert result.code == 130
    assert result.err.splitlines() == ["paperdeck: error: interrupted: nothing was imported"]
    monkeypatch.undo()
    assert len(Library.open(home, seed_if_empty=False).papers) == 88
