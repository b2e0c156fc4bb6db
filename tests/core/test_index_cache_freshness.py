"""The search index cache never serves stale results: a later digest that fills in the abstract
of a paper seen before without one makes its words findable at once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tui.core.library import Library
from tui.core.search import QueryEngine

ABSTRACT = ("We study zanzibarite flux for training large models. It works well on many tasks "
            "and we release everything. The results show that the approach scales and beats "
            "strong baselines on every benchmark we tried.")


def test_an_abstract_filled_in_by_a_later_digest_is_searchable(home: Path, tmp_path: Path) -> None:
    first = tmp_path / "first.txt"
    first.write_text("Mar 12\n\nA lonely title with no abstract\n\n")
    second = tmp_path / "second.txt"
    second.write_text(f"Mar 13\n\nA lonely title with no abstract\n\n{ABSTRACT}\n")
    cache = home / "cache"
    library = Library.open(home, seed_if_empty=False)
    library.import_paths([first], today=date(2026, 3, 20))
    assert len(QueryEngine(library.papers, cache_dir=cache).search("zanzibarite").indices) == 0
    library.import_paths([second], today=date(2026, 3, 20))
    reopened = Library.open(home, seed_if_empty=False)
    engine = QueryEngine(reopened.papers, cache_dir=cache)
    assert [reopened.papers[i].title for i in engine.search("zanzibarite").indices] == [
        "A lonely title with no abstract"]
