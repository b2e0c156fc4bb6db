"""`paperdeck stats` counts digests in words a person writes: "1 digest", "2 digests"."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.cli.test_index_at_import import write_digest


def test_stats_says_one_digest_then_two_digests(cli: Callable, tmp_path: Path) -> None:
    first = cli("stats")
    assert first.code == 0
    assert first.out.splitlines()[0] == "papers     88  (1 digest)"
    assert cli("import", str(write_digest(tmp_path / "day.txt", 3, "daily"))).code == 0
    assert cli("stats").out.splitlines()[0] == "papers     91  (2 digests)"
