"""The virtualised paper list: a Line API ScrollView drawing only the visible rows.

Filtering or sorting replaces `rows` (indices into the library's papers) and refreshes;
nothing is built per row, so 100,000 papers cost the same as 100 to move through.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from tui.core.model import Paper, PaperState
from tui.widgets.filter_bar import pane_key
from tui.widgets.literal import clean
from tui.widgets.scroll_rail import ScrollRail
from tui.widgets.virtual_size import set_virtual_size

StateOf = Callable[[str], PaperState]
SpansOf = Callable[[int], list[tuple[int, int]]]

DATE_WIDTH = 10


class PaperList(ScrollRail, can_focus=True):
    """One row per paper: unread marker, star, notes and code badges, title, digest date;
    a scroll rail on the right (the looks are in styles/app.tcss)."""

    COMPONENT_CLASSES: ClassVar = {
        "paper-list--cursor",
        "paper-list--unread",
        "paper-list--read",
        "paper-list--star",
        "paper-list--badge",
        "paper-list--match",
        "paper-list--date",
        "paper-list--empty",
    }

    BINDINGS: ClassVar = [
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("home,g", "first", "Top", show=False),
        Binding("end,G", "last", "Bottom", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]

    cursor: reactive[int] = reactive(0, repaint=False, init=False)
    """The highlighted row, a position in `rows` (kept within them)."""

    async def on_key(self, event: events.Key) -> None:
        await pane_key(self, event)

    class Highlighted(Message):
        """The cursor moved to another paper (or the list became empty: index None)."""

        def __init__(self, paper_list: PaperList, index: int | None) -> None:
            super().__init__()
            self.paper_list = paper_list
            self.index = index

        @property
        def control(self) -> PaperList:
            return self.paper_list

    def __init__(
        self,
        papers: Sequence[Paper],
        state_of: StateOf,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._papers = papers
        self._state_of = state_of
        self._rows: list[int] = list(range(len(papers)))
        self._spans_of: SpansOf | None = None
        self._empty_message = ""
        self._line_cache: LRUCache[tuple[int, int, int], Strip] = LRUCache(1024)

    # ---- data -------------------------------------------------------------------------------

    @property
    def rows(self) -> list[int]:
        return self._rows

    @property
    def current_index(self) -> int | None:
        """Index into `papers` of the highlighted paper, None when the list is empty."""
        if 0 <= self.cursor < len(self._rows):
            return self._rows[self.cursor]
        return None

    def set_rows(
        self,
        rows: list[int],
        *,
        spans_of: SpansOf | None = None,
        empty_message: str = "",
        keep_paper: bool = False,
    ) -> None:
        """Show these papers; the cursor goes to the top unless keep_paper finds its paper."""
        previous = self.current_index
        self._rows = rows
        self._spans_of = spans_of
        self._empty_message = empty_message
        self._line_cache.clear()
        set_virtual_size(self, Size(self.text_width, len(rows)))
        cursor = 0
        if keep_paper and previous is not None:
            try:
                cursor = rows.index(previous)
            except ValueError:
                cursor = 0
        if cursor == self.cursor:
            # The same position, but in other rows: the paper there may be another one.
            self.mutate_reactive(PaperList.cursor)
        else:
            self.cursor = cursor
        self.refresh()

    def set_papers(self, papers: Sequence[Paper], positions: Mapping[str, int]) -> None:
        """Another list of papers (the library read again): the rows show the same papers
        at their positions there, the cursor stays on its paper. Match highlights wait for
        the next filter result: they were positions in the old list."""
        old, current = self._papers, self.current_index
        rows = [positions[pid] for pid in (old[i].id for i in self._rows) if pid in positions]
        cursor = 0
        if current is not None and old[current].id in positions:
            cursor = rows.index(positions[old[current].id])
        self._papers, self._rows = papers, rows
        self.set_reactive(PaperList.cursor, cursor)  # set_rows below says where it is
        self.set_rows(rows, empty_message=self._empty_message, keep_paper=True)

    def refresh_rows(self) -> None:
        """Redraw after a state change (read, star, notes): the rows are the same papers."""
        self._line_cache.clear()
        self.refresh()

    # ---- cursor -----------------------------------------------------------------------------

    def validate_cursor(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1)) if self._rows else 0

    def watch_cursor(self, previous: int, row: int) -> None:
        self._show_cursor(previous)
        self.post_message(self.Highlighted(self, self.current_index))

    def move_cursor(self, row: int) -> None:
        """Highlight this row (kept within the rows) and bring it into view."""
        previous = self.cursor
        self.cursor = row
        if self.cursor == previous:  # no move, but the view may have scrolled away from it
            self._show_cursor(previous)

    def _show_cursor(self, previous: int) -> None:
        top = self.scroll_offset.y
        self._scroll_cursor_into_view()
        if self.scroll_offset.y == top:
            # Only two rows look different: redrawing every row of the screen through
            # Textual's line styling was most of the cost of a cursor move.
            self.refresh_line(previous)
            self.refresh_line(self.cursor)
        else:
            self.refresh()

    def _scroll_cursor_into_view(self) -> None:
        height = self.view_size.height
        if height <= 0:
            return
        top = round(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    def _page(self) -> int:
        return max(1, self.view_size.height - 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(self.cursor - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(self.cursor + 1)

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(len(self._rows) - 1)

    def action_page_up(self) -> None:
        self.move_cursor(self.cursor - self._page())

    def action_page_down(self) -> None:
        self.move_cursor(self.cursor + self._page())

    def on_click(self, event: events.Click) -> None:
        if self.page_from_rail(event):
            return  # the view pages; the cursor stays on its paper
        offset = event.get_content_offset(self)
        row = None if offset is None else round(self.scroll_y) + offset.y
        if row is not None and row < len(self._rows):  # below the last row: no paper there
            self.move_cursor(row)

    def on_resize(self, event: events.Resize) -> None:
        # Textual repaints a resized view, and rows are cached per width: only the scroll
        # limits need the new size (a repaint here came after the first frame: a second one).
        set_virtual_size(self, Size(self.text_width, len(self._rows)), repaint=False)
        self._scroll_cursor_into_view()

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_rows())

    def on_focus(self) -> None:
        self.refresh()  # the cursor row looks different with focus (part of its cache key)

    def on_blur(self) -> None:
        self.refresh()

    # ---- drawing ----------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        return self.with_rail(self._row_line(y), y)

    def _row_line(self, y: int) -> Strip:
        width = self.text_width
        row = round(self.scroll_y) + y
        if not self._rows:
            if y == 1 and self._empty_message:
                return self._empty_strip(width)
            return Strip.blank(width, self._base_style())
        if row >= len(self._rows):
            return Strip.blank(width, self._base_style())
        index = self._rows[row]
        at_cursor = row == self.cursor
        key = (index, 0 if not at_cursor else 2 if self.has_focus else 1, width)
        strip = self._line_cache.get(key)
        if strip is None:
            strip = self._render_row(index, at_cursor, width)
            self._line_cache[key] = strip
        return strip

    def _base_style(self) -> Style:
        """The widget's own colours: `rich_style` walks every ancestor on each call, and a
        screen of rows asked for it once per row."""
        return self.visual_style.rich_style

    def _empty_strip(self, width: int) -> Strip:
        text = Text(" " + clean(self._empty_message, single_line=True))
        text.stylize(self.get_component_rich_style("paper-list--empty"))
        segments = list(text.render(self.app.console))
        return Strip(segments).adjust_cell_length(width).apply_style(self._base_style())

    def _render_row(self, index: int, is_cursor: bool, width: int) -> Strip:
        """One row as segments made directly (no Rich Text: it was most of a frame's cost)."""
        paper = self._papers[index]
        state = self._state_of(paper.id)
        component = self.get_component_rich_style
        read_style = component("paper-list--read" if state.read else "paper-list--unread")
        badge = component("paper-list--badge")
        star = component("paper-list--star")
        base = self._base_style()
        if is_cursor:
            # The cursor row: every span keeps its colour and weight but takes the cursor's
            # background (component styles carry the widget background, which would win).
            line = component("paper-list--cursor")
            cursor_bg = Style(bgcolor=line.bgcolor)
            plain = base + line

            def styled(style: Style) -> Style:
                return plain + style + cursor_bg
        else:
            plain = base

            def styled(style: Style) -> Style:
                return base + style

        read_mark = styled(read_style)
        badge_style = styled(badge)
        segments = [
            Segment(" ", plain),
            Segment("●" if not state.read else " ", read_mark),
            Segment(" ", plain),
            Segment("★" if state.starred else " ", styled(star)),
            Segment("✎" if state.notes else " ", badge_style),
            Segment(" ", plain),
            Segment("</>" if paper.has_code else "   ", badge_style),
            Segment(" ", plain),
        ]
        used = PREFIX_WIDTH
        title_width = max(4, width - PREFIX_WIDTH - DATE_WIDTH - 2)
        title, kept = fit_cells(clean(paper.title, single_line=True), title_width)
        spans = self._spans_of(index) if self._spans_of is not None else []
        match = styled(component("paper-list--match")) if spans else read_mark
        for text, matched in split_spans(title, spans, kept):
            segments.append(Segment(text, match if matched else read_mark))
        used += title_width
        if width >= used + DATE_WIDTH + 2:
            segments.append(Segment(" ", plain))
            segments.append(Segment(paper.latest_date.ljust(DATE_WIDTH)[:DATE_WIDTH],
                                    styled(component("paper-list--date"))))
            used += 1 + DATE_WIDTH
        if not title.isascii():
            # Joiners and variation selectors: let Textual measure the row the way it will
            # crop and place it, and make that exactly the width.
            return Strip(segments).adjust_cell_length(width, plain)
        if used < width:
            segments.append(Segment(" " * (width - used), plain))
        elif used > width:  # narrower than the fixed columns: crop like any other strip
            return Strip(segments, used).crop(0, width)
        return Strip(segments, width)


PREFIX_WIDTH = 10  # " ● ★✎ </> ": marker, star, notes and code badges with their spaces


def fit_cells(text: str, width: int) -> tuple[str, int]:
    """The text in exactly `width` terminal cells: cut with an ellipsis, or padded with spaces.

    Also returns how many of its characters are kept (match highlights stop there)."""
    if text.isascii():  # clean() left only printable characters: one cell each
        if len(text) > width:
            return text[: width - 1] + "…", width - 1
        return text.ljust(width), len(text)
    if cell_len(text) > width:
        cut = set_cell_size(text, width - 1)  # a wide character split in two becomes a space
        kept = len(cut) if text.startswith(cut) else len(cut) - 1
        return cut + "…", kept
    return set_cell_size(text, width), len(text)


def split_spans(text: str, spans: Sequence[tuple[int, int]], kept: int
                ) -> list[tuple[str, bool]]:
    """The text in pieces, each marked whether a match span covers it (spans up to `kept`)."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for start, end in sorted(spans):
        start, end = max(start, at), min(end, kept)
        if start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces
