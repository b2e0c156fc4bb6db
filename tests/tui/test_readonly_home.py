"""The app on a home it cannot write: it says so, and does not send you looking for another
paperdeck (found by review: every refused change blamed one that did not exist)."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
from filelock import FileLock

from tests.support.tui_helpers import (
    SIZE,
    app_with_papers,
    async_test,
    make_paper,
    notifications,
    settle,
)


@async_test
async def test_a_read_only_home_is_named_as_the_reason(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    real_acquire = FileLock.acquire

    def acquire(self: FileLock, *args: object, **kwargs: object) -> object:
        if str(self.lock_file).endswith("state.json.lock"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_acquire(self, *args, **kwargs)

    monkeypatch.setattr(FileLock, "acquire", acquire)
    app = app_with_papers(home, [make_paper(i) for i in range(3)])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, 1.2)
        assert app.store.readonly
        refused = []
        for key in ("r", "s", "n"):
            app.clear_notifications()  # r and s are refused in the same words: shown once
            await pilot.press(key)
            await settle(pilot)
            refused += [str(n.message) for n in notifications(app) if n.severity == "error"]
        assert len(refused) == 3, refused
        assert all("Read-only file system" in message for message in refused), refused
        assert not any("another paperdeck" in message for message in refused), refused
        assert not app.store.get(app.main_screen.visible_papers()[0].id).read  # nothing changed
