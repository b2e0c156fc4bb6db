"""The same paper arriving in a better spelling takes it: not ALL CAPS, normal spacing
(issue 12, point 11). The id stays the id of the normalised title."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.core.library import Library
from tui.core.text import paper_id

ABSTRACT = ("We study a thing at length and report what we find. " * 6).strip()
SHOUTED = "MEGATRON-LM :  TRAINING MULTI-BILLION PARAMETER MODELS ( USING MODEL PARALLELISM )"
PROPER = "Megatron-LM: Training Multi-Billion Parameter Models (Using Model Parallelism)"


def digest(path: Path, day: str, title: str) -> Path:
    path.write_text(f"{day}\n\n{title}\n\n{ABSTRACT}\n\nAnother Paper\n\n{ABSTRACT}\n",
                    encoding="utf-8")
    return path


def titles(cli: Callable) -> dict[str, str]:
    result = cli("list", "--format", "json")
    assert result.code == 0
    return {rec["id"]: rec["title"] for rec in json.loads(result.out)}


@pytest.mark.parametrize("order", [(SHOUTED, PROPER), (PROPER, SHOUTED)])
def test_the_properly_cased_title_wins_whichever_came_first(
        cli: Callable, home: Path, tmp_path: Path, order: tuple[str, str]) -> None:
    assert paper_id(SHOUTED) == paper_id(PROPER)
    first, second = order
    assert cli("import", str(digest(tmp_path / "a.txt", "Mar 11", first))).code == 0
    assert cli("import", str(digest(tmp_path / "b.txt", "Mar 12", second))).code == 0
    assert titles(cli)[paper_id(PROPER)] == PROPER
    # Also when the library is rebuilt from the kept digests, not read from its cache.
    for cached in (home / "cache").iterdir():
        cached.unlink()
    assert Library.open(home).get(paper_id(PROPER)).title == PROPER
    assert titles(cli)[paper_id(PROPER)] == PROPER
