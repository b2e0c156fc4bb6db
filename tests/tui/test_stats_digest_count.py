"""One definition of a digest: one day's list. A re-saved or CRLF copy of a kept day is the
same digest in `stats` and on the stats screen (issue 12, point 10)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from tests.support.tui_helpers import async_test, wait_until
from tui.app import PaperdeckApp
from tui.core.paths import bundled_seeds


def copies_of_the_seed(folder: Path) -> list[Path]:
    (seed,) = bundled_seeds()
    data = seed.read_bytes()
    resaved = folder / "resaved.txt"
    resaved.write_bytes(data + b"\n\n")
    crlf = folder / "crlf.txt"
    crlf.write_bytes(data.replace(b"\n", b"\r\n"))
    return [resaved, crlf]


def test_stats_counts_copies_of_a_day_as_one_digest(cli: Callable, tmp_path: Path) -> None:
    assert cli("stats").code == 0  # the bundled seed first
    assert cli("import", *map(str, copies_of_the_seed(tmp_path))).code == 0
    assert cli("stats").out.splitlines()[0] == "papers     88  (1 digest; 3 files kept)"
    data = json.loads(cli("stats", "--format", "json").out)
    assert (data["digests"], data["digest_files"]) == (1, 3)


@async_test
async def test_the_stats_screen_says_the_same_count(cli: Callable, home: Path,
                                                    tmp_path: Path) -> None:
    assert cli("import", *map(str, copies_of_the_seed(tmp_path))).code == 0
    app = PaperdeckApp(home)
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("T")
        await wait_until(pilot, lambda: any(
            "Papers per digest date" in str(s.render()) for s in app.screen.query(Static)))
        headings = [str(s.render()) for s in app.screen.query(Static)]
        assert "Papers per digest date (1 digest)" in headings
