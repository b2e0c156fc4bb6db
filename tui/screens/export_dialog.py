"""The export dialog (`e`): format, scope, file path or clipboard; confirms before overwriting."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Select, Static

from tui.core.errors import PaperdeckError
from tui.core.export import (
    FORMATS,
    default_filename,
    format_for_path,
    path_with_format,
    render,
    write_export,
)
from tui.core.export.place import DEFAULT_FORMAT, proposed_export, shown_path
from tui.core.model import Paper, PaperState
from tui.key_order import OrderedInput
from tui.screens.confirm_dialog import ConfirmDialog
from tui.screens.css import DIALOG_CSS
from tui.widgets.literal import clean

Items = list[tuple[Paper, PaperState]]

# (id, label, query text put in the Markdown heading; None = the current filter)
SCOPES: tuple[tuple[str, str, str | None], ...] = (
    ("filter", "Current filter", None),
    ("starred", "Starred", "is:starred"),
    ("unread", "Unread", "is:unread"),
    ("all", "All", ""),
)


@dataclass(frozen=True)
class ExportOutcome:
    count: int
    path: Path | None  # None: copied to the clipboard
    fmt: str = DEFAULT_FORMAT


class ExportDialog(ModalScreen[ExportOutcome | None]):
    """Dismisses with what was exported, or None when cancelled."""

    # Its layout is in styles/dialogs.tcss: a DEFAULT_CSS here loses to the `.dialog` rules there.
    CSS_PATH: ClassVar = DIALOG_CSS
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel", priority=True),
        # Not a priority binding: that ran before the Input had typed the letters queued ahead
        # of it, so "path + ctrl+s" in one burst exported to the old path. As a plain binding it
        # reaches the screen behind them (no widget here binds ctrl+s itself).
        Binding("ctrl+s", "export", "Export"),
    ]

    def __init__(
        self,
        scope_items: Callable[[str], Items],
        *,
        filter_text: str = "",
        folder: Path | None = None,
        fmt: str = DEFAULT_FORMAT,
        today: date | None = None,
        library: Callable[[], Sequence[Paper]] | None = None,  # citation keys are the library's
    ) -> None:
        super().__init__(classes="dialog-screen")
        self._scope_items = scope_items
        self._library = library
        self._filter_text = filter_text
        self._folder, self._start_format = proposed_export(str(folder or ""), fmt)
        self._today = today or date.today()
        self._default_path = self._path_for(self._start_format)

    def _path_for(self, fmt: str) -> str:
        return shown_path(self._folder / default_filename(fmt, self._today))

    def compose(self) -> ComposeResult:
        # Scrolls on small terminals; ctrl+s exports from anywhere in it.
        with VerticalScroll(classes="dialog", id="export-dialog"):
            yield Static(Text("Export papers"), classes="dialog-title")
            yield Label("Format")
            yield Select(
                [(f"{name} — {exp.description}", name) for name, exp in FORMATS.items()],
                value=self._start_format,
                allow_blank=False,
                id="export-format",
            )
            yield Label("Papers")
            with RadioSet(id="export-scope"):
                for index, (scope, label, _query) in enumerate(SCOPES):
                    if scope == "filter" and self._filter_text:
                        label = f"Filter: {_cut(clean(self._filter_text, single_line=True))}"
                    yield RadioButton(Text(label), value=index == 0, id=f"scope-{scope}")
            yield Label("File")
            yield OrderedInput(self._default_path, id="export-path")
            with Horizontal(id="export-actions"):
                yield Checkbox("Clipboard instead (md)", id="export-clipboard",
                               disabled=self._start_format != "md")
                yield Button("Export ^s", variant="primary", id="export-go")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-format", Select).focus()

    # ---- reading the form -----------------------------------------------------------------------

    @property
    def fmt(self) -> str:
        return str(self.query_one("#export-format", Select).value)

    @property
    def scope(self) -> str:
        return SCOPES[max(0, self.query_one("#export-scope", RadioSet).pressed_index)][0]

    @property
    def to_clipboard(self) -> bool:
        return self.fmt == "md" and self.query_one("#export-clipboard", Checkbox).value

    def _query_text(self) -> str:
        query = dict((scope, q) for scope, _label, q in SCOPES)[self.scope]
        return self._filter_text if query is None else query

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        path_input = self.query_one("#export-path", Input)
        # Follow the format with the file name, unless the user typed their own.
        if path_input.value == self._default_path:
            self._default_path = self._path_for(self.fmt)
            path_input.value = self._default_path
        else:
            # A typed "list.bib", then CSV chosen, wrote CSV into list.bib: a suffix of ours
            # follows the format; the user's own (list.txt) is kept.
            path_input.value = path_with_format(path_input.value, self.fmt)
        self.query_one("#export-clipboard", Checkbox).disabled = self.fmt != "md"
        path_input.disabled = self.to_clipboard

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        # A typed "list.bib" with Markdown still chosen wrote Markdown into a .bib file: the
        # format follows a suffix of ours, by the rule `export -o` uses (.json json,
        # .csl.json csljson); a chosen format writing that suffix (csv-excel for .csv) stays.
        wanted = format_for_path(event.value.strip())
        if wanted and FORMATS[wanted].extension != FORMATS[self.fmt].extension:
            self.query_one("#export-format", Select).value = wanted

    @on(Checkbox.Changed, "#export-clipboard")
    def _clipboard_changed(self, event: Checkbox.Changed) -> None:
        self.query_one("#export-path", Input).disabled = self.to_clipboard

    # ---- actions ------------------------------------------------------------------------------

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        formats = self.query_one("#export-format", Select)
        if formats.expanded:  # Esc closes the open format list, not the whole dialog
            formats.expanded = False
            formats.focus()
            return
        self.dismiss(None)

    @on(Button.Pressed, "#export-go")
    @on(Input.Submitted, "#export-path")
    def action_export(self) -> None:
        items = self._scope_items(self.scope)
        if self.to_clipboard:
            self.app.copy_to_clipboard(render("md", items, query=self._query_text(),
                                              library=self._library_papers()))
            self._done(len(items), None)
            return
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._fail("Give a file name to export to")
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._fail(f"{path} is a directory; give a file name")
        elif path.exists():

            def decided(overwrite: bool | None) -> None:
                if overwrite:
                    self._write(items, path, force=True)

            self.app.push_screen(
                ConfirmDialog(clean(f"{path} exists. Overwrite it?"), yes="Overwrite", no="Keep"),
                decided,
            )
        else:
            self._write(items, path, force=False)

    def _write(self, items: Items, path: Path, *, force: bool) -> None:
        try:
            report = write_export(self.fmt, items, path, force=force, query=self._query_text(),
                                  library=self._library_papers())
        except PaperdeckError as exc:
            self._fail(str(exc))
            return
        self._done(report.count, report.path)

    def _library_papers(self) -> Sequence[Paper] | None:
        return self._library() if self._library is not None else None

    def _done(self, count: int, path: Path | None) -> None:
        noun = "paper" if count == 1 else "papers"
        where = "the clipboard" if path is None else str(path)
        message = f"Exported {count} {noun} to {where}"
        if count == 0:
            message += " (nothing matched: the document is empty)"
        # Paths and titles are data: markup=False so "[" in a file name stays literal.
        # The clipboard goes through OSC 52, which some terminals ignore without a word.
        title = "Needs a terminal with OSC 52 clipboard support" if path is None else ""
        self.app.notify(
            clean(message),
            title=title,
            severity="warning" if count == 0 else "information",
            markup=False,
        )
        self.dismiss(ExportOutcome(count, path, self.fmt))

    def _fail(self, message: str) -> None:
        self.app.notify(clean(message), title="Export failed", severity="error", markup=False)


# The four scopes share one row of the 76-column dialog (80x24): the filter's text gets what
# the other three leave.
FILTER_CELLS = 24


def _cut(text: str, cells: int = FILTER_CELLS) -> str:
    if cell_len(text) <= cells:
        return text
    return set_cell_size(text, cells - 1) + "…"


def app_scope_items(app) -> Callable[[str], Items]:  # type: ignore[no-untyped-def]
    """The papers each scope means in the running app, with the user's state."""

    def items_for(scope: str) -> Items:
        store = app.store
        if scope == "filter":
            papers = app.main_screen.visible_papers()
        elif scope == "starred":
            starred = store.starred_ids()
            papers = [p for p in app.library.papers if p.id in starred]
        elif scope == "unread":
            read = store.read_ids()
            papers = [p for p in app.library.papers if p.id not in read]
        else:
            papers = list(app.library.papers)
        return [(paper, store.get(paper.id)) for paper in papers]

    return items_for


def export_dialog_for(app) -> ExportDialog:  # type: ignore[no-untyped-def]
    folder, fmt = app.last_export
    return ExportDialog(app_scope_items(app), filter_text=app.main_screen.filter_text,
                        folder=Path(folder) if folder else None, fmt=fmt,
                        library=lambda: app.library.papers)
