"""`paperdeck import` of the new sources: warnings name the file and the item, a file that is
no digest is one error line (exit 3) and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.core.test_source_detection import BILLION_LAUGHS

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_import_of_the_api_json_lists_its_papers_with_authors(cli: Callable, home: Path) -> None:
    result = cli("import", str(FIXTURES / "hf_daily_papers_2025-03-04.json"))
    assert result.code == 0, result.err
    assert "hf_daily_papers_2025-03-04.json:item 3: upvotes '1.2k' is not a count" in result.err
    listed = cli("list", "-f", "json", "-q", "lattice")
    assert listed.code == 0
    (row,) = json.loads(listed.out)
    assert row["title"].startswith("Lattice Routing")


def test_a_bomb_among_good_files_imports_nothing(cli: Callable, home: Path,
                                                 tmp_path: Path) -> None:
    bomb = tmp_path / "feed.xml"
    bomb.write_text(BILLION_LAUGHS)
    result = cli("import", str(FIXTURES / "arxiv_api_query.atom"), str(bomb))
    assert result.code == 3
    assert result.err.count("\n") == 1 and "declares XML entities" in result.err
    assert "Traceback" not in result.err
    assert not (home / "imports.json").exists()
