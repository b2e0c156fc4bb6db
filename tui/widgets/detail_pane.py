"""The detail pane: everything about the highlighted paper, wrapped for reading.

A Line API ScrollView like the list: the text is wrapped once per paper and width, and a new
paper only changes the virtual size. (A Static in a VerticalScroll relaid out the whole screen
on every cursor move, which cost more than a key-repeat interval.)"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.strip import Strip

from tui.core.links import split_userinfo
from tui.core.model import Paper, PaperState
from tui.widgets import detail_meta
from tui.widgets.detail_meta import shorten_url
from tui.widgets.filter_bar import pane_key
from tui.widgets.literal import clean, clip
from tui.widgets.scroll_rail import ScrollRail
from tui.widgets.virtual_size import set_virtual_size

TEXT_GAP = 1  # a blank column between the text and the scroll rail
TITLE_LINES = 4  # a longer title is cut there (with "…") and shown whole below the abstract
NOTE_LINES = 12  # a longer note shows its first lines and its length: `n` shows the rest
NOTE_CHARS = 2_000  # and so does a note of fewer, longer lines


_counted: tuple[str, int] = ("", 0)


def _line_count(notes: str) -> int:
    """Lines as an editor counts them; the last note's count is kept, as every cursor move
    onto its paper asks again."""
    global _counted
    if _counted[0] is not notes:
        _counted = (notes, notes.count("\n") + (not notes.endswith("\n")))
    return _counted[1]


def note_preview(notes: str) -> tuple[str, str]:
    """The start of a note to lay out, and "" or what says how long the whole note is.
    Only the start is cleaned and wrapped: a 10 MB note costs what a short one does."""
    head = notes[:NOTE_CHARS]
    cut = -1
    for _ in range(NOTE_LINES):
        cut = head.find("\n", cut + 1)
        if cut == -1:
            break
    if cut != -1:
        head = head[:cut]
    if len(notes) - len(head) <= 1:  # all of it, or all but its final newline
        return notes, ""
    lines = _line_count(notes)
    return head, (f"… {len(notes):,} characters, {lines:,} line{'s' if lines != 1 else ''}: "
                  "n to edit")


class DetailPane(ScrollRail, can_focus=True):
    """Title, dates, state, tags, notes, numbered links and abstract of one paper."""

    BINDINGS: ClassVar = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES: ClassVar = {
        "detail-pane--title",
        "detail-pane--label",
        "detail-pane--link",
        "detail-pane--muted",
        "detail-pane--star",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[Paper | None, PaperState | None, str] = (None, None, "")
        self._lines: list[Strip] = []

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._redraw())

    def on_resize(self) -> None:
        self._redraw()

    def on_click(self, event: events.Click) -> None:
        self.page_from_rail(event)

    async def on_key(self, event: events.Key) -> None:
        await pane_key(self, event)

    @property
    def plain(self) -> str:
        """The text shown, one line per row (for tests and screen readers of the code)."""
        return "\n".join("".join(segment.text for segment in line).rstrip()
                         for line in self._lines)

    def show(self, paper: Paper | None, state: PaperState | None, empty_hint: str = "") -> None:
        """Show a paper from its top; the same paper again (a star, a note, an undo) keeps
        the reader's place in its abstract."""
        shown = self._shown[0]
        same_paper = paper is not None and shown is not None and shown.id == paper.id
        self._shown = (paper, state, empty_hint)
        self._redraw()
        if self.scroll_y and not same_paper:
            self.scroll_to(y=0, animate=False, immediate=True)

    def _redraw(self) -> None:
        paper, state, hint = self._shown
        width = self.text_width - TEXT_GAP
        console = self.app.console
        lines: list[Text] = []
        if paper is None or state is None:
            text = Text(clean(hint), style=self.get_component_rich_style("detail-pane--muted"))
        else:
            lines = self._title_lines(paper, width)
            text = self.describe(paper, state, title_cut=len(lines) > TITLE_LINES)
            del lines[TITLE_LINES:]
        lines.extend(text.wrap(console, width) if width > 0 else [])
        self._lines = [Strip(list(line.render(console)), line.cell_len) for line in lines]
        set_virtual_size(self, Size(max(width, 0), len(self._lines)))

    def render_line(self, y: int) -> Strip:
        width = self.text_width
        row = round(self.scroll_y) + y
        base = self.visual_style.rich_style  # `rich_style` walks every ancestor per call
        if 0 <= row < len(self._lines):
            line = self._lines[row].adjust_cell_length(width).apply_style(base)
        else:
            line = Strip.blank(width, base)
        return self.with_rail(line, y)

    def _title_lines(self, paper: Paper, width: int) -> list[Text]:
        """The title's first TITLE_LINES wrapped lines, the last ending in "…" if cut; one
        line more (to be dropped) says it was cut."""
        if width <= 0:
            return []
        style = self.get_component_rich_style("detail-pane--title")
        # A span, not the Text's own style: Text.render drops that when there are no spans.
        title = Text(overflow="fold")
        title.append(clean(paper.title, single_line=True), style)
        lines = list(title.wrap(self.app.console, width))
        if len(lines) > TITLE_LINES:
            del lines[TITLE_LINES + 1:]
            last = lines[TITLE_LINES - 1]
            last.rstrip()
            if last.cell_len > width - 1:
                last.truncate(width - 1)
            last.append("…", style)
        return lines

    def describe(self, paper: Paper, state: PaperState, *, title_cut: bool = False) -> Text:
        """Everything below the title (which _title_lines lays out on its own)."""
        style = self.get_component_rich_style
        label = style("detail-pane--label")
        muted = style("detail-pane--muted")
        text = Text(overflow="fold")
        meta = paper.meta
        if meta is not None:
            detail_meta.append_authors(text, meta, style)
        text.append("\n")
        if meta is not None:
            detail_meta.append_meta(text, meta, style, self.text_width - TEXT_GAP)

        text.append("Digest  ", label)
        text.append(", ".join(paper.digest_dates) or "—")
        text.append(f"   id {paper.id[:12]}\n", muted)

        text.append("State   ", label)
        text.append("read" if state.read else "unread")
        if state.starred:
            text.append("  ★ starred", style("detail-pane--star"))
        text.append("\n")
        text.append("Tags    ", label)
        if state.tags:
            text.append(", ".join(clean(tag, single_line=True) for tag in state.tags))
        else:
            text.append("none (t adds)", muted)
        text.append("\n")

        # Notes before links and abstract: a saved note must be on screen without scrolling.
        text.append("Notes   ", label)
        if state.conflict:  # edited on two machines: the warning colour, as for a user name
            text.append(f"⚠ notes conflict: {len(state.conflict)} versions (n merges them)",
                        style("detail-pane--star"))
            if not state.notes:
                text.append("\n")
        if state.notes:
            head, length = note_preview(state.notes)
            text.append("\n")
            text.append(clean(head))
            if length:
                text.append("\n" + length, muted)
        else:
            text.append("none (n edits)", muted)
        text.append("\n")
        if paper.links:
            text.append("Links\n", label)
            link_style = style("detail-pane--link")
            room = max(12, self.text_width - TEXT_GAP - 12)
            for number, link in enumerate(paper.links, start=1):
                key = "o/1" if number == 1 else str(number) if number <= 9 else ""
                text.append(f"{key:>5} ", muted)
                # github.com@evil.example/x: the site first, the user name on a line below.
                site, userinfo = split_userinfo(link.url)
                text.append(shorten_url(clean(site, single_line=True), room), link_style)
                if link.kind == "code":
                    text.append(" code", muted)
                text.append("\n")
                if userinfo:
                    user = clip(clean(userinfo, single_line=True), max(8, room - 12))
                    text.append(f'      ⚠ user name "{user}@"\n', style("detail-pane--star"))
        if meta is not None:
            detail_meta.append_keywords(text, meta, style)
        text.append("\n")
        text.append(clean(paper.abstract) or "(no abstract)")
        if meta is not None and len(meta.authors) > detail_meta.MANY_AUTHORS:
            detail_meta.append_all_authors(text, meta, style)
        if title_cut:
            text.append("\n\nFull title\n", label)
            text.append(clean(paper.title, single_line=True))
        return text
