"""Triage at a glance: totals, progress, papers per digest date, top tags."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, ProgressBar, Static

from tui.core.library import papers_per_digest
from tui.core.model import Paper
from tui.screens.css import STATS_CSS
from tui.widgets.bar_chart import BarChart

DATES_SHOWN = 14
TAGS_SHOWN = 10


class StatsScreen(Screen[None]):
    CSS_PATH: ClassVar = STATS_CSS
    BINDINGS: ClassVar = [Binding("escape,q,T", "app.pop_screen", "Back")]

    def __init__(
        self,
        papers: Sequence[Paper],
        read_ids: set[str],
        starred_ids: set[str],
        noted_ids: set[str],
        tag_counts: Counter[str],
    ) -> None:
        super().__init__()
        ids = {paper.id for paper in papers}
        self._total = len(papers)
        self._read = len(read_ids & ids)
        self._starred = len(starred_ids & ids)
        self._noted = len(noted_ids & ids)
        self._dates = list(papers_per_digest(papers).items())
        self._tags = tag_counts.most_common(TAGS_SHOWN)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats"):
            yield Static(Text("Triage statistics"), classes="stats-title")
            with Horizontal(id="stats-totals"):
                for label, value in (
                    ("papers", self._total),
                    ("read", self._read),
                    ("unread", self._total - self._read),
                    ("starred", self._starred),
                    ("with notes", self._noted),
                ):
                    with Vertical(classes="stat-box"):
                        yield Static(Text(f"{value:,}"), classes="stat-value")
                        yield Static(Text(label), classes="stat-label")
            percent = round(100 * self._read / self._total) if self._total else 0
            yield Static(Text(f"Triage progress — {self._read:,} of {self._total:,} read"
                              f" ({percent}%)"), classes="stats-heading")
            bar = ProgressBar(total=max(1, self._total), show_eta=False, id="triage-progress")
            bar.progress = self._read
            yield bar
            digests = f"{len(self._dates)} digest" + ("" if len(self._dates) == 1 else "s")
            yield Static(Text(f"Papers per digest date ({digests})"), classes="stats-heading")
            yield BarChart(self._dates[-DATES_SHOWN:], empty="no digests yet", id="dates-chart")
            yield Static(Text("Top tags"), classes="stats-heading")
            yield BarChart(self._tags, empty="no tags yet — press t on a paper to add some",
                           id="tags-chart")
        yield Footer()
