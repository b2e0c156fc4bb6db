"""Setting a ScrollView's virtual size without a whole-screen layout pass."""

from __future__ import annotations

from textual.geometry import Size
from textual.scroll_view import ScrollView


def set_virtual_size(view: ScrollView, size: Size, *, repaint: bool = True) -> None:
    """Like `view.virtual_size = size`, minus the layout of the whole screen it asks for.

    Safe only for views without scrollbars (overflow hidden, as the panes: see
    scroll_rail.py): then a new virtual size moves nothing on screen, and the layout pass,
    most of the cost of a cursor move and of the first frame, has nothing to do. Public
    Textual API only.

    `repaint=False` where nothing drawn changes with the size (Textual repaints a view that
    was resized; another full repaint right after the first frame cost a frame of its own).
    """
    if size != view.virtual_size:
        view.set_reactive(ScrollView.virtual_size, size)
        # Set again, the offsets go through their validators: within the new size, as the
        # reactive's own update keeps them (its scrollbar part has nothing to do here).
        view.scroll_x = view.scroll_x
        view.scroll_y = view.scroll_y
    if repaint:
        view.refresh()
