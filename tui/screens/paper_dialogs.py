"""The dialogs the triage keys open (n, t, R): what each is given, and what its answer changes.

Each answer becomes one store change through `change`, the screen's way to run one (its
errors become notifications, the panes are redrawn). A dialog closed with the terminal keeps
its text as a draft (tui/core/drafts.py), offered back by the next dialog on that paper; a
dialog's answer, saved or discarded, drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core.drafts import drop_draft, find_draft
from tui.core.model import Paper
from tui.core.state.conflict_text import conflict_draft
from tui.widgets.literal import short_title

if TYPE_CHECKING:
    from tui.app import PaperdeckApp

Change = Callable[[Callable[[], object]], bool]  # runs a store change; False if it failed


def edit_notes(app: PaperdeckApp, paper: Paper, change: Change) -> None:
    from tui.screens.notes_dialog import NotesDialog  # dialogs load when first used

    store = app.store

    state = store.get(paper.id)
    # Notes in conflict: every version, one under the other, to merge by hand; saving resolves.
    shown = conflict_draft(state.conflict) if state.conflict else state.notes

    def saved(notes: str | None) -> None:
        drop_draft(app.home, NotesDialog.draft_kind, paper.id)  # saved or discarded
        now = store.get(paper.id)
        if notes is not None and (notes != now.notes or now.conflict):
            change(lambda: store.set_notes(paper.id, notes, label=short_title(paper.title)))

    draft = find_draft(app.home, NotesDialog.draft_kind, paper.id)
    app.push_screen(NotesDialog(paper.title, shown, paper.id, draft), saved)


def edit_tags(app: PaperdeckApp, paper: Paper, change: Change) -> None:
    from tui.screens.tags_dialog import TagsDialog

    store = app.store
    old = store.get(paper.id).tags
    known = [tag for tag, _count in store.tag_counts().most_common()]

    def saved(tags: list[str] | None) -> None:
        drop_draft(app.home, TagsDialog.draft_kind, paper.id)  # saved or discarded
        if tags is None or set(tags) == set(old):
            return
        # One undo step for the whole dialog.
        change(lambda: store.set_tags(paper.id, tags, label=short_title(paper.title)))

    draft = find_draft(app.home, TagsDialog.draft_kind, paper.id)
    app.push_screen(TagsDialog(paper.title, old, known, paper.id, draft), saved)


def confirm_mark_read(app: PaperdeckApp, unread: list[str], change: Change) -> None:
    """R: mark these shown, unread papers read, once the user says yes."""
    from tui.screens.confirm_dialog import ConfirmDialog

    noun = "paper" if len(unread) == 1 else "papers"

    def confirmed(yes: bool | None) -> None:
        if yes and change(lambda: app.store.set_read(unread, True)):
            app.notify(f"Marked {len(unread):,} {noun} read (u undoes)", markup=False)

    app.push_screen(ConfirmDialog(f"Mark {len(unread):,} shown unread {noun} as read?"),
                    confirmed)
