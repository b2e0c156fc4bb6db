"""SVG snapshots of the main screen: the list and detail pane, filtering, sorting, sizes.

Dialogs and other screens are in test_snapshots_dialogs.py, error states in
test_snapshots_errors.py. Update after an intended change with:
pytest tests/tui/test_snapshots*.py --snapshot-update, then look at the SVGs that changed.
"""

from __future__ import annotations

from pathlib import Path

from tests.support.snapshot_scenes import (
    Size,
    SnapCompare,
    after,
    both_sizes,
    filtering,
    papers_with_meta,
    pressing,
    steady,
    triaged,
)
from tests.support.tui_helpers import app_with_papers, seeded_app
from tui.app import PaperdeckApp


@both_sizes
def test_main_screen(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """Read, starred, noted and tagged papers; the cursor on the noted one."""
    assert snap_compare(digest_app, terminal_size=size, run_before=after(triaged, steady))


@both_sizes
def test_filter_with_results(snap_compare: SnapCompare,
                             digest_app: PaperdeckApp, size: Size) -> None:
    """`/pipeline` Enter: the matches, the count, and focus back in the list."""
    scene = after(triaged, filtering("pipeline"))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_filter_while_typing(snap_compare: SnapCompare,
                             digest_app: PaperdeckApp, size: Size) -> None:
    """`/is:starred` still in the filter: the matches so far, the cursor in the filter."""
    scene = after(triaged, filtering("is:starred", enter=False))
    assert snap_compare(digest_app, terminal_size=size, run_before=scene)


@both_sizes
def test_sort_changed(snap_compare: SnapCompare, digest_app: PaperdeckApp, size: Size) -> None:
    """`S` once: the next sort order, in the status line and a notice."""
    assert snap_compare(digest_app, terminal_size=size, run_before=after(triaged, pressing("S")))


@both_sizes
def test_detail_pane_focused(snap_compare: SnapCompare,
                             digest_app: PaperdeckApp, size: Size) -> None:
    """Tab moves focus from the list to the detail pane."""
    assert snap_compare(digest_app, terminal_size=size, run_before=after(triaged, pressing("tab")))


def test_narrow_terminal(snap_compare: SnapCompare, digest_app: PaperdeckApp) -> None:
    """Narrower than the design card's 80 columns: nothing overlaps, the key bar is cut."""
    assert snap_compare(digest_app, terminal_size=(60, 18), run_before=after(triaged, steady))


@both_sizes
def test_bundled_digest_on_a_fresh_home(snap_compare: SnapCompare, place: Path,
                                        size: Size) -> None:
    """A first start: the bundled digest imported, nothing read yet."""
    app = seeded_app(place)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@both_sizes
def test_paper_with_full_metadata(snap_compare: SnapCompare, place: Path, size: Size) -> None:
    """A paper from the Hugging Face API: authors, arXiv id and dates, upvotes and comments,
    code with stars, project page, keywords; `p PDF` in the key bar where there is room."""
    app = app_with_papers(place, papers_with_meta())
    assert snap_compare(app, terminal_size=size, run_before=steady)


@both_sizes
def test_paper_with_forty_authors(snap_compare: SnapCompare, place: Path, size: Size) -> None:
    """Forty authors: the first four and "et al. (40)" under the title."""
    app = app_with_papers(place, papers_with_meta())
    assert snap_compare(app, terminal_size=size, run_before=pressing("j", delay=0.2))


@both_sizes
def test_forty_authors_all_at_the_end(snap_compare: SnapCompare, place: Path,
                                      size: Size) -> None:
    """Tab to the detail pane and G: every author, after the abstract."""
    app = app_with_papers(place, papers_with_meta())
    scene = after(pressing("j", delay=0.2), pressing("tab", "G"))
    assert snap_compare(app, terminal_size=size, run_before=scene)
