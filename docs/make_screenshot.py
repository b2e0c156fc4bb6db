"""Regenerate docs/screenshot.png: the app on the bundled digest, filtered, one paper starred.

    python docs/make_screenshot.py   (needs rsvg-convert, Debian package librsvg2-bin)
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.app import PaperdeckApp

DOCS = Path(__file__).resolve().parent


async def shoot(home: Path) -> Path:
    app = PaperdeckApp(home)
    async with app.run_test(size=(120, 32)) as pilot:
        await pilot.pause(0.5)
        await pilot.press("space", "space", "s", "j", "s")
        await pilot.press("slash", *"pipeline parallel", "enter")
        await pilot.pause(1.5)
        await app.workers.wait_for_complete()
        await pilot.pause(0.5)
        svg = Path(app.save_screenshot(filename="screenshot.svg", path=str(home)))
    return svg


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        svg = asyncio.run(shoot(Path(tmp)))
        subprocess.run(["rsvg-convert", "-w", "1400", "-o", str(DOCS / "screenshot.png"),
                        str(svg)], check=True)
    print(DOCS / "screenshot.png")


if __name__ == "__main__":
    main()
