"""Two paperdecks at once, in the TUI: the second is read-only, follows what the first saves,
and becomes writable once the first quits (the README's promise; StateStore.refresh existed,
but the app never called it)."""

from __future__ import annotations

from pathlib import Path

import tui.app
from tests.support.tui_helpers import SIZE, app_with_papers, async_test, make_paper, notices, settle
from tui.core.state import StateStore


@async_test
async def test_a_read_only_app_follows_the_other_and_takes_over(home: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(tui.app, "FOLLOW_EVERY", 0.2)
    first, second = make_paper(1), make_paper(2)
    holder = StateStore.open(home)  # the other paperdeck
    app = app_with_papers(home, [first, second])
    try:
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert app.store.readonly
            holder.set_starred([first.id], True)
            holder.flush()
            await pilot.pause(0.6)
            assert app.store.get(first.id).starred  # followed, without a restart
            holder.close()
            await pilot.pause(0.6)
            assert not app.store.readonly
            assert any("saved again" in m for m in notices(app))
            await pilot.press("j", "s")
            await pilot.pause()
            assert app.store.get(second.id).starred
    finally:
        holder.close()
    reopened = StateStore.open(home)
    assert reopened.get(first.id).starred and reopened.get(second.id).starred
    reopened.close()
