"""The ? screen: every key, and the filter syntax."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.css import DIALOG_CSS

FILTER_HELP = [
    ("words", "fuzzy match on title and abstract, best first"),
    ('"a phrase"', "exact phrase"),
    ("is:read is:unread", "read state (also is:starred, is:unstarred, is:new)"),
    ("has:notes has:code", "also has:links, has:tags"),
    ("tag:NAME", "papers with that tag"),
    ('title:WORD title:"a phrase"', "search the title only (also abstract:)"),
    ("author:NAME", "any author; accents and typos forgiven"),
    ('author:"ada lovelace"', "both words in one author's name"),
    ("id:2503.01234", "arXiv id or link (or paste it alone)"),
    ("upvotes:>=10 year:2025", "also >, <, <=, ="),
    ("starred:yesterday", "when starred (also read:, seen:)"),
    ("read:7d seen:today", "your local days; or 2026-03-01, >=…"),
    ("-term", "negate any term"),
    ("a OR b", "either term"),
]


ROW_MARKERS = [
    ("●", "unread"),
    ("★", "starred"),
    ("✎", "has notes"),
    ("</>", "has a code link"),
]


class HelpScreen(ModalScreen[None]):
    CSS_PATH: ClassVar = DIALOG_CSS
    BINDINGS: ClassVar = [
        Binding("escape,q,question_mark", "app.pop_screen", "Close"),
        Binding("j", "scroll('down')", show=False),
        Binding("k", "scroll('up')", show=False),
        Binding("g", "scroll('home')", show=False),
        Binding("G", "scroll('end')", show=False),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog-screen")
        self._keys = keys

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 2))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, description in self._keys:
            keys.add_row(Text(key), Text(description))
        syntax = Table.grid(padding=(0, 2))
        syntax.add_column(style="bold", no_wrap=True)
        syntax.add_column()
        for example, meaning in FILTER_HELP:
            syntax.add_row(Text(example), Text(meaning))
        markers = Table.grid(padding=(0, 2))
        markers.add_column(style="bold", no_wrap=True)
        markers.add_column()
        for marker, meaning in ROW_MARKERS:
            markers.add_row(Text(marker), Text(meaning))
        with VerticalScroll(classes="dialog", id="help-dialog"):
            yield Static(Text("Keys"), classes="dialog-title")
            yield Static(keys)
            yield Static(Text("Row markers"), classes="dialog-title")
            yield Static(markers)
            yield Static(Text("Filter ( / )"), classes="dialog-title")
            yield Static(syntax)
            yield Static(Text("Esc closes · Ctrl+P lists every command"), classes="dialog-hint")

    def action_scroll(self, where: str) -> None:
        pane = self.query_one("#help-dialog", VerticalScroll)
        {"down": pane.scroll_down, "up": pane.scroll_up,
         "home": pane.scroll_home, "end": pane.scroll_end}[where](animate=False)
