"""A one-column scroll rail drawn by the view itself, instead of Textual's ScrollBar widgets.

Each ScrollBar is a widget of its own: mounted, styled, laid out, and redrawn through a Rich
renderable whenever its view changes: a cost at start-up and a redraw on every paper the detail
pane shows (BENCHMARKS.md has the figures). The rail is one cell per line, made next to the line
it ends.

The mouse wheel still scrolls, a click on the rail pages, and the thumb can be dragged.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.color import Color
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

RAIL_WIDTH = 1


def thumb_rows(height: int, total: int, top: int) -> range:
    """The lines of a `height`-line view showing lines `top`.. of `total` where the thumb is
    drawn; empty when everything fits."""
    if height <= 0 or total <= height:
        return range(0)
    size = max(1, round(height * height / total))
    last_top = total - height
    start = round((height - size) * min(max(top, 0), last_top) / last_top)
    return range(start, start + size)


class ScrollRail(ScrollView):
    """A ScrollView with no scrollbars (nothing comes or goes when the content changes, so a
    new virtual size moves nothing else on screen) and a rail in its last content column."""

    DEFAULT_CSS = """
    ScrollRail {
        overflow-x: hidden;
        overflow-y: hidden;
    }
    """

    _thumb_key: tuple[int, int, int] = (0, 0, 0)
    _thumb: range = range(0)
    _colours: tuple[Color, Color] | None = None
    _cells: tuple[Segment, Segment] = (Segment(" "), Segment(" "))
    # While the thumb is dragged: the screen row it was grabbed at and the scroll offset then.
    _grab: tuple[int, float] | None = None
    _drag_ended = False  # the Click that follows a drag's release must not page

    @property
    def allow_vertical_scroll(self) -> bool:
        """The mouse wheel scrolls whenever there is more to see (Textual's default asks for
        a visible scrollbar)."""
        return not self.is_disabled and self.max_scroll_y > 0

    @property
    def view_size(self) -> Size:
        """Cells inside padding and border: what `scrollable_content_region` gives with no
        scrollbars, kept by ScrollView at each resize (that property recomputes the region
        and the gutter on every call, and the panes asked it once per line drawn)."""
        return self.container_size

    @property
    def text_width(self) -> int:
        """Cells for the content of a line, left of the rail."""
        return max(0, self.container_size.width - RAIL_WIDTH)

    def page_from_rail(self, event: events.Click) -> bool:
        """A click on the rail pages the view towards it, as a scrollbar's track does.
        Returns whether the click was the rail's (also the click that ends a drag); with
        nothing to page (no thumb) it is not."""
        if self._drag_ended:
            self._drag_ended = False
            event.stop()
            return True
        offset = event.get_content_offset(self)
        if offset is None or offset.x < self.text_width:
            return False
        thumb = self.thumb()
        if not thumb:
            return False  # everything fits, nothing to page: the click is the line's
        event.stop()
        if offset.y < thumb.start:
            self.scroll_page_up(animate=False)
        elif offset.y >= thumb.stop:
            self.scroll_page_down(animate=False)
        return True

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """A press on the thumb grabs it: the view follows the pointer until release."""
        self._drag_ended = False
        offset = event.get_content_offset(self)
        if offset is None or offset.x < self.text_width:
            return
        if offset.y in self.thumb():
            event.stop()
            self._grab = (event.screen_y, self.scroll_y)
            self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._grab is None:
            return
        event.stop()
        height = self.container_size.height
        total = self.virtual_size.height
        travel = height - len(thumb_rows(height, total, 0))  # rows the thumb can move
        if travel <= 0:
            return
        grabbed_at, scroll_then = self._grab
        # One row of thumb travel is this many lines of content, as thumb_rows maps them.
        lines_per_row = (total - height) / travel
        self.scroll_to(y=scroll_then + (event.screen_y - grabbed_at) * lines_per_row,
                       animate=False)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._grab is not None:
            event.stop()
            self._end_drag()

    def on_mouse_release(self, _event: events.MouseRelease) -> None:
        self._grab = None  # capture also ends when the app takes it (a dialog opens mid-drag)

    def _end_drag(self) -> None:
        self._grab = None
        self._drag_ended = True
        self.release_mouse()

    def thumb(self) -> range:
        """The view's lines where the thumb is now (kept: asked once per line drawn)."""
        key = (self.container_size.height, self.virtual_size.height, round(self.scroll_y))
        if key != self._thumb_key:
            self._thumb_key = key
            self._thumb = thumb_rows(*key)
        return self._thumb

    def with_rail(self, strip: Strip, y: int) -> Strip:
        """The line `y` of the view, the rail cell after it."""
        track, thumb = self.rail_cells()
        cell = thumb if y in self.thumb() else track
        return Strip([*strip, cell], strip.cell_length + RAIL_WIDTH)

    def rail_cells(self) -> tuple[Segment, Segment]:
        """Track and thumb cells in the widget's scrollbar colours (`scrollbar-background`,
        `scrollbar-color`: the theme's, or whatever the CSS sets), mixed as ScrollBar does.
        Not component classes: each costs a styling pass of its own at start-up."""
        styles = self.styles
        colours = (styles.scrollbar_background, styles.scrollbar_color)
        if colours != self._colours:
            self._colours = colours
            background, foreground = colours
            if background.a < 1:
                background = self.background_colors[0] + background
            foreground = background + foreground
            self._cells = (Segment(" ", Style(bgcolor=background.rich_color)),
                           Segment(" ", Style(bgcolor=foreground.rich_color)))
        return self._cells
