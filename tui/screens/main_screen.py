"""The triage screen: filter bar, paper list, detail pane, status line, key bar.

The screen composes the widgets, binds the triage keys and answers their messages; the
filter's searches are `FilterController`'s (screens/filtering.py), the dialogs n, t and R open
are in screens/paper_dialogs.py, the programs a key starts are in tui/external.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen

from tui.core import paper_pages
from tui.core.errors import PaperdeckError
from tui.core.model import Paper
from tui.core.search import sort_label
from tui.core.state.conflict_text import conflict_draft
from tui.external import edit_in_editor, open_link
from tui.screens import paper_dialogs
from tui.screens.filtering import (
    FilterController,
    FilterOutcome,
    SearchRequest,
    search_reporting_errors,
)
from tui.screens.throttle import Throttle
from tui.widgets.detail_pane import DetailPane
from tui.widgets.filter_bar import FilterBar, FilterInput, SearchRequested
from tui.widgets.key_bar import KeyBar, shown_keys
from tui.widgets.literal import clean, short_title
from tui.widgets.paper_list import PaperList
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import PaperdeckApp
    from tui.core.state import StateStore

DETAIL_INTERVAL = 0.08  # at most this often the detail pane redraws while the cursor runs
# While typing a filter the key bar says how to leave it.
FILTER_KEYS = [("escape", "Clear filter", "clear_filter"), ("enter", "To the list", "focus_list")]
ALL_READ = "Everything shown is read"  # space (no unread left to go to) and R (none to mark)
# In the key bar after "Open" while the paper has an arXiv id, as long as there is room.
PAGE_KEYS = [("p", "PDF", "open_page('pdf')"), ("a", "arXiv", "open_page('abstract')")]
PAGES: dict[str, Callable[[Paper], str]] = {
    "pdf": paper_pages.pdf_page,
    "abstract": paper_pages.abstract_page,
    "hugging_face": paper_pages.hugging_face_page,
}


def links_held(count: int) -> str:
    """What `o` or a digit key says when the paper has no link of that number."""
    if count == 0:
        return "This paper has no links"
    return f"This paper has only {count} link{'' if count == 1 else 's'}"


class MainScreen(Screen[None]):
    # Not Textual's default (the first focusable widget, the filter): focusing the filter
    # starts the query engine's build, which then ran during start-up, beside the first frame.
    AUTO_FOCUS = "#paper-list"
    BINDINGS: ClassVar = [
        Binding("slash", "focus_filter", "Filter", tooltip="Focus the filter (Esc clears it)"),
        Binding("space", "read_and_next", "Read+next", tooltip="Mark read, jump to next unread"),
        Binding("r", "toggle_read", "Read", show=False, tooltip="Toggle read"),
        Binding("s", "toggle_star", "Star", tooltip="Toggle star"),
        Binding("n", "edit_notes", "Notes", tooltip="Edit notes in a dialog"),
        Binding("N", "edit_notes_external", "Notes in $EDITOR", show=False),
        Binding("t", "edit_tags", "Tags", tooltip="Edit tags"),
        Binding("o", "open_link(1)", "Open", tooltip="Open the first link in the browser"),
        *[Binding(str(n), f"open_link({n})", f"Open link {n}", show=False) for n in range(1, 10)],
        # Shown in the key bar beside "Open" while the paper has an arXiv id (_show_keys).
        Binding("p", "open_page('pdf')", "Open PDF", show=False,
                tooltip="Open the PDF; without an arXiv id, search arXiv for the title"),
        Binding("a", "open_page('abstract')", "Open arXiv page", show=False,
                tooltip="Open the arXiv abstract page; without an id, search arXiv"),
        Binding("H", "open_page('hugging_face')", "Open Hugging Face page", show=False,
                tooltip="Open the Hugging Face page; without an arXiv id, search arXiv"),
        Binding("y", "copy", "Copy", show=False, tooltip="Copy title and link"),
        Binding("u", "undo", "Undo", show=False),
        Binding("ctrl+r", "redo", "Redo", show=False),
        Binding("S", "cycle_sort", "Sort", show=False, tooltip="Cycle the sort order"),
        Binding("R", "mark_visible_read", "Read all shown", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    class Filtered(Message):
        """A filter worker finished (possibly for a query the user has typed past)."""

        def __init__(self, outcome: FilterOutcome) -> None:
            super().__init__()
            self.outcome = outcome

    def __init__(self, *, classes: str | None = None) -> None:
        super().__init__(classes=classes)
        self._filter = FilterController(
            self,
            papers=lambda: self.papers,
            store=lambda: self.store,
            ready_engine=lambda: self.deck.ready_engine,
            search_in_worker=self._search_in_worker,
            set_timer=self.set_timer,
        )
        # Laying out a long abstract costs more than a key-repeat interval: a held j must
        # not queue up detail redraws.
        self._detail = Throttle(DETAIL_INTERVAL, self._show_detail, self.set_timer)

    # ---- shortcuts to the app's data ---------------------------------------------------------

    @property
    def deck(self) -> PaperdeckApp:
        """The app, typed: the library, store and query engine this screen shows."""
        return cast("PaperdeckApp", self.app)

    @property
    def papers(self) -> list[Paper]:
        return self.deck.library.papers

    @property
    def store(self) -> StateStore:
        return self.deck.store

    @property
    def paper_list(self) -> PaperList:
        return self.query_one(PaperList)

    @property
    def current_paper(self) -> Paper | None:
        index = self.paper_list.current_index
        return None if index is None else self.papers[index]

    @property
    def filter_text(self) -> str:
        """The query of the papers shown: an invalid query typed after it leaves them shown."""
        return self._filter.shown_text

    @property
    def sort_mode(self) -> str:
        return self._filter.sort

    def visible_papers(self) -> list[Paper]:
        """The papers shown, in the order shown (for R, and for the export dialog)."""
        papers = self.papers
        return [papers[i] for i in self.paper_list.rows]

    # ---- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield FilterBar(id="filter-bar")
        with Horizontal(id="panes"):
            yield PaperList(self.papers, self.store.get, id="paper-list")
            yield DetailPane(id="detail-pane")
        yield StatusLine(id="status-line")
        yield KeyBar(id="key-bar")

    def on_mount(self) -> None:
        self._filter.use_saved_sort(self.deck.saved_sort)
        self.paper_list.focus()
        self.paper_list.set_rows(self._filter.unfiltered_rows(),
                                 empty_message=self._empty_message())
        self._update_counts()
        self._show_keys()

    # ---- filtering ----------------------------------------------------------------------------

    @on(FilterInput.Changed, "#filter-input")
    def _filter_changed(self, event: FilterInput.Changed) -> None:
        self._filter.text_changed(event.input.value)  # the latest: a burst queues several

    def apply_filter_now(self) -> None:
        """Enter in the filter: its results are shown before the next key acts."""
        self._filter.apply_now(self.query_one(FilterInput).value)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False)
    def _search_in_worker(self, request: SearchRequest) -> None:
        outcome = search_reporting_errors(self.deck.engine, request)  # waits for the index
        self.post_message(self.Filtered(outcome))

    @on(Filtered)
    def _filtered(self, event: Filtered) -> None:
        self._filter.accept(event.outcome)

    def show_results(self, rows: list[int], spans_of: Callable[[int], list[tuple[int, int]]] | None,
                     keep_paper: bool) -> None:
        """FilterView: the list shows a query's rows."""
        self.query_one(FilterBar).remove_class("-error")
        self.paper_list.set_rows(rows, spans_of=spans_of, empty_message=self._empty_message(),
                                 keep_paper=keep_paper)
        self._update_counts()

    def hold_query_error(self) -> None:
        """FilterView: still typing, maybe; the bar shows the last good count meanwhile."""
        self.query_one(FilterBar).remove_class("-error")
        self._update_counts()

    def show_query_error(self, message: str) -> None:
        """FilterView: the bar says why the query typed is not valid."""
        bar = self.query_one(FilterBar)
        bar.add_class("-error")
        bar.set_error(message)

    def _empty_message(self) -> str:
        if not self.papers:
            return "No papers yet — quit (q) and run `paperdeck DIGEST.txt` to import a digest"
        if shown := self._filter.shown_text.strip():
            return f"No papers match '{shown}' — Esc clears the filter"
        return "No papers"

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, FilterInput):
            self.deck.build_engine_soon()  # typing comes next
        self._show_keys()

    def _show_keys(self) -> None:
        """The key bar: the shown bindings, or while typing a filter, how to leave it."""
        if isinstance(self.focused, FilterInput):
            entries = FILTER_KEYS
        else:
            entries = shown_keys(("", self.BINDINGS), ("app.", self.app.BINDINGS))
            paper = self.current_paper
            if paper is not None and paper.arxiv_id:
                after = next((i + 1 for i, entry in enumerate(entries)
                              if entry[2] == "open_link(1)"), len(entries))
                entries[after:after] = PAGE_KEYS
        self.query_one(KeyBar).show_keys(entries, trailer="^p palette",
                                         trailer_action="app.command_palette",
                                         optional=frozenset(entry[2] for entry in PAGE_KEYS))

    def action_focus_list(self) -> None:
        self.paper_list.focus()

    @on(FilterInput.Left)
    def _filter_left(self, event: FilterInput.Left) -> None:
        # At once (set_focus, not focus(), which defers): the input holds the keys typed
        # behind Enter until this has run, and they are shortcuts for these results.
        event.stop()
        self.apply_filter_now()
        self.set_focus(self.paper_list)

    @on(SearchRequested)
    def _search_requested(self, event: SearchRequested) -> None:
        event.stop()
        self.action_focus_filter()

    # ---- keeping the panes in step ------------------------------------------------------------

    @on(PaperList.Highlighted)
    def _highlighted(self, event: PaperList.Highlighted) -> None:
        self._detail.request()

    def _show_detail(self) -> None:
        paper = self.current_paper
        state = self.store.get(paper.id) if paper else None
        self.query_one(DetailPane).show(paper, state, self._empty_message())
        self._show_keys()  # p and a are offered for papers with an arXiv id

    def _update_counts(self) -> None:
        store = self.store
        ids = self.deck.paper_ids
        total = len(self.papers)
        self.query_one(FilterBar).set_count(len(self.paper_list.rows), total)
        self.query_one(StatusLine).set_progress(
            read=len(store.read_ids() & ids),
            total=total,
            starred=len(store.starred_ids() & ids),
            sort_label=sort_label(self._filter.sort, self._filter.free_text),
            readonly=bool(store.readonly),
        )

    def library_changed(self) -> None:
        """The library was read again (another paperdeck imported): the same papers stay
        shown, the cursor on its paper, and the filter runs again to take in the new ones."""
        self.paper_list.set_papers(self.papers, self.deck.library.positions())
        self._update_counts()
        self._filter.search_again()

    def show_activity(self, text: str, *, clear_after: float | None = None) -> None:
        """The status line says what runs in the background (F's fetch), or its result."""
        self.query_one(StatusLine).set_activity(text, clear_after=clear_after)

    def state_changed(self) -> None:
        """Redraw rows, detail and counts after the store changed."""
        self.paper_list.refresh_rows()
        self._detail.now()
        self._update_counts()

    def _change(self, change: Callable[[], object]) -> bool:
        """Run a store change; errors (read-only, bad tag) become notifications."""
        try:
            change()
        except PaperdeckError as exc:
            self.app.notify(clean(str(exc)), severity="error", markup=False)
            return False
        self.state_changed()
        return True

    def _need_paper(self) -> Paper | None:
        paper = self.current_paper
        if paper is None:
            self.app.notify("No paper selected", severity="warning", markup=False)
        return paper

    def _need_editable_paper(self) -> Paper | None:
        """The paper to edit notes/tags of; None (and why) when there is none or no saving."""
        paper = self._need_paper()
        if paper is not None and self.store.readonly:
            lock_error = self.store.lock_error
            why = (f"Read-only: {lock_error}" if lock_error
                   else "Read-only: another paperdeck holds the state; quit it to edit")
            self.app.notify(clean(why, single_line=True), severity="error", markup=False)
            return None
        return paper

    # ---- actions ------------------------------------------------------------------------------

    def action_focus_filter(self) -> None:
        # set_focus now, not focus() (which defers): keys typed right after "/" are already
        # queued and must land in the filter, not fire as shortcuts.
        self.set_focus(self.query_one(FilterInput))

    def action_clear_filter(self) -> None:
        filter_input = self.query_one(FilterInput)
        if filter_input.value:
            filter_input.value = ""  # Changed re-runs the (now empty) filter

    def action_toggle_read(self) -> None:
        if paper := self._need_paper():
            read = self.store.get(paper.id).read
            self._change(lambda: self.store.set_read([paper.id], not read))

    def action_toggle_star(self) -> None:
        if paper := self._need_paper():
            starred = self.store.get(paper.id).starred
            self._change(lambda: self.store.set_starred([paper.id], not starred))

    def action_read_and_next(self) -> None:
        paper = self._need_paper()
        if paper is None:
            return
        if not self.store.get(paper.id).read and not self._change(
            lambda: self.store.set_read([paper.id], True)
        ):
            return
        rows, cursor = self.paper_list.rows, self.paper_list.cursor
        read_ids = self.store.read_ids()
        order = [*range(cursor + 1, len(rows)), *range(0, cursor)]
        for row in order:
            if self.papers[rows[row]].id not in read_ids:
                self.paper_list.move_cursor(row)
                return
        self.app.notify(ALL_READ, markup=False)

    def action_edit_notes(self) -> None:
        if paper := self._need_editable_paper():
            paper_dialogs.edit_notes(self.deck, paper, self._change)

    def action_edit_notes_external(self) -> None:
        paper = self._need_editable_paper()
        if paper is None:
            return
        state = self.store.get(paper.id)
        # In a conflict every version goes to the editor, as in the dialog; an edited text
        # resolves it (one left as it was is not a merge: the conflict stays).
        old = conflict_draft(state.conflict) if state.conflict else state.notes
        new = edit_in_editor(self.app, old)
        if new is not None and new != old:
            self._change(lambda: self.store.set_notes(paper.id, new,
                                                      label=short_title(paper.title)))

    def action_edit_tags(self) -> None:
        if paper := self._need_editable_paper():
            paper_dialogs.edit_tags(self.deck, paper, self._change)

    def action_open_link(self, number: int) -> None:
        paper = self._need_paper()
        if paper is None:
            return
        if not 1 <= number <= len(paper.links):
            self.app.notify(links_held(len(paper.links)), severity="warning", markup=False)
            return
        open_link(self.app, paper.links[number - 1].url)

    def action_open_page(self, page: str) -> None:
        """p, a, H: the paper's PDF, arXiv page or Hugging Face page, as `o` opens a link."""
        if paper := self._need_paper():
            open_link(self.app, PAGES[page](paper))

    def action_copy(self) -> None:
        paper = self._need_paper()
        if paper is None:
            return
        text = paper.title + (f"\n{paper.links[0].url}" if paper.links else "")
        self.app.copy_to_clipboard(text)
        # OSC 52 fails silently on some terminals: show the text so it can be selected.
        self.app.notify(clean(text), title="Copied (select here if your terminal ignored it)",
                        markup=False)

    def action_undo(self) -> None:
        self._history(self.store.undo, "Undid", "Nothing to undo")

    def action_redo(self) -> None:
        self._history(self.store.redo, "Redid", "Nothing to redo")

    def _history(self, step: Callable[[], str | None], verb: str, nothing: str) -> None:
        try:
            done = step()
        except PaperdeckError as exc:
            self.app.notify(clean(str(exc)), severity="error", markup=False)
            return
        if done is None:
            self.app.notify(nothing, markup=False)
            return
        self.state_changed()
        self.app.notify(clean(f"{verb}: {done}"), markup=False)

    def action_cycle_sort(self) -> None:
        sort = self._filter.cycle_sort()
        self.deck.remember_sort(sort)
        self._update_counts()
        self.app.notify(f"Sort: {sort_label(sort, self._filter.free_text)}", markup=False,
                        timeout=2)

    def action_mark_visible_read(self) -> None:
        read_ids = self.store.read_ids()
        unread = [paper.id for paper in self.visible_papers() if paper.id not in read_ids]
        if not unread:
            self.app.notify(ALL_READ, markup=False)
            return
        paper_dialogs.confirm_mark_read(self.deck, unread, self._change)
